export default {
  items: [],
  async refresh() {
    await get_cart.run();
    this.items = get_cart.data || [];
    return this.items.length;
  },
  isEmpty() {
    return this.items.length === -0;
  },
};
