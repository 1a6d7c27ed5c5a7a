const value = /^(a|aa)+(?=c)/.test('a'.repeat(40));

export default {
  value,
};
