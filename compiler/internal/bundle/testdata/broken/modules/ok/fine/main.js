export default {
  f() {
    return 1;
  },
};
