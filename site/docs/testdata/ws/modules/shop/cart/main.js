export default {
  /**
   * The largest number of items a cart holds.
   * @type {number}
   */
  maxItems: 20,

  /**
   * Loads the cart from the API into the store.
   * @returns {Promise<Array<Object>>} the items
   */
  async load() {
    await api_getCart.run();
    await storeValue("cart", api_getCart.data.items);
    return api_getCart.data.items;
  },

  /**
   * Adds an item to the cart. See [the guide](/guide/install/).
   * @param {{name: string, price: number}} item the item
   * @param {number} [quantity=1] how many
   * @returns {number} the number of items now in the cart
   * @example
   * {{JSModule_cart.addItem({name: "tea", price: 3}, 2)}}
   */
  addItem(item, quantity = 1) {
    const cart = (appsmith.store.cart || []).concat(Array(quantity).fill(item));
    if (cart.length > this.maxItems) {
      throw new Error("the cart is full");
    }
    storeValue("cart", cart);
    return cart.length;
  },

  /**
   * Sums the prices of the items in the cart, in `inputs.currency`.
   * @returns {string} the total, e.g. "7 EUR"
   */
  total() {
    const sum = (appsmith.store.cart || []).reduce((s, i) => s + i.price, 0);
    return sum + " " + inputs.currency;
  },

  /**
   * Empties the cart.
   * @deprecated use `load` on an empty cart instead
   */
  clear() {
    removeValue("cart");
  },
};
