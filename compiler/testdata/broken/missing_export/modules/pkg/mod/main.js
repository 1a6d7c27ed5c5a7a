const x = {
  a() { return 1; },
};
