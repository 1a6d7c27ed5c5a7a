// The probe of the widget runtime for types_test.go: it runs widgets.js in
// goja and reports what each type really does — which events its DOM
// fires, which values its handlers and derive set, its defaults and
// setters — for the test to judge against types.json. There is no DOM:
// elements are stand-ins that take any property and any method call.
import { types } from "./widgets/widgets.js";
import table from "./widgets/types.json";

const stand = new WeakSet();
let handlers = [];

// element returns a stand-in: a property read gives a stand-in kept on it,
// a call or new gives a new one, a function passed to a call (a listener)
// counts as a handler, as does a function stored in an on… property.
function element() {
  const e = new Proxy(function () {}, {
    get(t, k) {
      if (typeof k == "symbol") return undefined;
      if (k == "valueOf") return () => 0;
      if (k == "toString") return () => "";
      if (!Object.prototype.hasOwnProperty.call(t, k)) t[k] = element();
      return t[k];
    },
    set(t, k, v) {
      if (typeof v == "function" && !stand.has(v) && String(k).startsWith("on")) handlers.push(v);
      t[k] = v;
      return true;
    },
    apply(t, self, args) {
      for (const a of args) if (typeof a == "function" && !stand.has(a)) handlers.push(a);
      return element();
    },
    construct: () => element(),
  });
  stand.add(e);
  return e;
}

// The values that properties and user-settable values take in the probe of
// derive: arrays serve as options and as table data.
const samples = [
  "x",
  "",
  0,
  1,
  2,
  3,
  true,
  false,
  null,
  [{ value: "x", label: "X" }, { value: 2, label: "Two" }, true, "x"],
  [{ value: "y" }],
];

// rand is a fixed pseudo-random sequence (xorshift), so every run probes
// the same states.
let seed = 1;
const rand = (n) => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
};

const props = (name) => [...table.common.props, ...(table.types[name]?.props || [])];

// events renders a widget of type t and runs each of its handlers once. It
// returns the events fired and the values the handlers set.
function events(t) {
  const fired = new Set();
  const sets = new Set();
  const w = { name: "W", el: element(), values: { isVisible: true, ...t.defaults }, errors: {}, busy: 0 };
  const fire = (w, event) => fired.add(event);
  const set = (w, k, v) => {
    sets.add(k);
    w.values[k] = v;
  };
  handlers = [];
  if (t.render) t.render(w, fire, set, element());
  const ev = { key: "Enter", isComposing: false, target: element(), preventDefault() {}, stopPropagation() {} };
  for (let i = 0; i < handlers.length && i < 1000; i++) handlers[i](ev);
  return { fired: [...fired], sets: [...sets] };
}

// derived returns, per value that derive sets, the values it had read in
// that call before it set it. derive runs from many states: the properties
// and the values that setters and handlers (the user) set, each set to a
// sample in turn, then each property changed to another.
function derived(name, t, user) {
  const out = {};
  if (!t.derive) return out;
  const keys = [...new Set([...props(name), ...user])];
  for (let trial = 0; trial < 100; trial++) {
    const raw = { isVisible: true, ...t.defaults };
    const reads = []; // per derive call under way, what it read so far
    const w = {
      name: "W",
      values: new Proxy(raw, {
        get(o, k) {
          if (reads.length && typeof k == "string") reads[reads.length - 1].add(k);
          return o[k];
        },
      }),
    };
    const set = (w, k, v) => {
      if (reads.length) for (const r of reads[reads.length - 1]) (out[k] || (out[k] = new Set())).add(r);
      if (Object.is(raw[k], v)) return;
      raw[k] = v;
      reads.push(new Set());
      try {
        t.derive(w, k, set);
      } finally {
        reads.pop();
      }
    };
    for (const k of keys) set(w, k, samples[rand(samples.length)]);
    for (const p of props(name)) set(w, p, samples[rand(samples.length)]);
  }
  for (const k in out) out[k] = [...out[k]];
  return out;
}

/** probe reports what every type of widgets.js does, as JSON. */
export function probe() {
  const out = {};
  for (const [name, t] of Object.entries(types)) {
    const e = events(t);
    out[name] = {
      render: typeof t.render == "function",
      update: typeof t.update == "function",
      defaults: Object.keys(t.defaults || {}),
      setters: t.setters || {},
      fired: e.fired,
      handlerSets: e.sets,
      derived: derived(name, t, [...Object.values(t.setters || {}), ...e.sets]),
    };
  }
  return JSON.stringify(out);
}
