export default {
  // typeof of an unknown name is how code asks whether it exists.
  hasLuxon: () => typeof luxon !== "undefined" && typeof (DateTime) === "function",
  // typeof of a member of one still reads the unknown name.
  luxonVersion: () => typeof luxon.VERSION === "string" ? luxon.VERSION : "",
};
