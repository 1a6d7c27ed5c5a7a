export default {
  getAccessToken() { return 1; },
};
