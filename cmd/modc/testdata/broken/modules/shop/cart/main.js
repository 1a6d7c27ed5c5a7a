export default {
  async load() {
    const res = await sessionStorage.getItem("cart");
    return res.json();
  },
};
