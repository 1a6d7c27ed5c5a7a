package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestFindRoot: the nearest modc.json up from the start wins; a start
// given by name is a root with modules/ alone; with neither, the error
// names the start.
func TestFindRoot(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"ws/modules/p/m", "ws/inner/modules", "bare/modules/p", "none/a"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"ws/modc.json", "ws/inner/modc.json"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := func(s string) string { return filepath.Join(dir, s) }
	for _, tc := range []struct {
		start string
		named bool
		want  string
	}{
		{p("ws"), false, p("ws")},
		{p("ws/modules/p/m"), false, p("ws")},
		{p("ws/modules/p/m"), true, p("ws")},
		{p("ws/inner/modules"), false, p("ws/inner")},
		{p("bare"), true, p("bare")},
		{p("bare/modules/p"), true, ""},
		{p("bare"), false, ""},
		{p("none/a"), false, ""},
	} {
		got, err := FindRoot(tc.start, tc.named)
		var nw *NoWorkspaceError
		switch {
		case tc.want == "" && (!errors.As(err, &nw) || nw.Dir != tc.start):
			t.Errorf("FindRoot(%s, %v) = %q, %v; want a NoWorkspaceError", tc.start, tc.named, got, err)
		case tc.want != "" && (err != nil || got != tc.want):
			t.Errorf("FindRoot(%s, %v) = %q, %v; want %s", tc.start, tc.named, got, err, tc.want)
		}
	}
}
