// Uses the installed package's generated types the way a frontend does;
// it must compile under --strict (as an ES module).
import pkg, { createInstance, modules, type ManageTokens, type InstanceOptions } from "auth";

const options: InstanceOptions = { mock: true, onChange: () => {} };
const tokens: ManageTokens = createInstance("manage_tokens", options);
const token: Promise<string> = tokens.getAccessToken();
const last: string | undefined = tokens.getAccessToken.data;
const expiry: number | null = tokens.getTokenExpiry("a.b.c");
const expired: boolean = tokens.isAccessTokenExpired("a.b.c");
const stored: Promise<void> = tokens.storeToken("access");
const both: Promise<void> = tokens.storeToken("access", "refresh");
const leeway: number = tokens.expiryLeewaySeconds;
const names: "manage_tokens"[] = modules;
const same: typeof createInstance = pkg.createInstance;
const name: "auth" = pkg.name;

export { token, last, expiry, expired, stored, both, leeway, names, same, name };
