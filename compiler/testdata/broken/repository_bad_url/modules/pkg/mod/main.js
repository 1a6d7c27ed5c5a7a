export default {
  format(d) {
    return String(d);
  },
};
