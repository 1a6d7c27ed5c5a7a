// modc browser runtime. A generated package bundle calls definePackage with
// the description of its modules; the result creates module instances.
//
// An instance of a JS module is its Main object, built fresh by the
// module's factory, with each function wrapped so it keeps its last resolved
// result as fn.data. An instance of a query module is a query object
// { run(params), data, responseMeta, isLoading }.
//
// No eval, no new Function: bundles run under a CSP without unsafe-eval.

const G = globalThis;
const PREFIX = "modc.store.";
const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const no = () => false;
const json = (v) => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

// State shared by every copy of the runtime on the page (one per classic
// script; the npm packages of a frontend import one), so that all packages
// of an app share one store per storage.
const KEY = Symbol.for("modc.runtime");
const shared = G[KEY] || (G[KEY] = { stores: new WeakMap() });

/** memoryStorage returns an in-memory object with the Web Storage API. */
export function memoryStorage() {
  const m = new Map();
  return {
    get length() {
      return m.size;
    },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
  };
}

function defaultStorage() {
  try {
    if (G.localStorage) return G.localStorage;
  } catch {
    // localStorage can throw (sandboxed frames, disabled storage).
  }
  return shared.memory || (shared.memory = memoryStorage());
}

// storeFor returns the store kept in storage, loading persisted values the
// first time: { data, view (read-only), subs (change listeners) }.
function storeFor(storage) {
  let s = shared.stores.get(storage);
  if (!s) {
    const data = {};
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k && k.startsWith(PREFIX)) {
        try {
          data[k.slice(PREFIX.length)] = JSON.parse(storage.getItem(k));
        } catch {
          // Not ours or corrupt: leave it out.
        }
      }
    }
    s = { data, view: new Proxy(data, { set: no, deleteProperty: no, defineProperty: no }), subs: new Set() };
    shared.stores.set(storage, s);
  }
  return s;
}

/**
 * navigable returns target as text when navigateTo may go there: an http
 * or https URL, a relative URL or a page name. It throws for any other
 * URL scheme (javascript:, data:, vbscript:, file:, blob:, mailto: …),
 * reading the scheme as browsers' URL parser does: tabs and newlines
 * anywhere and control characters and spaces in front do not count, and
 * case does not matter. compiler/internal/dryrun/runtime.js has the same rule
 * (the table in testdata/navigate.json is run through both).
 */
export function navigable(target) {
  const s = String(target);
  const m = /^([a-z][a-z\d+.-]*):/i.exec(s.replace(/[\t\n\r]/g, "").replace(/^[\0- ]+/, ""));
  if (m && !/^https?$/i.test(m[1])) {
    throw new Error(`navigateTo: refused URL scheme ${m[1].toLowerCase()}: (only http, https, relative URLs and page names)`);
  }
  return s;
}

function parseURL(href) {
  let u;
  try {
    u = new URL(href);
  } catch {
    u = { searchParams: [] };
  }
  const r = { queryParams: Object.fromEntries(u.searchParams) };
  for (const [k, f] of [["fullPath", "href"], ["host"], ["hostname"], ["port"], ["protocol"], ["pathname"], ["hash"]]) {
    r[k] = u[f || k] || "";
  }
  return r;
}

// context builds what one instance's code sees: the appsmith object, the
// store functions, showAlert, navigateTo and inputs.
function context(o, defaults, notify) {
  const storage = o.storage || defaultStorage();
  const store = storeFor(storage);
  if (o.onChange) store.subs.add(o.onChange);
  const changed = () => store.subs.forEach((f) => f());
  const done = (f) => {
    try {
      f();
      changed();
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e);
    }
  };
  const loc = G.location;
  const inputs = new Proxy(json(defaults) || {}, {
    get: (t, k) => (o.inputs && k in o.inputs ? o.inputs[k] : t[k]),
    set: no,
    deleteProperty: no,
  });
  return {
    inputs,
    notify,
    appsmith: {
      store: store.view,
      user: o.user || {},
      URL: parseURL(o.url || (loc && loc.href)),
      mode: o.mode || "PUBLISHED",
    },
    storeValue: (key, value, persist = true) =>
      done(() => {
        store.data[key] = value;
        if (persist) storage.setItem(PREFIX + key, JSON.stringify(value));
        else storage.removeItem(PREFIX + key);
      }),
    removeValue: (key) =>
      done(() => {
        delete store.data[key];
        storage.removeItem(PREFIX + key);
      }),
    clearStore: () =>
      done(() => {
        for (const k of Object.keys(store.data)) {
          delete store.data[k];
          storage.removeItem(PREFIX + k);
        }
      }),
    showAlert: (message, style) => {
      (o.onAlert || ((m, s) => console.info(s ? `[${s}] ${m}` : m)))(message, style);
      return Promise.resolve();
    },
    // navigateTo throws at once for a refused URL, so the code that asked
    // stops there even when it does not await the promise.
    navigateTo: (target, params, where) => {
      navigable(target);
      if (o.onNavigate) return Promise.resolve(o.onNavigate(target, params, where));
      if (loc) {
        const u = new URL(target, loc.href);
        for (const k in params) u.searchParams.set(k, params[k]);
        if (where === "NEW_WINDOW") G.open(u.href, "_blank");
        else loc.assign(u.href);
      }
      return Promise.resolve();
    },
  };
}

// platform returns Appsmith's platform functions for one instance: each
// calls the host's handler in o.actions when there is one (an app's widget
// runtime passes its own), else does what a page without widgets can:
// download saves a file, copyToClipboard writes the clipboard,
// postWindowMessage posts to the parent window, and showModal, closeModal
// and resetWidget, which need widgets, say so on the console. Every one
// returns a promise, as in Appsmith.
function platform(o, name) {
  const a = o.actions || {};
  const act = (fn, dflt) => (...args) => {
    try {
      return Promise.resolve(typeof a[fn] == "function" ? a[fn](...args) : dflt(...args));
    } catch (e) {
      return Promise.reject(e);
    }
  };
  const noWidgets = (fn) => (w) => console.warn(`modc: ${name}: ${fn}(${JSON.stringify(w)}) needs an app's widgets; pass actions.${fn} to createInstance`);
  const intervals = new Map(); // Appsmith's ids → timer handles
  return {
    showModal: act("showModal", noWidgets("showModal")),
    closeModal: act("closeModal", noWidgets("closeModal")),
    resetWidget: act("resetWidget", noWidgets("resetWidget")),
    download: act("download", (data, fileName, fileType) => {
      const doc = G.document;
      if (!doc) throw new Error("download: no document to save the file from");
      const blob = data instanceof G.Blob ? data : new G.Blob([typeof data == "string" ? data : JSON.stringify(data)], { type: fileType || "text/plain" });
      const url = URL.createObjectURL(blob);
      const link = doc.createElement("a");
      link.href = url;
      link.download = fileName || "download";
      doc.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    }),
    copyToClipboard: act("copyToClipboard", (text) => {
      const c = G.navigator && G.navigator.clipboard;
      if (!c) throw new Error("copyToClipboard: this page has no clipboard (it needs a secure context)");
      return c.writeText(String(text));
    }),
    // Without a target origin the message goes to the page's own origin
    // only, never to "*": a module does not leak data to any parent.
    postWindowMessage: act("postWindowMessage", (message, source, targetOrigin) => {
      const target = G.parent || G;
      target.postMessage(message, targetOrigin || (G.location && G.location.origin) || "/");
    }),
    fetch: (url, init) => (o.fetch || G.fetch)(url, init),
    setInterval: (fn, ms, id) => {
      if (id === undefined) return G.setInterval(fn, ms);
      if (intervals.has(id)) G.clearInterval(intervals.get(id));
      intervals.set(id, G.setInterval(fn, ms));
      return id;
    },
    clearInterval: (id) => {
      if (intervals.has(id)) {
        G.clearInterval(intervals.get(id));
        intervals.delete(id);
      } else G.clearInterval(id);
    },
  };
}

const plain = (b) => Array.isArray(b) || [Object.prototype, null].includes(Object.getPrototypeOf(b));

// query makes a query object for a query definition { request, mock }.
function query(name, def, ctx, o) {
  const q = {
    data: undefined,
    isLoading: false,
    responseMeta: { statusCode: undefined, headers: {}, isExecutionSuccess: false },
    // clear forgets the last response, as before any run (Appsmith's
    // Query.clear()).
    clear() {
      q.data = undefined;
      q.responseMeta = { statusCode: undefined, headers: {}, isExecutionSuccess: false };
      ctx.notify();
      return Promise.resolve();
    },
    async run(params) {
      let status;
      let data;
      const headers = {};
      q.isLoading = true;
      ctx.notify();
      try {
        if (o.mock) {
          await null; // answer a tick later, as the network (and the dry run) would
          const m = def.mock || {};
          status = m.status || 200;
          Object.assign(headers, m.headers);
          data = json(m.data);
        } else {
          const r = def.request.call({ params: params || {} }, ctx.inputs, ctx.appsmith);
          const h = { ...r.headers };
          let body = r.body;
          if (body != null && typeof body == "object" && plain(body)) {
            body = JSON.stringify(body);
            if (!Object.keys(h).some((k) => k.toLowerCase() == "content-type")) h["Content-Type"] = "application/json";
          }
          const res = await (o.fetch || G.fetch)(r.url, { method: r.method, headers: h, body: body == null ? undefined : body });
          status = res.status;
          res.headers.forEach((v, k) => (headers[k] = v));
          data = await res.text();
          const type = res.headers.get("content-type");
          if (!type || /json/i.test(type)) {
            try {
              data = data ? JSON.parse(data) : null;
            } catch {
              // Not JSON after all: keep the text.
            }
          }
        }
      } finally {
        const ok = status >= 200 && status < 300;
        q.isLoading = false;
        if (status) q.data = data;
        q.responseMeta = { statusCode: status, headers, isExecutionSuccess: ok };
        ctx.notify();
      }
      if (!q.responseMeta.isExecutionSuccess) {
        throw Object.assign(new Error(`query ${name} failed with status ${status}`), { statusCode: status, data });
      }
      return data;
    },
  };
  return q;
}

// adopt moves the members of the object the factory made onto self, the
// factory's this, and returns self; anything but an object is returned as is.
function adopt(self, made) {
  if (made === null || typeof made != "object") return made;
  Object.defineProperties(self, Object.getOwnPropertyDescriptors(made));
  return self;
}

// wrap makes f a method of inst that keeps its last resolved result as .data.
function wrap(inst, f, notify) {
  const w = function (...args) {
    const r = f.apply(inst, args);
    const set = (v) => {
      w.data = v;
      notify();
      return v;
    };
    return r && typeof r.then == "function" ? r.then(set) : set(r);
  };
  w.data = undefined;
  return w;
}

/**
 * definePackage takes a package description
 * { name, version, modules: { [name]: ModuleDef } } and returns
 * { name, version, modules: [names], createInstance(moduleName, options) }.
 */
export function definePackage(pkg) {
  const mods = pkg.modules;
  function createInstance(name, o = {}) {
    const def = own(mods, name) && mods[name];
    if (!def) {
      throw new Error(`modc: package ${pkg.name} has no module "${name}" (it has: ${Object.keys(mods).join(", ")})`);
    }
    const ctx = context(o, def.inputs && def.inputs.defaults, () => o.onChange && o.onChange());
    if (def.kind == "query") return query(name, def, ctx, o);
    const { inputs, appsmith, storeValue, removeValue, clearStore, showAlert, navigateTo } = ctx;
    const env = { inputs, appsmith, storeValue, removeValue, clearStore, showAlert, navigateTo, ...platform(o, `${pkg.name}/${name}`) };
    for (const q in def.queries) env[q] = query(q, def.queries[q], ctx, o);
    // A computed initializer that throws (a query's data read before any
    // run) leaves its variable undefined, as in Appsmith, and is reported.
    env.$modcInit = (self, key, value) => {
      let v;
      try {
        v = value();
      } catch (e) {
        console.error(`modc: ${pkg.name}/${name}: the initial value of ${key} threw; it starts undefined`, e);
      }
      self[key] = v;
      return v;
    };
    // The factory runs with this = self, the object that becomes the Main
    // object: `this` in an arrow-function member or a variable's
    // initializer is the Main object, as Appsmith reads it.
    const self = {};
    const main = adopt(self, def.factory.call(self, env));
    for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(main))) {
      if (typeof d.value == "function") main[k] = wrap(main, d.value, ctx.notify);
    }
    return main;
  }
  return { name: pkg.name, version: pkg.version, modules: Object.keys(mods), createInstance };
}
