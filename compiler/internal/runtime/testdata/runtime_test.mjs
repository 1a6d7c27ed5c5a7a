// Behaviour of the runtime on hand-written package descriptions, run by
// TestRuntimeInNode with `node --test` next to a copy of runtime.js.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { definePackage, memoryStorage, navigable } from "./runtime.mjs";

// counter is a JS module with state, a sync and an async function, a query and inputs.
const pkg = definePackage({
  name: "demo",
  version: "1.2.3",
  modules: {
    counter: {
      kind: "js",
      factory: function ({ appsmith, storeValue, removeValue, clearStore, showAlert, navigateTo, inputs, api_echo }) {
        return {
          count: 0,
          inc(by = 1) {
            this.count += by;
            return this.count;
          },
          async later(v) {
            await new Promise((r) => setTimeout(r, 1));
            return v * 2;
          },
          async fail() {
            throw new Error("boom");
          },
          async echo(x) {
            return await api_echo.run({ x });
          },
          meta() {
            return api_echo.responseMeta;
          },
          save(k, v, persist) {
            return storeValue(k, v, persist);
          },
          drop(k) {
            return removeValue(k);
          },
          wipe() {
            return clearStore();
          },
          read(k) {
            return appsmith.store[k];
          },
          env() {
            return { user: appsmith.user, mode: appsmith.mode, url: appsmith.URL, limit: inputs.limit };
          },
          alert(m) {
            return showAlert(m, "success");
          },
          go() {
            return navigateTo("Page2", { a: 1 }, "SAME_WINDOW");
          },
        };
      },
      queries: {
        api_echo: {
          request: function (inputs, appsmith) {
            return {
              method: "POST",
              url: "https://api.example.io/echo?limit=" + encodeURIComponent(inputs.limit),
              headers: { Authorization: "Bearer " + appsmith.store.token },
              body: { x: this.params.x },
            };
          },
          mock: { status: 200, data: { mocked: true } },
        },
      },
      inputs: { defaults: { limit: 10 } },
      functions: ["inc", "later"],
    },
    users: {
      kind: "query",
      request: function (inputs) {
        return { method: "GET", url: "https://api.example.io/users?limit=" + inputs.limit, headers: {}, body: null };
      },
      mock: { status: 200, data: [{ id: 1 }] },
      inputs: { defaults: { limit: 10 } },
    },
  },
});

function recorder(respond) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, init });
    return respond ? respond(url, init) : new Response(JSON.stringify({ got: JSON.parse(init.body ?? "null") }), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { calls, fetch };
}

test("package shape", () => {
  assert.equal(pkg.name, "demo");
  assert.equal(pkg.version, "1.2.3");
  assert.deepEqual(pkg.modules, ["counter", "users"]);
  assert.throws(() => pkg.createInstance("nope"), /has no module "nope"/);
  assert.throws(() => pkg.createInstance("toString"), /has no module/);
});

test("instances are independent and fn.data keeps the last resolved result", async () => {
  const storage = memoryStorage();
  const a = pkg.createInstance("counter", { storage });
  const b = pkg.createInstance("counter", { storage });
  assert.notEqual(a, b);
  assert.equal(a.inc.data, undefined);
  a.inc(5);
  assert.equal(a.count, 5);
  assert.equal(b.count, 0);
  assert.equal(a.inc.data, 5);
  assert.equal(b.inc.data, undefined);
  b.inc();
  assert.equal(b.inc.data, 1);
  assert.equal(a.inc.data, 5);
  const p = a.later(21);
  assert.equal(a.later.data, undefined, "data is set only once the promise resolves");
  assert.equal(await p, 42);
  assert.equal(a.later.data, 42);
  assert.equal(b.later.data, undefined);
  await assert.rejects(a.fail(), /boom/);
  assert.equal(a.fail.data, undefined);
  // this is the instance even when the function is called detached
  const inc = a.inc;
  assert.equal(inc(1), 6);
});

test("queries go through the given fetch with bindings and a JSON body", async () => {
  const storage = memoryStorage();
  const { calls, fetch } = recorder();
  const a = pkg.createInstance("counter", { storage, fetch, inputs: { limit: 3 } });
  await a.save("token", "t0k");
  const data = await a.echo("hi");
  assert.deepEqual(data, { got: { x: "hi" } });
  assert.deepEqual(a.echo.data, { got: { x: "hi" } });
  assert.equal(calls.length, 1);
  assert.equal(calls[0].url, "https://api.example.io/echo?limit=3");
  assert.equal(calls[0].init.method, "POST");
  assert.equal(calls[0].init.headers.Authorization, "Bearer t0k");
  assert.equal(calls[0].init.headers["Content-Type"], "application/json");
  assert.equal(calls[0].init.body, '{"x":"hi"}');
  const meta = a.meta();
  assert.equal(meta.statusCode, 200);
  assert.equal(meta.isExecutionSuccess, true);
  assert.equal(meta.headers["content-type"], "application/json");
});

test("text responses stay text; failures reject and keep the body", async () => {
  let status = 200;
  const { fetch } = recorder(() => new Response(status == 200 ? "plain words" : '{"error":"nope"}', { status, headers: { "content-type": status == 200 ? "text/plain" : "application/json" } }));
  const a = pkg.createInstance("counter", { storage: memoryStorage(), fetch });
  assert.equal(await a.echo(1), "plain words");
  status = 401;
  await assert.rejects(a.echo(1), (e) => e.statusCode == 401 && /api_echo failed with status 401/.test(e.message));
  assert.equal(a.echo.data, "plain words", "a rejected call keeps the last result");
  assert.equal(a.meta().isExecutionSuccess, false);
  assert.equal(a.meta().statusCode, 401);
});

test("a query module instance is a query object; mock mode never fetches", async () => {
  const { calls, fetch } = recorder(() => new Response("[]", { status: 200, headers: { "content-type": "application/json" } }));
  const q = pkg.createInstance("users", { storage: memoryStorage(), fetch, inputs: { limit: 7 } });
  assert.equal(q.isLoading, false);
  const p = q.run();
  assert.equal(q.isLoading, true);
  await p;
  assert.equal(q.isLoading, false);
  assert.equal(calls[0].url, "https://api.example.io/users?limit=7");
  assert.equal(calls[0].init.body, undefined);
  assert.deepEqual(q.data, []);

  const m = pkg.createInstance("users", { storage: memoryStorage(), fetch, mock: true });
  // A mock answers a tick later, as the network and the dry run do: code
  // that reads data without awaiting run() sees the same in all three.
  const pending = m.run();
  assert.equal(m.isLoading, true);
  assert.equal(m.data, undefined);
  await pending;
  assert.equal(m.isLoading, false);
  const d = await m.run();
  assert.deepEqual(d, [{ id: 1 }]);
  d[0].id = 99; // mock data is copied per answer
  assert.deepEqual(await m.run(), [{ id: 1 }]);
  assert.equal(calls.length, 1);
  const c = pkg.createInstance("counter", { storage: memoryStorage(), mock: true });
  assert.deepEqual(await c.echo(1), { mocked: true });
});

test("the store persists through the storage and is shared per storage", async () => {
  const storage = memoryStorage();
  const a = pkg.createInstance("counter", { storage });
  const b = pkg.createInstance("counter", { storage });
  await a.save("k", { n: 1 });
  await a.save("tmp", 5, false);
  assert.deepEqual(b.read("k"), { n: 1 }, "instances on one storage share the store");
  assert.equal(storage.getItem("modc.store.k"), '{"n":1}');
  assert.equal(storage.getItem("modc.store.tmp"), null, "persist=false stays in memory");

  // A reload: a fresh storage object with the same contents.
  const reloaded = memoryStorage();
  reloaded.setItem("modc.store.k", storage.getItem("modc.store.k"));
  reloaded.setItem("other", "not ours");
  const c = pkg.createInstance("counter", { storage: reloaded });
  assert.deepEqual(c.read("k"), { n: 1 });
  assert.equal(c.read("tmp"), undefined);
  assert.equal(c.read("other"), undefined);

  await a.drop("k");
  assert.equal(storage.getItem("modc.store.k"), null);
  assert.equal(b.read("k"), undefined);
  await a.save("x", 1);
  await a.wipe();
  assert.equal(storage.getItem("modc.store.x"), null);
  assert.equal(a.read("tmp"), undefined);

  // appsmith.store is read-only
  const spy = definePackage({ name: "s", modules: { m: { kind: "js", factory: ({ appsmith }) => ({ s: () => appsmith.store }) } } });
  const store = spy.createInstance("m", { storage }).s();
  assert.equal(store.x, undefined);
  assert.throws(() => {
    store.y = 1;
  }, TypeError);
});

test("user, URL, mode, inputs, alerts, navigation and change notifications", async () => {
  const alerts = [];
  const navs = [];
  let changes = 0;
  const o = {
    storage: memoryStorage(),
    user: { email: "ada@example.io" },
    url: "https://app.example.io/app/page?tab=2#top",
    inputs: { limit: 4 },
    onAlert: (m, s) => alerts.push([m, s]),
    onNavigate: (t, p, w) => navs.push([t, p, w]),
    onChange: () => changes++,
  };
  const a = pkg.createInstance("counter", o);
  const env = a.env();
  assert.deepEqual(env.user, { email: "ada@example.io" });
  assert.equal(env.mode, "PUBLISHED");
  assert.equal(env.url.hostname, "app.example.io");
  assert.equal(env.url.pathname, "/app/page");
  assert.equal(env.url.hash, "#top");
  assert.deepEqual(env.url.queryParams, { tab: "2" });
  assert.equal(env.limit, 4);
  o.inputs.limit = 9; // inputs are read live
  assert.equal(a.env().limit, 9);
  assert.equal(pkg.createInstance("counter", { storage: memoryStorage() }).env().limit, 10, "defaults apply");
  await a.alert("saved");
  assert.deepEqual(alerts, [["saved", "success"]]);
  await a.go();
  assert.deepEqual(navs, [["Page2", { a: 1 }, "SAME_WINDOW"]]);
  const before = changes;
  a.inc();
  assert.ok(changes > before, "fn.data changes notify");
  const mid = changes;
  await a.save("z", 1);
  assert.ok(changes > mid, "store changes notify");
  assert.equal(pkg.createInstance("counter", { storage: memoryStorage(), mode: "EDIT" }).env().mode, "EDIT");
});

// The table shared with the dry run and the app runtime's browser test.
const table = JSON.parse(readFileSync(new URL("./navigate.json", import.meta.url), "utf8"));
const refusal = (scheme) => `navigateTo: refused URL scheme ${scheme}: (only http, https, relative URLs and page names)`;

test("navigable allows http(s), relative URLs and page names, and nothing else", () => {
  const base = "https://app.example.io/apps/portal/index.html";
  for (const t of table.allowed) {
    assert.equal(navigable(t), t, JSON.stringify(t));
    // The URL parser agrees: it goes to an http(s) URL.
    assert.match(new URL(t, base).protocol, /^https?:$/, JSON.stringify(t));
  }
  for (const [t, scheme] of table.refused) {
    assert.throws(() => navigable(t), { message: refusal(scheme) }, JSON.stringify(t));
    // The URL parser reads the same scheme.
    assert.equal(new URL(t, base).protocol, scheme + ":", JSON.stringify(t));
  }
  assert.equal(navigable(undefined), "undefined");
  assert.throws(() => navigable({ toString: () => "javascript:alert(1)" }), { message: refusal("javascript") });
});

test("navigateTo refuses other schemes before onNavigate or the location see them", async () => {
  const nav = definePackage({
    name: "nav",
    version: "1.0.0",
    modules: {
      m: {
        kind: "js",
        factory: ({ navigateTo }) => ({
          go: (t, p, w) => navigateTo(t, p, w),
          async later(t) {
            navigateTo(t); // not awaited: the refusal still stops the function
            return "went on";
          },
        }),
        queries: {},
        functions: ["go", "later"],
      },
    },
  });
  const seen = [];
  const custom = nav.createInstance("m", { storage: memoryStorage(), onNavigate: (...a) => seen.push(a) });
  await custom.go("https://example.com/a", { q: 1 });
  await custom.go("Page2");
  for (const [t, scheme] of table.refused) {
    assert.throws(() => custom.go(t), { message: refusal(scheme) }, JSON.stringify(t));
  }
  await assert.rejects(custom.later("javascript:alert(1)"), { message: refusal("javascript") });
  assert.deepEqual(seen, [
    ["https://example.com/a", { q: 1 }, undefined],
    ["Page2", undefined, undefined],
  ]);

  // Without onNavigate the runtime goes to the URL through location.
  const assigned = [];
  const opened = [];
  const saved = { location: globalThis.location, open: globalThis.open };
  globalThis.location = { href: "https://app.example.io/apps/a/", assign: (u) => assigned.push(u) };
  globalThis.open = (u, w) => opened.push([u, w]);
  try {
    const plain = nav.createInstance("m", { storage: memoryStorage() });
    await plain.go("../b/?x=1", { y: "2 3" });
    await plain.go("https://example.com/", {}, "NEW_WINDOW");
    for (const [t, scheme] of table.refused) {
      assert.throws(() => plain.go(t, {}, "NEW_WINDOW"), { message: refusal(scheme) }, JSON.stringify(t));
      assert.throws(() => plain.go(t), { message: refusal(scheme) }, JSON.stringify(t));
    }
  } finally {
    Object.assign(globalThis, saved);
  }
  assert.deepEqual(assigned, ["https://app.example.io/apps/b/?x=1&y=2+3"]);
  assert.deepEqual(opened, [["https://example.com/", "_blank"]]);
});
