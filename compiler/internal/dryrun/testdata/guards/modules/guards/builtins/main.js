export default {
  repeat() {
    return "ab".repeat(2 ** 28).length;
  },
  padStart() {
    return "x".padStart(2 ** 30).length;
  },
  padEnd() {
    return "x".padEnd(2 ** 30, "y").length;
  },
  concat() {
    const s = "x".repeat(2 ** 23);
    return s.concat(s, s, s, s).length;
  },
  join() {
    return new Array(2 ** 24).join("abcdefgh").length;
  },
  joinStrings() {
    const s = "x".repeat(2 ** 23);
    return [s, s, s, s, s].join("").length;
  },
  implicitString() {
    return `${new Array(2 ** 24)}`.length;
  },
  fill() {
    return new Array(2 ** 30).fill(0).length;
  },
  from() {
    return Array.from({ length: 2 ** 30 }).length;
  },
  apply() {
    return Math.max.apply(null, { length: 2 ** 30 });
  },
  reflectApply() {
    return Reflect.apply(Math.max, null, { length: 2 ** 30 });
  },
  buffer() {
    return new ArrayBuffer(2 ** 31).byteLength;
  },
  typed() {
    return new Float64Array(2 ** 27).length;
  },
  typedFromLength() {
    return new Uint8Array({ length: 2 ** 30 }).length;
  },
  sharedSubtrees() {
    let o = { leaf: "x" };
    for (let i = 0; i < 40; i++) {
      o = { a: o, b: o };
    }
    return JSON.stringify(o).length;
  },
  smallIsFine() {
    const a = new Uint8Array(16);
    a.fill(7);
    return [
      "ab".repeat(3),
      "x".padStart(3, "-"),
      [1, 2, 3].join("+"),
      String([1, [2, 3]]),
      Array.from({ length: 3 }, (_, i) => i),
      Math.max.apply(null, [1, 5, 2]),
      a[15],
      new ArrayBuffer(8).byteLength,
      JSON.stringify({ a: [1, { b: 2 }] }),
      a instanceof Uint8Array,
    ];
  },
  circular() {
    const o = {};
    o.self = o;
    return JSON.stringify(o);
  },
};
