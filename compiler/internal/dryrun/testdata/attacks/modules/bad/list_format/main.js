export default {
  ok() {
    return 42;
  },
  attack() {
    return new Intl.ListFormat('en').format({ *[Symbol.iterator]() { for (;;) yield 'x'.repeat(1000); } });
  },
};
