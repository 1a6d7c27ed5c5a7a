export default {
  label(status) {
    switch (status) {
      case "open":
        return "Open";
      case "shipped":
        return "On its way";
      case "open":
        return "Reopened";
      default:
        return "Unknown";
    }
  },
  isText(v) {
    return typeof v == "strng";
  },
  isMissing(total) {
    return total === NaN;
  },
  async load() {
    await list_orders.run();
    return list_orders.data;
  },
};
