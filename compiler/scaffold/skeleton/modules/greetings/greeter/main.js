export default {
  /**
   * How many greetings this instance has made.
   * @type {number}
   */
  count: 0,

  /**
   * Greets someone with the module's `greeting` input.
   * @param {string} name who to greet
   * @returns {string} the greeting, e.g. "Hello, Ada!"
   */
  greet(name) {
    this.count += 1;
    return `${inputs.greeting}, ${name}!`;
  },

  /**
   * Fetches the signed-in user with the private query `api_getUser`,
   * greets them, and keeps the greeting in the store as `lastGreeting`.
   * @returns {Promise<string>} the greeting
   */
  async greetCurrentUser() {
    await api_getUser.run();
    const user = api_getUser.data;
    if (!user || !user.name) {
      throw new Error("the API returned no user");
    }
    const text = this.greet(user.name);
    await storeValue("lastGreeting", text);
    return text;
  },
};
