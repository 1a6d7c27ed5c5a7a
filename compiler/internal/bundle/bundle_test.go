package bundle

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/internal/treetest"
)

// load reads and analyses the workspace at dir, failing on any error.
func load(t testing.TB, dir string) (*workspace.Workspace, map[string]*jsmod.Main) {
	t.Helper()
	return loadAnalysed(t, dir, true)
}

// loadAll loads dir, analysing the JS modules that analyse (a module that
// does not is left out, as the compiler leaves it).
func loadAll(t testing.TB, dir string) (*workspace.Workspace, map[string]*jsmod.Main) {
	t.Helper()
	return loadAnalysed(t, dir, false)
}

// loadAnalysed loads dir and analyses its JS modules; strict fails the
// test on an analysis error.
func loadAnalysed(t testing.TB, dir string, strict bool) (*workspace.Workspace, map[string]*jsmod.Main) {
	t.Helper()
	ws, msgs := workspace.Load(os.DirFS(dir))
	if msgs.HasErrors() {
		t.Fatalf("loading %s:\n%s", dir, msgs)
	}
	mains := map[string]*jsmod.Main{}
	for _, p := range ws.Packages {
		for _, m := range p.Modules {
			if m.Kind != workspace.KindJS {
				continue
			}
			var names []string
			for _, q := range m.Queries {
				names = append(names, q.Name)
			}
			main, msgs := jsmod.Analyze(m.Main, jsmod.Env{Queries: names})
			if strict && (msgs.HasErrors() || main == nil) {
				t.Fatalf("analysing %s:\n%s", m.ID(), msgs)
			}
			if main != nil {
				mains[m.ID()] = main
			}
		}
	}
	return ws, mains
}

// build builds testdata/ws and fails on any message.
func build(t testing.TB, opts Options) map[string][]byte {
	t.Helper()
	ws, mains := load(t, "testdata/ws")
	files, msgs := Build(ws, mains, opts)
	if len(msgs) > 0 {
		t.Fatalf("build messages:\n%s", msgs)
	}
	return files
}

// writeFiles writes the outputs under dir.
func writeFiles(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	treetest.Write(t, dir, files)
}

func TestOutputs(t *testing.T) {
	files := build(t, Options{Version: "1.2.3", Minify: true})
	var names []string
	for _, n := range sortedKeys(files) {
		names = append(names, n)
	}
	want := []string{
		"dist/auth/1.2.3/auth.d.ts", "dist/auth/1.2.3/auth.js", "dist/auth/1.2.3/auth.js.map",
		"dist/auth/1.2.3/auth.mjs", "dist/auth/1.2.3/auth.mjs.map", "dist/auth/1.2.3/meta.json",
		"dist/util/1.2.3/meta.json", "dist/util/1.2.3/util.d.ts", "dist/util/1.2.3/util.js",
		"dist/util/1.2.3/util.js.map", "dist/util/1.2.3/util.mjs", "dist/util/1.2.3/util.mjs.map",
	}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Fatalf("outputs:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	mjs := string(files["dist/auth/1.2.3/auth.mjs"])
	if !strings.HasSuffix(mjs, "//# sourceMappingURL=auth.mjs.map\n") {
		t.Errorf("auth.mjs does not link its source map:\n%s", mjs[max(0, len(mjs)-200):])
	}
	if !strings.HasPrefix(mjs, "/* auth 1.2.3, built by modc */") {
		t.Errorf("auth.mjs has no banner: %.80s", mjs)
	}
	for _, n := range names {
		t.Logf("%-32s %6d bytes", n, len(files[n]))
	}
}

func TestDeterministic(t *testing.T) {
	for _, minify := range []bool{true, false} {
		a := build(t, Options{Version: "1.0.0", Minify: minify})
		b := build(t, Options{Version: "1.0.0", Minify: minify})
		if len(a) != len(b) {
			t.Fatalf("minify=%v: %d files, then %d", minify, len(a), len(b))
		}
		for name, data := range a {
			if !bytes.Equal(data, b[name]) {
				t.Errorf("minify=%v: %s differs between two builds", minify, name)
			}
		}
	}
}

var evalRE = regexp.MustCompile(`\beval\s*\(|\bFunction\s*\(`)

func TestNoEval(t *testing.T) {
	for _, minify := range []bool{true, false} {
		for name, data := range build(t, Options{Minify: minify}) {
			if !strings.HasSuffix(name, ".js") && !strings.HasSuffix(name, ".mjs") {
				continue
			}
			if loc := evalRE.FindIndex(data); loc != nil {
				t.Errorf("%s uses eval or the Function constructor: %q", name, data[loc[0]:loc[1]])
			}
		}
	}
}

func TestMeta(t *testing.T) {
	files := build(t, Options{Version: "2.0.0", TreeHashes: map[string]string{"auth": "abc123"}})
	var m Meta
	if err := json.Unmarshal(files["dist/auth/2.0.0/meta.json"], &m); err != nil {
		t.Fatal(err)
	}
	if m.Package != "auth" || m.Version != "2.0.0" || m.Description != "Access tokens and users" || m.Global != "modc" || m.TreeHash != "abc123" {
		t.Errorf("meta header: %+v", m)
	}
	if len(m.SourceHash) != 64 {
		t.Errorf("sourceHash %q", m.SourceHash)
	}
	if len(m.Files) != 5 {
		t.Errorf("files: %v", m.Files)
	}
	for name, sum := range m.Files {
		if len(sum) != 64 {
			t.Errorf("hash of %s: %q", name, sum)
		}
	}
	t.Logf("%s", files["dist/auth/2.0.0/meta.json"])
}

// TestErrors builds a workspace with a query whose binding is not valid JS
// and a module without analysis: both are errors with locations, package b
// produces no files, and package ok is still built.
func TestErrors(t *testing.T) {
	ws, msgs := workspace.Load(os.DirFS("testdata/broken"))
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	mains := map[string]*jsmod.Main{}
	for _, id := range []string{"b/m", "ok/fine"} {
		m := ws.Module(id)
		main, msgs := jsmod.Analyze(m.Main, jsmod.Env{Queries: []string{"q"}})
		if main == nil {
			t.Fatal(msgs)
		}
		mains[id] = main
	}
	files, msgs := Build(ws, mains, Options{Version: "1.0.0", Packages: []string{"b", "ok", "missing"}})
	t.Logf("\n%s", msgs)
	want := []string{
		"modules/b/m/queries/q.json:2:14: error: in the request of query q: ",
		"modules/b/n/main.js: error: module b/n was not analysed, so it cannot be bundled",
		"modules/missing: error: no package \"missing\" in the workspace",
	}
	if len(msgs) != len(want) {
		t.Fatalf("%d messages, want %d", len(msgs), len(want))
	}
	for i, m := range msgs {
		if !strings.HasPrefix(m.Error(), want[i]) {
			t.Errorf("message %d = %q, want prefix %q", i, m.Error(), want[i])
		}
	}
	for name := range files {
		if !strings.HasPrefix(name, "dist/ok/1.0.0/") {
			t.Errorf("unexpected output %s", name)
		}
	}
	if files["dist/ok/1.0.0/ok.mjs"] == nil {
		t.Error("package ok was not built")
	}
}

// TestLint: Lint says what Build says of each module, at the same places,
// with the same notes (a compiled request's lines counted from its own
// first line), for the modules of a package linted as one file (the
// second's lines counted from its own main.js), for requests, and when one
// module has an error esbuild stops at (legacy octal, which goja accepts);
// and Build's messages say which module's code they are about.
func TestLint(t *testing.T) {
	ws, mains := load(t, "testdata/lint")
	var mods []*workspace.Module
	for _, p := range ws.Packages {
		mods = append(mods, p.Modules...)
	}
	lint := Lint(mods, mains)
	var got diag.List
	for i, msgs := range lint {
		for _, m := range msgs {
			if m.Location.File != mods[i].Dir && !strings.HasPrefix(m.Location.File, mods[i].Dir+"/") {
				t.Errorf("%s has a message about %s", mods[i].ID(), m.Location.File)
			}
		}
		got.Add(msgs...)
	}
	got.Sort()
	want := `modules/shop/cart/main.js:9:34: warning: Comparison with -0 using the "===" operator will also match 0 [js-esbuild]
  hint: Floating-point equality is defined such that 0 and -0 are equal, so "x === -0" returns true for both 0 and -0. You need to use "Object.is(x, -0)" instead to test for -0.
modules/shop/cart/queries/get_cart.json:2:14: warning: in the request of query get_cart: The "typeof" operator will never evaluate to "strin" [js-esbuild]
  hint: generated code, line 4: url: "https://shop.example/api/cart?user=" + encodeURIComponent(__modc_str((typeof appsmith.user.email == 'strin' ? '' : appsmith.user.email))),
modules/shop/labels/main.js:10:12: warning: This case clause will never be evaluated because it duplicates an earlier case clause [js-esbuild]
  note: modules/shop/labels/main.js:6:12: The earlier case clause is here
modules/shop/perms/main.js:4:12: error: Legacy octal literals cannot be used in an ECMAScript module [js-esbuild]
modules/shop/perms/main.js:6:35: warning: The "typeof" operator will never evaluate to "text" [js-esbuild]
modules/shop/search/module.json:5:14: warning: in the request of query module shop/search: Comparison with NaN using the "===" operator here is always false [js-esbuild]
  hint: generated code, line 6: body: {"q": (inputs.q), "exact": (inputs.q === NaN)}
  hint: Floating-point equality is defined such that NaN is never equal to anything, so "x === NaN" always returns false. You need to use "Number.isNaN(x)" instead to test for NaN.
`
	if got.String() != want {
		t.Errorf("Lint says\n%s\nwant\n%s", got, want)
	}
	// Build says the same, and which module each message is about.
	_, built := Build(ws, mains, Options{Version: "1.0.0"})
	built.Sort()
	if built.String() != got.String() {
		t.Errorf("Build says\n%s\nLint says\n%s", built, got)
	}
	for _, m := range built {
		if m.Module == "" || m.Package != "shop" || !strings.HasPrefix(m.Location.File, "modules/"+m.Module+"/") {
			t.Errorf("%s: the message is about package %q, module %q", m.Location, m.Package, m.Module)
		}
	}
}

// TestNpmBuild: each output has an npm ES module that imports the runtime
// from RuntimeImport, beside the bundle that carries it; CacheFiles and
// ReadOutput keep both.
func TestNpmBuild(t *testing.T) {
	ws, mains := load(t, "testdata/ws")
	outs, msgs := Outputs(ws, mains, Options{Version: "1.0.0", Minify: true, RuntimeImport: "@acme/modc-runtime"})
	if len(msgs) > 0 {
		t.Fatal(msgs)
	}
	for _, o := range outs {
		name := o.Meta.Package + ".mjs"
		npm, full := string(o.Npm[name]), string(o.Files[name])
		if !strings.Contains(npm, RuntimeImport("@acme/modc-runtime")) || strings.Contains(npm, "refused URL scheme") {
			t.Errorf("%s: the npm ES module does not import the runtime:\n%.300s", o.Dir, npm)
		}
		if strings.Contains(full, "modc-runtime") || !strings.Contains(full, "refused URL scheme") {
			t.Errorf("%s: the bundle does not carry the runtime", o.Dir)
		}
		if len(o.Npm[name+".map"]) == 0 {
			t.Errorf("%s: no source map of the npm ES module", o.Dir)
		}
		back, err := ReadOutput(o.Dir, CacheFiles([]*Output{o}))
		if err != nil {
			t.Fatal(err)
		}
		if string(back.Npm[name]) != npm || string(back.Files[name]) != full || len(back.Files) != len(o.Files) {
			t.Errorf("%s: ReadOutput(CacheFiles) differs", o.Dir)
		}
	}
}
