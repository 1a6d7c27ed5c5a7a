// The widget types of SPEC 7. What each type has — data properties,
// events, exposed values, setters — is declared once, in types.json, which
// the compiler checks apps against too; this file implements the behaviour
// of each type of that table and takes its setters from it. A type may have:
//   defaults      initial values
//   derive(w, p)  updates exposed values after property p changed
//   render(w)     builds the widget's DOM inside w.el and fires its events
//   update(w, p)  brings the DOM up to date after property p changed
// and gets from types.json
//   setters       { setterName: property } methods bindings' handlers call
// (the common ones, setVisibility, included).
// Data is only ever written with textContent and DOM properties, never as
// HTML, so what an API returns cannot run script.
import table from "./types.json";

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

export const types = {
  text: {
    render: (w) => (w.body = add(w, "span")),
    update(w, p) {
      if (p == "text") w.body.textContent = str(w.values.text);
    },
  },

  button: {
    render(w, fire) {
      w.control = add(w, "button");
      w.control.type = "button";
      w.control.onclick = () => fire(w, "onClick");
    },
    update(w, p) {
      if (p == "label") w.control.textContent = str(w.values.label);
      disabled(w);
    },
  },

  input: {
    defaults: { text: "" },
    derive(w, p, set) {
      if (p == "defaultText") set(w, "text", str(w.values.defaultText));
    },
    render(w, fire, set) {
      const i = labelled(w, "input");
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
      disabled(w);
    },
  },

  select: {
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
  },

  checkbox: {
    defaults: { isChecked: false },
    derive(w, p, set) {
      if (p == "defaultCheckedState") set(w, "isChecked", !!w.values.defaultCheckedState);
    },
    render(w, fire, set) {
      const l = add(w, "label", "modc-check");
      const c = (w.control = l.appendChild(w.el.ownerDocument.createElement("input")));
      c.type = "checkbox";
      w.label = l.appendChild(w.el.ownerDocument.createElement("span"));
      c.onchange = () => {
        set(w, "isChecked", c.checked);
        fire(w, "onCheckChange");
      };
    },
    update(w, p) {
      if (p == "label") w.label.textContent = str(w.values.label);
      w.control.checked = !!w.values.isChecked;
      disabled(w);
    },
  },

  table: {
    defaults: { pageSize: 10, pageNo: 1, selectedRowIndex: -1, tableData: [] },
    derive(w, p, set) {
      const v = w.values;
      if (p == "data") set(w, "tableData", Array.isArray(v.data) ? v.data : []);
      const rows = v.tableData;
      if (v.selectedRowIndex >= rows.length) set(w, "selectedRowIndex", -1);
      set(w, "selectedRow", rows[v.selectedRowIndex]);
      const pages = Math.max(1, Math.ceil(rows.length / size(v)));
      if (!(v.pageNo >= 1 && v.pageNo <= pages)) set(w, "pageNo", Math.min(Math.max(1, v.pageNo | 0), pages));
    },
    render(w, fire, set) {
      const t = add(w, "table");
      w.head = t.createTHead();
      w.body = t.createTBody();
      const pager = add(w, "div", "modc-pager");
      const page = (d) => () => {
        set(w, "pageNo", w.values.pageNo + d);
        fire(w, "onPageChange");
      };
      const doc = w.el.ownerDocument;
      w.prev = pager.appendChild(doc.createElement("button"));
      w.info = pager.appendChild(doc.createElement("span"));
      w.next = pager.appendChild(doc.createElement("button"));
      w.prev.textContent = "‹";
      w.next.textContent = "›";
      w.prev.onclick = page(-1);
      w.next.onclick = page(1);
      w.body.onclick = (e) => {
        const tr = e.target.closest("tr");
        if (!tr) return;
        set(w, "selectedRowIndex", (w.values.pageNo - 1) * size(w.values) + tr.sectionRowIndex);
        fire(w, "onRowSelected");
      };
    },
    update(w) {
      const v = w.values;
      const rows = v.tableData;
      const n = size(v);
      const start = (v.pageNo - 1) * n;
      const shown = rows.slice(start, start + n);
      let cols = Array.isArray(v.columns) ? v.columns.map(str) : [];
      if (!cols.length) {
        const seen = new Set();
        for (const r of shown) if (r && typeof r == "object") Object.keys(r).forEach((k) => seen.add(k));
        cols = [...seen];
      }
      const row = (sec, cells, tag) => {
        const tr = sec.insertRow();
        for (const c of cells) tr.appendChild(sec.ownerDocument.createElement(tag)).textContent = c;
        return tr;
      };
      w.head.replaceChildren();
      row(w.head, cols, "th");
      w.body.replaceChildren();
      shown.forEach((r, i) => {
        const tr = row(w.body, cols.map((c) => str(r != null && typeof r == "object" ? r[c] : r)), "td");
        if (start + i === v.selectedRowIndex) tr.className = "modc-selected";
      });
      const pages = Math.max(1, Math.ceil(rows.length / n));
      w.info.textContent = `${v.pageNo} / ${pages}`;
      w.prev.disabled = v.pageNo <= 1;
      w.next.disabled = v.pageNo >= pages;
    },
  },

  image: {
    render(w, fire) {
      w.img = add(w, "img");
      w.img.onclick = () => fire(w, "onClick");
    },
    update(w, p) {
      if (p == "image") w.img.src = safeURL(w.values.image);
      if (p == "alt") w.img.alt = str(w.values.alt);
    },
  },

  container: {},
};

// The setters are types.json's: each type's own and the common ones.
for (const [name, t] of Object.entries(types)) t.setters = { ...table.common.setters, ...table.types[name]?.setters };

const size = (v) => Math.max(1, v.pageSize | 0 || 10);
