const base = { a: 1 };
export default {
  ...base,
  b: 2,
};
