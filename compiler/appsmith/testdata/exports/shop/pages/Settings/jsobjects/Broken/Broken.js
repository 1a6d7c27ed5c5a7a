export default {
	total () {
		return Catalog.count() + Orders.load.data.length;
	},
}
