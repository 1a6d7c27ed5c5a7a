export default {
  /**
   * The separator between day, month and year in formatted dates.
   * @type {string}
   */
  separator: "/",

  /**
   * Formats a date as DD/MM/YYYY, in UTC so the result does not depend on
   * the viewer's time zone.
   * @param {string|number|Date} date an ISO date string, a timestamp in milliseconds, or a Date
   * @returns {string} the date as DD/MM/YYYY
   * @example {{Dates.formatDDMMYYYY(Table1.selectedRow.createdAt)}}
   */
  formatDDMMYYYY(date) {
    const d = this.toDate(date);
    const pad = (n) => String(n).padStart(2, "0");
    return [pad(d.getUTCDate()), pad(d.getUTCMonth() + 1), d.getUTCFullYear()].join(this.separator);
  },

  /**
   * Counts the whole days from one date to another; negative when `b` is before `a`.
   * @param {string|number|Date} a the start date
   * @param {string|number|Date} b the end date
   * @returns {number} the number of days from a to b
   */
  daysBetween(a, b) {
    const msPerDay = 24 * 60 * 60 * 1000;
    return Math.trunc((this.toDate(b).getTime() - this.toDate(a).getTime()) / msPerDay);
  },

  /**
   * Turns a date string, a timestamp or a Date into a Date, and throws on
   * anything that is not a valid date.
   * @param {string|number|Date} value the value to convert
   * @returns {Date}
   */
  toDate(value) {
    const d = value instanceof Date ? value : new Date(value);
    if (value === null || value === undefined || Number.isNaN(d.getTime())) {
      throw new Error("invalid date: " + JSON.stringify(value));
    }
    return d;
  },
};
