export default {
  ok() {
    return 42;
  },
  attack() {
    return JSON.parse('[' + '0,'.repeat(16e6) + '0]').length;
  },
};
