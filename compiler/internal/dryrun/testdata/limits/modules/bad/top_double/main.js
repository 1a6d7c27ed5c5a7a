let s = "x";
while (true) {
  s += s;
}

export default {
  size() {
    return s.length;
  },
};
