export default {
  down(n) {
    return this.down(n + 1);
  },
};
