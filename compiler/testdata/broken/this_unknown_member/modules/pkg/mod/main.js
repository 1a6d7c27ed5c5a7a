export default {
  storeToken(t) { storeValue('t', t); },
  save() {
    this.storToken('x');
  },
};
