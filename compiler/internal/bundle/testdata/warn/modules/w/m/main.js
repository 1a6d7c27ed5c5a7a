export default { kind(x) { return typeof x == "strng"; },
  zero(x) {
    return x === -0;
  },
};
