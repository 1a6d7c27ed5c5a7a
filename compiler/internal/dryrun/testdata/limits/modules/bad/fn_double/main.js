export default {
  ok() {
    return 42;
  },
  double() {
    let s = "x";
    while (true) {
      s += s;
    }
  },
};
