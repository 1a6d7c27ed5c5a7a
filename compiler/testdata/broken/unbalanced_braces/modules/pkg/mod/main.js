export default {
  a() {
    if (true) {
      return 1;
  },
};
