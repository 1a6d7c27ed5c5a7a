// Run by TestBrowserGlobalsAgreeWithNode in node and in a dry-run VM: the
// value of the last expression is JSON text, which must be the same in
// both. Only what both have the same way is here (no random values).
(() => {
  const out = {};
  const parts = (u) => [u.href, u.origin, u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search, u.hash, [...u.searchParams].join("|")];
  const parse = (input, base) => {
    try {
      return parts(base === undefined ? new URL(input) : new URL(input, base));
    } catch (e) {
      return e instanceof TypeError ? "TypeError" : "other error";
    }
  };
  const urls = [
    ["https://example.com"],
    ["https://example.com/"],
    ["HTTPS://Example.COM:443/Path?Q=1#Frag"],
    ["http://example.com:80/a"],
    ["http://example.com:8080/a"],
    ["http://localhost:3000/app/page?id=42&tab=orders"],
    ["https://user:pa ss@host.io/x"],
    ["https://user@host.io/"],
    ["https://h.io/a/./b/../c/"],
    ["https://h.io/a/b/../../.."],
    ["https://h.io/%2e%2E/x/%2e"],
    ["http://h.io\\a\\b?c\\d"],
    ["https://h.io/a b/é?q=a b&é=ü#f g"],
    ["https://h.io/a^b{c}`d|e"],
    ["https://h.io/?q='x'\"y\"<z>"],
    ["https://h.io/p?"],
    ["https://h.io/p#"],
    ["https://h.io/p?#"],
    ["https://ünicode.de/ä"],
    ["https://faß.de/"],
    ["https://xn--nxasmq6b.com/"],
    ["http://xn--a.com/"],
    ["https://EXAMPLE.com./"],
    ["http://a..b/"],
    ["http://ex%41mple.com/"],
    ["http://exa mple.com/"],
    ["http://[::1]:3000/x"],
    ["http://[0:0:0:0:0:0:0:1]/"],
    ["http://[2001:db8::ff00:42:8329]/"],
    ["http://[::ffff:192.168.0.1]/"],
    ["http://[1:2:3:4:5:6:7:8:9]/"],
    ["http://192.168.0.1:8080/"],
    ["http://0x7f.1/"],
    ["http://1.2.3/"],
    ["http://256.256.256.256/"],
    ["http://2130706433/"],
    ["http://h.io:65535/"],
    ["http://h.io:65536/"],
    ["http://h.io:12ab/"],
    ["http:/h.io/x"],
    ["http:h.io"],
    ["https://"],
    ["//h.io/x"],
    ["not a url"],
    ["   https://trim.me/\n\t  "],
    ["https://h.io/\t/a\nb"],
    ["mailto:ada@example.com?subject=Hi"],
    ["data:text/plain,hello world#x"],
    ["javascript:alert(1)"],
    ["foo://Host/A B?c d#e f"],
    ["foo:/a/../b"],
    ["foo://h"],
    ["file:///C:/x/../.."],
    ["file:///etc/passwd"],
    ["file://localhost/tmp/x"],
    ["ws://h.io:80/chat"],
    ["wss://h.io:443/chat"],
    ["ftp://h.io:21/f"],
    ["blob:https://h.io/1234"],
    ["/relative/path?x=1", "https://h.io/base/page"],
    ["sub/page", "https://h.io/base/page?q=1#f"],
    ["../up", "https://h.io/a/b/c"],
    ["?only=query", "https://h.io/a/b?x=1#f"],
    ["#only-hash", "https://h.io/a/b?x=1"],
    ["//other.io/p", "https://h.io/a"],
    ["", "https://h.io/a?x#y"],
    ["x", "mailto:a@b"],
    ["https://h.io/p", "not a base"],
  ];
  out.urls = urls.map(([input, base]) => [input, base, parse(input, base)]);

  // Setters.
  const set = (href, name, value) => {
    const u = new URL(href);
    u[name] = value;
    return parts(u);
  };
  out.setters = [
    set("http://h.io/p?a=1", "port", "8080abc"),
    set("http://h.io/p", "port", "abc"),
    set("http://h.io:99/p", "port", ""),
    set("http://h.io/p", "port", "80"),
    set("http://h.io/p", "hash", "#x y"),
    set("http://h.io/p#x", "hash", ""),
    set("http://h.io/p", "search", "b=2 3&c"),
    set("http://h.io/p?x=1", "search", ""),
    set("http://h.io/p", "search", "??q"),
    set("http://h.io/p", "pathname", "q r?#"),
    set("http://h.io/p", "pathname", "/a/../b/./c"),
    set("http://h.io/p", "host", "g.io:99"),
    set("http://h.io/p", "host", ""),
    set("http://h.io/p", "hostname", "k.io:1"),
    set("http://h.io/p", "hostname", "New.IO"),
    set("http://h.io/p", "protocol", "https"),
    set("http://h.io/p", "protocol", "mailto"),
    set("foo://h.io/p", "protocol", "http"),
    set("http://h.io/p", "username", "a b:c@"),
    set("http://h.io/p", "password", "p@ss"),
    set("http://h.io/p", "href", "https://other.io/x?y=1"),
    set("mailto:a@b", "pathname", "x"),
  ];
  try {
    new URL("http://h.io").href = "nope";
    out.badHref = "no error";
  } catch (e) {
    out.badHref = e instanceof TypeError ? "TypeError" : "other error";
  }

  // searchParams and URLSearchParams.
  const u = new URL("https://shop.io/list?page=2&tag=a&tag=b&q=caf%C3%A9+au+lait");
  const sp = u.searchParams;
  out.searchParams = [sp.get("page"), sp.get("missing"), sp.getAll("tag"), sp.has("q"), sp.has("tag", "b"), sp.has("tag", "z"), sp.get("q"), sp.size];
  sp.set("page", "3");
  sp.append("sort", "price desc");
  sp.delete("tag", "a");
  out.afterEdits = [u.href, u.search, sp.toString()];
  sp.delete("tag");
  sp.sort();
  out.sorted = [u.href, [...sp.keys()], [...sp.values()]];
  const each = [];
  sp.forEach((v, k) => each.push(`${k}=${v}`));
  out.forEach = each;
  u.search = "?x=1&x=2";
  out.afterSearch = [sp.getAll("x"), sp.toString()];
  u.searchParams.delete("x");
  out.emptied = [u.href, u.search];
  out.fromString = new URLSearchParams("?a=1&b=%20two&&c&=d&e=f=g&sp+ace=pl+us&pct=%zz%41").toString();
  out.fromPairs = new URLSearchParams([["a", "1"], ["b", "x&y=z"], ["a", "2"]]).toString();
  out.fromRecord = new URLSearchParams({ name: "Ada Lovelace", city: "Zürich", sym: "!'()*~-._", empty: "" }).toString();
  out.fromParams = new URLSearchParams(new URLSearchParams("x=1&y=2")).toString();
  const built = new URLSearchParams();
  for (const [k, v] of Object.entries({ filter: "status:open", limit: 50, from: "2024-01-01T00:00:00Z", emoji: "😀" })) built.append(k, v);
  out.built = [built.toString(), `https://api.io/items?${built}`];
  out.entries = [...new URLSearchParams("a=1&b=2").entries()];
  try {
    new URLSearchParams([["a"]]);
    out.badPair = "no error";
  } catch (e) {
    out.badPair = e instanceof TypeError ? "TypeError" : "other error";
  }
  out.json = JSON.stringify({ u: new URL("https://h.io/a?b=1") });
  out.string = [String(new URL("https://h.io")), `${new URLSearchParams({ a: "b c" })}`];
  out.canParse = [URL.canParse("https://x.io"), URL.canParse("x"), URL.canParse("x", "https://b.io/")];
  out.origin = new URL("http://localhost:3000/app").origin;

  // TextEncoder and TextDecoder.
  const enc = new TextEncoder();
  out.encoding = [enc.encoding, new TextDecoder().encoding];
  out.encode = ["", "a", "é", "€", "😀", "héllo wörld", "\ud800", "a\udc00b"].map((s) => Array.from(enc.encode(s)));
  const into = new Uint8Array(5);
  const r = enc.encodeInto("aé😀", into);
  out.encodeInto = [r.read, r.written, Array.from(into)];
  const dec = new TextDecoder();
  out.decode = [
    [0x68, 0x69],
    [0xef, 0xbb, 0xbf, 0x68],
    [0xc3, 0xa9],
    [0xe2, 0x82],
    [0xe2, 0x82, 0x41],
    [0xf0, 0x9f, 0x98, 0x80],
    [0xff, 0xfe, 0x41],
    [0xed, 0xa0, 0x80],
    [0xc0, 0xaf],
    [0xf4, 0x90, 0x80, 0x80],
  ].map((b) => dec.decode(new Uint8Array(b)));
  out.decodeBuffer = dec.decode(new Uint8Array([0x61, 0x62, 0x63]).buffer);
  out.decodeView = dec.decode(new DataView(new Uint8Array([0x78, 0x61, 0x62, 0x79]).buffer, 1, 2));
  out.keepBOM = new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x68])).length;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xff]));
    out.fatal = "no error";
  } catch (e) {
    out.fatal = e instanceof TypeError ? "TypeError" : "other error";
  }
  const streaming = new TextDecoder();
  out.stream = [streaming.decode(new Uint8Array([0xe2, 0x82]), { stream: true }), streaming.decode(new Uint8Array([0xac, 0x21]))];
  out.roundTrip = dec.decode(enc.encode("Ünïcödé ✓ 😀"));

  // Blob.
  const csv = "name,amount\nAda,12.5\nGrace,7\n";
  const blobs = [
    new Blob([csv], { type: "text/csv" }),
    new Blob(["é"]),
    new Blob([new Uint8Array([1, 2, 3]), new Uint16Array([1]).buffer, "x"]),
    new Blob([new Blob(["ab"]), "cd"], { type: "Text/Plain;Charset=UTF-8" }),
    new Blob(["a\r\nb\rc"], { endings: "native" }),
    new Blob(),
    new Blob([], { type: "bad\u00e9type" }),
  ];
  out.blobs = blobs.map((b) => [b.size, b.type, String(b)]);
  const sl = blobs[0].slice(5, -3, "text/x");
  out.slice = [sl.size, sl.type, blobs[0].slice(-4).size, blobs[0].slice(100).size];

  // structuredClone.
  const src = { d: new Date(0), m: new Map([[1, { x: 1 }]]), s: new Set(["a"]), re: /a+/gi, arr: [1, , 3], nested: { deep: [{ n: null }] }, u: undefined };
  src.self = src;
  const c = structuredClone(src);
  out.clone = [
    c !== src, c.self === c, c.d instanceof Date, c.d.getTime(), c.m.get(1).x, c.m.get(1) !== src.m.get(1), c.s.has("a"),
    String(c.re), 1 in c.arr, c.arr.length, JSON.stringify(c.nested), "u" in c,
  ];
  try {
    structuredClone({ f() {} });
    out.cloneFunction = "no error";
  } catch (e) {
    out.cloneFunction = e.name;
  }
  out.crypto = [typeof crypto.randomUUID, typeof crypto.getRandomValues, typeof structuredClone, typeof queueMicrotask];
  return JSON.stringify(out);
})()
