// Package treetest writes trees of files for tests: a workspace, an
// export, a site, each given as its files' contents by slash path.
package treetest

import (
	"os"
	"path/filepath"
	"testing"
)

// Write writes files, by slash path relative to dir, into dir, making the
// directories they need; the test fails at the first error.
func Write[T string | []byte](t testing.TB, dir string, files map[string]T) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
