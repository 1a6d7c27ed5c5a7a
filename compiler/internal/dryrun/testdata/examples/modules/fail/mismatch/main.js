export default {
  info() {
    return { name: "Ada", tags: ["a", "b"] };
  },
  save() {
    storeValue("k", { v: 1 });
    return 1;
  },
  quiet() {
    return 1;
  },
  loud() {
    const x = 1;
    throw new TypeError("nope " + x);
  },
  async later() {
    await null;
    throw new Error("async nope");
  },
  big() {
    return 10n;
  },
  never() {
    return new Promise(() => {});
  },
  forever() {
    return new Promise(() => {
      setInterval(() => {}, 10);
    });
  },
  timerThrows() {
    return new Promise(() => {
      setTimeout(() => {
        throw new Error("tick");
      }, 5);
    });
  },
  throwsText() {
    throw "plain text";
  },
};
