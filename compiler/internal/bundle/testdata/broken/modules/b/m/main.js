export default {
  async go() {
    return q.run();
  },
};
