export default {
	// ===== état =====
	état: "prêt",
	// -----------------------------------
	// const old = Api1.data;
	/** Le nombre d'articles. */
	数量: 3,
	année: () => 2024,
	résumé() {
		return `${this.état} ${this.数量} ${this.année()}`;
	},
	hasDayjs: () => typeof dayjs !== "undefined",
	price: (n, locale, currency) => new Intl.NumberFormat(locale, { style: "currency", currency }).format(n),
	day: (iso, locale) => new Date(iso).toLocaleDateString(locale, { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" }),
	sortNames: (names, locale) => [...names].sort((a, b) => a.localeCompare(b, locale)),
	letters: (s) => s.match(/\p{L}+/gu),
};
