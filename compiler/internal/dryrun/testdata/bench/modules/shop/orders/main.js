export default {
  /** Orders loaded by loadOrders. */
  orders: [],
  /** How totals are rounded. */
  decimals: 2,

  /**
   * Loads a page of orders into the store.
   * @param {number} page the page to load
   * @returns {Promise<number>} how many orders were loaded
   */
  async loadOrders(page = 1) {
    const orders = await api_listOrders.run({ page });
    this.orders = orders;
    await storeValue("orderCount", orders.length);
    return orders.length;
  },

  /**
   * Totals the lines of an order.
   * @param {{lines: {qty: number, price: number}[]}} order
   * @returns {number}
   */
  orderTotal(order) {
    const total = order.lines.reduce((sum, l) => sum + l.qty * l.price, 0);
    return Number(total.toFixed(this.decimals));
  },

  /** Formats an amount with the currency input. */
  formatAmount(amount) {
    return `${amount.toFixed(this.decimals)} ${inputs.currency}`;
  },

  /** Totals of every loaded order, by customer. */
  async totalsByCustomer() {
    await this.loadOrders();
    const out = {};
    for (const o of this.orders) {
      out[o.customer] = (out[o.customer] ?? 0) + this.orderTotal(o);
    }
    return out;
  },

  /** Submits an order and tells the user. */
  async submitOrder(customer, lines) {
    if (!customer) {
      throw new Error("an order needs a customer");
    }
    const res = await api_submitOrder.run({ customer, lines });
    showAlert(`Order ${res.id} created`, "success");
    return res.status;
  },
};
