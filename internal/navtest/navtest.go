// Package navtest reads, for tests, the table of navigateTo targets that
// every runtime must treat alike (compiler/internal/runtime/testdata/navigate.json):
// the browser runtime, the dry run, and the app compiler's page names.
package navtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Table returns the targets navigateTo allows, and those it refuses with
// the scheme the error names.
func Table(t testing.TB) (allowed []string, refused [][2]string) {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("navtest: cannot locate the repository")
	}
	data, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "..", "compiler", "internal", "runtime", "testdata", "navigate.json"))
	if err != nil {
		t.Fatal(err)
	}
	var table struct {
		Allowed []string
		Refused [][2]string
	}
	if err := json.Unmarshal(data, &table); err != nil {
		t.Fatalf("navigate.json: %v", err)
	}
	return table.Allowed, table.Refused
}
