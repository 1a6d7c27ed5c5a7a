export default {
  ok() {
    return 42;
  },
  async loop() {
    await null;
    while (true) {}
  },
};
