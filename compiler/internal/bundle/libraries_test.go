package bundle

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/modc-dev/modc/compiler/internal/jslib"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/internal/nodetest"

	"github.com/go-sourcemap/sourcemap"
)

// TestLibrariesOnlyWhereRead: a package bundles the libraries its code
// reads and no other; a workspace library declared but unread leaves the
// bundles byte for byte as they are without it (issue 14).
func TestLibrariesOnlyWhereRead(t *testing.T) {
	with, without := buildLibraries(t, true)
	for _, name := range []string{"dist/plain/1.0.0/plain.mjs", "dist/plain/1.0.0/plain.js", "dist/plain/1.0.0/plain.mjs.map"} {
		if len(with[name]) == 0 || !bytes.Equal(with[name], without[name]) {
			t.Errorf("%s changes with an unread workspace library", name)
		}
	}
	plain, uses := string(with["dist/plain/1.0.0/plain.mjs"]), string(with["dist/uses/1.0.0/uses.mjs"])
	for _, marker := range []string{"lodash", "2.29.4", "!tiny!", "ignoreNameSpace", "ByteStringBuffer"} {
		if strings.Contains(plain, marker) {
			t.Errorf("the plain package holds %s", marker)
		}
	}
	// lodash and moment (read by a query binding) and the workspace library;
	// not fast-xml-parser or forge. Of lodash, only the functions named by
	// main.js (sumBy) and the query binding (get).
	for marker, want := range map[string]bool{"lodash": true, "2.29.4": true, "!tiny!": true, "ignoreNameSpace": false, "ByteStringBuffer": false,
		"only get, sumBy (from lodash-es)": true, "templateSettings": false} {
		if strings.Contains(uses, marker) != want {
			t.Errorf("the uses package holds %s: %v, want %v", marker, !want, want)
		}
	}
	// _.chain needs the whole lodash.
	chained := string(with["dist/chained/1.0.0/chained.mjs"])
	if !strings.Contains(chained, "templateSettings") || strings.Contains(chained, "(from lodash-es)") {
		t.Error("the chained package does not hold the whole lodash")
	}
}

// TestLibrariesRunAndMap runs a package that uses libraries (placed in
// front of the bundle's code, unparsed by esbuild) in node, ES module and
// IIFE, and reads its source maps with an independent consumer: main.js
// code after the libraries still maps to its own line and column.
func TestLibrariesRunAndMap(t *testing.T) {
	nodetest.Path(t)
	for _, minify := range []bool{true, false} {
		files, _ := buildLibraries(t, minify)
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "chained.mjs"), files["dist/chained/1.0.0/chained.mjs"], 0o644); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"uses.mjs", "uses.js"} {
			code := string(files["dist/uses/1.0.0/"+f])
			if err := os.WriteFile(filepath.Join(dir, f), []byte(code), 0o644); err != nil {
				t.Fatal(err)
			}
			sm, err := sourcemap.Parse("http://127.0.0.1/dist/uses/1.0.0/"+f+".map", files["dist/uses/1.0.0/"+f+".map"])
			if err != nil {
				t.Fatal(err)
			}
			line, col := genPos(t, code, `"#sum#"`)
			src, _, oline, ocol, ok := sm.Source(line, col)
			if !ok || src != "http://127.0.0.1/modules/uses/m/main.js" || oline != 2 || ocol != 36 {
				t.Errorf("minify=%v %s: \"#sum#\" maps to %s:%d:%d (%v), want .../modules/uses/m/main.js:2:36", minify, f, src, oline, ocol, ok)
			}
		}
		test := `import assert from "node:assert/strict";
import pkg from "./uses.mjs";
const check = (p) => {
  const m = p.createInstance("m");
  assert.equal(m.f([{ n: 1 }, { n: 2 }]), "3#sum#");
  assert.equal(m.d("a"), "A!tiny!");
};
check(pkg);
const chained = (await import("./chained.mjs")).default.createInstance("m");
assert.equal(chained.f([{ n: 1 }, { n: 2 }]), 3);
assert.equal(chained.g([1, 2]), 2);
globalThis.eval(await (await import("node:fs/promises")).readFile(new URL("./uses.js", import.meta.url), "utf8"));
check(globalThis.modc.packages.uses);
assert.equal(typeof globalThis.__modc_lib_lib_2flodash, "undefined", "the IIFE leaks its libraries");
`
		if err := os.WriteFile(filepath.Join(dir, "run.mjs"), []byte(test), 0o644); err != nil {
			t.Fatal(err)
		}
		nodetest.Run(t, dir, nil, "run.mjs")
	}
}

// buildLibraries builds a package that uses no library and one that uses
// lodash, moment and a workspace library, with and without that library
// declared.
func buildLibraries(t *testing.T, minify bool) (with, without map[string][]byte) {
	t.Helper()
	fsys := fstest.MapFS{
		"modules/plain/modc-package.json":   {Data: []byte(`{}`)},
		"modules/plain/m/module.json":       {Data: []byte(`{"kind": "js"}`)},
		"modules/plain/m/main.js":           {Data: []byte("export default {\n  n: 1,\n  f(x) { return x + this.n; },\n};\n")},
		"modules/uses/modc-package.json":    {Data: []byte(`{}`)},
		"modules/uses/m/module.json":        {Data: []byte(`{"kind": "js"}`)},
		"modules/uses/m/main.js":            {Data: []byte("export default {\n  f: (rows) => _.sumBy(rows, \"n\") + \"#sum#\",\n  d: (s) => tiny.up(s),\n};\n")},
		"modules/uses/m/queries/q.json":     {Data: []byte(`{"request": {"method": "GET", "url": "https://x.example/{{moment.utc(0).format('YYYY')}}/{{_.get(inputs, 'x.y')}}"}, "mock": {"data": 1}}`)},
		"modules/chained/modc-package.json": {Data: []byte(`{}`)},
		"modules/chained/m/module.json":     {Data: []byte(`{"kind": "js"}`)},
		"modules/chained/m/main.js":         {Data: []byte("export default {\n  f: (rows) => _.chain(rows).map(\"n\").sum().value(),\n  g: (rows) => _.size(rows),\n};\n")},
		"modules/uses/m/queries/none.json":  {Data: []byte(`{"request": {"method": "GET", "url": "https://x.example/a"}, "mock": {"data": 1}}`)},
	}
	ws, msgs := workspace.Load(fsys)
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	env := jsmod.Env{Libraries: []string{"tiny"}}
	mains := map[string]*jsmod.Main{}
	for _, p := range ws.Packages {
		for _, m := range p.Modules {
			e := env
			for _, q := range m.Queries {
				e.Queries = append(e.Queries, q.Name)
			}
			main, msgs := jsmod.Analyze(m.Main, e)
			if msgs.HasErrors() {
				t.Fatal(msgs)
			}
			mains[m.ID()] = main
		}
	}
	tiny := jslib.New("tiny", "tiny", "1.0.0", "exports.up = function (s) { return String(s).toUpperCase() + '!tiny!'; };\n")
	with, msgs = Build(ws, mains, Options{Version: "1.0.0", Global: "modc", Minify: minify, Libraries: []*jslib.Library{tiny}})
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	without, msgs = Build(ws, mains, Options{Version: "1.0.0", Global: "modc", Minify: minify})
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	return with, without
}

// TestExcerpt: a note quotes at most 160 bytes of a generated line, around
// the column, whole characters only.
func TestExcerpt(t *testing.T) {
	long := strings.Repeat("é", 300) + "HERE" + strings.Repeat("x", 300)
	got := excerpt(long, len(strings.Repeat("é", 300)))
	if !strings.Contains(got, "HERE") || len(got) > 160+2*len("…") || !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") {
		t.Errorf("excerpt = %q", got)
	}
	if !utf8.ValidString(got) {
		t.Errorf("excerpt cut a character: %q", got)
	}
	if got := excerpt("   short line  ", 5); got != "short line" {
		t.Errorf("excerpt = %q", got)
	}
}

// TestWrapIIFELegalComments: the licence comments esbuild moves after the
// export (a bundled library's) do not keep the ES module from being
// wrapped in place, and stay in the script.
func TestWrapIIFELegalComments(t *testing.T) {
	esm := "/* b */\nvar a = 1;\nexport { a as default };\n/*! lib 1.0 | MIT */\n/**\n * @license other\n */\n//# sourceMappingURL=x.mjs.map\n"
	out, ok := wrapIIFE([]byte(esm), "x.js.map", "modc", "x")
	if !ok {
		t.Fatal("not wrapped")
	}
	for _, want := range []string{`["x"] = a;`, "/*! lib 1.0 | MIT */", "@license other", "//# sourceMappingURL=x.js.map"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the script lacks %q:\n%s", want, out)
		}
	}
}
