package bundle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// TestSourceHashFromSources checks that hashing a package from the files
// the loader read gives the hash of its files on disk: with a byte order
// mark (which the loader's text leaves out), a file the loader does not
// read, a symbolic link to a file, and hidden files left out. It also
// checks that the hash follows an edit the loader saw.
func TestSourceHashFromSources(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/ws")); err != nil {
		t.Fatal(err)
	}
	pkg := filepath.Join(dir, "modules", "util")
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(pkg, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	main, err := os.ReadFile(filepath.Join(pkg, "greeter", "main.js"))
	if err != nil {
		t.Fatal(err)
	}
	write("greeter/main.js", "\uFEFF"+string(main))
	write("greeter/notes.txt", "not read by the loader\n")
	write("greeter/.hidden", "left out\n")
	write("greeter/README.md", "# Greeter\n\n"+strings.Repeat("A README longer than SourceHash's chunk. ", 500)) // 20 kB
	if err := os.Symlink("README.md", filepath.Join(pkg, "greeter", "ALIAS.md")); err != nil {
		t.Fatal(err)
	}

	check := func(what string) {
		t.Helper()
		fsys := workspace.DirFS(dir)
		defer fsys.Close()
		ws, msgs := workspace.Load(fsys)
		if msgs.HasErrors() {
			t.Fatalf("loading: %s", msgs)
		}
		if src := ws.Sources["modules/util/greeter/main.js"]; src == nil || !src.BOM {
			t.Fatalf("%s: the loader did not read main.js, or lost its byte order mark", what)
		}
		fromSources, err := SourceHash(fsys, "modules/util", ws.Snapshot())
		if err != nil {
			t.Fatal(err)
		}
		fromDisk, err := SourceHash(fsys, "modules/util", workspace.Snapshot{})
		if err != nil {
			t.Fatal(err)
		}
		if fromSources != fromDisk {
			t.Errorf("%s: hash from the loader's sources %s, from the files %s", what, fromSources, fromDisk)
		}
	}
	check("as written")
	before, err := SourceHash(workspace.DirFS(dir), "modules/util", workspace.Snapshot{})
	if err != nil {
		t.Fatal(err)
	}
	write("greeter/README.md", "# Greeter, edited\n")
	check("README edited")
	after, err := SourceHash(workspace.DirFS(dir), "modules/util", workspace.Snapshot{})
	if err != nil {
		t.Fatal(err)
	}
	if before == after {
		t.Error("editing a README the package holds (through a link too) did not change its hash")
	}
}
