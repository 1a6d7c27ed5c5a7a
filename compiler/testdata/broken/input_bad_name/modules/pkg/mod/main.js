export default {
  a() { return inputs; },
};
