export default {
  async load() {
    const res = await fetch("https://api.example.io/cart");
    return res.json();
  },
};
