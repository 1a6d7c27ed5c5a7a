// The dry-run runtime: the runtime API of SPEC 3 for one sandboxed goja VM.
// modc compiles this file once and runs it in every fresh VM, after the
// memory guards of guards.go are installed; it evaluates to a function that
// takes the host (parse, the queries' definitions and requests, atob, btoa,
// the names the code uses, and limits, from Go) and returns the driver Go
// calls: top, and more, which returns example, fire and finish.
//
// It mirrors the browser runtime (compiler/internal/runtime/runtime.js): each function
// member keeps its last resolved result as fn.data; queries have run(params),
// data, responseMeta and isLoading; storeValue, removeValue, clearStore,
// showAlert and navigateTo return resolved promises (navigateTo throws for
// a URL scheme other than http and https, as there). The differences: queries
// evaluate their request (so a broken binding is reported) and then answer
// their mock; timers run on a virtual clock that Go advances; alerts, logs
// and navigations are recorded for the example's result.
//
// goja interprets this code for every module and every example, so it
// avoids what is slow there: iterators (for-of), descriptors, and creating
// functions per instance when one per VM will do. Creating a function costs
// even once per VM (a fresh VM per module), so the API functions that the
// module's code cannot reach are not created at all: host.uses lists the
// names its code has (null when it may reach any; see apiNames in run.go).
(function (host) {
  "use strict";
  const G = globalThis;
  const maxRecords = host.maxRecords;
  const named = host.uses;
  const uses = (name) => named === null || named[name] === true;
  const platform = uses("showModal") || uses("closeModal") || uses("resetWidget") || uses("download") || uses("copyToClipboard") || uses("postWindowMessage");
  // dialogs: the code can call confirm or alert (browser.js), which are
  // recorded as the platform calls are.
  const dialogs = uses("dialogs");
  const recording = platform || dialogs || uses("console") || uses("showAlert") || uses("navigateTo") || uses("fetch");
  const timing = uses("setTimeout") || uses("setInterval") || uses("clearTimeout") || uses("clearInterval");
  // Reflect.apply, without materialising the whole of Reflect.
  const apply = Function.prototype.call.bind(Function.prototype.apply);
  const keys = Object.keys;
  const freeze = Object.freeze;
  const assign = Object.assign;
  const hasOwn = Object.prototype.hasOwnProperty;
  const parse = host.parse; // JSON.parse, faster (json.go)
  const stringify = JSON.stringify; // already guarded
  // String(v), without materialising the String constructor (a template
  // converts as String does, but throws for a symbol).
  const str = (v) => (typeof v === "symbol" ? v.toString() : `${v}`);

  // ---- records: alerts, logs, navigations, per evaluation ------------------

  let rec = null;
  let keep, record; // only for code that can record something
  if (recording) {
    keep = (kind, s) => {
      if (rec === null) rec = { alerts: [], logs: [], navigations: [], calls: [], dropped: { alerts: 0, logs: 0, navigations: 0, calls: 0 } };
      const list = rec[kind];
      if (list.length < maxRecords) list.push(s);
      else rec.dropped[kind]++;
    };
    record = (kind, s) => keep(kind, s.length > 2000 ? s.slice(0, 2000) + "…" : s);
  }
  const show = (v) => {
    if (typeof v === "string") return v;
    if (typeof v === "function") return `[Function ${v.name || "anonymous"}]`;
    if (v !== null && typeof v === "object") {
      if (v instanceof Error) return str(v);
      try {
        const j = stringify(v);
        if (j !== undefined) return j;
      } catch (e) {
        // fall through to the tag
      }
      return apply(Object.prototype.toString, v, []);
    }
    return str(v);
  };
  if (uses("console")) {
    const logger = (prefix) =>
      function () {
        let s = prefix;
        for (let i = 0; i < arguments.length; i++) s += (i > 0 ? " " : "") + show(arguments[i]);
        record("logs", s);
      };
    const console = {
      log: logger(""),
      info: logger("[info] "),
      warn: logger("[warn] "),
      error: logger("[error] "),
      debug: logger("[debug] "),
    };
    console.trace = console.debug;
    console.dir = console.table = console.log;
    G.console = console;
  }

  // ---- virtual timers ------------------------------------------------------

  let timers = null; // id -> {at, seq, fn, args, every}
  let clock = 0;
  let seq = 0;
  let nextID = 1;
  let addTimer, clear; // only for code that has timers
  if (timing) {
    addTimer = (fn, ms, args, every) => {
      if (typeof fn !== "function") throw new TypeError("the dry run only runs functions on timers, not code in strings");
      ms = Math.max(0, Number(ms) || 0);
      if (timers === null) timers = new Map();
      const id = nextID++;
      timers.set(id, { at: clock + ms, seq: seq++, fn, args, every: every ? Math.max(1, ms) : 0 });
      return id;
    };
    clear = (id) => {
      if (timers !== null) timers.delete(id);
    };
  }
  if (uses("setTimeout")) {
    G.setTimeout = function setTimeout(fn, ms, ...args) {
      return addTimer(fn, ms, args, false);
    };
  }
  if (uses("setInterval")) {
    G.setInterval = function setInterval(fn, ms, ...args) {
      return addTimer(fn, ms, args, true);
    };
  }
  if (uses("clearTimeout")) {
    G.clearTimeout = function clearTimeout(id) {
      clear(id);
    };
  }
  if (uses("clearInterval")) {
    G.clearInterval = function clearInterval(id) {
      clear(id);
    };
  }
  if (uses("atob")) G.atob = host.atob;
  if (uses("btoa")) G.btoa = host.btoa;

  // ---- the runtime API -------------------------------------------------------

  let store = {};
  // readOnly is the handler of appsmith.store's proxies; no code can reach
  // it, so one serves every instance.
  let readOnly;
  if (uses("appsmith")) {
    const no = () => false;
    readOnly = { set: no, deleteProperty: no, defineProperty: no };
  }
  let resolved;
  if (uses("storeValue") || uses("removeValue") || uses("clearStore")) {
    resolved = (f) => {
      try {
        f();
        return Promise.resolve();
      } catch (e) {
        return Promise.reject(e);
      }
    };
  }
  // Each function of the API is created only when the code names it (the
  // let and the assignment keep the name a const would give it).
  let storeValue, removeValue, clearStore, showAlert, navigateTo;
  let showModal, closeModal, resetWidget, download, copyToClipboard, postWindowMessage;
  let fetch, instanceSetInterval, instanceClearInterval;
  if (uses("storeValue")) {
    storeValue = (key, value, persist = true) =>
      resolved(() => {
        store[key] = value;
      });
  }
  if (uses("removeValue")) {
    removeValue = (key) =>
      resolved(() => {
        delete store[key];
      });
  }
  if (uses("clearStore")) {
    clearStore = () =>
      resolved(() => {
        const ks = keys(store);
        for (let i = 0; i < ks.length; i++) delete store[ks[i]];
      });
  }
  // recordCall records a platform call as the JSON text of [name, ...args]
  // (what an example's expectCalls lists); arguments with no JSON form are
  // shown as text, and a call longer than maxCall characters is cut short.
  const maxCall = 10000;
  let recordCall, platformCall;
  if (recording) {
    recordCall = (name, args) => {
      const call = [name];
      for (let i = 0; i < args.length; i++) call.push(args[i]);
      let j;
      try {
        j = stringify(call, (k, v) => (typeof v === "function" || typeof v === "bigint" || typeof v === "symbol" ? show(v) : v));
      } catch (e) {
        j = undefined;
      }
      if (j === undefined) {
        const shown = [name];
        for (let i = 0; i < args.length; i++) shown.push(show(args[i]));
        j = stringify(shown);
      }
      if (j.length > maxCall) j = stringify([name, `(${j.length} characters of arguments)`]);
      keep("calls", j);
    };
  }
  if (platform) {
    // The platform functions that need a host (widgets, the clipboard, a
    // window) are recorded, for examples to assert in expectCalls.
    platformCall = (name) =>
      function () {
        recordCall(name, arguments);
        return Promise.resolve();
      };
  }
  if (uses("showModal")) showModal = platformCall("showModal");
  if (uses("closeModal")) closeModal = platformCall("closeModal");
  if (uses("resetWidget")) resetWidget = platformCall("resetWidget");
  if (uses("download")) download = platformCall("download");
  if (uses("copyToClipboard")) copyToClipboard = platformCall("copyToClipboard");
  if (uses("postWindowMessage")) postWindowMessage = platformCall("postWindowMessage");
  // Appsmith's setInterval(fn, ms, id) keys the interval by id, replacing
  // one with the same id; clearInterval(id) clears it. intervals is per
  // evaluation (begin resets it).
  let intervals = null;
  if (uses("setInterval")) {
    instanceSetInterval = (fn, ms, id) => {
      if (id === undefined) return addTimer(fn, ms, [], true);
      if (intervals === null) intervals = new Map();
      if (intervals.has(id)) clear(intervals.get(id));
      intervals.set(id, addTimer(fn, ms, [], true));
      return id;
    };
  }
  if (uses("clearInterval")) {
    instanceClearInterval = (id) => {
      if (intervals !== null && intervals.has(id)) {
        clear(intervals.get(id));
        intervals.delete(id);
      } else clear(id);
    };
  }
  // fetch answers from the example's "fetch" mocks, by URL; a URL without
  // one fails the call with a message saying what to add.
  let fetchMocks = {};
  if (uses("fetch")) {
    fetch = function (url, init) {
      recordCall("fetch", arguments);
      const u = str(url);
      return new Promise((resolve, reject) => {
        if (!Object.prototype.hasOwnProperty.call(fetchMocks, u)) {
          reject(new Error(`fetch(${JSON.stringify(u)}): the example has no mock for this URL; add "fetch": {${JSON.stringify(u)}: {"status": 200, "data": …}} to the example`));
          return;
        }
        const m = fetchMocks[u];
        const status = m.status || 200;
        const headers = m.headers || {};
        const text = typeof m.data === "string" ? m.data : m.data === undefined ? "" : stringify(m.data);
        resolve({
          ok: ok(status),
          status,
          statusText: "",
          url: u,
          redirected: false,
          headers: {
            get: (k) => {
              const ks = keys(headers);
              for (let i = 0; i < ks.length; i++) if (ks[i].toLowerCase() === str(k).toLowerCase()) return str(headers[ks[i]]);
              return null;
            },
            has: (k) => keys(headers).some((h) => h.toLowerCase() === str(k).toLowerCase()),
          },
          text: () => Promise.resolve(text),
          json: () => Promise.resolve().then(() => parse(text)),
        });
      });
    };
  }
  if (uses("showAlert")) {
    showAlert = (message, style) => {
      recordCall("showAlert", style === undefined ? [message] : [message, style]);
      record("alerts", style ? `[${show(style)}] ${show(message)}` : show(message));
      return Promise.resolve();
    };
  }
  // navigateTo refuses what the browser runtime refuses, with the same
  // error: the rule is navigable of compiler/internal/runtime/runtime.js, copied
  // (this file cannot import it); both run the table of
  // compiler/internal/runtime/testdata/navigate.json.
  if (uses("navigateTo")) {
    navigateTo = function (target, params, where) {
      const m = /^([a-z][a-z\d+.-]*):/i.exec(str(target).replace(/[\t\n\r]/g, "").replace(/^[\0- ]+/, ""));
      if (m && !/^https?$/i.test(m[1])) {
        throw new Error(`navigateTo: refused URL scheme ${m[1].toLowerCase()}: (only http, https, relative URLs and page names)`);
      }
      recordCall("navigateTo", arguments);
      record("navigations", show({ target, params, where }));
      return Promise.resolve();
    };
  }
  const pageURL = uses("appsmith")
    ? freeze({
        fullPath: "http://localhost/",
        host: "localhost",
        hostname: "localhost",
        port: "",
        protocol: "http:",
        pathname: "/",
        hash: "",
        queryParams: freeze({}),
      })
    : undefined;
  const ok = (status) => status >= 200 && status < 300;

  // defs are the queries' definitions, by index, each fetched from the
  // host the first time the query runs in this VM: {name, file, index,
  // mock: {status, data (JSON text), headers} | null, request: fn | null |
  // undefined}.
  const defs = [];
  const def = (index) => (defs[index] === undefined ? (defs[index] = host.query(index)) : defs[index]);
  // query makes a query object answering def.mock. Its request is compiled
  // the first time it runs (host.request), then evaluated before answering.
  const query = (name, index, inputs, appsmith) => {
    const q = {
      data: undefined,
      isLoading: false,
      responseMeta: { statusCode: undefined, headers: {}, isExecutionSuccess: false },
      // clear forgets the last response, as before any run.
      clear() {
        q.data = undefined;
        q.responseMeta = { statusCode: undefined, headers: {}, isExecutionSuccess: false };
        return Promise.resolve();
      },
      async run(params) {
        let status;
        let data;
        let headers = {};
        q.isLoading = true;
        try {
          const d = def(index);
          if (d.request === undefined) d.request = host.request(index);
          if (d.request !== null) {
            let r;
            try {
              r = apply(d.request, { params: params == null ? {} : params }, [inputs, appsmith]);
            } catch (e) {
              throw new Error(`query ${name}: evaluating its request failed: ${show(e)}`);
            }
            if (r === null || typeof r !== "object" || typeof r.url !== "string") {
              throw new Error(`query ${name}: its request did not evaluate to {method, url, headers, body}`);
            }
          }
          await null; // answer asynchronously, as the network would
          if (d.mock === null) {
            throw new Error(`query ${name} has no mock: add "mock": {"status": 200, "data": …} to ${d.file} so dry runs can answer it`);
          }
          status = d.mock.status;
          headers = Object.assign({}, d.mock.headers);
          data = parse(d.mock.data);
        } finally {
          q.isLoading = false;
          if (status) {
            q.data = data;
            q.responseMeta = { statusCode: status, headers, isExecutionSuccess: ok(status) };
          }
        }
        if (!ok(status)) {
          throw Object.assign(new Error(`query ${name} failed with status ${status}`), { statusCode: status, data });
        }
        return data;
      },
    };
    return q;
  };


  // initErrors are the computed initializers that threw while top built
  // the instance: [[name, message]]; null while an example runs.
  let initErrors = null;
  // $modcInit evaluates a computed initializer: one that throws leaves its
  // variable undefined, as in Appsmith (and as in the browser runtime).
  let $modcInit; // only for a factory that evaluates initializers
  if (uses("$modcInit")) {
    $modcInit = (self, key, value) => {
      let v;
      try {
        v = value();
      } catch (e) {
        if (initErrors !== null) {
          let text = "an exception";
          try {
            text = e instanceof Error ? `${e.name}: ${e.message}` : `${typeof e} ${String(e)}`;
          } catch (e2) {
            // a thrown object whose text throws too
          }
          initErrors.push([key, text.length > 300 ? text.slice(0, 300) + "…" : text]);
        }
      }
      self[key] = v;
      return v;
    };
  }

  // api is what env binds besides appsmith, inputs and $modcInit: name,
  // function, name, function… for the functions created above.
  const api = [];
  {
    const all = [
      "storeValue", storeValue, "removeValue", removeValue, "clearStore", clearStore, "showAlert", showAlert,
      "navigateTo", navigateTo, "showModal", showModal, "closeModal", closeModal, "resetWidget", resetWidget,
      "download", download, "copyToClipboard", copyToClipboard, "postWindowMessage", postWindowMessage,
      "fetch", fetch, "setInterval", instanceSetInterval, "clearInterval", instanceClearInterval,
    ];
    for (let i = 0; i < all.length; i += 2) if (all[i + 1] !== undefined) api.push(all[i], all[i + 1]);
  }

  let factory = null; // the module's factory; null for a query module
  let names = []; // the queries' names, by index
  let functions = []; // names of the Main object's function members
  let plain = false; // the Main object begin built last has only data properties

  // begin resets the per-evaluation state and builds a fresh instance: the
  // Main object (functions wrapped), or the query of a query module.
  const begin = (storeJSON, inputsJSON, fetchJSON) => {
    rec = null;
    timers = null;
    intervals = null;
    fetchMocks = fetch === undefined || fetchJSON === undefined || fetchJSON === "{}" ? {} : parse(fetchJSON);
    clock = 0;
    store = storeJSON === "{}" ? {} : parse(storeJSON);
    // Code that names neither inputs nor appsmith cannot read them.
    const inputs = uses("inputs") ? freeze(inputsJSON === "{}" ? {} : parse(inputsJSON)) : undefined;
    const appsmith = uses("appsmith")
      ? {
          store: new Proxy(store, readOnly),
          user: {},
          URL: pageURL,
          mode: "EDIT",
        }
      : undefined;
    if (factory === null) return query(names[0], 0, inputs, appsmith);
    const env = { appsmith, inputs, $modcInit };
    for (let i = 0; i < api.length; i += 2) env[api[i]] = api[i + 1];
    for (let i = 0; i < names.length; i++) env[names[i]] = query(names[i], i, inputs, appsmith);
    // The factory runs with this = self, which becomes the Main object:
    // `this` in an arrow-function member or a variable's initializer is the
    // Main object, as Appsmith reads it (as in the browser runtime).
    const self = {};
    let main = apply(factory, self, [env]);
    plain = false;
    if (main === null || (typeof main !== "object" && typeof main !== "function")) return main;
    if (typeof main === "object") {
      // jsmod rejects getters, setters, spreads and computed names in the
      // Main object: its own properties are data properties, which assign
      // copies as defineProperties(getOwnPropertyDescriptors) would, without
      // an object per property (but for an own __proto__, which assign
      // would take for the prototype).
      if (apply(hasOwn, main, ["__proto__"])) Object.defineProperties(self, Object.getOwnPropertyDescriptors(main));
      else assign(self, main);
      main = self;
      plain = true;
    }
    for (let i = 0; i < functions.length; i++) {
      const f = main[functions[i]];
      if (typeof f === "function") main[functions[i]] = wrap(main, f);
    }
    return main;
  };


  // wrap makes f a method of inst that keeps its last resolved result as
  // .data; set by examplesDriver (the top level wraps no function).
  let wrap = null;
  let rest = null; // what more returns
  const examplesDriver = () => {
    // fire runs the next timer on the virtual clock; false when none is pending.
    const fire = () => {
      if (timers === null) return false;
      let nextID = 0;
      let next = null;
      timers.forEach((t, id) => {
        if (next === null || t.at < next.at || (t.at === next.at && t.seq < next.seq)) {
          next = t;
          nextID = id;
        }
      });
      if (next === null) return false;
      clock = next.at;
      if (next.every) {
        next.at += next.every;
        next.seq = seq++;
      } else {
        timers.delete(nextID);
      }
      apply(next.fn, undefined, next.args);
      return true;
    };
    wrap = (inst, f) => {
      const w = function () {
        const r = apply(f, inst, arguments);
        if (r !== null && typeof r === "object" && typeof r.then === "function") {
          return r.then((v) => {
            w.data = v;
            return v;
          });
        }
        w.data = r;
        return r;
      };
      w.data = undefined;
      return w;
    };
    const records = (kind) => {
      if (rec === null) return [];
      const n = rec.dropped[kind];
      return n ? rec[kind].concat(`… and ${n} more`) : rec[kind];
    };
    return {
      fire,
      // example builds a fresh instance with the example's store and inputs
      // and calls its function; the result may be a promise.
      example(storeJSON, inputsJSON, name, argsJSON, fetchJSON) {
        const main = begin(storeJSON, inputsJSON, fetchJSON);
        if (main === null || (typeof main !== "object" && typeof main !== "function")) {
          throw new TypeError(`the default export evaluates to ${main === null ? "null" : typeof main}, not an object`);
        }
        return apply(main[name], main, parse(argsJSON));
      },
      // finish reports an evaluation's outcome: the result (or the thrown
      // value, when failed) and the store as JSON texts, and the records.
      finish(value, failed) {
        // No records (the usual case): no lists.
        const out = rec === null ? {} : { alerts: records("alerts"), logs: records("logs"), navigations: records("navigations"), calls: rec.calls };
        try {
          out.store = stringify(store);
        } catch (e) {
          const s = {};
          const ks = keys(store);
          for (let i = 0; i < ks.length; i++) {
            try {
              s[ks[i]] = store[ks[i]] === undefined ? null : parse(stringify(store[ks[i]]));
            } catch (e2) {
              s[ks[i]] = `(no JSON form: ${show(e2)})`;
            }
          }
          out.store = stringify(s);
        }
        if (failed) {
          let text;
          try {
            text = typeof value === "string" ? stringify(value) : show(value);
          } catch (e) {
            text = "(an error that cannot be shown)";
          }
          out.text = text;
          out.message = typeof value === "string" ? value : text;
          out.stack = "";
          try {
            if (value !== null && typeof value === "object") {
              if ("message" in value) out.message = str(value.message);
              if (typeof value.stack === "string") out.stack = value.stack;
            }
          } catch (e) {
            // keep the text
          }
          return out;
        }
        try {
          out.result = stringify(value);
        } catch (e) {
          out.unserialisable = show(e);
        }
        return out;
      },
    };
  };

  return {
    // top evaluates the module once with its default inputs. It returns
    // {functions: [names], members: [[name, JSON text]]}, members being the
    // initial values of the variables, or {notObject: type} when the factory
    // did not return an object.
    top(f, queryNames, inputsJSON) {
      factory = f;
      names = queryNames;
      if (factory === null) {
        functions = ["run"];
        return { functions, members: [] };
      }
      functions = [];
      initErrors = [];
      let main;
      try {
        main = begin("{}", inputsJSON);
      } finally {
        var thrown = initErrors;
        initErrors = null;
      }
      if (main === null || (typeof main !== "object" && typeof main !== "function")) {
        return { notObject: main === null ? "null" : typeof main };
      }
      const members = [];
      const ks = keys(main);
      for (let i = 0; i < ks.length; i++) {
        const v = plain ? main[ks[i]] : Object.getOwnPropertyDescriptor(main, ks[i]).value;
        if (typeof v === "function") {
          functions.push(ks[i]);
          continue;
        }
        let j;
        try {
          j = stringify(main[ks[i]]);
        } catch (e) {
          // no JSON form
        }
        members.push([ks[i], j]);
      }
      return { functions, members, initErrors: thrown };
    },
    // record and alert record a call of confirm or alert (browser.js) as
    // the platform calls and showAlert are recorded, at the top level and
    // in examples; only for code that can call them (browser.go asks the
    // driver for them when they are called).
    record: dialogs ? recordCall : undefined,
    alert: dialogs ? (message) => record("alerts", show(message)) : undefined,
    // more returns the rest of the driver, for the examples: created only
    // for a module that has some.
    more() {
      if (rest === null) rest = examplesDriver();
      return rest;
    },
  };
});
