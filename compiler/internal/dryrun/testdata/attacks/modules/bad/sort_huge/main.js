export default {
  ok() {
    return 42;
  },
  attack() {
    const a = []; for (let i = 0; i < 3e6; i++) a.push(-i); return a.sort().length;
  },
};
