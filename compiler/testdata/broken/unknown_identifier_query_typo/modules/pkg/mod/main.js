export default {
  async load() {
    await api_usres.run();
    return api_users.data;
  },
};
