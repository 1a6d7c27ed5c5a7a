export default {
  /** @type {string[]} */
  items: [],
  /**
   * Adds an item.
   * @param {string} sku
   * @returns {number} the number of items
   */
  add(sku) {
    this.items.push(sku);
    return this.items.length;
  },
};
