export default {
  // fmtlib is a workspace library that formats with the locale APIs: the
  // module's code does not name them.
  money(x) {
    return fmtlib.money(x);
  },
  day(ms) {
    return fmtlib.day(ms);
  },
  words(s) {
    return fmtlib.words(s);
  },
};
