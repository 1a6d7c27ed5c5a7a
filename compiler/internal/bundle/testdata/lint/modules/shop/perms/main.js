export default {
  // The mode new files get.
  mode() {
    return 0644;
  },
  isText(v) { return typeof v === "text"; },
};
