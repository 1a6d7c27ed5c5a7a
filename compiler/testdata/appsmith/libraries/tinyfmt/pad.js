exports.left = function (s, width) {
  s = String(s);
  while (s.length < width) s = " " + s;
  return s;
};
