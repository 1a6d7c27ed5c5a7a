package site

import (
	"bytes"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler"
)

// TestDevserverServesTheBuildsBytes: the devserver, with the compiler's
// default options (those of `modc devserver` and `modc build`), serves every bundle, npm file and embed.json
// with the very bytes `modc build` writes (minified alike), so that an
// integrity hash copied from the local docs holds in production; and
// again after an edit.
func TestDevserverServesTheBuildsBytes(t *testing.T) {
	dir := copyExample(t)
	d := serveWith(t, compiler.Options{Root: dir, CacheDir: "-"}, nil)
	if rb := d.rebuild(); rb.Messages.HasErrors() {
		t.Fatalf("first build: %s", rb.Messages)
	}
	compare := func(when string) {
		t.Helper()
		if r := Build(compiler.Options{Root: dir, CacheDir: "-"}); r.Failed() {
			t.Fatalf("%s: modc build: %s", when, r.Messages)
		}
		out := filepath.Join(dir, "out")
		n := 0
		err := filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(out, p)
			rel = filepath.ToSlash(rel)
			if !strings.HasPrefix(rel, "dist/") && !strings.HasPrefix(rel, "npm/") {
				return nil
			}
			want, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			status, got := d.get("/" + rel)
			if status != http.StatusOK || !bytes.Equal(got, want) {
				t.Errorf("%s: %s: the devserver serves %d bytes (status %d), modc build wrote %d", when, rel, len(got), status, len(want))
			}
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n < 30 {
			t.Fatalf("%s: only %d bundle files compared", when, n)
		}
		min := readFile(t, dir, "out/npm/format/current/format.mjs")
		if strings.Contains(min, "\n    ") {
			t.Errorf("%s: the bundle is not minified:\n%.400s", when, min)
		}
	}
	compare("first build")

	main := readFile(t, dir, "modules/format/dates/main.js")
	writeFile(t, dir, "modules/format/dates/main.js", replace(t, main, "export default {", "export default {\n  /** Added while serving. */\n  addedWhileServing() { return 1; },"))
	for {
		rb := d.rebuild()
		if rb.Messages.HasErrors() {
			t.Fatalf("edit: %s", rb.Messages)
		}
		if len(rb.Files) > 0 {
			break
		}
	}
	compare("after an edit")
}

// TestDevserverWrite: with Write, the devserver also writes the output
// directory after every good build, npm/<package>/current/ among it, with
// the bytes it serves; a broken build leaves it as it was.
func TestDevserverWrite(t *testing.T) {
	dir := copyExample(t)
	d := serveWith(t, compiler.Options{Root: dir, CacheDir: "-"}, nil, func(o *ServeOptions) { o.Write = true })
	if rb := d.rebuild(); rb.Messages.HasErrors() {
		t.Fatalf("first build: %s", rb.Messages)
	}
	const current = "npm/format/current/format.mjs"
	same := func(when string) string {
		t.Helper()
		disk := readFile(t, dir, "out/"+current)
		if status, served := d.get("/" + current); status != http.StatusOK || string(served) != disk {
			t.Fatalf("%s: out/%s (%d bytes) is not what the devserver serves (%d bytes, status %d)", when, current, len(disk), len(served), status)
		}
		return disk
	}
	same("first build")
	if _, err := os.Stat(filepath.Join(dir, "out", "index.html")); err != nil {
		t.Errorf("the docs were not written: %v", err)
	}

	main := readFile(t, dir, "modules/format/dates/main.js")
	writeFile(t, dir, "modules/format/dates/main.js", replace(t, main, "export default {", "export default {\n  addedWhileServing() { return 1; },"))
	for rb := d.rebuild(); len(rb.Files) == 0; rb = d.rebuild() {
	}
	edited := same("after an edit")
	if !strings.Contains(edited, "addedWhileServing") {
		t.Fatalf("out/%s does not have the edit", current)
	}

	writeFile(t, dir, "modules/format/dates/main.js", replace(t, main, "export default {", "export default {\n  broken: notDefinedAnywhere,"))
	for rb := d.rebuild(); !rb.Messages.HasErrors(); rb = d.rebuild() {
	}
	if got := readFile(t, dir, "out/"+current); got != edited {
		t.Error("a failed build changed the output")
	}
}
