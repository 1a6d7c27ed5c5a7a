export default {
  /** @type {Array<{name: string, price: number}>} */
  items: [],

  /**
   * Adds an item and returns how many there are.
   * @param {string} name
   * @param {number} price
   * @returns {number}
   */
  add(name, price) {
    this.items.push({ name, price });
    return this.items.length;
  },

  /** @returns {number} the sum of the prices */
  total() {
    return this.items.reduce((sum, i) => sum + i.price, 0);
  },

  /**
   * Formats an amount in the cart's currency.
   * @param {number} amount
   * @returns {string}
   */
  label(amount) {
    return amount.toFixed(2) + " " + inputs.currency;
  },

  /** Orders the items and empties the cart. @returns {Promise<string>} the order id */
  async checkout() {
    await api_order.run({ items: this.items });
    this.items = [];
    await storeValue("lastOrder", api_order.data.id);
    return api_order.data.id;
  },
};
