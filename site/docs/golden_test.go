package docs

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/internal/golden"
)

// checkGolden compares got with the file testdata/golden/name.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", "golden", filepath.FromSlash(name)), string(got))
}

// TestGoldenSite renders the small workspace in testdata/ws and compares
// every page and the search index with testdata/golden/site/. The theme's
// assets are compared with the theme itself.
func TestGoldenSite(t *testing.T) {
	files := render(t, "testdata/ws", Options{})
	var names []string
	for p := range files {
		names = append(names, p)
	}
	sort.Strings(names)
	want := []string{
		"404.html", "assets/favicon.svg", "assets/site.css", "assets/site.js", "assets/syntax.css",
		"features/index.html", "guide/index.html", "guide/install/index.html", "index.html", "logo.svg", "nav.js",
		"packages/index.html", "packages/shop/cart/index.html", "packages/shop/index.html",
		"packages/shop/prices/index.html",
		"schema/app.schema.json", "schema/defs.schema.json", "schema/examples.schema.json",
		"schema/modc-package.schema.json", "schema/modc.schema.json", "schema/module.schema.json",
		"schema/query.schema.json", "search-index.js", "search-index.json",
	}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Fatalf("files:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	for _, p := range names {
		if strings.HasPrefix(p, "assets/") || strings.HasPrefix(p, "schema/") {
			continue // the theme's and compiler/internal/schema's, compared with them
		}
		checkGolden(t, "site/"+p, files[p])
	}
	for name, data := range compiler.Schemas() {
		if !bytes.Equal(data, files["schema/"+name]) {
			t.Errorf("schema/%s is not compiler/internal/schema's", name)
		}
	}
	for _, a := range []string{"site.css", "site.js", "favicon.svg"} {
		src, err := os.ReadFile("../../templates/assets/" + a)
		if err != nil || !bytes.Equal(src, files["assets/"+a]) {
			t.Errorf("assets/%s is not the theme's (%v)", a, err)
		}
	}
}

// TestDeterministic renders the same workspaces twice: same bytes.
func TestDeterministic(t *testing.T) {
	for _, dir := range []string{"testdata/ws", "../.."} {
		r := check(t, dir)
		a, msgs := Render(r, os.DirFS(dir), Options{})
		if msgs.HasErrors() {
			t.Fatal(msgs)
		}
		b, _ := Render(r, os.DirFS(dir), Options{})
		if len(a) != len(b) {
			t.Fatalf("%s: %d files, then %d", dir, len(a), len(b))
		}
		for p := range a {
			if !bytes.Equal(a[p], b[p]) {
				t.Errorf("%s: %s differs between two renderings", dir, p)
			}
		}
	}
}

// wsFS returns testdata/ws as a map file system, with the given files
// replaced (an empty string deletes one).
func wsFS(t *testing.T, replace map[string]string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := "testdata/ws"
	err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for p, text := range replace {
		if text == "" {
			delete(m, p)
			continue
		}
		m[p] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

// TestBadInput renders testdata/ws with broken content or templates: each
// is a clear error at its position (goldens in testdata/golden/errors/),
// and the broken pages are left out.
func TestBadInput(t *testing.T) {
	r := check(t, "testdata/ws")
	// Every version of install.md keeps the headings other pages link to.
	headings := "\n## Requirements\n\n## Steps\n"
	install := "---\ntitle: Install\nweight: 1\n---\n" + headings + "\n"
	cases := []struct {
		name    string
		replace map[string]string
	}{
		{"broken-links", map[string]string{
			"content/guide/install.md": install + "See [the missing page](missing.md), [a page](/nowhere/),\n" +
				"[a module](/packages/shop/basket/), [a file](../logo.png) and [the draft](../draft.md).\n",
		}},
		{"missing-anchors", map[string]string{
			"content/guide/install.md": install + "See [here](#nope), [features](../features.md#tables),\n" +
				"[total](/packages/shop/cart/#totl) and [a query](/packages/shop/cart/#query-api_getCart).\n",
		}},
		{"front-matter-type", map[string]string{
			"content/guide/install.md": "---\ntitle: Install\nweight: heavy\n---\n\nText.\n" + headings,
		}},
		{"front-matter-unknown-field", map[string]string{
			"content/guide/install.md": "---\ntitel: Install\n---\n\nText.\n" + headings,
		}},
		{"front-matter-syntax", map[string]string{
			"content/guide/install.md": "---\ntitle: [Install\nweight: 1\n---\n\nText.\n" + headings,
		}},
		{"front-matter-unclosed", map[string]string{
			"content/guide/install.md": "---\ntitle: Install\n\nText.\n" + headings,
		}},
		{"template-syntax", map[string]string{
			"templates/page.html": "{{define \"main\"}}\n<article>\n  {{if .Content}}\n  {{.Content}}\n</article>\n{{end}}\n",
		}},
		{"template-missing-field", map[string]string{
			"templates/function.html": "<section id=\"{{.F.Name}}\">\n  <h3>{{.F.Name}}</h3>\n  <p>{{.F.Summry}}</p>\n</section>\n",
		}},
		{"template-unknown-section", map[string]string{
			"templates/function.html": "<section id=\"{{.Page.Anchor \"nope\"}}\">\n  <h3>{{.F.Name}}</h3>\n</section>\n",
		}},
		{"template-section-not-rendered", map[string]string{
			"templates/function.html": "<section id=\"{{.F.Name}}\">\n  <h3>{{.F.Name}}</h3>\n</section>\n",
		}},
		{"template-missing-page-field", map[string]string{
			"templates/page.html": "{{define \"main\"}}\n<h1>{{.Titel}}</h1>\n{{end}}\n",
		}},
		{"template-unknown-function", map[string]string{
			"templates/sidebar.html": "<nav>\n{{range .Site.Nav}}{{upper .Title}}{{end}}\n</nav>\n",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files, msgs := Render(r, wsFS(t, c.replace), Options{})
			if !msgs.HasErrors() {
				t.Fatalf("no error; messages: %s", msgs)
			}
			var b strings.Builder
			for _, m := range msgs {
				b.WriteString(diag.Format(m, diag.FormatOptions{CodeFrame: true}))
				b.WriteString("\n")
			}
			checkGolden(t, "errors/"+c.name+".txt", []byte(b.String()))
			for _, m := range msgs.Errors() {
				if m.Location.Line == 0 {
					t.Errorf("error without a line: %s", m)
				}
			}
			_ = files
		})
	}
}

// TestBadReadme checks links in a module's README and JSDoc: errors at
// their position in README.md and at the member in main.js.
func TestBadReadme(t *testing.T) {
	r := check(t, "testdata/ws")
	m := r.Workspace.Module("shop/cart")
	m.README = "# Cart\n\nSee [the guide](/guide/instal/) and [prices](../prices/README.md#nope).\n"
	_, msgs := Render(r, os.DirFS("testdata/ws"), Options{})
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString(diag.Format(m, diag.FormatOptions{CodeFrame: true}) + "\n")
	}
	checkGolden(t, "errors/readme-links.txt", []byte(b.String()))
}

// TestDraftsLeftOut checks that a draft page is not rendered, not in the
// sidebar and not in the search index.
func TestDraftsLeftOut(t *testing.T) {
	files := render(t, "testdata/ws", Options{})
	for p, data := range files {
		if strings.Contains(p, "draft") || (path.Ext(p) != ".css" && bytes.Contains(data, []byte("Not yet"))) {
			t.Errorf("the draft shows in %s", p)
		}
	}
}
