export default {
	async load () {
		await listOrders.run();
		return listOrders.data;
	},
	async cancel (id) {
		await updateOrder.run({ id, status: "cancelled" });
		showAlert("Order " + id + " cancelled", "success");
		return updateOrder.data;
	},
	statusLabel () {
		return StatusSelect.selectedOptionLabel || "All";
	},
}
