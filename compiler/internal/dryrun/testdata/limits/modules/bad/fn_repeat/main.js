export default {
  ok() {
    return 42;
  },
  repeat() {
    return "x".repeat(2 ** 30).length;
  },
};
