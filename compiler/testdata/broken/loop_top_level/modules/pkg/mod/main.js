while (true) {} export default { a() { return 1; } };
