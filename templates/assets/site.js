// modc docs: the search box (over search-index.js) and copy buttons.
// Everything else on the site works without JavaScript.
(function () {
  "use strict";
  var root = (document.currentScript && document.currentScript.dataset.root) || "./";

  function ready(f) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", f);
    else f();
  }

  ready(function () {
    setupSearch();
    setupCopy();
  });

  // Search

  // The index is search-index.js, a script that sets self.modcSearchIndex:
  // a script element loads from file:// too, where fetch() cannot. It has
  // an object per page: u (URL), k (kind), t (title), i (in), x (text),
  // b (the page's other words) and e, its entries, each [anchor, kind,
  // title, text, symbols]; see site/docs/search.go.
  var KIND_BONUS = { api: 7, "function": 6, module: 5, "package": 5, query: 4, input: 4, variable: 3, page: 4, section: 2 };
  var SYMBOL = { api: true, "function": true, module: true, "package": true, query: true, input: true, variable: true };
  var PROSE = { page: true, section: true };

  // flatten turns the index's pages into entries, each with the
  // lowercased strings score compares.
  function flatten(docs) {
    var out = [];
    function add(e) {
      var name = e.title.toLowerCase().replace(/\(.*$/, "");
      e.name = name;
      e.tail = name.slice(name.lastIndexOf(".") + 1);
      e.params = e.syms ? e.syms.split(" ") : null;
      e.syms = e.syms ? " " + e.syms.toLowerCase() + " " : "";
      e.hay = (e.title + " " + (e.in || "") + " " + (e.text || "")).toLowerCase();
      e.body = e.body ? " " + e.body + " " : "";
      out.push(e);
    }
    for (var i = 0; i < docs.length; i++) {
      var d = docs[i];
      add({ title: d.t, url: d.u, kind: d.k, "in": d.i, text: d.x, body: d.b });
      var within = d.k === "module" ? d.i + "/" + d.t : d.t;
      var items = d.e || [];
      for (var j = 0; j < items.length; j++) {
        var it = items[j];
        add({ title: it[2], url: d.u + "#" + it[0], kind: it[1], "in": within, text: it[3], syms: it[4] });
      }
    }
    return out;
  }

  // score rates an entry for the query's terms: 0 when a term is found
  // nowhere in it. An exact name (a function, an API, a module…) ranks
  // first, then names that start with the term, parameters, names that
  // hold it, the summary, and last the page's other words.
  function score(e, terms) {
    var s = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      if (e.name === t || e.tail === t) s += SYMBOL[e.kind] ? 200 : 100;
      else if (e.name.indexOf(t) === 0 || e.tail.indexOf(t) === 0) s += 60;
      else if (e.syms.indexOf(" " + t + " ") >= 0) s += 50;
      else if (e.name.indexOf(t) > 0) s += 35;
      else if (e.syms.indexOf(t) >= 0) s += 25;
      else if (e.hay.indexOf(t) >= 0) s += 8;
      else if (e.body.indexOf(" " + t) >= 0) s += 5;
      else if (e.body.indexOf(t) >= 0) s += 3;
      else return 0;
    }
    return s + (KIND_BONUS[e.kind] || 0);
  }

  // hrefOf returns the link to a site-root-relative URL; opened from
  // file://, where a directory is not its index.html, to the file itself.
  function hrefOf(url) {
    var h = root + url;
    return location.protocol === "file:" ? h.replace(/\/(#|$)/, "/index.html$1") : h;
  }

  function setupSearch() {
    var box = document.querySelector(".search");
    // The box comes empty in every page (layout.html): without JavaScript
    // there is no search, and its markup is here once rather than in each.
    if (box && !box.firstElementChild) {
      box.innerHTML = '<input type="search" id="search-input" placeholder="Search docs, modules, functions" aria-label="Search" autocomplete="off" spellcheck="false">' +
        '<kbd class="search-key">/</kbd><ul id="search-results" class="search-results" role="listbox" hidden></ul>';
    }
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    if (!box || !input || !list) return;
    box.hidden = false;
    var index = null, loading = null, results = [], active = -1;

    function load() {
      if (!loading) {
        loading = new Promise(function (resolve) {
          var done = function () {
            index = flatten(self.modcSearchIndex || []);
            resolve();
          };
          if (self.modcSearchIndex) return done();
          var script = document.createElement("script");
          script.src = root + "search-index.js";
          script.onload = done;
          script.onerror = done;
          document.head.appendChild(script);
        });
      }
      return loading;
    }

    function search(q) {
      var terms = q.toLowerCase().split(/\s+/).filter(Boolean);
      if (!terms.length || !index) return [];
      var scored = [];
      for (var i = 0; i < index.length; i++) {
        var s = score(index[i], terms);
        if (s > 0) scored.push([s, i]);
      }
      scored.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
      return scored.slice(0, 12).map(function (x) { return index[x[1]]; });
    }

    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text) e.textContent = text;
      return e;
    }

    function render() {
      list.textContent = "";
      active = results.length ? 0 : -1;
      if (!input.value.trim()) {
        list.hidden = true;
        return;
      }
      if (!results.length) {
        list.appendChild(el("li", "r-empty", index ? "No results for “" + input.value.trim() + "”" : "Loading…"));
      }
      results.forEach(function (r, i) {
        var li = el("li");
        li.setAttribute("role", "option");
        li.id = "search-result-" + i;
        var a = el("a");
        a.href = hrefOf(r.url);
        a.appendChild(el("span", "r-kind", r.kind));
        // A function shows its parameters, which the search finds too.
        var shown = r.params ? r.title.replace(/\(\)$/, "(" + r.params.join(", ") + ")") : r.title;
        var title = el("span", "r-title" + (PROSE[r.kind] ? " r-prose" : ""), shown);
        if (r.in) title.appendChild(el("span", "r-in", r.in));
        a.appendChild(title);
        a.appendChild(el("span", "r-text", r.text || ""));
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = false;
      highlight();
    }

    function highlight() {
      var items = list.querySelectorAll("li[role=option]");
      for (var i = 0; i < items.length; i++) {
        items[i].setAttribute("aria-selected", i === active ? "true" : "false");
        if (i === active) items[i].scrollIntoView({ block: "nearest" });
      }
    }

    function update() {
      load().then(function () {
        results = search(input.value);
        render();
      });
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (!results.length) return;
        ev.preventDefault();
        active = (active + (ev.key === "ArrowDown" ? 1 : results.length - 1)) % results.length;
        highlight();
      } else if (ev.key === "Enter") {
        if (active >= 0 && results[active]) {
          ev.preventDefault();
          window.location.href = hrefOf(results[active].url);
        }
      } else if (ev.key === "Escape") {
        input.value = "";
        render();
        input.blur();
      }
    });
    document.addEventListener("keydown", function (ev) {
      var t = ev.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (ev.key === "/" && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
        ev.preventDefault();
        input.focus();
      }
    });
    document.addEventListener("click", function (ev) {
      if (!box.contains(ev.target)) list.hidden = true;
    });
    input.addEventListener("focus", function () {
      if (input.value.trim()) list.hidden = false;
    });
  }

  // Copy buttons on code blocks

  function setupCopy() {
    if (!navigator.clipboard) return;
    var blocks = document.querySelectorAll(".content pre");
    for (var i = 0; i < blocks.length; i++) {
      (function (pre) {
        if (pre.classList.contains("signature")) return;
        pre.classList.add("has-copy");
        var b = document.createElement("button");
        b.type = "button";
        b.className = "copy";
        b.textContent = "Copy";
        b.addEventListener("click", function () {
          var code = pre.querySelector("code") || pre;
          navigator.clipboard.writeText(code.innerText).then(function () {
            b.textContent = "Copied";
            setTimeout(function () { b.textContent = "Copy"; }, 1500);
          }, function () {});
        });
        pre.appendChild(b);
      })(blocks[i]);
    }
  }
})();
