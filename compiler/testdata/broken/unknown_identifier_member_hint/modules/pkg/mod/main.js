export default {
  total: 1,
  get2() {
    return total * 2;
  },
};
