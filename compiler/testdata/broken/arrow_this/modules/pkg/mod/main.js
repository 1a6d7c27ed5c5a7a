export default {
  count: 0,
  increment: () => {
    this.cuont++;
  },
};
