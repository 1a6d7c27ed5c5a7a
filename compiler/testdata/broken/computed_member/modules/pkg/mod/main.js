const k = 'a';
export default {
  [k]() { return 1; },
};
