export default {
  ok() {
    return 42;
  },
  attack() {
    let style = [];
    for (let i = 0; i < 1e4; i++) style = [style];
    return new Intl.NumberFormat('en', { style }).format(1);
  },
};
