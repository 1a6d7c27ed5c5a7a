export default {
  grow() {
    const a = [];
    while (true) {
      a.push('x'.repeat(1e6) + a.length);
    }
  },
};
