package devserver

import (
	"context"
	"fmt"
	"html"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
)

// pageBuilder is the tests' small incremental builder: for every
// modules/<pkg>/<mod>/main.js it renders <pkg>/<mod>/index.html showing the
// source, after a real syntax check by esbuild (so a syntax error is a
// message at its position); templates/style.css becomes /style.css, and
// index.html links every module. A change re-renders only the modules it
// touched; unchanged pages keep their byte slices.
type pageBuilder struct {
	root string

	mu     sync.Mutex
	pages  map[string][]byte    // by "pkg/mod"
	msgs   map[string]diag.List // by "pkg/mod"
	css    []byte
	index  []byte
	builds int
}

func newPageBuilder(root string) *pageBuilder {
	return &pageBuilder{root: root, pages: map[string][]byte{}, msgs: map[string]diag.List{}}
}

func (b *pageBuilder) Build(ctx context.Context, changed []string) (*Output, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.builds++
	mods := map[string]bool{}
	css := changed == nil
	if changed == nil {
		clear(b.pages)
		clear(b.msgs)
		matches, err := filepath.Glob(filepath.Join(b.root, "modules", "*", "*", "main.js"))
		if err != nil {
			return nil, err
		}
		for _, m := range matches {
			rel, _ := filepath.Rel(filepath.Join(b.root, "modules"), filepath.Dir(m))
			mods[filepath.ToSlash(rel)] = true
		}
	}
	for _, p := range changed {
		parts := strings.Split(p, "/")
		switch {
		case len(parts) >= 3 && parts[0] == "modules":
			mods[parts[1]+"/"+parts[2]] = true
		case p == "templates/style.css":
			css = true
		}
	}
	for mod := range mods {
		b.render(mod)
	}
	if css {
		data, err := os.ReadFile(filepath.Join(b.root, "templates", "style.css"))
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		b.css = data
	}
	if len(mods) > 0 || b.index == nil {
		b.index = b.renderIndex()
	}

	out := &Output{Files: make(map[string][]byte, len(b.pages)+2)}
	for mod, page := range b.pages {
		out.Files[mod+"/index.html"] = page
	}
	out.Files["index.html"] = b.index
	if b.css != nil {
		out.Files["style.css"] = b.css
	}
	for _, mod := range slices.Sorted(maps.Keys(b.msgs)) {
		out.Messages.Add(b.msgs[mod]...)
	}
	return out, nil
}

// render checks and renders one module, or forgets it when it is gone.
func (b *pageBuilder) render(mod string) {
	rel := "modules/" + mod + "/main.js"
	src, err := os.ReadFile(filepath.Join(b.root, filepath.FromSlash(rel)))
	delete(b.msgs, mod)
	if err != nil {
		delete(b.pages, mod)
		return
	}
	res := api.Transform(string(src), api.TransformOptions{Loader: api.LoaderJS, Sourcefile: rel, Format: api.FormatESModule})
	if len(res.Errors) > 0 {
		var msgs diag.List
		for _, e := range res.Errors {
			loc := diag.Location{File: rel}
			if l := e.Location; l != nil {
				loc = diag.Location{File: rel, Line: l.Line, Column: l.Column + 1, Length: l.Length, LineText: l.LineText}
			}
			msgs.Add(diag.Errorf("js-syntax", loc, "%s", e.Text))
		}
		b.msgs[mod] = msgs
		return // the page keeps its last good version
	}
	b.pages[mod] = fmt.Appendf(nil, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>%[1]s</title><link rel="stylesheet" href="/style.css"></head>
<body><h1>%[1]s</h1><pre id="src">%[2]s</pre></body></html>
`, html.EscapeString(mod), html.EscapeString(string(src)))
}

func (b *pageBuilder) renderIndex() []byte {
	var list strings.Builder
	for _, mod := range slices.Sorted(maps.Keys(b.pages)) {
		fmt.Fprintf(&list, "<li><a href=\"/%[1]s/\">%[1]s</a></li>\n", html.EscapeString(mod))
	}
	return fmt.Appendf(nil, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Modules</title><link rel="stylesheet" href="/style.css"></head>
<body><ul>
%s</ul></body></html>
`, list.String())
}

// compilerBuilder builds with the real engine (compiler.Build) and adds a
// page that loads each package's browser bundle and shows what the shop's
// cart module computes.
type compilerBuilder struct{ root string }

func (b compilerBuilder) Build(ctx context.Context, changed []string) (*Output, error) {
	r := compiler.Build(compiler.Options{Root: b.root, NoReleases: true, CacheDir: "-"})
	if r.Failed() {
		return &Output{Messages: r.Messages}, nil
	}
	files := maps.Clone(r.Files)
	var scripts strings.Builder
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if path.Ext(name) == ".js" && strings.HasPrefix(name, "dist/") {
			fmt.Fprintf(&scripts, "<script src=\"/%s\"></script>\n", name)
		}
	}
	files["index.html"] = fmt.Appendf(nil, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>shop</title></head><body>
<p>Total: <output id="total"></output></p>
<p>Note: <output id="note"></output></p>
%s<script>
const cart = modc.packages.shop.createInstance("cart");
cart.add("tea", 3.5);
document.getElementById("total").textContent = cart.total();
document.getElementById("note").textContent = typeof cart.note === "function" ? cart.note() : "";
</script></body></html>
`, scripts.String())
	return &Output{Files: files, Messages: r.Messages}, nil
}

// copyWorkspace copies testdata/<name> to a temporary directory.
func copyWorkspace(t testing.TB, name string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", name))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// writeFile replaces a workspace file (slash path) the way editors do: a
// temporary file renamed over it.
func writeFile(t testing.TB, dir, rel, text string) {
	t.Helper()
	name := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := name + ".tmp-save"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}

func TestPageBuilder(t *testing.T) {
	dir := copyWorkspace(t, "pages")
	b := newPageBuilder(dir)
	out, err := b.Build(context.Background(), nil)
	if err != nil || out.Messages.HasErrors() {
		t.Fatal(err, out.Messages)
	}
	want := []string{"auth/login/index.html", "auth/tokens/index.html", "index.html", "style.css"}
	if got := slices.Sorted(maps.Keys(out.Files)); !slices.Equal(got, want) {
		t.Fatalf("files %v, want %v", got, want)
	}
	writeFile(t, dir, "modules/auth/login/main.js", "export default {\n  greet( {\n};\n")
	out2, err := b.Build(context.Background(), []string{"modules/auth/login/main.js"})
	if err != nil {
		t.Fatal(err)
	}
	if len(out2.Messages) != 1 || out2.Messages[0].Location.String() != "modules/auth/login/main.js:3:2" {
		t.Errorf("messages: %v", out2.Messages)
	}
	if !same(out.Files["auth/tokens/index.html"], out2.Files["auth/tokens/index.html"]) {
		t.Error("an untouched page was rendered again")
	}
}
