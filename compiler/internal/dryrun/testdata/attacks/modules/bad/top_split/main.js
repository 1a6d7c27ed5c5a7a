const value = 'x'.repeat(2 ** 25).split('');

export default {
  value,
};
