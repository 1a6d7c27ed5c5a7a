// Imports the installed package as an ES module, by its npm name (argv[2]),
// and prints what it gets as JSON.
import pkg, { createInstance, modules } from "PKG";
import meta from "PKG/meta.json" with { type: "json" };

const tokens = createInstance("manage_tokens", { mock: true });
const token = await tokens.getAccessToken();
console.log(JSON.stringify({
  name: pkg.name,
  version: pkg.version,
  modules,
  token,
  data: tokens.getAccessToken.data === token,
  expiry: tokens.getTokenExpiry(token),
  meta: meta.package,
}));
