export default {
	refresh() {
		return refresh.run({ id: 7 });
	},
};
