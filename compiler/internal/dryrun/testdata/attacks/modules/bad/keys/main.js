export default {
  ok() {
    return 42;
  },
  attack() {
    return Object.keys('x'.repeat(2 ** 25)).length;
  },
};
