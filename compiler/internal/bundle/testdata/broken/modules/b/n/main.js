export default {
  n: 1,
};
