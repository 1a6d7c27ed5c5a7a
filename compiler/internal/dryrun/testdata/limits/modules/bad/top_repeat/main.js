const big = "x".repeat(2 ** 30);

export default {
  size() {
    return big.length;
  },
};
