// Greets people and counts greetings.
export default {
  /** @type {string} */
  greeting: "Hello",
  count: 0,
  tags: ["a", "b"],

  /**
   * Greets someone.
   * @param {string} name who to greet
   * @returns {string} the greeting
   */
  greet(name) {
    this.count++;
    return `${this.greeting}, ${name}!`;
  },

  /**
   * Adds numbers.
   * @param {...number} nums
   * @returns {number}
   */
  sum(...nums) {
    return nums.reduce((a, b) => a + b, 0);
  },

  /**
   * Describes options.
   * @param {{loud: boolean, times?: number}} [opts]
   * @returns {Array.<string>}
   */
  shout(opts = { loud: true }) {
    const word = opts.loud ? "HEY" : "hey";
    return Array(opts.times || 1).fill(word);
  },

  /**
   * Waits, then answers.
   * @param {number} ms
   * @param {Person} who an undeclared type: any
   */
  async later(ms, who) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { who, at: ms };
  },

  /** @deprecated use greet */
  hi: (name) => "hi " + name,

  /** Remembers a value in the store. */
  remember(key, value) {
    return storeValue(key, value);
  },
};
