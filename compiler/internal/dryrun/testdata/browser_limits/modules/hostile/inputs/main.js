export default {
	hugeBlob() {
		const s = "x".repeat(5e6);
		return new Blob([s, s]).size;
	},
	blobOfBlobs() {
		const b = new Blob(["x".repeat(1e6)]);
		return new Blob(new Array(100).fill(b)).size;
	},
	hugeEncode: () => new TextEncoder().encode("é".repeat(4.5e6)).length,
	hugeURL: () => new URL("http://example.com/" + "a".repeat(1e6)).href.length,
	manyParams: () => new URLSearchParams("a&".repeat(2e5)).size,
	longParams() {
		const p = new URLSearchParams();
		p.append("a", "é".repeat(1e6));
		p.append("b", "é".repeat(1e6));
		return p.toString().length;
	},
	deepClone() {
		let o = { leaf: true };
		for (let i = 0; i < 1e4; i++) o = { o };
		let c = structuredClone(o);
		let depth = 0;
		while (c.o) {
			c = c.o;
			depth++;
		}
		return [depth, c.leaf];
	},
	cycles() {
		const a = [];
		for (let i = 0; i < 1000; i++) a.push(a);
		const c = structuredClone(a);
		return c.every((x) => x === c);
	},
	shown() {
		console.log(document, navigator, crypto, window.location, new URL("https://x.io/?a=1"), new URLSearchParams("a=1"), new Blob(["x"]));
		return [String(document), JSON.stringify(document).length > 0, typeof JSON.stringify(crypto)];
	},
	async awaitDocument() {
		return (await document) === document;
	},
	fine: () => new URL("/ok", "https://example.com").href,
};
