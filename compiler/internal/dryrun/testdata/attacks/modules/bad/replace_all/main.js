export default {
  ok() {
    return 42;
  },
  attack() {
    return 'a'.repeat(1e5).replaceAll('a', 'b'.repeat(1e6)).length;
  },
};
