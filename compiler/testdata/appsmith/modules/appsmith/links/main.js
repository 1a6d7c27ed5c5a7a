export default {
	api: "https://api.example.com/v2/",

	// The link of a filtered list, for a Table's "next page" button.
	listLink(filters, page) {
		const u = new URL("orders", this.api);
		Object.keys(filters).forEach((k) => u.searchParams.append(k, filters[k]));
		u.searchParams.set("page", String(page));
		return u.toString();
	},

	// The parts of a link the user pasted.
	parts: (link) => {
		const u = new URL(link.trim());
		return { origin: u.origin, path: u.pathname, id: u.searchParams.get("id"), tags: u.searchParams.getAll("tag"), hash: u.hash };
	},

	isLink: (text) => URL.canParse(text) && ["http:", "https:"].includes(new URL(text).protocol),

	form: (values) => new URLSearchParams(values).toString(),

	async csv(rows) {
		const text = rows.map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(",")).join("\r\n");
		const blob = new Blob([text], { type: "text/csv;charset=utf-8" });
		return { size: blob.size, type: blob.type, back: await blob.text() };
	},

	bytes: (s) => new TextEncoder().encode(s).length,

	decoded: (codes) => new TextDecoder().decode(new Uint8Array(codes)),

	uuidShape: () => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()),

	draft(form) {
		const copy = structuredClone(form);
		copy.items.push({ sku: "new" });
		return [form.items.length, copy.items.length];
	},

	async ticks() {
		const seen = [];
		queueMicrotask(() => seen.push("later"));
		seen.push("now");
		await Promise.resolve();
		return seen;
	},
};
