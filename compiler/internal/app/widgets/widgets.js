// The widget types of SPEC 7. What each type has — data properties,
// events, exposed values, setters — is declared once, in types.json, which
// the compiler checks apps against too; this file implements the behaviour
// of each type of that table. A type may have:
//   defaults      initial values
//   derive(w, p)  updates exposed values after property p changed
//   render(w, fire, set, app)
//                 builds the widget's DOM inside w.el and fires its events;
//                 it sets w.box when the widgets inside go elsewhere than
//                 w.el. app.reset(w) resets a widget and what it holds.
//   update(w, p)  brings the DOM up to date after property p changed
// Each type is its own export, so an app's bundle holds only the types it
// uses. The app's entry adds to each what types.json says of it: setters,
// { setterName: property } (the common ones, setVisibility, included), and
// value, what a form collects of it.
// Data is only ever written with textContent and DOM properties, never as
// HTML, so what an API returns cannot run script.

/** str turns a value into text: "" for null and undefined, JSON for objects. */
export const str = (v) => {
  if (v == null) return "";
  if (typeof v != "object") return String(v);
  try {
    return JSON.stringify(v) ?? "";
  } catch {
    return String(v);
  }
};

const add = (w, tag, cls) => {
  const e = w.el.ownerDocument.createElement(tag);
  if (cls) e.className = cls;
  w.el.append(e);
  return e;
};

const labelled = (w, control) => {
  const l = add(w, "label", "modc-field");
  w.label = l.appendChild(w.el.ownerDocument.createElement("span"));
  w.control = l.appendChild(w.el.ownerDocument.createElement(control));
  return w.control;
};

const disabled = (w) => (w.control.disabled = !!w.values.isDisabled || w.busy > 0);

const options = (v) =>
  (Array.isArray(v) ? v : []).map((o) =>
    o !== null && typeof o == "object" ? { label: str(o.label ?? o.value), value: o.value } : { label: str(o), value: o },
  );


const doc = (w) => w.el.ownerDocument;
const make = (parent, tag, cls) => {
  const e = parent.appendChild(parent.ownerDocument.createElement(tag));
  if (cls) e.className = cls;
  return e;
};
const arr = (v) => (Array.isArray(v) ? v : []);
const int = (v, d) => (v === "" || v == null || isNaN(v) ? d : Math.trunc(Number(v)));
const size = (v) => Math.max(1, v.pageSize | 0 || 10);
const isObj = (v) => v !== null && typeof v == "object";

// pager adds ‹ n / m › buttons that move w.values.pageNo and fire onPageChange.
function pager(w, fire, set) {
  const p = add(w, "div", "modc-pager");
  const go = (d) => () => {
    set(w, "pageNo", w.values.pageNo + d);
    fire(w, "onPageChange");
  };
  w.prev = make(p, "button");
  w.info = make(p, "span");
  w.next = make(p, "button");
  w.prev.type = w.next.type = "button";
  w.prev.textContent = "‹";
  w.next.textContent = "›";
  w.prev.setAttribute("aria-label", "Previous page");
  w.next.setAttribute("aria-label", "Next page");
  w.prev.onclick = go(-1);
  w.next.onclick = go(1);
}
const paged = (w, pages, last) => {
  w.info.textContent = pages ? `${w.values.pageNo} / ${pages}` : String(w.values.pageNo);
  w.prev.disabled = w.values.pageNo <= 1;
  w.next.disabled = last;
};

// Dates: date pickers show and take yyyy-mm-dd; selectedDate is an ISO
// string; formattedDate follows dateFormat's moment-style tokens.
const toDate = (v) => {
  if (v instanceof Date) return isNaN(v) ? undefined : v;
  const s = str(v);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  // (new Date(y, m, d) takes years below 100 for 19yy: a year being typed is one.)
  const d = m ? new Date(new Date(2000, 0, 1).setFullYear(+m[1], m[2] - 1, +m[3])) : s ? new Date(s) : undefined;
  return d && !isNaN(d) ? d : undefined;
};
const pad = (n, k = 2) => String(n).padStart(k, "0");
const ymd = (d) => (d ? `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` : "");
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
/** formatDate writes d in a moment-style format (YYYY-MM-DD HH:mm, Do MMM YYYY, …). */
export function formatDate(d, format) {
  if (!d) return "";
  const h = d.getHours();
  const t = {
    YYYY: pad(d.getFullYear(), 4), YY: pad(d.getFullYear() % 100), MMMM: MONTHS[d.getMonth()], MMM: MONTHS[d.getMonth()].slice(0, 3),
    MM: pad(d.getMonth() + 1), M: d.getMonth() + 1, DD: pad(d.getDate()), D: d.getDate(),
    Do: d.getDate() + ([, "st", "nd", "rd"][d.getDate() % 10 * (((d.getDate() / 10) | 0) != 1)] || "th"),
    dddd: DAYS[d.getDay()], ddd: DAYS[d.getDay()].slice(0, 3), HH: pad(h), H: h, hh: pad(h % 12 || 12), h: h % 12 || 12,
    mm: pad(d.getMinutes()), ss: pad(d.getSeconds()), A: h < 12 ? "AM" : "PM", a: h < 12 ? "am" : "pm",
  };
  return str(format || "YYYY-MM-DD HH:mm").replace(/\[([^\]]*)]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|HH|H|hh|h|mm|ss|A|a/g, (k, lit) => lit ?? t[k]);
}

const options2 = (w) => options(w.values.options);
// choices renders options as radio buttons or checkboxes in a fieldset.
function choices(w, kind, fire, set, event) {
  const f = add(w, "fieldset", "modc-choices");
  w.label = make(f, "legend");
  w.control = f;
  w.list = make(f, "div");
  w.list.onchange = () => {
    const boxes = Array.from(w.list.querySelectorAll("input"));
    const opts = options2(w);
    if (kind == "radio") set(w, "selectedOptionValue", opts[boxes.findIndex((b) => b.checked)]?.value);
    else set(w, "selectedOptionValues", opts.filter((o, i) => boxes[i]?.checked).map((o) => o.value));
    fire(w, event);
  };
}
function showChoices(w, p, kind, on) {
  const v = w.values;
  if (p == "label") w.label.textContent = str(v.label);
  if (p == "options") {
    w.list.replaceChildren();
    for (const o of options2(w)) {
      const l = make(w.list, "label", "modc-check");
      const b = make(l, "input");
      b.type = kind;
      b.name = w.name;
      make(l, "span").textContent = o.label;
    }
  }
  options2(w).forEach((o, i) => {
    const b = w.list.children[i]?.firstChild;
    if (b) (b.checked = on(o.value)), (b.disabled = !!v.isDisabled || w.busy > 0);
  });
}

const ICONS = { plus: "+", add: "+", minus: "−", cross: "×", close: "×", delete: "🗑", trash: "🗑", edit: "✎", search: "🔍", refresh: "↻", download: "⤓", upload: "⤒", "chevron-left": "‹", "chevron-right": "›", more: "⋯", menu: "☰", tick: "✓" };

const safeURL = (s) => {
  s = str(s);
  try {
    const u = new URL(s, location.href);
    if (["http:", "https:", "blob:"].includes(u.protocol) || /^data:image\//i.test(s)) return s;
  } catch {
    // not a URL at all
  }
  return "";
};


// button is a button that fires onClick; label: its text.
const button = {
  render(w, fire) {
    w.control = add(w, "button");
    w.control.type = "button";
    w.control.onclick = () => fire(w, "onClick");
  },
  update(w, p) {
    if (p == "label") w.control.textContent = str(w.values.label);
    disabled(w);
  },
};

const text = {
  render: (w) => (w.body = add(w, "span")),
  update(w, p) {
    if (p == "text") w.body.textContent = str(w.values.text);
  },
};

const input = {
  defaults: { text: "", isValid: true },
  derive(w, p, set) {
    const v = w.values;
    if (p == "defaultText") set(w, "text", str(v.defaultText));
    if (p == "text" || p == "isRequired" || p == "regex") {
      let re;
      try {
        re = v.regex ? new RegExp("^(?:" + str(v.regex) + ")$") : undefined;
      } catch {
        // a bad pattern checks nothing
      }
      const t = str(v.text);
      set(w, "isValid", !(v.isRequired && t === "") && !(re && t !== "" && !re.test(t)));
    }
  },
  render(w, fire, set) {
    const i = labelled(w, "input");
    w.hint = add(w, "div", "modc-hint");
    // Typing, pasting, dropping, deleting: every change of the text is an input event.
    i.oninput = () => {
      set(w, "text", i.value);
      fire(w, "onTextChanged");
    };
    // Keys keep their native behaviour: the handler returns nothing, for
    // an on… handler that returns false cancels the event (issue 15).
    i.onkeydown = (e) => {
      if (e.key == "Enter" && !e.isComposing) fire(w, "onSubmit");
    };
  },
  update(w, p) {
    const v = w.values;
    const i = w.control;
    if (p == "label") w.label.textContent = str(v.label);
    if (p == "placeholder") i.placeholder = str(v.placeholder);
    if (p == "inputType") i.type = ["number", "email", "password"].includes(v.inputType) ? v.inputType : "text";
    if (p == "text" && i.value !== str(v.text)) i.value = str(v.text);
    i.required = !!v.isRequired;
    i.setAttribute("aria-invalid", String(!v.isValid && v.text !== ""));
    w.hint.textContent = !v.isValid && v.text !== "" ? str(v.errorMessage || "Invalid value") : "";
    disabled(w);
  },
};

const select = {
  derive(w, p, set) {
    const v = w.values;
    if (p == "defaultOptionValue") set(w, "selectedOptionValue", v.defaultOptionValue);
    if (p == "options" || p == "selectedOptionValue") {
      set(w, "selectedOptionLabel", options(v.options).find((o) => o.value === v.selectedOptionValue)?.label);
    }
  },
  render(w, fire, set) {
    const s = labelled(w, "select");
    s.onchange = () => {
      const o = options(w.values.options)[s.selectedIndex - 1];
      set(w, "selectedOptionValue", o && o.value);
      fire(w, "onOptionChange");
    };
  },
  update(w, p) {
    const v = w.values;
    const s = w.control;
    const opts = options(v.options);
    if (p == "label") w.label.textContent = str(v.label);
    if (p == "options" || p == "placeholder") {
      s.replaceChildren();
      for (const o of [{ label: str(v.placeholder) }, ...opts]) s.add(new Option(o.label));
    }
    s.selectedIndex = opts.findIndex((o) => o.value === v.selectedOptionValue) + 1;
    disabled(w);
  },
};

// toggle is a checkbox (role switch for a switch) whose state is value.
const toggle = (value, dflt, event, role) => ({
  defaults: { [value]: false },
  derive(w, p, set) {
    if (p == dflt) set(w, value, !!w.values[dflt]);
  },
  render(w, fire, set) {
    const l = add(w, "label", "modc-check");
    const c = (w.control = make(l, "input"));
    c.type = "checkbox";
    if (role) c.setAttribute("role", role);
    w.label = make(l, "span");
    c.onchange = () => {
      set(w, value, c.checked);
      fire(w, event);
    };
  },
  update(w, p) {
    if (p == "label") w.label.textContent = str(w.values.label);
    w.control.checked = !!w.values[value];
    disabled(w);
  },
});

// table: rows of data, searched, paged, selected by click or keyboard;
// columns may be names or { id, label, isEditable } (edits go to updatedRows).
const table = {
  defaults: { pageSize: 10, pageNo: 1, selectedRowIndex: -1, selectedRowIndices: [], selectedRows: [], triggeredRowIndex: -1, tableData: [], filteredTableData: [], searchText: "", updatedRows: [], updatedRowIndices: [] },
  derive(w, p, set) {
    const v = w.values;
    if (p == "data") return set(w, "tableData", arr(v.data));
    if (p == "defaultSearchText") return set(w, "searchText", str(v.defaultSearchText));
    if (p == "defaultSelectedRowIndex") {
      const i = int(v.defaultSelectedRowIndex, -1);
      set(w, "selectedRowIndex", i);
      return set(w, "selectedRowIndices", i >= 0 ? [i] : []);
    }
    // What each value is set from is all it read before, in one call:
    // the values with the fewest sources come first.
    if (p == "tableData") {
      w.edits = {};
      set(w, "updatedRows", []);
      set(w, "updatedRowIndices", []);
      set(w, "updatedRow", undefined);
    }
    if (p == "tableData" || p == "triggeredRowIndex") set(w, "triggeredRow", v.tableData[v.triggeredRowIndex]);
    if (p == "tableData" || p == "selectedRowIndex") set(w, "selectedRow", v.tableData[v.selectedRowIndex]);
    if (p == "tableData" || p == "selectedRowIndices") set(w, "selectedRows", arr(v.selectedRowIndices).map((i) => v.tableData[i]).filter((r) => r !== undefined));
    if (p == "tableData" || p == "searchText" || p == "enableClientSideSearch" || p == "serverSidePaginationEnabled") {
      const q = str(v.searchText).toLowerCase();
      const local = q && v.enableClientSideSearch !== false && !v.serverSidePaginationEnabled;
      set(w, "filteredTableData", local ? v.tableData.filter((r) => str(isObj(r) ? Object.values(r) : r).toLowerCase().includes(q)) : v.tableData);
    }
    if (["filteredTableData", "pageSize", "pageNo", "serverSidePaginationEnabled", "totalRecordsCount"].includes(p)) {
      const pages = tablePages(v);
      const n = Math.max(1, int(v.pageNo, 1));
      set(w, "pageNo", pages ? Math.min(n, pages) : n);
    }
  },
  render(w, fire, set) {
    const s = (w.search = add(w, "input", "modc-search"));
    s.type = "search";
    s.placeholder = "Search";
    s.setAttribute("aria-label", "Search");
    s.oninput = () => {
      set(w, "searchText", s.value);
      set(w, "pageNo", 1);
      fire(w, "onSearchTextChanged");
    };
    const t = add(w, "table");
    w.caption = t.createCaption();
    w.head = t.createTHead();
    w.body = t.createTBody();
    pager(w, fire, set);
    const pick = (tr) => {
      const v = w.values;
      const i = +tr.dataset.index;
      if (v.multiRowSelection) {
        const on = arr(v.selectedRowIndices).filter((k) => k !== i);
        if (on.length == arr(v.selectedRowIndices).length) on.push(i);
        set(w, "selectedRowIndices", on);
      } else set(w, "selectedRowIndices", [i]);
      set(w, "selectedRowIndex", i);
      set(w, "triggeredRowIndex", i);
      fire(w, "onRowSelected");
    };
    w.body.onclick = (e) => {
      const tr = e.target.closest("tr");
      if (tr && e.target.tagName != "INPUT") pick(tr);
    };
    w.body.onkeydown = (e) => {
      if ((e.key == "Enter" || e.key == " ") && e.target.tagName == "TR") {
        e.preventDefault();
        pick(e.target);
      }
    };
    w.body.onchange = (e) => {
      const c = e.target;
      const i = +c.closest("tr").dataset.index;
      const row = w.values.tableData[i];
      const edit = ((w.edits || (w.edits = {}))[i] ||= {});
      edit[c.name] = c.value;
      const all = { ...(isObj(row) ? row : {}), ...edit };
      const key = w.values.primaryColumnId;
      const rows = Object.keys(w.edits).map((k) => {
        const r = w.values.tableData[k];
        const u = { index: +k, updatedFields: { ...w.edits[k] }, allFields: { ...(isObj(r) ? r : {}), ...w.edits[k] } };
        if (key && isObj(r)) u[key] = r[key];
        return u;
      });
      set(w, "triggeredRowIndex", i);
      set(w, "updatedRows", rows);
      set(w, "updatedRowIndices", rows.map((r) => r.index));
      set(w, "updatedRow", all);
    };
  },
  update(w, p) {
    if (p == "busy" || p == "errors") return;
    const v = w.values;
    w.caption.textContent = str(v.label);
    w.search.hidden = v.isVisibleSearch === false;
    if (w.search.value !== str(v.searchText)) w.search.value = str(v.searchText);
    const rows = v.filteredTableData;
    const n = size(v);
    const server = !!v.serverSidePaginationEnabled;
    const start = server ? 0 : (v.pageNo - 1) * n;
    const shown = server ? rows : rows.slice(start, start + n);
    let cols = arr(v.columns).map((c) => (isObj(c) ? { id: str(c.id), label: str(c.label ?? c.id), edit: !!c.isEditable, hide: c.isVisible === false } : { id: str(c), label: str(c) }));
    if (!cols.length) {
      const seen = new Set();
      for (const r of shown) if (isObj(r)) Object.keys(r).forEach((k) => seen.add(k));
      cols = [...seen].map((k) => ({ id: k, label: k }));
    }
    cols = cols.filter((c) => !c.hide);
    w.head.replaceChildren();
    const hr = w.head.insertRow();
    if (v.multiRowSelection) make(hr, "th").textContent = "";
    for (const c of cols) make(hr, "th").textContent = c.label;
    w.body.replaceChildren();
    const sel = new Set(arr(v.selectedRowIndices));
    for (const r of shown) {
      const i = v.tableData.indexOf(r);
      const tr = w.body.insertRow();
      tr.dataset.index = i;
      tr.tabIndex = 0;
      const on = v.multiRowSelection ? sel.has(i) : i === v.selectedRowIndex;
      tr.setAttribute("aria-selected", String(on));
      if (on) tr.className = "modc-selected";
      if (v.multiRowSelection) {
        const b = make(make(tr, "td"), "input");
        b.type = "checkbox";
        b.checked = on;
        b.tabIndex = -1;
        b.setAttribute("aria-label", "Select row");
        b.onclick = () => tr.click();
      }
      const edits = (w.edits || {})[i] || {};
      for (const c of cols) {
        const td = make(tr, "td");
        const val = c.id in edits ? edits[c.id] : isObj(r) ? r[c.id] : r;
        if (c.edit) {
          const e = make(td, "input");
          e.name = c.id;
          e.value = str(val);
          e.setAttribute("aria-label", c.label);
        } else td.textContent = str(val);
      }
    }
    const pages = tablePages(v);
    paged(w, pages, pages ? v.pageNo >= pages : shown.length < n);
  },
};
const tablePages = (v) => {
  if (!v.serverSidePaginationEnabled) return Math.max(1, Math.ceil(arr(v.filteredTableData).length / size(v)));
  const total = int(v.totalRecordsCount, 0);
  return total > 0 ? Math.max(1, Math.ceil(total / size(v))) : 0;
};

const image = {
  render(w, fire) {
    w.img = add(w, "img");
    w.img.onclick = () => fire(w, "onClick");
  },
  update(w, p) {
    if (p == "image") w.img.src = safeURL(w.values.image);
    if (p == "alt") w.img.alt = str(w.values.alt);
  },
};

// container: a box of widgets, under its label when it has one.
const container = {
  render(w) {
    w.heading = add(w, "div", "modc-heading");
  },
  update(w, p) {
    if (p == "label") w.heading.textContent = str(w.values.label);
  },
};

// modal: a dialog that showModal opens and closeModal, Escape, a click
// outside or its close button close. It is hidden until shown.
const modal = {
  defaults: { isVisible: false },
  render(w, fire, set) {
    const d = (w.dialog = add(w, "dialog", "modc-dialog"));
    const x = make(d, "button", "modc-close");
    x.type = "button";
    x.textContent = "×";
    x.setAttribute("aria-label", "Close");
    w.heading = make(d, "div", "modc-heading");
    w.box = make(d, "div", "modc-dialog-body");
    const close = () => {
      set(w, "isVisible", false);
      fire(w, "onClose");
    };
    x.onclick = close;
    d.oncancel = (e) => {
      e.preventDefault();
      if (w.values.canEscapeKeyClose !== false) close();
    };
    d.onclick = (e) => {
      if (e.target === d && w.values.canOutsideClickClose !== false) close();
    };
  },
  update(w, p) {
    const d = w.dialog;
    if (p == "label") {
      w.heading.textContent = str(w.values.label);
      d.setAttribute("aria-label", str(w.values.label) || w.name);
    }
    if (p != "isVisible") return;
    const open = () => w.values.isVisible && !d.open && d.isConnected && d.showModal();
    if (!w.values.isVisible) d.open && d.close();
    else if (d.isConnected) open();
    else queueMicrotask(open);
  },
};

// form: a box of widgets whose values it collects in data (by widget
// name); a form button may reset it after its onClick.
const form = {
  defaults: { data: {}, hasChanges: false },
  render(w) {
    w.box = add(w, "form", "modc-form");
    w.box.onsubmit = (e) => e.preventDefault();
    w.heading = make(w.box, "div", "modc-heading");
  },
  update(w, p) {
    if (p == "label") {
      w.heading.textContent = str(w.values.label);
      w.box.setAttribute("aria-label", str(w.values.label) || w.name);
    }
  },
};

const formbutton = {
  form: true,
  render(w, fire, set, app) {
    w.control = add(w, "button");
    w.control.type = "button";
    w.control.onclick = async () => {
      await fire(w, "onClick");
      if (w.values.resetFormOnClick && w.form) app.reset(w.form, true);
    };
  },
  update(w, p) {
    if (p == "label") w.control.textContent = str(w.values.label);
    w.control.disabled = !!w.values.isDisabled || w.busy > 0 || (!!w.values.disabledWhenInvalid && !!w.form && !w.form.valid);
  },
};

// tabs: one tab per widget inside, named by its label (else its name).
const tabs = {
  derive(w, p, set) {
    if (p == "defaultTab") set(w, "selectedTab", str(w.values.defaultTab));
  },
  render(w, fire, set) {
    w.list = add(w, "div", "modc-tablist");
    w.list.setAttribute("role", "tablist");
    w.box = add(w, "div", "modc-panels");
    w.pick = (label) => {
      if (label === w.values.selectedTab) return;
      set(w, "selectedTab", label);
      fire(w, "onTabSelected");
    };
    w.list.onclick = (e) => {
      const b = e.target.closest && e.target.closest("button");
      if (b) w.pick(b.textContent);
    };
    w.list.onkeydown = (e) => {
      const all = Array.from(w.list.children);
      const i = all.indexOf(e.target);
      const k = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: all.length - 1 }[e.key];
      if (i < 0 || k === undefined) return;
      e.preventDefault();
      const b = all[(k + all.length) % all.length];
      b.focus();
      w.pick(b.textContent);
    };
  },
  update(w, p) {
    if (p == "busy" || p == "errors") return;
    const kids = w.children || [];
    const label = (c) => str(c.values.label) || c.name;
    let on = kids.find((c) => label(c) === w.values.selectedTab) || kids[0];
    w.list.replaceChildren();
    for (const c of kids) {
      const b = make(w.list, "button", "modc-tab");
      b.type = "button";
      b.textContent = label(c);
      b.id = "modc-tab-" + c.name;
      b.setAttribute("role", "tab");
      b.setAttribute("aria-selected", String(c === on));
      b.tabIndex = c === on ? 0 : -1;
      if (c.el) {
        c.el.setAttribute("role", "tabpanel");
        c.el.setAttribute("aria-labelledby", b.id);
        c.el.classList.toggle("modc-tab-hidden", c !== on);
      }
    }
    if (on && label(on) !== w.values.selectedTab) queueMicrotask(() => w.pick && on.el && w.pick(label(on)));
  },
};

// datepicker: a date field; selectedDate is the day's start as an ISO string.
const datepicker = {
  defaults: { selectedDate: "", formattedDate: "", isValid: true },
  derive(w, p, set) {
    const v = w.values;
    if (p == "defaultDate") set(w, "selectedDate", toDate(v.defaultDate)?.toISOString() ?? "");
    if (p == "selectedDate" || p == "isRequired") set(w, "isValid", !(v.isRequired && !v.selectedDate));
    if (p == "selectedDate" || p == "dateFormat") set(w, "formattedDate", formatDate(toDate(v.selectedDate), v.dateFormat));
  },
  render(w, fire, set) {
    const i = labelled(w, "input");
    i.type = "date";
    i.onchange = () => {
      set(w, "selectedDate", toDate(i.value)?.toISOString() ?? "");
      fire(w, "onDateSelected");
    };
  },
  update(w, p) {
    const v = w.values;
    if (p == "label") w.label.textContent = str(v.label);
    if (p == "minDate") w.control.min = ymd(toDate(v.minDate));
    if (p == "maxDate") w.control.max = ymd(toDate(v.maxDate));
    const day = ymd(toDate(v.selectedDate));
    if (p == "selectedDate" && w.control.value !== day) w.control.value = day;
    w.control.required = !!v.isRequired;
    disabled(w);
  },
};

// filepicker: picks files and reads them: files[i] is { name, type, size,
// data, dataFormat }, data a data URL (fileDataType Base64, the default),
// the text (Text) or a binary string (Binary).
const filepicker = {
  defaults: { files: [], isValid: true },
  derive(w, p, set) {
    if (p == "files" || p == "isRequired") set(w, "isValid", !(w.values.isRequired && !arr(w.values.files).length));
  },
  render(w, fire, set) {
    const i = labelled(w, "input");
    i.type = "file";
    w.names = add(w, "ul", "modc-files");
    i.onchange = () => {
      const v = w.values;
      const max = int(v.maxNumFiles, 0);
      const bytes = Number(v.maxFileSize) > 0 ? Number(v.maxFileSize) * 1024 * 1024 : Infinity;
      const list = Array.from(i.files || []).filter((f) => f.size <= bytes).slice(0, max > 0 ? max : undefined);
      const format = ["Text", "Binary"].includes(v.fileDataType) ? v.fileDataType : "Base64";
      const out = [];
      let left = list.length;
      const done = () => {
        set(w, "files", out);
        fire(w, "onFilesSelected");
      };
      if (!left) return done();
      list.forEach((f, k) => {
        const r = new FileReader();
        r.onload = () => {
          out[k] = { id: String(k), name: f.name, type: f.type, size: f.size, data: r.result, dataFormat: format };
          if (!--left) done();
        };
        r.onerror = () => {
          out[k] = { id: String(k), name: f.name, type: f.type, size: f.size, data: null, dataFormat: format };
          if (!--left) done();
        };
        if (format == "Text") r.readAsText(f);
        else if (format == "Binary") r.readAsBinaryString(f);
        else r.readAsDataURL(f);
      });
    };
  },
  update(w, p) {
    const v = w.values;
    const i = w.control;
    if (p == "label") w.label.textContent = str(v.label || "Select files");
    if (p == "maxNumFiles") i.multiple = int(v.maxNumFiles, 0) != 1;
    if (p == "allowedFileTypes") i.accept = arr(v.allowedFileTypes).map(str).filter((t) => t && t != "*").join(",");
    if (p == "files") {
      const files = arr(v.files);
      if (!files.length) i.value = "";
      w.names.replaceChildren(...files.map((f) => {
        const li = doc(w).createElement("li");
        li.textContent = `${str(f && f.name)} (${str(f && f.size)} bytes)`;
        return li;
      }));
    }
    i.required = !!v.isRequired;
    disabled(w);
  },
};

// list: its widgets repeat for every item of listData on the page shown;
// the app runtime builds the items (rows gives them) and item(w, el, i)
// makes each clickable.
const list = {
  defaults: { pageNo: 1, selectedItemIndex: -1, triggeredItemIndex: -1 },
  derive(w, p, set) {
    const v = w.values;
    if (p == "listData" || p == "selectedItemIndex") set(w, "selectedItem", arr(v.listData)[v.selectedItemIndex]);
    if (p == "listData" || p == "triggeredItemIndex") set(w, "triggeredItem", arr(v.listData)[v.triggeredItemIndex]);
    if (p == "listData" || p == "pageSize" || p == "pageNo") {
      const pages = Math.max(1, Math.ceil(arr(v.listData).length / size(v)));
      set(w, "pageNo", Math.min(Math.max(1, int(v.pageNo, 1)), pages));
    }
  },
  render(w, fire, set) {
    w.box = add(w, "div", "modc-items");
    w.box.setAttribute("role", "list");
    pager(w, fire, set);
    const select = (e) => {
      const el = e.target.closest(".modc-item");
      if (!el || ["BUTTON", "INPUT", "SELECT", "TEXTAREA", "A", "LABEL"].includes(e.target.tagName)) return;
      set(w, "selectedItemIndex", +el.dataset.index);
      fire(w, "onItemClick");
    };
    w.box.onclick = select;
    w.box.onkeydown = (e) => e.key == "Enter" && e.target.classList.contains("modc-item") && select(e);
  },
  rows(w) {
    const v = w.values;
    const n = size(v);
    const start = (v.pageNo - 1) * n;
    return arr(v.listData).slice(start, start + n).map((item, k) => ({ item, index: start + k }));
  },
  item(w, el, i) {
    el.setAttribute("role", "listitem");
    el.tabIndex = 0;
    el.classList.toggle("modc-selected", i === w.values.selectedItemIndex);
  },
  update(w, p) {
    if (p == "busy" || p == "errors") return;
    const pages = Math.max(1, Math.ceil(arr(w.values.listData).length / size(w.values)));
    paged(w, pages, w.values.pageNo >= pages);
    for (const el of w.box.children) el.classList.toggle("modc-selected", +el.dataset.index === w.values.selectedItemIndex);
  },
};

const iconbutton = {
  render(w, fire) {
    w.control = add(w, "button", "modc-icon");
    w.control.type = "button";
    w.control.onclick = () => fire(w, "onClick");
  },
  update(w) {
    const v = w.values;
    w.control.textContent = ICONS[str(v.iconName)] || "•";
    w.control.setAttribute("aria-label", str(v.tooltip || v.iconName) || w.name);
    w.control.title = str(v.tooltip);
    disabled(w);
  },
};

const divider = {
  render: (w) => (w.line = add(w, "hr")),
  update(w) {
    const v = w.values;
    const vertical = v.orientation == "vertical";
    w.line.setAttribute("aria-orientation", vertical ? "vertical" : "horizontal");
    w.line.className = vertical ? "modc-vertical" : "";
    w.line.style.borderStyle = ["dashed", "dotted"].includes(v.strokeStyle) ? v.strokeStyle : "solid";
    w.line.style.borderWidth = Math.min(Math.max(int(v.thickness, 1), 1), 20) + "px 0 0";
  },
};

const radiogroup = {
  derive: select.derive,
  render: (w, fire, set) => choices(w, "radio", fire, set, "onSelectionChange"),
  update: (w, p) => showChoices(w, p, "radio", (x) => x === w.values.selectedOptionValue),
};

const multiselect = {
  defaults: { selectedOptionValues: [], selectedOptionLabels: [] },
  derive(w, p, set) {
    const v = w.values;
    if (p == "defaultOptionValue") set(w, "selectedOptionValues", Array.isArray(v.defaultOptionValue) ? v.defaultOptionValue : v.defaultOptionValue == null ? [] : [v.defaultOptionValue]);
    if (p == "options" || p == "selectedOptionValues") {
      const on = arr(v.selectedOptionValues);
      set(w, "selectedOptionLabels", options(v.options).filter((o) => on.includes(o.value)).map((o) => o.label));
    }
  },
  render: (w, fire, set) => choices(w, "checkbox", fire, set, "onOptionChange"),
  update: (w, p) => showChoices(w, p, "checkbox", (x) => arr(w.values.selectedOptionValues).includes(x)),
};

// menubutton: a button that opens a menu of menuItems ({ label, isVisible,
// isDisabled, onClick }); the app runtime runs an item's onClick.
const menubutton = {
  render(w, fire, set, app) {
    w.control = add(w, "button", "modc-menubutton");
    w.control.type = "button";
    w.control.setAttribute("aria-haspopup", "menu");
    w.control.setAttribute("aria-expanded", "false");
    w.menu = add(w, "div", "modc-menu");
    w.menu.setAttribute("role", "menu");
    w.menu.hidden = true;
    const show = (on) => {
      w.menu.hidden = !on;
      w.control.setAttribute("aria-expanded", String(on));
      if (on) w.menu.querySelector("button:not(:disabled)")?.focus();
    };
    w.control.onclick = () => show(w.menu.hidden);
    w.menu.onclick = (e) => {
      const b = e.target.closest && e.target.closest("button");
      if (!b) return;
      show(false);
      w.control.focus();
      app.item(w, "menuItems", +b.dataset.index, "onClick");
    };
    w.menu.onkeydown = (e) => {
      const all = Array.from(w.menu.querySelectorAll("button:not(:disabled)"));
      const i = all.indexOf(e.target);
      if (e.key == "Escape") {
        show(false);
        w.control.focus();
      } else if (e.key == "ArrowDown" || e.key == "ArrowUp") {
        e.preventDefault();
        all[(i + (e.key == "ArrowDown" ? 1 : -1) + all.length) % all.length]?.focus();
      }
    };
  },
  update(w, p) {
    const v = w.values;
    if (p == "label") w.control.textContent = str(v.label);
    if (p == "menuItems") {
      w.menu.replaceChildren();
      arr(v.menuItems).forEach((m, i) => {
        if (!isObj(m) || m.isVisible === false) return;
        const b = make(w.menu, "button");
        b.type = "button";
        b.setAttribute("role", "menuitem");
        b.dataset.index = i;
        b.textContent = str(m.label);
        b.disabled = !!m.isDisabled;
      });
    }
    disabled(w);
  },
};

const switchType = toggle("isSwitchedOn", "defaultSwitchState", "onChange", "switch");
const checkbox = toggle("isChecked", "defaultCheckedState", "onCheckChange");

export { text, button, input, select, checkbox, table, image, container, modal, form, formbutton, tabs, datepicker, filepicker, list, iconbutton, divider, radiogroup, multiselect, menubutton, switchType as switch };

/** types are all the widget types, by name. */
export const types = { text, button, input, select, checkbox, table, image, container, modal, form, formbutton, tabs, datepicker, filepicker, list, iconbutton, divider, radiogroup, multiselect, menubutton, switch: switchType };
