package docs

import (
	"encoding/xml"
	"html"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/Masterminds/semver/v3"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/model"
)

var attrURL = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)

// crawl checks every link and resource of every rendered HTML page: each
// must be a file of the site, and each #anchor an id of its page. base is
// the URL path the site is served under (for 404.html's absolute links).
func crawl(t *testing.T, files map[string][]byte, base string) {
	t.Helper()
	ids := map[string]map[string]bool{}
	for p, data := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		dir := path.Dir(p)
		if dir == "." {
			dir = ""
		}
		for _, m := range attrURL.FindAllSubmatch(data, -1) {
			raw := html.UnescapeString(string(m[1]))
			if isExternal(raw) || strings.HasPrefix(raw, "data:") {
				continue
			}
			rest, frag, _ := strings.Cut(raw, "#")
			rest, _, _ = strings.Cut(rest, "?")
			var target string
			switch {
			case rest == "":
				target = p
			case strings.HasPrefix(rest, "/"):
				rel, ok := strings.CutPrefix(rest, base)
				if !ok {
					t.Errorf("%s: link %q is outside the base URL %s", p, raw, base)
					continue
				}
				target = rel
			default:
				target = strings.TrimPrefix(path.Join("/"+dir, rest), "/")
				if strings.HasSuffix(rest, "/") && target != "" {
					target += "/"
				}
			}
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			page, ok := files[target]
			if !ok {
				t.Errorf("%s: link %q: no file %s", p, raw, target)
				continue
			}
			if frag != "" {
				if ids[target] == nil {
					ids[target] = idsOf(page)
				}
				if !ids[target][frag] {
					t.Errorf("%s: link %q: %s has no id %q", p, raw, target, frag)
				}
			}
		}
	}
}

// TestSiteLinks crawls the example workspace's site and the test workspace's.
func TestSiteLinks(t *testing.T) {
	crawl(t, render(t, "../..", Options{}), "/")
	crawl(t, render(t, "testdata/ws", Options{}), "/docs/")
	// What `modc init` writes.
	crawl(t, render(t, "../../compiler/scaffold/skeleton", Options{}), "/")
}

func TestIsExternal(t *testing.T) {
	for dest, want := range map[string]bool{
		"https://example.com": true, "mailto:a@b.c": true, "//cdn.example/x.js": true, "tel:+1": true,
		"x+y:z": true, "/packages/": false, "guide/install.md": false, "#top": false, "a/b:c": false,
		"1http://x": false, "": false, "./x.md#a:b": false,
	} {
		if got := isExternal(dest); got != want {
			t.Errorf("isExternal(%q) = %v, want %v", dest, got, want)
		}
	}
}

// TestSearchIndex checks the entries of the search index.
func TestSearchIndex(t *testing.T) {
	files := render(t, "testdata/ws", Options{})
	all, err := entries(files["search-index.json"])
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]SearchEntry{}
	for _, e := range all {
		got[e.Kind+" "+e.Title] = e
	}
	for key, url := range map[string]string{
		"page Install":         "guide/install/",
		"section Steps":        "guide/install/#steps",
		"package shop":         "packages/shop/",
		"module cart":          "packages/shop/cart/",
		"module prices":        "packages/shop/prices/",
		"function addItem()":   "packages/shop/cart/#addItem",
		"function total()":     "packages/shop/cart/#total",
		"variable maxItems":    "packages/shop/cart/#maxItems",
		"page Shop docs":       "",
		"page Guide":           "guide/",
		"section Requirements": "guide/install/#requirements",
	} {
		e, ok := got[key]
		if !ok {
			t.Errorf("no %s in the index", key)
		} else if e.URL != url {
			t.Errorf("%s: url %q, want %q", key, e.URL, url)
		}
	}
	if e := got["function addItem()"]; e.In != "shop/cart" || !strings.HasPrefix(e.Text, "Adds an item to the cart.") {
		t.Errorf("addItem entry: %+v", e)
	}
	if e := got["page Install"]; e.Text != "How to install the shop modules." {
		t.Errorf("Install entry: %+v", e)
	}
	if _, ok := got["page Not yet"]; ok {
		t.Error("the draft is in the index")
	}
}

// TestVersions renders a package with git versions and a released version's pages.
func TestVersions(t *testing.T) {
	r := check(t, "testdata/ws")
	old := check(t, "testdata/ws")
	// The released version had no prices module.
	shop := old.Workspace.Package("shop")
	shop.Modules = shop.Modules[:1]
	day := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	pv := model.PackageVersions{
		Package: "shop", Current: "1.0.1-dev.2+0123456789ab", Base: "shop/v1.0.0", Commit: "0123456789abcdef",
		Changed: []model.Change{{Commit: "fedcba9876543210", Subject: "cart: add total()", Date: day.AddDate(0, 0, 2)}},
		Releases: []model.Release{
			{Version: semver.MustParse("1.0.0"), Tag: "shop/v1.0.0", Commit: "aaaaaaaaaaaaaaaaaaaa", Date: day,
				Changes: []model.Change{{Commit: "bbbbbbbbbbbbbbbbbbbb", Subject: "cart: first version", Date: day}}},
			{Version: semver.MustParse("0.9.0"), Tag: "shop/v0.9.0", Commit: "cccccccccccccccccccc", Date: day.AddDate(0, -1, 0)},
		},
	}
	r.Model().Workspace.Config.Repository = &model.Repository{URL: "https://github.com/acme/shop", Branch: "main",
		EditURL: "{url}/edit/{branch}/{path}", SourceURL: "{url}/blob/{branch}/{path}#L{line}"}
	files, msgs := Render(r, os.DirFS("testdata/ws"), Options{
		Versions: []model.PackageVersions{pv},
		Released: map[string]map[string]*compiler.Result{"shop": {"1.0.0": old}},
	})
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	crawl(t, files, "/docs/")
	for _, p := range []string{"packages/shop/1.0.0/index.html", "packages/shop/1.0.0/cart/index.html"} {
		if files[p] == nil {
			t.Errorf("no %s", p)
		}
	}
	if files["packages/shop/1.0.0/prices/index.html"] != nil || files["packages/shop/0.9.0/index.html"] != nil {
		t.Error("pages of a module or version that do not exist")
	}
	pkg := string(files["packages/shop/index.html"])
	for _, want := range []string{
		`1.0.1-dev.2&#43;0123456789ab`, `1 change since v1.0.0`, `cart: add total()`, `cart: first version`,
		`<a href="../../packages/shop/1.0.0/">1.0.0</a>`, `2026-03-01`, `<code>shop/v0.9.0</code>`, `fedcba987654`,
	} {
		if !strings.Contains(pkg, want) {
			t.Errorf("the package page lacks %q", want)
		}
	}
	mod := string(files["packages/shop/1.0.0/cart/index.html"])
	for _, want := range []string{
		`You are reading <strong>shop 1.0.0</strong>`, `href="../../../../packages/shop/cart/">latest (1.0.1-dev.2&#43;0123456789ab)</a>`,
		`href="../../../../packages/shop/1.0.0/cart/" aria-current="page">1.0.0</a>`,
	} {
		if !strings.Contains(mod, want) {
			t.Errorf("the released module page lacks %q", want)
		}
	}
	// Source links of a released version's page go to its tag.
	if want := `<a href="https://github.com/acme/shop/blob/shop/v1.0.0/modules/shop/cart/main.js#L26"><code>main.js:26</code></a>`; !strings.Contains(mod, want) {
		t.Errorf("the released module page lacks %s", want)
	}
	cur := string(files["packages/shop/cart/index.html"])
	if !strings.Contains(cur, `href="../../../packages/shop/1.0.0/cart/">1.0.0</a>`) {
		t.Error("the module page's switcher does not link the released version")
	}
	if want := `<a href="https://github.com/acme/shop/blob/main/modules/shop/cart/main.js#L26"><code>main.js:26</code></a>`; !strings.Contains(cur, want) {
		t.Errorf("the module page lacks %s", want)
	}
	if strings.Contains(string(files["search-index.json"]), "1.0.0") {
		t.Error("released versions are in the search index")
	}
}

// TestThemeOverride replaces a template and an asset from the workspace's templates/.
func TestThemeOverride(t *testing.T) {
	r := check(t, "testdata/ws")
	fsys := wsFS(t, map[string]string{
		"templates/page.html":       "{{define \"main\"}}<div class=\"mine\">{{.Title}}: {{.Content}}</div>{{end}}\n",
		"templates/assets/site.css": "body { color: red }\n",
		"templates/assets/extra.js": "console.log('extra')\n",
		"templates/notes.txt":       "not a template\n",
	})
	files, msgs := Render(r, fsys, Options{})
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	if p := string(files["guide/install/index.html"]); !strings.Contains(p, `<div class="mine">Install: <h2 id="requirements">`) {
		t.Errorf("page.html not overridden:\n%s", p)
	}
	if !strings.Contains(string(files["packages/shop/index.html"]), `class="page-header"`) {
		t.Error("package.html should stay the default")
	}
	if string(files["assets/site.css"]) != "body { color: red }\n" || files["assets/extra.js"] == nil {
		t.Error("assets not overridden")
	}
	if files["notes.txt"] != nil || files["assets/notes.txt"] != nil {
		t.Error("a file of templates/ that is neither a template nor an asset was copied")
	}
}

// TestRawHTML checks that raw HTML is left out unless modc.json's rawHTML is set.
func TestRawHTML(t *testing.T) {
	r := check(t, "testdata/ws")
	fsys := wsFS(t, map[string]string{"content/raw.md": "# Raw\n\n<div class=\"raw\">hi</div>\n"})
	files, msgs := Render(r, fsys, Options{})
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	if strings.Contains(string(files["raw/index.html"]), `<div class="raw">`) {
		t.Error("raw HTML rendered without rawHTML")
	}
	r.Model().Workspace.Config.RawHTML = true
	defer func() { r.Model().Workspace.Config.RawHTML = false }()
	files, _ = Render(r, fsys, Options{})
	if !strings.Contains(string(files["raw/index.html"]), `<div class="raw">hi</div>`) {
		t.Error("raw HTML left out with rawHTML")
	}
}

// TestNavOrder checks the sidebar's order (weight, then title), in nav.js,
// which writes every page's sidebar, and the prev/next links.
func TestNavOrder(t *testing.T) {
	files := render(t, "testdata/ws", Options{})
	page := string(files["guide/install/index.html"])
	nav := string(files[NavScript])
	order := []string{`["Guide","guide/",1,`, `["Install","guide/install/",0]`, `["Markdown features","features/",0]`}
	last := -1
	for _, o := range order {
		i := strings.Index(nav, o)
		if i <= last {
			t.Fatalf("sidebar order wrong at %s:\n%s", o, nav)
		}
		last = i
	}
	for _, want := range []string{`<a class="prev" href="../../guide/"><small>Previous</small><span>Guide</span></a>`, `<a class="next" href="../../features/"><small>Next</small><span>Markdown features</span></a>`} {
		if !strings.Contains(page, want) {
			t.Errorf("install page lacks %s", want)
		}
	}
}

// TestApps lists the apps the build made in the sidebar, by their titles.
func TestApps(t *testing.T) {
	r := check(t, "../..")
	r.Files = map[string][]byte{"apps/portal/index.html": []byte("<!DOCTYPE html>"), "apps/portal/app.js": nil}
	files, msgs := Render(r, os.DirFS("../.."), Options{})
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	if !strings.Contains(string(files["packages/auth/index.html"]), `<li><a href="../../apps/portal/">Portal</a></li>`) {
		t.Error("the sidebar does not link the portal app")
	}
	for p, data := range r.Files { // the site is written with the build's files
		files[p] = data
	}
	crawl(t, files, "/")
}

// TestSitemap checks that sitemap.xml lists every page by its absolute
// URL when the base URL is absolute, and that there is none otherwise.
func TestSitemap(t *testing.T) {
	if files := render(t, "testdata/ws", Options{BaseURL: "/docs/"}); files[SitemapFile] != nil {
		t.Errorf("a sitemap without an absolute base URL:\n%s", files[SitemapFile])
	}
	for _, dir := range []string{"testdata/ws", "../.."} {
		base := "https://docs.example.com/mods/"
		files := render(t, dir, Options{BaseURL: base})
		var doc struct {
			URLs []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(files[SitemapFile], &doc); err != nil {
			t.Fatalf("%s: sitemap.xml: %v", dir, err)
		}
		var got, want []string
		for _, u := range doc.URLs {
			got = append(got, u.Loc)
		}
		for p := range files {
			if strings.HasSuffix(p, "index.html") {
				want = append(want, base+strings.TrimSuffix(p, "index.html"))
			}
		}
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: sitemap lists\n%s\nwant every page:\n%s", dir, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestEditAndSourceLinks checks the links modc.json's "repository" gives:
// "Edit this page" on every page made from a file of content/, to that
// file, and source links on module pages, to the file and line.
func TestEditAndSourceLinks(t *testing.T) {
	r := check(t, "testdata/ws")
	files, msgs := Render(r, os.DirFS("testdata/ws"), Options{})
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	for p, data := range files {
		if strings.HasSuffix(p, ".html") && (strings.Contains(string(data), "Edit this page") || strings.Contains(string(data), "github.com")) {
			t.Errorf("%s: a link to a repository without one", p)
		}
	}
	const repo = "https://github.com/acme/shop"
	r.Model().Workspace.Config.Repository = &model.Repository{URL: repo, Branch: "main", Dir: "docs",
		EditURL: "{url}/edit/{branch}/{path}", SourceURL: "{url}/blob/{branch}/{path}#L{line}"}
	files, msgs = Render(r, os.DirFS("testdata/ws"), Options{})
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	edit := regexp.MustCompile(`<p class="edit-page"><a href="([^"]*)">Edit this page</a></p>`)
	for p, want := range map[string]string{
		"index.html":               repo + "/edit/main/docs/content/_index.md",
		"features/index.html":      repo + "/edit/main/docs/content/features.md",
		"guide/index.html":         repo + "/edit/main/docs/content/guide/_index.md",
		"guide/install/index.html": repo + "/edit/main/docs/content/guide/install.md",
		"packages/index.html":      "",
		"packages/shop/index.html": "",
		"404.html":                 "",
	} {
		var got []string
		for _, m := range edit.FindAllStringSubmatch(string(files[p]), -1) {
			got = append(got, m[1])
		}
		if want == "" && len(got) > 0 || want != "" && (len(got) != 1 || got[0] != want) {
			t.Errorf("%s: edit links %q, want %q", p, got, want)
		}
	}
	page := string(files["packages/shop/cart/index.html"])
	for _, want := range []string{
		`<a href="` + repo + `/blob/main/docs/modules/shop/cart/main.js"><code>modules/shop/cart/main.js</code></a>`,
		`<a href="` + repo + `/blob/main/docs/modules/shop/cart/main.js#L26"><code>main.js:26</code></a>`,
		`<a href="` + repo + `/blob/main/docs/modules/shop/cart/queries/api_getCart.json"><code>modules/shop/cart/queries/api_getCart.json</code></a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the module page lacks %s", want)
		}
	}
	if strings.Contains(page, "Edit this page") {
		t.Error("a module page has an edit link")
	}
	crawl(t, files, "/docs/")
}
