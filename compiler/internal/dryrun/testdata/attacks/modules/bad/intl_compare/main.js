export default {
  ok() {
    return 42;
  },
  attack() {
    const s = 'x'.repeat(2 ** 22);
    return new Intl.Collator('de').compare(s, s.toUpperCase());
  },
};
