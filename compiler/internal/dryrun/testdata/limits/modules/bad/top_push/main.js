const a = [];
while (true) {
  a.push(new Array(1e6));
}

export default {
  size() {
    return a.length;
  },
};
