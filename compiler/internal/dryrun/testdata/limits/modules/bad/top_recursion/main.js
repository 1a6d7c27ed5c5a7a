function f() {
  return f();
}
f();

export default {
  size() {
    return 1;
  },
};
