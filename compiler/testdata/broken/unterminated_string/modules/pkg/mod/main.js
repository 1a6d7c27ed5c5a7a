export default {
  greet() {
    return 'hello;
  },
};
