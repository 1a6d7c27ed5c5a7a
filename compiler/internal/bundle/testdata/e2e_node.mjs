// End-to-end check of built bundles in node, run by TestNodeESM:
//   node --test e2e_node.mjs   (with AUTH and UTIL set to the .mjs paths)
import { test } from "node:test";
import assert from "node:assert/strict";

const auth = await import(process.env.AUTH);
const util = await import(process.env.UTIL);

function memoryStorage(init = {}) {
  const m = new Map(Object.entries(init));
  return {
    get length() { return m.size; },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
    entries: () => Object.fromEntries(m),
  };
}

// A JWT-shaped token whose payload holds exp (seconds).
const jwt = (exp, tag) => "h." + Buffer.from(JSON.stringify({ exp, tag })).toString("base64") + ".s";
const future = Math.floor(Date.now() / 1000) + 3600;

function server() {
  const calls = [];
  let n = 0;
  const fetch = async (url, init) => {
    calls.push({ url, method: init.method, headers: init.headers, body: init.body });
    n++;
    let data;
    if (url.endsWith("/token")) data = { access_token: jwt(future, "login" + n), refresh_token: "refresh" + n };
    else if (url.endsWith("/refresh")) data = { access_token: jwt(future, "refreshed" + n) };
    else data = [{ id: n, name: "Ada" }];
    return new Response(JSON.stringify(data), { status: 200, headers: { "content-type": "application/json; charset=utf-8" } });
  };
  return { calls, fetch };
}

test("exports", () => {
  assert.deepEqual([...auth.modules].sort(), ["get_users", "manage_tokens"]);
  assert.equal(typeof auth.createInstance, "function");
  assert.equal(auth.default.name, "auth");
  assert.equal(auth.default.version, "1.0.0");
});

test("two instances of a JS module are independent", async () => {
  const { calls, fetch } = server();
  const a = auth.createInstance("manage_tokens", { fetch, storage: memoryStorage(), inputs: { clientId: "cli-a" } });
  const b = auth.createInstance("manage_tokens", { fetch, storage: memoryStorage() });
  const tokA = await a.login("ada", "pw");
  assert.equal(a.fetched, 1);
  assert.equal(b.fetched, 0, "a variable changed on one instance is not changed on the other");
  assert.equal(a.login.data, tokA);
  assert.equal(b.login.data, undefined);
  const tokB = await b.login("bob");
  assert.notEqual(tokA, tokB);
  assert.equal(a.login.data, tokA, "each instance keeps its own last result");
  assert.equal(b.login.data, tokB);

  // The query went through the given fetch with the bindings applied.
  assert.equal(calls[0].url, "https://auth.example.io/token");
  assert.equal(calls[0].method, "POST");
  assert.equal(calls[0].headers["X-Client"], "cli-a");
  assert.equal(calls[0].headers["Content-Type"], "application/json");
  assert.deepEqual(JSON.parse(calls[0].body), { user: "ada", password: "pw" });
  assert.equal(calls[1].headers["X-Client"], "web", "input defaults apply");
  assert.deepEqual(JSON.parse(calls[1].body), { user: "bob", password: "" });
});

test("getAccessToken.data holds the last result; refresh uses the store", async () => {
  const { calls, fetch } = server();
  const storage = memoryStorage();
  const a = auth.createInstance("manage_tokens", { fetch, storage });
  const token = await a.login("ada", "pw");
  assert.equal(a.getAccessToken.data, undefined);
  const got = await a.getAccessToken();
  assert.equal(got, token);
  assert.equal(a.getAccessToken.data, token);
  assert.equal(calls.length, 1, "a valid token is not refreshed");
  assert.equal(a.isExpired(), false);
  assert.equal(a.isExpired.data, false);

  // Expire the token: getAccessToken refreshes it with the stored refresh token.
  await a.storeToken(jwt(1, "old"));
  assert.equal(a.isExpired(), true);
  const fresh = await a.getAccessToken();
  assert.equal(calls.length, 2);
  assert.equal(calls[1].url, "https://auth.example.io/refresh");
  assert.equal(calls[1].headers.Authorization, "Bearer " + jwt(1, "old"));
  assert.deepEqual(JSON.parse(calls[1].body), { refresh_token: "refresh1" });
  assert.match(Buffer.from(fresh.split(".")[1], "base64").toString(), /refreshed2/);
  assert.equal(a.getAccessToken.data, fresh);
  assert.equal(a.fetched, 2);
});

test("the store persists through the storage", async () => {
  const { calls, fetch } = server();
  const storage = memoryStorage();
  const a = auth.createInstance("manage_tokens", { fetch, storage });
  const token = await a.login("ada", "pw");
  const saved = storage.entries();
  assert.equal(saved["modc.store.authAccessToken"], JSON.stringify(token));
  assert.equal(saved["modc.store.authRefreshToken"], JSON.stringify("refresh1"));
  assert.equal(typeof JSON.parse(saved["modc.store.authAccessTokenExp"]), "number");

  // A page reload: a new storage object with what was saved.
  const reloaded = auth.createInstance("manage_tokens", { fetch, storage: memoryStorage(saved) });
  assert.equal(await reloaded.getAccessToken(), token);
  assert.equal(calls.length, 1, "the reloaded store answers without the network");

  // Instances sharing a storage share the store, across packages too.
  const g = util.createInstance("greeter", { storage });
  await g.remember("shared", 42);
  assert.equal(storage.getItem("modc.store.shared"), "42");
});

test("a query module instance is a query object", async () => {
  const { calls, fetch } = server();
  const storage = memoryStorage({ "modc.store.authAccessToken": JSON.stringify("T") });
  const q = auth.createInstance("get_users", { fetch, storage, inputs: { limit: 5 } });
  assert.equal(q.isLoading, false);
  assert.equal(q.data, undefined);
  const rows = await q.run();
  assert.deepEqual(rows, [{ id: 1, name: "Ada" }]);
  assert.deepEqual(q.data, rows);
  assert.equal(q.responseMeta.statusCode, 200);
  assert.equal(q.responseMeta.isExecutionSuccess, true);
  assert.equal(calls[0].url, "https://api.example.io/users?limit=5&offset=0");
  assert.equal(calls[0].method, "GET");
  assert.equal(calls[0].headers.Authorization, "Bearer T");
  assert.equal(calls[0].body, undefined);

  const mocked = auth.createInstance("get_users", { fetch, storage, mock: true });
  assert.deepEqual(await mocked.run(), [{ id: 1, name: "Ada" }]);
  assert.equal(calls.length, 1, "mock mode does not fetch");
});

test("util functions", async () => {
  const g = util.createInstance("greeter", { storage: memoryStorage() });
  const h = util.createInstance("greeter", { storage: memoryStorage() });
  assert.equal(g.greet("Ada"), "Hello, Ada!");
  g.greeting = "Hi";
  assert.equal(g.greet("Bo"), "Hi, Bo!");
  assert.equal(h.greet("Cy"), "Hello, Cy!");
  assert.equal(g.count, 2);
  assert.equal(h.count, 1);
  assert.equal(g.greet.data, "Hi, Bo!");
  assert.equal(h.greet.data, "Hello, Cy!");
  assert.equal(g.sum(1, 2, 3), 6);
  assert.deepEqual(g.shout({ loud: false, times: 2 }), ["hey", "hey"]);
  assert.deepEqual(await g.later(1, "x"), { who: "x", at: 1 });
  assert.deepEqual(g.later.data, { who: "x", at: 1 });
});
