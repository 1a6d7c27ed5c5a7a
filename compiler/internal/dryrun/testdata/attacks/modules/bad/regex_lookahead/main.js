export default {
  ok() {
    return 42;
  },
  attack() {
    return /^(a|aa)+(?=c)/.test('a'.repeat(40));
  },
};
