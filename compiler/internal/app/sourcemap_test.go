package app

import (
	"os"
	"strings"
	"testing"

	"github.com/go-sourcemap/sourcemap"
)

// TestSourceMap reads app.js.map with an independent consumer: code of a
// binding maps back to where it is written in app.json, the widget
// runtime to its own files.
func TestSourceMap(t *testing.T) {
	ws, mains := analyze(t, os.DirFS("testdata/ws"))
	files := map[string][]byte{"dist/shop/0.0.0-dev/shop.mjs": []byte("export {}")}
	appJSON, err := os.ReadFile("testdata/ws/apps/shop/app.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, minify := range []bool{false, true} {
		out, msgs := Build(ws, mains, files, Options{Minify: minify})
		if len(msgs) > 0 {
			t.Fatalf("messages:\n%s", msgs)
		}
		js := string(out.Files["apps/shop/app.js"])
		sm, err := sourcemap.Parse("http://h/apps/shop/app.js.map", out.Files["apps/shop/app.js.map"])
		if err != nil {
			t.Fatal(err)
		}
		// Binding code keeps its text; look up where each piece is.
		// Identifiers may be renamed; members are not.
		for _, code := range []string{"label(", "setSelectedOption(", "setValue("} {
			i := strings.Index(js, "."+code) + 1
			if i <= 0 {
				t.Fatalf("minify=%v: %q not in app.js", minify, code)
			}
			line := strings.Count(js[:i], "\n") + 1
			col := i - strings.LastIndex(js[:i], "\n") - 1
			file, _, srcLine, srcCol, ok := sm.Source(line, col)
			if !ok {
				t.Errorf("minify=%v: no mapping for %q at %d:%d", minify, code, line, col)
				continue
			}
			lines := strings.Split(string(appJSON), "\n")
			at := ""
			if srcLine >= 1 && srcLine <= len(lines) && srcCol <= len(lines[srcLine-1]) {
				at = lines[srcLine-1][srcCol:]
			}
			if file != "http://h/apps/shop/app.json" || !strings.HasPrefix(at, code) {
				t.Errorf("minify=%v: %q maps to %s:%d:%d, which holds %q", minify, code, file, srcLine, srcCol, at)
			}
		}
		i := strings.Index(js, "modc: bindings keep changing each other")
		line := strings.Count(js[:i], "\n") + 1
		col := i - strings.LastIndex(js[:i], "\n") - 1
		if file, _, _, _, ok := sm.Source(line, col); !ok || file != "http://h/apps/shop/widgets/mount.js" {
			t.Errorf("minify=%v: the runtime maps to %q", minify, file)
		}
	}
}
