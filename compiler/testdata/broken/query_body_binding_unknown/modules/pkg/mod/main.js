export default {
  async a() { await api_x.run(); return api_x.data; },
};
