while (true) {}

export default {
  size() {
    return 1;
  },
};
