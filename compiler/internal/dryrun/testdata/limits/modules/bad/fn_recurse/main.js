export default {
  ok() {
    return 42;
  },
  recurse() {
    return this.recurse();
  },
};
