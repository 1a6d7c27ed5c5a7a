export default {
  format(d) {
    return formt(d);
  },
};
