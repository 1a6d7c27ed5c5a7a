export default {
  spin(n) {
    let x = 0;
    for (let i = 0; i < n; i++) {
      x += i % 7;
    }
    return x;
  },
};
