package site

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/modc-dev/modc/compiler"
)

// TestBrokenWorkspacesWriteNothing builds every workspace of the compiler's
// broken corpus into an output directory holding a previous build: each
// build must fail and leave that output exactly as it was.
func TestBrokenWorkspacesWriteNothing(t *testing.T) {
	dirs, err := filepath.Glob("../compiler/testdata/broken/*")
	if err != nil || len(dirs) < 40 {
		t.Fatalf("corpus: %d dirs, %v", len(dirs), err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			out := t.TempDir()
			sentinel := filepath.Join(out, "previous.txt")
			if err := os.WriteFile(sentinel, []byte("previous build"), 0o644); err != nil {
				t.Fatal(err)
			}
			r := Build(compiler.Options{Root: dir, Out: out})
			if !r.Failed() || r.OutDir != "" {
				t.Fatalf("build of a broken workspace did not fail")
			}
			entries, _ := os.ReadDir(out)
			if data, err := os.ReadFile(sentinel); err != nil || string(data) != "previous build" || len(entries) != 1 {
				t.Errorf("build of a broken workspace touched the output: %v", entries)
			}
		})
	}
}

// TestBuildWritesAndReplaces builds the example workspace twice into the
// same directory: the second build replaces the first whole.
func TestBuildWritesAndReplaces(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	for i := 0; i < 2; i++ {
		r := Build(compiler.Options{Root: "..", Out: out})
		if r.Failed() || r.OutDir != out || r.Stats.Files == 0 {
			t.Fatalf("build %d: %s (out %q, %d files)", i, r.Messages, r.OutDir, r.Stats.Files)
		}
	}
	r := Build(compiler.Options{Root: "..", Out: out})
	var auth string
	for _, pv := range r.Versions {
		if pv.Package == "auth" {
			auth = "dist/auth/" + pv.Current + "/"
		}
	}
	for _, p := range []string{auth + "auth.mjs", auth + "meta.json", ".modc-output"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Error(err)
		}
	}
}
