export default {
  a() { return api_x.data; },
};
