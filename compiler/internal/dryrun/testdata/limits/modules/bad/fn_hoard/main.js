export default {
  ok() {
    return 42;
  },
  hoard() {
    const keep = [];
    for (let i = 0; ; i++) {
      keep.push(new Float64Array(1 << 17));
    }
  },
};
