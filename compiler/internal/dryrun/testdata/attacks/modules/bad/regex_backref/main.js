export default {
  ok() {
    return 42;
  },
  attack() {
    return /^(a+)+\1b/.test('a'.repeat(40));
  },
};
