export default {
	formatPrice (cents, currency = "EUR") {
		return (cents / 100).toFixed(2) + " " + currency;
	},
	today: () => moment().format("YYYY-MM-DD"),
}