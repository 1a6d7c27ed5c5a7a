export default {
  pages: async function* (n) {
    for (let i = 1; i <= n; i++) {
      await null;
      yield i;
    }
  },
  async collect(n) {
    const out = [];
    const it = this.pages(n);
    for (let r = await it.next(); !r.done; r = await it.next()) {
      out.push(r.value);
    }
    return out;
  },
};
