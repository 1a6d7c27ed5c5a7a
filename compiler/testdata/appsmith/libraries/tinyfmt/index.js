// A tiny library written for modc's tests: the test installs it as
// node_modules/tinyfmt, as npm would.
var pad = require("./pad");
exports.money = function (n, symbol) {
  return (symbol || "$") + pad.left(n.toFixed(2), 8);
};
