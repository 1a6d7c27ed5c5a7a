export default {
  async load() {
    const r = await fetch('https://x');
    window.alert(r);
    return localStorage.getItem('k');
  },
};
