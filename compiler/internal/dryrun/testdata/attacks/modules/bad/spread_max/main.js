export default {
  ok() {
    return 42;
  },
  attack() {
    const a = []; a.length = 2 ** 25; return Math.max(...a);
  },
};
