const cfg = JSON.parse('{bad');
export default {
  a() { return cfg; },
};
