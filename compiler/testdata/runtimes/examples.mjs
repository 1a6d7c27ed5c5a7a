// Runs examples of examples.json through the built package bundles, for
// TestRuntimesAgreeOnExamples: node examples.mjs RUNTIME CASES, where
// RUNTIME is a copy of compiler/internal/runtime/runtime.js and CASES a JSON file
// [{pkg, module, call, args, store, inputs, fetch, esm, iife}]. It runs each case
// twice, through the ES module (esm, a file path) and through the IIFE
// (iife, run as a classic script), each time on a new instance with a new
// storage, and prints one JSON array of
// {case, bundle, threw, result?, message?, text?, store, alerts, navigations, calls}:
// result is the call's awaited result as JSON text (absent for undefined or
// a value without a JSON form); message and text describe what it threw;
// store is the store after the call; alerts and navigations are what
// showAlert and navigateTo were called with, written as the dry run
// records them; calls are the platform calls (actions, fetch answered from
// the case's fetch mocks, alerts and navigations) as JSON arrays.
import { readFileSync } from "node:fs";
import { runInThisContext } from "node:vm";
import { pathToFileURL } from "node:url";

const [runtimePath, casesPath] = process.argv.slice(2);
const { definePackage, memoryStorage } = await import(pathToFileURL(runtimePath).href);
const cases = JSON.parse(readFileSync(casesPath, "utf8"));

// What the modules log goes nowhere: the output is the results alone.
for (const k of ["log", "info", "warn", "error", "debug", "trace", "dir", "table"]) console[k] = () => {};

// The store is the runtime's, one per storage, shared by every copy of the
// runtime in the page (each bundle has its own copy). Another instance on
// the same storage, of a module of this runtime copy, fills it before the
// call with storeValue and reads it after through appsmith.store, as an
// app's own code would.
const probe = definePackage({
  name: "probe",
  version: "0",
  modules: {
    store: {
      kind: "js",
      queries: {},
      factory: (env) => ({
        fill: (store) => Promise.all(Object.keys(store).map((k) => env.storeValue(k, store[k]))),
        read: () => JSON.parse(JSON.stringify(env.appsmith.store)),
      }),
    },
  },
});

// show writes a value as the dry run's records do (show in
// compiler/internal/dryrun/runtime.js).
const show = (v) => {
  if (typeof v === "string") return v;
  if (typeof v === "function") return `[Function ${v.name || "anonymous"}]`;
  if (v !== null && typeof v === "object") {
    if (v instanceof Error) return String(v);
    try {
      const j = JSON.stringify(v);
      if (j !== undefined) return j;
    } catch {
      // the tag
    }
    return Object.prototype.toString.call(v);
  }
  return String(v);
};

const bundles = { esm: {}, iife: {} };
async function load(c) {
  if (!bundles.esm[c.pkg]) {
    bundles.esm[c.pkg] = await import(pathToFileURL(c.esm).href);
    runInThisContext(readFileSync(c.iife, "utf8"), { filename: c.iife });
    bundles.iife[c.pkg] = globalThis[c.global].packages[c.pkg];
  }
}

const results = [];
for (let i = 0; i < cases.length; i++) {
  const c = cases[i];
  await load(c);
  for (const bundle of ["esm", "iife"]) {
    const storage = memoryStorage();
    const store = probe.createInstance("store", { storage });
    await store.fill(c.store || {});
    const alerts = [];
    const navigations = [];
    // calls are the platform calls, as the dry run records them: the
    // JSON array [name, ...args], without trailing undefined arguments.
    const calls = [];
    const call = (name, args) => {
      args = [...args];
      while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
      calls.push(JSON.stringify([name, ...args]));
    };
    const actions = {};
    for (const name of ["showModal", "closeModal", "resetWidget", "download", "copyToClipboard", "postWindowMessage"]) {
      actions[name] = (...args) => call(name, args);
    }
    // fetch answers the example's fetch mocks, as the dry run does.
    const fetch = async (url, init) => {
      call("fetch", [url, init]);
      const m = (c.fetch || {})[url];
      if (!m) throw new Error(`fetch(${JSON.stringify(url)}): the example has no mock for this URL`);
      const body = typeof m.data === "string" ? m.data : JSON.stringify(m.data ?? null);
      return new Response(body, { status: m.status || 200, headers: m.headers || {} });
    };
    const inst = bundles[bundle][c.pkg].createInstance(c.module, {
      actions,
      fetch,
      mock: true,
      storage,
      inputs: c.inputs || {},
      // The dry run's environment (compiler/internal/dryrun/runtime.js).
      user: {},
      url: "http://localhost/",
      mode: "EDIT",
      onAlert: (message, style) => {
        call("showAlert", [message, style]);
        alerts.push(style ? `[${show(style)}] ${show(message)}` : show(message));
      },
      onNavigate: (target, params, where) => {
        call("navigateTo", [target, params, where]);
        navigations.push(show({ target, params, where }));
      },
    });
    const r = { case: i, bundle, threw: false };
    try {
      const v = await inst[c.call](...(c.args || []));
      try {
        r.result = JSON.stringify(v);
      } catch {
        // no JSON form, as undefined
      }
    } catch (e) {
      r.threw = true;
      r.text = typeof e === "string" ? JSON.stringify(e) : String(e);
      r.message = e !== null && typeof e === "object" && "message" in e ? String(e.message) : typeof e === "string" ? e : r.text;
    }
    r.store = store.read();
    r.alerts = alerts;
    r.navigations = navigations;
    r.calls = calls;
    results.push(r);
  }
}
process.stdout.write(JSON.stringify(results));
