export default {
  numbers: async function* () {
    yield 1;
  },
  check(n) {
    if (n > 1) {
      throw new RangeError("too big: " + n);
    }
    return n;
  },
};
