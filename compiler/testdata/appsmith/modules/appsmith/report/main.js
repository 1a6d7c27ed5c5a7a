export default {
	title: "Sales",
	heading: this.title + " report",
	rows: getSales.data,
	currency: "€",
	byTeam: (rows) => _.groupBy(rows, "team"),
	totals: (rows) => _.mapValues(_.groupBy(rows, "team"), (list) => _.sumBy(list, "amount")),
	day: (iso) => moment.utc(iso).format("dddd D MMMM YYYY, HH:mm"),
	ago: (iso, now) => moment.utc(iso).from(moment.utc(now)),
	pages: (list) => window._.chunk(list, 2).length + globalThis.moment.utc(0).year(),
	money: (n) => tinyfmt.money(n, this.currency),
	xml: (text) => xmlParser.parse(text, { ignoreAttributes: false, attributeNamePrefix: "@" }),
	digest: (text) => forge.md.sha256.create().update(text, "utf8").digest().toHex(),
	async load() {
		const rows = await getSales.run();
		const totals = this.totals(rows);
		await storeValue("lastTotals", totals);
		return Object.keys(totals).sort().map((team) => `${team}: ${this.money(totals[team])}`);
	},
	async reset() {
		await getSales.run();
		await getSales.clear();
		return [getSales.data === undefined, this.heading];
	},
};
