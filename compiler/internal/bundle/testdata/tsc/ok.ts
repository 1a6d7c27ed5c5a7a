// Uses the generated declarations as a TypeScript app would: must compile under --strict.
import { createInstance, modules, type InstanceOptions } from "./auth";
import util, { createInstance as utilInstance } from "./util";

const options: InstanceOptions = {
  fetch,
  storage: localStorage,
  inputs: { clientId: "x" },
  onAlert: (message) => console.log(message),
  onNavigate: (target, params) => console.log(target, params),
  mock: false,
};
const tokens = createInstance("manage_tokens", options);
const pending: Promise<string> = tokens.getAccessToken();
const last: string | undefined = tokens.getAccessToken.data;
const fetched: number = tokens.fetched;
tokens.fetched = fetched + 1;
const exp: number | null = tokens.getTokenExpiry("a.b.c");
const expData: number | null | undefined = tokens.getTokenExpiry.data;
tokens.storeToken("access");
tokens.storeToken("access", "refresh");
tokens.login("ada");
tokens.login("ada", "pw").then((token: string) => token.length);
const refreshed: Promise<any> = tokens.refreshAccessToken();

const users = createInstance("get_users");
users.run({ page: 1 }).then((rows) => rows);
users.run();
const status: number | undefined = users.responseMeta.statusCode;
const loading: boolean = users.isLoading;
const names: string[] = modules;

const g = utilInstance("greeter");
const greeting: string = g.greet("Ada");
const lastGreeting: string | undefined = g.greet.data;
const total: number = g.sum(1, 2, 3);
const words: string[] = g.shout({ loud: true });
g.shout();
g.shout({ loud: false, times: 3 });
g.greeting = "Hi";
g.count = 2;
g.later(5, { anything: true });
g.hi(1);
const version: string = util.version;
const pkgName: "util" = util.name;

void [pending, last, exp, expData, refreshed, status, loading, names, greeting, lastGreeting, total, words, version, pkgName];
