// The same package required from CommonJS: under moduleResolution node16
// this resolves the "require" condition and its own declarations.
import auth = require("auth");

const tokens = auth.createInstance("manage_tokens", { mock: true });
const token: Promise<string> = tokens.getAccessToken();
const expiry: number | null = tokens.getTokenExpiry("a.b.c");
const name: "auth" = auth.default.name;

export = { token, expiry, name };
