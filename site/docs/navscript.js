// The sidebar's lists, rendered from the data above (self.modcNav) by the
// script element every page puts after its <nav class="nav">, which says
// where the page is (data-url, site-root-relative) and where the root is
// (data-root). It runs as the page loads, before the rest of the page is
// shown, and writes the same lists as docs.Page.NavTree and PackageTree
// (site/docs/docs.go): a list longer than 50 entries shows a window of 21
// around the current entry, each run of hidden entries one "… N more" link
// (from file://, links go to the index.html files, as the search's do).
// Without JavaScript the page keeps its short fallback lists.
(function () {
  "use strict";
  var script = document.currentScript, data = self.modcNav;
  var nav = script && script.previousElementSibling;
  if (!nav || !data) return;
  var root = script.getAttribute("data-root") || "", url = script.getAttribute("data-url") || "";
  var LONG = 50, WINDOW = 21;
  var ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" };

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return ESC[c]; });
  }
  function under(prefix) {
    return prefix !== "" && url.lastIndexOf(prefix, 0) === 0;
  }
  function windowOf(n, cur) {
    if (n <= LONG) return [0, n];
    var lo = Math.max(0, Math.min(cur - (WINDOW >> 1), n - WINDOW));
    return [lo, lo + WINDOW];
  }
  // href is the link to a site-root-relative URL; opened from file://,
  // where a directory is not its index.html, to the file itself.
  var file = location.protocol === "file:";
  function href(u) {
    return esc(file ? (root + u).replace(/\/$/, "/index.html") : root + u);
  }
  function more(n, what, where, title, u) {
    return '<li class="nav-more"><a href="' + href(u) + '" aria-label="' + n + " more " + what + " " + where +
      "; go to " + esc(title) + '">… ' + n + " more</a></li>";
  }
  function link(u) {
    return '<a href="' + href(u) + '"' + (u === url ? ' aria-current="page"' : "") + ">";
  }

  // guide: items are [title, url, section (1 or 0), children].
  function guide(items) {
    var cur = -1, i;
    for (i = 0; i < items.length; i++) {
      if (items[i][1] === url || items[i][2] && under(items[i][1])) {
        cur = i;
        break;
      }
    }
    var w = windowOf(items.length, cur), lo = w[0], hi = w[1], out = "<ul>\n";
    if (lo > 0) out += more(lo, "pages", "before", items[lo - 1][0], items[lo - 1][1]) + "\n";
    for (i = lo; i < hi; i++) {
      var it = items[i];
      out += (it[2] ? '<li class="section">' : "<li>") + link(it[1]) + esc(it[0]) + "</a>";
      if (it[3] && it[3].length && under(it[1])) out += "\n" + guide(it[3]);
      out += "</li>\n";
    }
    if (hi < items.length) out += more(items.length - hi, "pages", "after", items[hi][0], items[hi][1]) + "\n";
    return out + "</ul>";
  }

  // packages: items are [name, url, modules], a module [name, url, kind].
  function packages(pkgs) {
    var cur = -1, i, j;
    for (i = 0; i < pkgs.length; i++) {
      if (under(pkgs[i][1])) {
        cur = i;
        break;
      }
    }
    var w = windowOf(pkgs.length, cur), lo = w[0], hi = w[1], out = "<ul>";
    if (lo > 0) out += "\n    " + more(lo, "packages", "before", pkgs[lo - 1][0], pkgs[lo - 1][1]);
    for (i = lo; i < hi; i++) {
      out += "\n    <li>\n      " + link(pkgs[i][1]) + esc(pkgs[i][0]) + "</a>";
      if (i === cur) {
        var mods = pkgs[i][2], mcur = -1;
        out += "\n      <ul>";
        for (j = 0; j < mods.length; j++) {
          if (mods[j][1] === url) {
            mcur = j;
            break;
          }
        }
        var mw = windowOf(mods.length, mcur), mlo = mw[0], mhi = mw[1];
        if (mlo > 0) out += "\n        " + more(mlo, "modules", "before", mods[mlo - 1][0], mods[mlo - 1][1]);
        for (j = mlo; j < mhi; j++) {
          var m = mods[j];
          out += "\n        <li>" + link(m[1]) + '<span class="kind kind-' + esc(m[2]) + '">' + (m[2] === "js" ? "JS" : "Q") +
            "</span>" + esc(m[0]) + "</a></li>";
        }
        if (mhi < mods.length) out += "\n        " + more(mods.length - mhi, "modules", "after", mods[mhi][0], mods[mhi][1]);
        out += "\n      </ul>";
      }
      out += "\n    </li>";
    }
    if (hi < pkgs.length) out += "\n    " + more(pkgs.length - hi, "packages", "after", pkgs[hi][0], pkgs[hi][1]);
    return out + "\n  </ul>";
  }

  var g = nav.querySelector("ul[data-nav=guide]"), p = nav.querySelector("ul[data-nav=packages]");
  if (g && data.g) g.outerHTML = guide(data.g);
  if (p && data.p) p.outerHTML = packages(data.p);
})();
