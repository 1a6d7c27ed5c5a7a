export default {
  spin() {
    while (true) {}
  },
};
