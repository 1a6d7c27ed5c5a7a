export default {
  get value() { return 1; },
};
