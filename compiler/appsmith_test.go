package compiler_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/internal/gittest"
	"github.com/modc-dev/modc/internal/nodetest"
)

// appsmithWorkspace copies testdata/appsmith, JS objects written the way
// Appsmith users write them, into a git repository of its own, with its
// library installed under node_modules as npm would (from
// testdata/appsmith/libraries).
func appsmithWorkspace(t *testing.T) string {
	t.Helper()
	gittest.Isolate(t)
	dir := t.TempDir()
	src := "testdata/appsmith"
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		dst := filepath.Join(dir, rel)
		if r, ok := under(rel, "libraries"); ok {
			dst = filepath.Join(dir, "node_modules", r)
		}
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("node_modules/\nout/\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gittest.Run(t, dir, "init", "-q", "-b", "main")
	gittest.Run(t, dir, "add", "-A")
	gittest.Run(t, dir, "commit", "-q", "-m", "Appsmith code")
	return dir
}

// under returns rel's path below the directory top ("." for top itself).
func under(rel, top string) (string, bool) {
	r, err := filepath.Rel(top, rel)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return r, true
}

// TestAppsmithWorkspace: code written as in Appsmith JS objects (built-in
// and workspace libraries, arrow members and initializers reading this,
// platform functions, fetch) passes modc check with no message at all, and
// every example gives in node, through the built bundles, what it gave in
// the dry run (issue 14).
func TestAppsmithWorkspace(t *testing.T) {
	nodetest.SkipIfMissing(t)
	dir := appsmithWorkspace(t)
	if r := compiler.Check(compiler.Options{Root: dir}); len(r.Messages) > 0 {
		t.Fatalf("modc check:\n%s", r.Messages)
	}
	r := compiler.Build(compiler.Options{Root: dir, NoReleases: true, CacheDir: "-"})
	if r.Failed() || len(r.Messages) > 0 {
		t.Fatalf("modc build:\n%s", r.Messages)
	}
	runtimesAgree(t, dir, r)
}
