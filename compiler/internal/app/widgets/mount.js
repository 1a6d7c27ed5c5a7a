// modc widget runtime: mounts an app from its manifest and the bindings
// compiled at build time. No eval, no new Function, no innerHTML: apps run
// under Content-Security-Policy: script-src 'self'.
//
// State: every widget of every page has a values object (its declared
// properties and exposed state, such as Input1.text); bindings read values,
// module instances and appsmith. When something changes, the bindings that
// read it re-evaluate, in the manifest's evaluation order (each after the
// bindings it reads), and the widgets on the current page update.
import { definePackage, memoryStorage, navigable } from "modc:runtime.js";
import { str } from "./widgets.js";

const API = ["storeValue", "removeValue", "clearStore", "showAlert", "navigateTo"];
// The platform functions that act on widgets, which handlers call too.
const WIDGET_API = ["showModal", "closeModal", "resetWidget"];
const own = (o) => Object.entries(o || {});
const ok = {}; // no error

/**
 * mount renders the app described by manifest into element. bindings are
 * the compiled binding factories by id, packages the package modules by
 * name, types the widget types the app uses, by name: widgets.js's, each
 * with its setters, value, template and collected from types.json. options: mock, fetch, storage, user, url, confirm(message),
 * onAlert(message, style), onNavigate(target, params, where) (only ever
 * called with an http(s) URL, a relative URL or a page name).
 * It returns { ready, page(name), unmount() }; ready settles when the
 * runOnPageLoad calls are done.
 */
export function mount(manifest, element, options, bindings, packages, types) {
  const o = options || {};
  const doc = element.ownerDocument;
  const mock = !!(o.mock ?? manifest.mock);
  let alive = true;
  let quiet = true; // ignore change notifications (setup, evaluation)
  let storeEvent = false; // a store change is being told to every instance
  // Bindings by rank (their place in the evaluation order), which ranks
  // read each key, which are dirty, and the lowest dirty rank.
  let order = [];
  let n = 0;
  let dirty;
  let lo = 0;
  let scheduled = false;
  const readers = {};
  const rank = {}; // binding id → its place in the evaluation order
  const inputReaders = {}; // key → the instances whose inputs read it

  const alerts = doc.createElement("div");
  alerts.className = "modc-alerts";
  const alert = (message, style) => {
    if (o.onAlert) return o.onAlert(message, style);
    const a = alerts.appendChild(doc.createElement("div"));
    a.className = "modc-alert modc-alert-" + (style || "info");
    a.textContent = str(message);
    setTimeout(() => a.remove(), 5000);
  };
  const base = {
    storage: o.storage || (mock ? memoryStorage() : undefined),
    user: o.user,
    url: o.url,
    fetch: o.fetch,
    mock,
    onAlert: alert,
    // The runtime refuses URLs with schemes other than http(s) before it
    // gets here; this runtime checks again, for the instances of package
    // bundles built with an older one.
    onNavigate: (target, params, where) => {
      navigable(target);
      if (o.onNavigate) return o.onNavigate(target, params, where);
      if (manifest.pages.some((p) => p.name == target)) return show(target, true);
      const u = new URL(target, location.href);
      for (const k in params) u.searchParams.set(k, params[k]);
      if (where == "NEW_WINDOW") open(u.href, "_blank");
      else location.assign(u.href);
    },
    // Module code's platform functions that act on widgets: showModal and
    // closeModal show and hide the named widget, resetWidget puts its
    // values back as declared (and its children's, unless told not to).
    // The host's own actions (options.actions) take the rest, and these
    // too when it names them.
    actions: {
      showModal: (name) => visible(name, true),
      closeModal: (name) => visible(name, false),
      resetWidget: (name, children = true) => reset(widget(name, "resetWidget"), children),
      ...o.actions,
    },
  };
  const byName = {}; // widget name → widget, over every page
  const widget = (name, fn) => {
    const w = byName[str(name)];
    if (!w) throw new Error(`${fn}: the app has no widget named ${JSON.stringify(str(name))}`);
    return w;
  };
  const visible = (name, on) => set(widget(name, on ? "showModal" : "closeModal"), "isVisible", on);
  function reset(w, children = true) {
    for (const [p, v] of own(w.t.defaults)) set(w, p, v);
    // The exposed values follow the properties they derive from, bound or not.
    if (w.t.derive) for (const p of Object.keys(w.d.props || {})) w.t.derive(w, p, set);
    if (children) for (const c of w.children) reset(c, true);
    if (w.t.collected) collect(w, true);
  }
  // collect gathers the values of the widgets inside a form into its data,
  // by name; hasChanges tells them from those at the last reset or binding
  // change.
  function collect(f, again) {
    if (!f.children) return; // still being declared
    const data = {};
    let valid = true;
    const walk = (ws) =>
      ws.forEach((c) => {
        const k = c.t.value;
        if (k) data[c.name] = c.values[k];
        if (c.values.isValid === false) valid = false;
        walk(c.children);
      });
    walk(f.children);
    const text = JSON.stringify(data);
    // Values that bindings change (defaults) are no changes: only what the
    // user and handlers do counts.
    if (again || quiet || f.initial === undefined) f.initial = text;
    f.valid = valid;
    set(f, "hasChanges", text !== f.initial);
    if (text !== f.text) set(f, "data", data);
    f.text = text;
    const buttons = (ws) => ws.forEach((c) => (c.t.form && c.el && view(c, "form"), buttons(c.children)));
    buttons(f.children);
  }

  // The runtime API comes from an instance of a module that hands out its
  // environment. Two such instances, created first and last, are the first
  // and last to hear of a store change, which every instance is told of.
  const api = definePackage({
    name: "modc-app",
    version: "0",
    modules: { api: { kind: "js", factory: (env) => ({ env: () => env }), queries: {}, functions: ["env"] } },
  });
  const sentinel = (f) => api.createInstance("api", { ...base, onChange: () => alive && !quiet && f() });
  const apiEnv = sentinel(() => {
    storeEvent = true;
    mark("appsmith.store");
  }).env();

  const env = Object.create(null);
  for (const k of API) env[k] = apiEnv[k];
  for (const k of WIDGET_API) env[k] = async (...args) => base.actions[k](...args);
  env.appsmith = apiEnv.appsmith;

  // Widgets. Those inside a list are a template: each item of the list
  // has its own copy of them (its scope), whose bindings read currentItem.
  const bound = {}; // binding id → { w, prop, at, reads, list }
  const declare = (list, parent, scope) =>
    list.map((d) => {
      const t = types[d.type];
      const w = { name: d.name, t, d, parent, scope, values: { isVisible: true, ...t.defaults }, errors: {}, busy: 0 };
      w.form = parent && (parent.t.collected ? parent : parent.form);
      (scope ? scope.env : env)[d.name] = w.values;
      if (scope) scope.view[d.name] = w.values;
      else byName[d.name] = w;
      for (const [m, p] of own(t.setters)) {
        Object.defineProperty(w.values, m, { value: async (v) => set(w, p, v) });
      }
      for (const [p, v] of own(d.props)) {
        if (!v.binding) set(w, p, v.value);
        else if (scope) scope.bound.push({ w, id: v.binding, prop: p, at: v.at });
        else if (parent && (parent.t.template || parent.list)) bound[v.binding] = { w, prop: p, at: v.at, reads: v.reads || [], list: parent.list || parent };
        else bound[v.binding] = { w, prop: p, at: v.at, reads: v.reads || [] };
      }
      if (parent && (parent.t.template || parent.list)) w.list = parent.list || parent;
      w.children = t.template && !scope ? [] : declare(d.widgets || [], w, scope);
      if (t.template) w.items = [];
      return w;
    });
  const pages = manifest.pages.map((p) => ({ name: p.name, widgets: declare(p.widgets) }));
  // The template widgets are declared once, as the list's, for their bindings' sake.
  const templates = (ws) => ws.forEach((w) => (w.t.template && declare(w.d.widgets || [], w), templates(w.children)));
  templates(pages.flatMap((p) => p.widgets));

  // Instances. Functions with confirmBeforeCall ask first when the app calls them.
  const ask = o.confirm || ((m) => confirm(m));
  const views = {};
  for (const [name, info] of own(manifest.instances)) {
    const inputs = {};
    for (const [k, v] of own(info.inputs)) {
      for (const key of v.reads || []) (inputReaders[key] || (inputReaders[key] = [])).push(name);
      if (!v.binding) inputs[k] = v.value;
      else
        Object.defineProperty(inputs, k, {
          enumerable: true,
          get: () => {
            try {
              return fn(v.binding)();
            } catch (e) {
              throw new Error(`${name}.inputs.${k} (${v.at}): ${e && e.message}`);
            }
          },
        });
    }
    const pkg = packages[info.package];
    const inst = pkg.createInstance(info.name, {
      ...base,
      inputs,
      onChange: () => alive && !quiet && !storeEvent && mark(name),
    });
    const wrapped = {};
    for (const [f, s] of own(info.settings)) {
      if (!s.confirmBeforeCall) continue;
      const w = (wrapped[f] = async (...args) => {
        if (!(await ask(`Run ${name}.${f}?`))) throw new Error(`${name}.${f} was cancelled`);
        return inst[f](...args);
      });
      Object.defineProperty(w, "data", { get: () => inst[f].data });
    }
    env[name] = views[name] = Object.keys(wrapped).length
      ? new Proxy(inst, { get: (t, k) => (k in wrapped ? wrapped[k] : t[k]) })
      : inst;
  }
  sentinel(() => (storeEvent = false));

  // Bindings, ranked by the evaluation order.
  const made = {};
  const fn = (id) => made[id] || (made[id] = bindings[id](env));
  order = manifest.evaluationOrder.filter((id) => bound[id]);
  order.forEach((id, r) => (rank[id] = r));
  n = order.length;
  order.forEach((id, r) => {
    for (const k of bound[id].reads) (readers[k] || (readers[k] = [])).push(r);
  });
  dirty = new Uint8Array(n);

  // mark notes that key changed. An instance whose inputs read it counts
  // as changed too: its functions may give other results now.
  function mark(key, seen) {
    for (const r of readers[key] || []) {
      dirty[r] = 1;
      if (r < lo) lo = r;
    }
    for (const name of inputReaders[key] || []) {
      seen = seen || new Set([key]);
      if (!seen.has(name)) mark(name, seen.add(name));
    }
    if (!scheduled && lo < n) {
      scheduled = true;
      queueMicrotask(flush);
    }
  }

  function flush() {
    if (!alive) return;
    let budget = 20 * n + 100;
    const was = quiet;
    quiet = true;
    try {
      while (lo < n) {
        const r = lo++;
        if (!dirty[r]) continue;
        dirty[r] = 0;
        if (--budget < 0) {
          console.error("modc: bindings keep changing each other; stopped");
          dirty.fill(0);
          break;
        }
        const id = order[r];
        const b = bound[id];
        if (b.list) {
          // A template's binding: evaluated for every item of its list.
          for (const s of b.list.items) for (const x of s.bound) if (x.id == id) evaluate(x.w, x.prop, x.at, scoped(s, id));
          continue;
        }
        evaluate(b.w, b.prop, b.at, fn(id));
      }
    } finally {
      lo = n;
      scheduled = false;
      quiet = was;
    }
  }

  function evaluate(w, p, at, f) {
    try {
      const v = f();
      fail(w, p, ok);
      set(w, p, v);
    } catch (e) {
      fail(w, p, e, at);
    }
  }
  const scoped = (s, id) => s.fns[id] || (s.fns[id] = bindings[id](s.env));

  function set(w, p, v) {
    if (Object.is(w.values[p], v)) return;
    w.values[p] = v;
    if (w.t.derive) w.t.derive(w, p, set);
    if (w.el) view(w, p);
    mark(w.name + "." + p);
    mark(w.name);
    if (w.form && p == w.t.value) collect(w.form);
    if (w.t.template && (p == "listData" || p == "pageNo" || p == "pageSize")) items(w);
  }

  // items makes the list's items for the rows it shows: each a scope with
  // currentItem, currentIndex and currentView, and its own copy of the
  // template's widgets, their bindings evaluated in the evaluation order.
  function items(w) {
    w.items = w.t.rows(w).map(({ item, index }) => {
      const s = { env: Object.create(env), view: {}, bound: [], fns: {}, index, item };
      s.env.currentItem = item;
      s.env.currentIndex = index;
      s.env.currentView = s.view;
      s.widgets = declare(w.d.widgets || [], w, s);
      s.bound.sort((a, b) => rank[a.id] - rank[b.id]);
      for (const x of s.bound) evaluate(x.w, x.prop, x.at, scoped(s, x.id));
      return s;
    });
    if (w.el) showItems(w);
  }
  function showItems(w) {
    w.box.replaceChildren(
      ...w.items.map((s) => {
        const el = doc.createElement("div");
        el.className = "modc-item";
        el.dataset.index = s.index;
        w.t.item(w, el, s.index);
        for (const c of s.widgets) el.append(build(c));
        grid(el, s.widgets);
        return el;
      }),
    );
  }

  // fail shows the error e of one property or event, or clears it (e is ok).
  function fail(w, p, e, at) {
    const text = e === ok ? undefined : `${p}: ${e && e.message ? e.message : str(e)}`;
    if (w.errors[p] === text) return;
    w.errors[p] = text;
    if (text) console.error(`modc: ${w.name}.${p}${at ? " (" + at + ")" : ""}:`, e);
    if (w.el) view(w, "errors");
  }

  function view(w, p) {
    if (!w.el) return;
    if (p == "isVisible") {
      w.el.hidden = !w.values.isVisible;
      if (w.t.update) w.t.update(w, p);
    } else if (p == "errors") {
      const list = Object.values(w.errors).filter(Boolean);
      w.el.classList.toggle("modc-failed", list.length > 0);
      w.err.textContent = list.join("\n");
      w.err.hidden = !list.length;
    } else if (w.t.update) w.t.update(w, p);
  }

  async function fire(w, event) {
    const h = w.d.events && w.d.events[event];
    if (!h || !alive) return;
    // An event inside a list's item: that item is the triggered one.
    if (w.scope && w.list) set(w.list, "triggeredItemIndex", w.scope.index);
    w.busy++;
    if (w.el) view(w, "busy");
    try {
      await (w.scope ? scoped(w.scope, h.handler) : fn(h.handler))();
      fail(w, event, ok);
    } catch (e) {
      fail(w, event, e, h.at);
    } finally {
      w.busy--;
      if (w.el) view(w, "busy");
      // The instances it used count as changed: their variables may have moved.
      for (const k of h.reads || []) if (views[k]) mark(k);
    }
  }

  // Pages, under the app's title, in the app's theme: the values of the
  // style sheet's custom properties (checked at build time to be plain
  // values; set through the CSSOM, which a style-src CSP allows).
  const root = doc.createElement("div");
  root.className = "modc-app";
  const theme = manifest.theme || {};
  const themed = { "--modc-primary": theme.primaryColor, "--modc-bg": theme.backgroundColor, "--modc-text": theme.textColor, "--modc-font": theme.fontFamily, "--modc-radius": theme.borderRadius };
  for (const [k, v] of own(themed)) if (v) root.style.setProperty(k, v);
  const header = doc.createElement("header");
  header.className = "modc-header";
  const h1 = header.appendChild(doc.createElement("h1"));
  h1.className = "modc-title";
  h1.textContent = manifest.title || "";
  const nav = doc.createElement("nav");
  const main = doc.createElement("main");
  root.append(header, nav, main, alerts);
  let current;

  // place puts a widget where its layout says on its parent's grid of 64
  // columns and 10-pixel rows (Appsmith's); a parent with placed children
  // is a grid, on which the others take a whole row each.
  const grid = (el, ws) => el.classList.toggle("modc-grid", ws.some((w) => w.d.layout));
  function place(el, l) {
    if (!l) return;
    if (l.leftColumn != null) {
      el.style.gridColumn = l.leftColumn + 1 + " / " + (l.rightColumn + 1);
      el.classList.add("modc-placed");
    }
    if (l.topRow != null) el.style.gridRow = l.topRow + 1 + " / " + (l.bottomRow + 1);
  }

  function build(w) {
    const el = (w.el = doc.createElement("div"));
    el.className = "modc-w modc-" + w.d.type;
    el.dataset.widget = w.name;
    place(el, w.d.layout);
    if (w.t.render) w.t.render(w, fire, set, app);
    const box = w.box || el;
    for (const c of w.children) box.append(build(c));
    grid(box, w.children);
    if (w.t.template) showItems(w);
    w.err = el.appendChild(doc.createElement("div"));
    w.err.className = "modc-error";
    w.err.setAttribute("role", "alert");
    for (const p of Object.keys(w.values)) view(w, p);
    view(w, "errors");
    return el;
  }
  const unbuild = (ws) => ws.forEach((w) => ((w.el = null), unbuild(w.children), (w.items || []).forEach((s) => unbuild(s.widgets))));
  // What widget types may ask of the app: reset a widget, run the handler
  // of an item of a property (a menu item's onClick).
  const app = {
    reset,
    item(w, prop, i, event) {
      const h = w.d.events && w.d.events[`${prop}.${i}.${event}`];
      if (h) fire(w, `${prop}.${i}.${event}`);
    },
  };

  function show(name, push) {
    const p = pages.find((p) => p.name == name) || pages[0];
    if (!p || p === current) return;
    if (current) unbuild(current.widgets);
    current = p;
    main.replaceChildren(...p.widgets.map(build));
    grid(main, p.widgets);
    for (const a of nav.children) a.classList.toggle("modc-current", a.textContent == p.name);
    if (push && location.hash != "#/" + encodeURIComponent(p.name)) location.hash = "/" + encodeURIComponent(p.name);
  }
  const onHash = () => show(decodeURIComponent(location.hash.slice(2)));
  if (pages.length > 1) {
    for (const p of pages) {
      const a = nav.appendChild(doc.createElement("a"));
      a.href = "#/" + encodeURIComponent(p.name);
      a.textContent = p.name;
    }
    addEventListener("hashchange", onHash);
  }

  // Start: evaluate every binding, render, then run the runOnPageLoad calls in order.
  dirty.fill(1);
  lo = 0;
  flush();
  const forms = (ws) => ws.forEach((w) => (w.t.collected && collect(w, true), forms(w.children)));
  forms(pages.flatMap((p) => p.widgets));
  quiet = false;
  element.replaceChildren(root);
  show(decodeURIComponent((location.hash || "").slice(2)));

  const ready = (async () => {
    for (const c of manifest.runOnPageLoad) {
      if (!alive) return;
      try {
        await views[c.instance][c.function]();
      } catch (e) {
        console.error(`modc: ${c.instance}.${c.function} on page load:`, e);
        alert(`${c.instance}.${c.function} failed: ${e && e.message}`, "error");
      }
      mark(c.instance);
    }
    await null;
  })();

  return {
    ready,
    page: (name) => show(name, true),
    unmount() {
      alive = false;
      removeEventListener("hashchange", onHash);
      root.remove();
    },
  };
}

/**
 * start mounts every element with a data-modc-app attribute (the URL of a
 * manifest), as index.html has. ?mock=1 in the page's URL makes queries
 * answer their mocks. The element's data-modc-state says "ready" once the
 * runOnPageLoad calls are done, or "error". Under modc devserver (its live
 * reload script on the page), remount(manifest, element, options,
 * packages) lets an edit of a module re-mount the app (see hot).
 */
export function start(mountApp, remount) {
  if (typeof document == "undefined") return;
  const q = new URLSearchParams(location.search);
  const mock = q.has("mock") ? q.get("mock") != "0" : undefined;
  for (const el of document.querySelectorAll("[data-modc-app]")) {
    if (el.dataset.modcState) continue;
    el.dataset.modcState = "loading";
    fetch(el.dataset.modcApp)
      .then((r) => {
        if (!r.ok) throw new Error(`${el.dataset.modcApp}: ${r.status} ${r.statusText}`);
        return r.json();
      })
      .then((m) => {
        // One storage for the page's life, so that a re-mount keeps the store.
        const options = { mock, storage: (mock ?? !!m.mock) ? memoryStorage() : undefined };
        const app = mountApp(m, el, options);
        if (remount && globalThis.__modcLiveReload) hot(el, m, app, options, remount);
        return app.ready;
      })
      .then(
        () => (el.dataset.modcState = "ready"),
        (e) => {
          el.dataset.modcState = "error";
          el.textContent = "This app could not start: " + (e && e.message);
          console.error("modc:", e);
        },
      );
  }
}

/**
 * hot registers with the devserver's live reload script (in
 * globalThis.__modcHot) what to do when files change: nothing when none
 * is the app's; when its manifest or package modules changed, fetch the
 * new manifest, import the new modules and re-mount the app with the same
 * options, so the store (storeValue) is kept and the new code runs. It
 * answers false (reload the page) when the app's own code or page changed.
 */
function hot(el, manifest, app, options, remount) {
  const url = new URL(el.dataset.modcApp, location.href);
  const dir = url.pathname.replace(/[^/]*$/, "");
  let cur = { manifest, app };
  let n = 0;
  const handlers = globalThis.__modcHot || (globalThis.__modcHot = []);
  handlers.push(async (paths) => {
    if (paths.some((p) => p.startsWith(dir) && p != url.pathname && !p.endsWith(".map"))) return false;
    const modules = Object.values(cur.manifest.packages).map((p) => new URL(p.module, url).pathname);
    if (!paths.includes(url.pathname) && !paths.some((p) => modules.includes(p))) return true;
    const r = await fetch(url, { cache: "no-store" });
    if (!r.ok) return false;
    const next = await r.json();
    const stamp = "modc-hot=" + ++n + "." + Date.now();
    const packages = {};
    for (const [name, info] of own(next.packages)) {
      const u = new URL(info.module, url);
      u.search = stamp; // a new module instance: the new code
      packages[name] = await import(u.href);
    }
    cur.app.unmount();
    cur = { manifest: next, app: remount(next, el, options, packages) };
    await cur.app.ready;
    el.dataset.modcUpdates = String(n);
    return true;
  });
}
