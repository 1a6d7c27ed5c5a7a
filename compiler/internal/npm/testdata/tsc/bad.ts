// Each line marked "error" must fail to compile, and only those.
import { createInstance } from "auth";

const tokens = createInstance("manage_tokens");
tokens.getTokenExpiry(42); // error: a number is not a string
tokens.storeToken(); // error: accessToken is required
tokens.isAccessTokenExpired("a", "b"); // error: one argument
const n: number = await tokens.getAccessToken(); // error: a string is not a number
tokens.noSuchFunction(); // error: not a member
createInstance("no_such_module"); // error: not a module of the package
createInstance("manage_tokens", { mock: "yes" }); // error: mock is a boolean
tokens.getAccessToken.data = "x"; // error: data is read-only

export { n };
