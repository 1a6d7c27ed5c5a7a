export default {
	baseUrl: "https://api.example.io/v1/orders",

	// Builds the link of a filtered, paged list.
	listUrl(filters, page = 1) {
		const params = new URLSearchParams();
		Object.entries(filters).forEach(([k, v]) => {
			if (v !== undefined && v !== "") params.append(k, v);
		});
		params.set("page", page);
		return `${this.baseUrl}?${params.toString()}`;
	},

	// The id in the page's URL, if any.
	pageId: () => new URL(appsmith.URL.fullPath).searchParams.get("id"),

	// Reads and rewrites a link's query.
	relink(link) {
		const u = new URL(link);
		const tab = u.searchParams.get("tab");
		u.searchParams.delete("tab");
		u.searchParams.append("view", tab ?? "all");
		u.hash = "top";
		return { host: u.host, path: u.pathname, tab, href: u.href, origin: u.origin };
	},

	search: async (q) => {
		await api_search.run({ q, page: 2 });
		return api_search.data.hits;
	},

	newId() {
		const id = crypto.randomUUID();
		return /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id) && id !== crypto.randomUUID();
	},

	randomBytes: (n) => Array.from(crypto.getRandomValues(new Uint8Array(n))).every((b) => b >= 0 && b < 256),

	tooMuchEntropy: () => crypto.getRandomValues(new Uint8Array(65537)),

	digest: () => crypto.subtle.digest("SHA-256", new TextEncoder().encode("x")),

	csvSize(rows) {
		const csv = rows.map((r) => r.join(",")).join("\n");
		return new Blob([csv], { type: "text/csv" }).size;
	},

	async csvBack(rows) {
		const blob = new Blob([rows.map((r) => r.join(",")).join("\n")], { type: "Text/CSV" });
		return { text: await blob.text(), type: blob.type, bytes: (await blob.arrayBuffer()).byteLength };
	},

	utf8Length: (s) => new TextEncoder().encode(s).length,

	roundTrip: (s) => new TextDecoder().decode(new TextEncoder().encode(s)),

	page: () => [window.location.href, window.location.origin, window.location.pathname, String(window.location)],

	browser: () => ({ lang: navigator.language, languages: navigator.languages, ua: navigator.userAgent, online: navigator.onLine, clipboard: typeof navigator.clipboard }),

	sameGlobals: () => window.navigator === navigator && window.document === document && window.crypto === crypto && typeof window.URL,

	openTab: (url) => window.open(url, "_blank"),

	title: () => {
		document.title = "Orders";
		return [document.title, document.cookie, document.readyState];
	},

	findInput: () => document.getElementById("email").value,

	deleteRows(rows) {
		if (!confirm(`Delete ${rows.length} rows?`)) return 0;
		alert("Deleted");
		return rows.length;
	},

	copy(v) {
		const c = structuredClone(v);
		c.list.push(4);
		return [v.list.length, c.list.length, c.when instanceof Date];
	},

	withDate: () => structuredClone({ when: new Date(0), list: [1, 2, 3] }).when.toISOString(),

	async order() {
		const seen = [];
		queueMicrotask(() => seen.push("microtask"));
		seen.push("sync");
		await null;
		return seen;
	},
};
