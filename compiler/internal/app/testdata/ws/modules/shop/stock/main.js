export default {
  levels: {},

  /** Loads the stock levels of the warehouse. @returns {Promise<Object>} */
  async load() {
    this.levels = { warehouse: inputs.warehouse, b1: 3, p1: 0 };
    return this.levels;
  },
};
