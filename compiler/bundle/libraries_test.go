package bundle

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/modc-dev/modc/compiler/jslib"
	"github.com/modc-dev/modc/compiler/jsmod"
	"github.com/modc-dev/modc/compiler/workspace"
)

// TestLibrariesOnlyWhereRead: a package bundles the libraries its code
// reads and no other; a workspace library declared but unread leaves the
// bundles byte for byte as they are without it (issue 14).
func TestLibrariesOnlyWhereRead(t *testing.T) {
	fsys := fstest.MapFS{
		"modules/plain/modc-package.json":  {Data: []byte(`{}`)},
		"modules/plain/m/module.json":      {Data: []byte(`{"kind": "js"}`)},
		"modules/plain/m/main.js":          {Data: []byte("export default {\n  n: 1,\n  f(x) { return x + this.n; },\n};\n")},
		"modules/uses/modc-package.json":   {Data: []byte(`{}`)},
		"modules/uses/m/module.json":       {Data: []byte(`{"kind": "js"}`)},
		"modules/uses/m/main.js":           {Data: []byte("export default {\n  f: (rows) => _.sumBy(rows, \"n\"),\n  d: (s) => tiny.up(s),\n};\n")},
		"modules/uses/m/queries/q.json":    {Data: []byte(`{"request": {"method": "GET", "url": "https://x.example/{{moment.utc(0).format('YYYY')}}"}, "mock": {"data": 1}}`)},
		"modules/uses/m/queries/none.json": {Data: []byte(`{"request": {"method": "GET", "url": "https://x.example/a"}, "mock": {"data": 1}}`)},
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
	with, msgs := Build(ws, mains, Options{Version: "1.0.0", Libraries: []*jslib.Library{tiny}})
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	without, msgs := Build(ws, mains, Options{Version: "1.0.0"})
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
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
	// not fast-xml-parser or forge.
	for marker, want := range map[string]bool{"lodash": true, "2.29.4": true, "!tiny!": true, "ignoreNameSpace": false, "ByteStringBuffer": false} {
		if strings.Contains(uses, marker) != want {
			t.Errorf("the uses package holds %s: %v, want %v", marker, !want, want)
		}
	}
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
