export default {
  a() { return 1; },
  b: 2,
  a() { return 3; },
};
