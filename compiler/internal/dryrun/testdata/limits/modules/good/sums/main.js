export default {
  total: 0,
  sum(...xs) {
    return xs.reduce((a, b) => a + b, 0);
  },
  async later(x) {
    await new Promise((r) => setTimeout(r, 50));
    return x * 2;
  },
};
