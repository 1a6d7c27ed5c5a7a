// modc docs: the search box (over search-index.json) and copy buttons.
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

  var KIND_BONUS = { "function": 6, module: 5, "package": 5, variable: 3, page: 4, section: 2 };
  var PROSE = { page: true, section: true };

  function setupSearch() {
    var box = document.querySelector(".search");
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    if (!box || !input || !list) return;
    box.hidden = false;
    var index = null, loading = null, results = [], active = -1;

    function load() {
      if (!loading) {
        loading = fetch(root + "search-index.json")
          .then(function (r) { return r.json(); })
          .then(function (d) { index = d; })
          .catch(function () { index = []; });
      }
      return loading;
    }

    function score(e, terms) {
      var title = e.title.toLowerCase().replace(/\(\)$/, "");
      var hay = (e.title + " " + (e.in || "") + " " + (e.text || "")).toLowerCase();
      var s = 0;
      for (var i = 0; i < terms.length; i++) {
        var t = terms[i];
        if (title === t) s += 100;
        else if (title.indexOf(t) === 0) s += 60;
        else if (title.indexOf(t) > 0) s += 35;
        else if (hay.indexOf(t) >= 0) s += 8;
        else return 0;
      }
      return s + (KIND_BONUS[e.kind] || 0);
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
        a.href = root + r.url;
        a.appendChild(el("span", "r-kind", r.kind));
        var title = el("span", "r-title" + (PROSE[r.kind] ? " r-prose" : ""), r.title);
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
          window.location.href = root + results[active].url;
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
