// Loaded by TestExampleWorkspaceInNode with AUTH set to the built auth.mjs.
// Prints one JSON line the Go test checks.
const { createInstance, modules } = await import(process.env.AUTH);

function memoryStorage() {
  const m = new Map();
  return {
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => m.set(k, String(v)),
    removeItem: (k) => m.delete(k),
    key: (i) => [...m.keys()][i] ?? null,
    get length() { return m.size; },
  };
}

// A JWT whose payload carries the given jti and an expiry far in the future (seconds).
function jwt(jti) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return b64({ alg: "HS256" }) + "." + b64({ jti, exp: 4102444800 }) + ".sig";
}

const requests = [];
let issued = 0;
async function fetchStub(url, init) {
  requests.push({ url: String(url), method: init.method, body: init.body ?? null });
  issued++;
  const body = JSON.stringify({ access_token: jwt("token-" + issued), refresh_token: "refresh-" + issued });
  return new Response(body, { status: 200, headers: { "Content-Type": "application/json" } });
}

const a = createInstance("manage_tokens", { fetch: fetchStub, storage: memoryStorage(), user: { email: "ada@example.io" } });
const b = createInstance("manage_tokens", { fetch: fetchStub, storage: memoryStorage(), user: { email: "bob@example.io" } });

a.expiryLeewaySeconds = 99;
const tokenA = await a.getAccessToken();
const dataA = a.getAccessToken.data;
const dataBBefore = b.getAccessToken.data;
const tokenB = await b.getAccessToken();
const tokenAAgain = await a.getAccessToken(); // still valid: no new request

console.log(JSON.stringify({
  modules,
  sameObject: a === b,
  leewayA: a.expiryLeewaySeconds,
  leewayB: b.expiryLeewaySeconds,
  tokenA, dataA, dataBBefore: dataBBefore ?? null, tokenB,
  dataB: b.getAccessToken.data,
  tokenAAgain, dataAAgain: a.getAccessToken.data,
  requests,
}));
