export const helper = () => 1;
export default {
  a() { return 1; },
};
