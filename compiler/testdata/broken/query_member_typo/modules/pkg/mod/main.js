export default {
  async load() {
    await api_users.rn();
    return api_users.dta;
  },
};
