export default {
	lastQuery: "",
	async search () {
		this.lastQuery = SearchInput.text;
		await searchProducts.run();
		return searchProducts.data;
	},
	slug (name) {
		return slugify(name, { lower: true });
	},
	pick (row) {
		storeValue("picked", row ? row.id : null);
		return Products.selectedRow;
	},
	count: () => (searchProducts.data || []).length,
	priceOf (row) {
		return utils.formatPrice(row.price);
	},
}
