export default {
  /** @type {Array<{sku: string, price: number}>} */
  items: [],

  /**
   * Adds an item and returns the number of items.
   * @param {string} sku
   * @param {number} price
   * @returns {number}
   */
  add(sku, price) {
    this.items.push({ sku, price });
    return this.items.length;
  },

  /**
   * The total, formatted with the currency input.
   * @returns {string}
   */
  total() {
    const sum = this.items.reduce((s, i) => s + i.price, 0);
    return sum.toFixed(2) + " " + inputs.currency;
  },
};
