function makeMain() {
  return 42;
}

export default makeMain();
