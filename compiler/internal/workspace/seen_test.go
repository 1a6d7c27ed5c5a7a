package workspace

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// TestSnapshot loads a workspace from the disk and checks that its
// Snapshot answers as the disk does: every directory the load listed
// (packages, modules, queries) with the names and types os.ReadDir gives,
// every file it read with its bytes (a byte order mark included) and the
// size, permissions and time os.Lstat gives; and nothing for what the load
// did not read.
func TestSnapshot(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"modc.json":                       "{}",
		"modules/p/modc-package.json":     "{}",
		"modules/p/m/module.json":         `{"kind": "js"}`,
		"modules/p/m/main.js":             "\uFEFFexport default { f() { return 1; } };\n",
		"modules/p/m/README.md":           "# M\n",
		"modules/p/m/queries/api_a.json":  `{"request": {"url": "https://x"}}`,
		"modules/p/m/notes/not-read.txt":  "not read by the loader\n",
		"modules/p/m/queries/notes.txt":   "listed, not read\n",
		"modules/q/n/module.json":         `{"kind": "js"}`,
		"modules/q/n/main.js":             "export default {};\n",
		"content/not-read-by-the-load.md": "# page\n",
	} {
		write(t, filepath.Join(dir, filepath.FromSlash(name)), text)
	}
	if err := os.Chmod(filepath.Join(dir, "modules", "p", "m", "main.js"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("README.md", filepath.Join(dir, "modules", "p", "m", "ALIAS.md")); err != nil {
		t.Fatal(err)
	}
	fsys := DirFS(dir)
	defer fsys.Close()
	ws, _ := Load(fsys)
	snap := ws.Snapshot()

	for _, d := range []string{"modules", "modules/p", "modules/p/m", "modules/p/m/queries", "modules/q", "modules/q/n"} {
		got, ok := snap.ReadDir(d)
		if !ok {
			t.Errorf("%s: not listed", d)
			continue
		}
		want, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(d)))
		if err != nil {
			t.Fatal(err)
		}
		name := func(e fs.DirEntry) string { return e.Name() + " " + e.Type().String() }
		var gotNames, wantNames []string
		for _, e := range got {
			gotNames = append(gotNames, name(e))
			if info, err := e.Info(); err != nil || info.Name() != e.Name() {
				t.Errorf("%s/%s: Info %v, %v", d, e.Name(), info, err)
			}
		}
		for _, e := range want {
			wantNames = append(wantNames, name(e))
		}
		if !slices.Equal(gotNames, wantNames) {
			t.Errorf("%s: listed %q, os.ReadDir says %q", d, gotNames, wantNames)
		}
	}
	for _, d := range []string{"modules/p/m/notes", "content", "modules/x"} {
		if _, ok := snap.ReadDir(d); ok {
			t.Errorf("%s: listed, but the load did not list it", d)
		}
	}

	files := []string{"modules/p/modc-package.json", "modules/p/m/module.json", "modules/p/m/main.js", "modules/p/m/README.md", "modules/p/m/queries/api_a.json", "modules/q/n/main.js"}
	for _, p := range files {
		data, fi, ok := snap.File(p)
		if runtime.GOOS != "linux" {
			// Only Linux's openat2 reads describe the file at no cost.
			if ok {
				t.Errorf("%s: described off Linux", p)
			}
			continue
		}
		if !ok {
			t.Errorf("%s: not known", p)
			continue
		}
		want, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		st, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if data != string(want) {
			t.Errorf("%s: content %q, the file holds %q", p, data, want)
		}
		if fi.Name() != st.Name() || fi.Size() != st.Size() || fi.Mode().Perm() != st.Mode().Perm() || !fi.ModTime().Equal(st.ModTime()) {
			t.Errorf("%s: described as %s %d %v %v, os.Lstat says %s %d %v %v", p, fi.Name(), fi.Size(), fi.Mode(), fi.ModTime(), st.Name(), st.Size(), st.Mode(), st.ModTime())
		}
	}
	for _, p := range []string{"modules/p/m/notes/not-read.txt", "modules/p/m/queries/notes.txt", "modules/p/m/ALIAS.md", "content/not-read-by-the-load.md"} {
		if _, _, ok := snap.File(p); ok {
			t.Errorf("%s: known, but the load did not read it", p)
		}
	}
	if text, ok := snap.Text("modules/p/m/main.js"); !ok || text[:3] != "\uFEFF" {
		t.Errorf("main.js: text %q, %v: want it with its byte order mark", text, ok)
	}
	var none Snapshot
	if _, ok := none.ReadDir("modules"); ok {
		t.Error("the zero Snapshot listed a directory")
	}
	if _, _, ok := none.File("modules/p/m/main.js"); ok {
		t.Error("the zero Snapshot knew a file")
	}
}
