export default {
  ok() {
    return 42;
  },
  attack() {
    return 'x'.repeat(2 ** 25).split('').length;
  },
};
