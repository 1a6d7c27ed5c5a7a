// Every line marked "error" must fail to compile, and no other line.
import { createInstance } from "./auth";
import { createInstance as utilInstance } from "./util";

const g = utilInstance("greeter");
g.greet(42); // error: a number is not a string
g.sum(1, "2"); // error: a string is not a number
g.shout({ times: 2 }); // error: loud is missing
const n: number = g.greet("x"); // error: greet returns a string
createInstance("nope"); // error: no such module
const t = createInstance("manage_tokens");
const x: number = t.getAccessToken.data; // error: data is string | undefined
t.login(); // error: user is required
t.fetched = "many"; // error: fetched is a number
createInstance("get_users", { mock: "yes" }); // error: mock is a boolean
t.nothing(); // error: no such member
void [n, x];
