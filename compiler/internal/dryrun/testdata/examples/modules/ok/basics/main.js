export default {
  /** A counter. */
  count: 3,
  label: "items",
  nested: { a: [1, 2] },
  nothing: undefined,

  greet(name) {
    return `${inputs.greeting}, ${name}!`;
  },
  add(a, b) {
    return a + b;
  },
  fail(msg) {
    throw new Error(msg);
  },
  async rememberToken(token) {
    await storeValue("token", token);
    await removeValue("old");
    return appsmith.store.token;
  },
  async forget() {
    await clearStore();
    return Object.keys(appsmith.store).length;
  },
  storeIsReadOnly() {
    try {
      appsmith.store.x = 1;
      return "writable";
    } catch (e) {
      return e instanceof TypeError ? "read-only" : String(e);
    }
  },
  tellUser() {
    showAlert("Saved", "success");
    showAlert("Plain");
    navigateTo("Home", { id: 1 }, "SAME_WINDOW");
    console.log("told", { n: 1 }, [2], null, undefined, 3);
    console.warn("careful");
    console.error(new Error("shown"));
    return true;
  },
  roundTrip(s) {
    return atob(btoa(s));
  },
  encode(s) {
    return btoa(s);
  },
  badBase64() {
    return atob("*");
  },
  wideBase64() {
    return btoa("€");
  },
  async loadUser(id) {
    const p = api_user.run({ id });
    const during = api_user.isLoading;
    const data = await p;
    return { during, after: api_user.isLoading, data, same: api_user.data === data, meta: api_user.responseMeta };
  },
  async cached() {
    await this.loadUser(7);
    return this.loadUser.data.data.name;
  },
  double(x) {
    return x * 2;
  },
  useData() {
    const before = this.double.data;
    this.double(21);
    return [before === undefined, this.double.data];
  },
  async broken() {
    return api_broken.run();
  },
  async brokenMeta() {
    try {
      await api_broken.run();
      return "resolved";
    } catch (e) {
      const m = api_broken.responseMeta;
      return { message: e.message, data: api_broken.data, ok: m.isExecutionSuccess, status: m.statusCode };
    }
  },
  async noMock() {
    return api_nomock.run();
  },
  async badBinding() {
    return api_badbinding.run();
  },
  async sleepy() {
    const order = [];
    setTimeout(() => order.push("b"), 20);
    setTimeout(() => order.push("a"), 10);
    const id = setTimeout(() => order.push("never"), 15);
    clearTimeout(id);
    await new Promise((r) => setTimeout(r, 30));
    return order;
  },
  async ticks() {
    let n = 0;
    await new Promise((resolve) => {
      const id = setInterval(() => {
        n++;
        if (n === 3) {
          clearInterval(id);
          resolve();
        }
      }, 5);
    });
    return n;
  },
  limit() {
    return inputs.limit;
  },
  inputsFrozen() {
    try {
      inputs.limit = 9;
      return "writable";
    } catch (e) {
      return "frozen";
    }
  },
  modern() {
    const o = { a: { b: null } };
    const { a, ...rest } = { a: 1, b: 2, c: 3 };
    return [o?.a?.b ?? "default", [1, [2, [3]]].flat(Infinity), Object.entries({ x: 1 }), rest, 2 ** 10];
  },
  environment() {
    return [appsmith.mode, appsmith.URL.hostname, appsmith.URL.fullPath, typeof appsmith.user];
  },
  sandbox() {
    return ["fetch", "require", "process", "XMLHttpRequest"].map((name) => typeof globalThis[name]);
  },
  nothingBack() {},
  // A result whose getter records an alert: the function never reads it,
  // so its example records none (the dry run reads the result for its
  // JSON only, after the records are taken; it used to copy it to Go
  // first, to look for a promise, which ran the getter twice).
  gotten() {
    return {
      get value() {
        showAlert("read");
        return 1;
      },
    };
  },
};
