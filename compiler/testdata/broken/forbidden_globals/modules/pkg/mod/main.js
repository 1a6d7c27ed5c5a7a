export default {
  async load() {
    const r = await fetch('https://x');
    process.exit(r);
    return localStorage.getItem('k');
  },
};
