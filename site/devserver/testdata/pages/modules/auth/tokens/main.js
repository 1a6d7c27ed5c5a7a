export default {
  token: null,
};
