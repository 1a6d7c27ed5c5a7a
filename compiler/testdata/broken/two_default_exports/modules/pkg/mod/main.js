export default {
  a() { return 1; },
};
export default {};
