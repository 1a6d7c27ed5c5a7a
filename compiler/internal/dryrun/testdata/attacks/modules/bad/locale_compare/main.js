export default {
  ok() {
    return 42;
  },
  attack() {
    const s = 'é'.repeat(2 ** 24); return s.localeCompare(s + 'x');
  },
};
