export default {
  double(x) {
    return x * 2;
  },
  async later(x) {
    await storeValue('last', x);
    return x + 1;
  },
  fail() {
    throw new Error('nope');
  },
};
