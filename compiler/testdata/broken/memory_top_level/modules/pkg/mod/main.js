let s = 'x';
while (true) { s += s; }
export default {};
