export default {
  ok() {
    return 42;
  },
  attack() {
    const a = []; a.length = 2 ** 28; return a.join('x').length;
  },
};
