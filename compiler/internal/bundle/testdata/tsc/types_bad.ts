// Every line marked "error" must fail to compile, and no other line.
import { createInstance, type ModuleInputs, type Modules } from "./shop";

createInstance("orders", { inputs: { stauts: "open" } }); // error: no such input
createInstance("orders", { inputs: { limit: "5" } }); // error: limit is a number
createInstance("cart", { inputs: { limit: 1 } }); // error: cart declares no input limit
createInstance("modules", { inputs: { any: 1 } }); // error: the module declares no inputs
const orders = createInstance("orders");
const data = orders.data!;
data.totl; // error: not in the mock
data.orders[0].customer.email; // error: not in the mock
const total: string = data.total; // error: total is a number
const gift: boolean = data.orders[0].lines[0].gift; // error: gift is optional
orders.data.total; // error: data may be undefined

function useModule<K extends keyof Modules>(name: K, inputs?: Partial<ModuleInputs[K]>): Modules[K] {
  return createInstance(name, { inputs });
}
useModule("nope"); // error: no such module
useModule("cart", { status: "x" }); // error: cart has no input status
useModule("cart").run(); // error: cart is not a query
void [total, gift];
