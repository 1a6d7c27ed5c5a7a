export default {
  ok() {
    return 42;
  },
  push() {
    const a = [];
    while (true) {
      a.push(new Array(1e6));
    }
  },
};
