// Package treetest writes trees of files for tests (a workspace, an
// export, a site, each given as its files' contents by slash path) and
// compares them.
package treetest

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
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

// Diff returns the slash paths whose contents differ between two trees of
// files, a path in only one of them included, sorted; none when they are
// the same.
func Diff(got, want map[string][]byte) []string {
	var differ []string
	for p, w := range want {
		if g, ok := got[p]; !ok || !bytes.Equal(g, w) {
			differ = append(differ, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			differ = append(differ, p)
		}
	}
	sort.Strings(differ)
	return differ
}
