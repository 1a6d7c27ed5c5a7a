export default {
  describe: () => {
    const agent = location.href;
    const first = Input2;
    const keys = JSObject2.keys;
    const place = Map1.center;
    return [agent, first, keys, place, inptus.name, stroeValue("k", 1)];
  },
};
