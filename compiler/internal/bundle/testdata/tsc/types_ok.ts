// Precise types from mocks and declared inputs, and generic code over the
// module map: must compile under --strict.
import { createInstance, type ModuleInputs, type Modules, type Orders } from "./shop";
import * as auth from "./auth";

const orders = createInstance("orders", { inputs: { status: "closed", limit: 5, filter: { since: "2025", tags: [] } } });
orders.run().then((data) => {
  const total: number = data.total;
  const name: string = data.orders[0].customer.name;
  const vip: boolean = data.orders[0].customer.vip;
  void [total, name, vip];
});
const data = orders.data;
if (data) {
  const id: string | number = data.orders[0].id;
  const sku: string = data.orders[0].lines[0].sku;
  const gift: boolean | undefined = data.orders[0].lines[0].gift;
  const coupon: string | null | undefined = data.orders[1].coupon;
  const anything: unknown = data.meta.whatever;
  const nextPage: unknown = data["next-page"];
  void [id, sku, gift, coupon, anything, nextPage];
}
const cart = createInstance("cart", { inputs: { currency: "USD" } });
const count: number = cart.add("A1");
const items: string[] = cart.items;
createInstance("modules", { inputs: {} });

// A hook typed from the module map.
function useModule<K extends keyof Modules>(name: K, inputs?: Partial<ModuleInputs[K]>): Modules[K] {
  return createInstance(name, { inputs });
}
const o: Orders = useModule("orders", { limit: 1 });
const c = useModule("cart");
const added: number = c.add("B2");

// And over several packages: useModule(pkg, name).
interface Packages {
  shop: Modules;
  auth: auth.Modules;
}
declare function usePackageModule<P extends keyof Packages, K extends keyof Packages[P]>(pkg: P, name: K): Packages[P][K];
const users = usePackageModule("auth", "get_users");
const firstName: string | undefined = users.data?.[0].name;
const tokens = usePackageModule("auth", "manage_tokens");
const pending: Promise<string> = tokens.getAccessToken();

void [count, items, o, added, firstName, pending];
