export default {
  grow() {
    const a = [];
    while (true) {
      a.push(new Array(1e6));
    }
  },
};
