export default {
  // goja reads 0755 as octal; esbuild refuses it in an ES module.
  mode: 0755,
  /** Whether a mode lets others write. */
  othersWrite(mode) {
    return (mode & 2) !== 0;
  },
};
