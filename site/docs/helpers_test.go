package docs

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/modc-dev/modc/compiler"
)

// check checks the workspace at dir and fails the test on errors.
func check(t testing.TB, dir string) *compiler.Result {
	t.Helper()
	r := compiler.Check(compiler.Options{Root: dir})
	if r.Failed() {
		t.Fatalf("check %s: %s", dir, r.Messages)
	}
	// The test workspaces live inside modc's own repository, whose history
	// would make their versions change with every commit: tests that show
	// versions pass them in Options.Versions.
	r.Versions = nil
	return r
}

// render checks and renders the workspace at dir, failing on errors.
func render(t testing.TB, dir string, opts Options) map[string][]byte {
	t.Helper()
	r := check(t, dir)
	files, msgs := Render(r, os.DirFS(dir), opts)
	if msgs.HasErrors() {
		t.Fatalf("render %s: %s", dir, msgs)
	}
	return files
}

// writeFiles writes the rendered files under dir.
func writeFiles(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
