package site

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/gen"
)

// diskFile is one file of an output: its bytes and what it is on disk.
type diskFile struct {
	content string
	info    os.FileInfo
}

// readOut returns every regular file under dir by slash path.
func readOut(t *testing.T, dir string) map[string]diskFile {
	t.Helper()
	files := map[string]diskFile{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = diskFile{string(b), fi}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestWarmBuildWritesOnlyTheEditedModule edits one module's main.js
// between two builds into one output: the second build writes only the
// files whose bytes changed, all of them the edited module's package's or
// the app's (which embeds the package's integrity hash); every other file
// is the previous build's (same inode and mtime); and the output is
// byte-identical to a cold build's.
func TestWarmBuildWritesOnlyTheEditedModule(t *testing.T) {
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Options{Packages: 3, Modules: 3, Pages: 4, Bindings: 5}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	build := func(out string) compiler.Stats {
		t.Helper()
		r := Build(compiler.Options{Root: dir, Out: out, CacheDir: "-"})
		if r.Failed() || r.OutDir != out {
			t.Fatalf("build: %s", r.Messages)
		}
		return r.Stats
	}
	cold := build(out)
	if o := cold.Output; o.Written == 0 || o.Unchanged != 0 || o.Removed != 0 || o.Written+o.Linked != cold.Files {
		t.Errorf("cold build: %+v of %d files", o, cold.Files)
	}
	if o := build(out).Output; o.Written != 0 || o.Unchanged+o.Linked != cold.Files || o.Removed != 0 {
		t.Errorf("warm build, nothing edited: %+v, want nothing written", o)
	}
	before := readOut(t, out)
	time.Sleep(20 * time.Millisecond) // a rewrite would show in the mtime

	pkg := gen.PackageName(1)
	rel := filepath.Join(dir, "modules", pkg, gen.ModuleName(2), "main.js")
	text, err := os.ReadFile(rel)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(text), "return a + b;", `return a + b + "edited".length * 0;`, 1)
	if edited == string(text) {
		t.Fatal("the generated main.js changed: the edit does not apply")
	}
	if err := os.WriteFile(rel, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	warm := build(out)
	after := readOut(t, out)

	changed := map[string]bool{} // distinct files (inodes) with new bytes
	for p, a := range after {
		b, ok := before[p]
		switch {
		case !ok:
			t.Errorf("%s is new: the edit should change no path", p)
		case a.content == b.content:
			if !os.SameFile(a.info, b.info) || !a.info.ModTime().Equal(b.info.ModTime()) {
				t.Errorf("%s is unchanged but was written again", p)
			}
		default:
			if os.SameFile(a.info, b.info) {
				t.Errorf("%s changed in place", p)
			}
			first := p
			for q := range changed {
				if os.SameFile(after[q].info, a.info) {
					first = q
				}
			}
			changed[first] = true
			if !strings.Contains(p, "/"+pkg+"/") && !strings.HasPrefix(p, "apps/") {
				t.Errorf("%s changed, though it is neither %s's nor an app's", p, pkg)
			}
		}
	}
	o := warm.Output
	if o.Written != len(changed) || o.Removed != 0 || o.Written+o.Unchanged+o.Linked != warm.Files || warm.Files != cold.Files {
		t.Errorf("warm build after the edit: %+v of %d files; %d distinct files changed", o, warm.Files, len(changed))
	}
	if o.Written == 0 || o.Written > 30 {
		t.Errorf("warm build after the edit wrote %d files", o.Written)
	}
	t.Logf("edit of one module: %d files written (%d bytes), %d unchanged, %d linked, of %d",
		o.Written, o.WrittenBytes, o.Unchanged, o.Linked, warm.Files)

	coldOut := filepath.Join(t.TempDir(), "cold")
	build(coldOut)
	want := readOut(t, coldOut)
	if len(want) != len(after) {
		t.Errorf("warm output has %d files, a cold build %d", len(after), len(want))
	}
	same := func(a, b diskFile) bool { return a.content == b.content }
	if !maps.EqualFunc(after, want, same) {
		for p := range want {
			if after[p].content != want[p].content {
				t.Errorf("%s differs from a cold build's", p)
			}
		}
	}
}
