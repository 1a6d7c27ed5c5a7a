package compiler

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of the broken-workspace corpus")

// TestBrokenWorkspaces checks every workspace under testdata/broken: each
// must fail with exactly the errors in its want.txt.
func TestBrokenWorkspaces(t *testing.T) {
	dirs, err := filepath.Glob("testdata/broken/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 40 {
		t.Fatalf("only %d broken workspaces", len(dirs))
	}
	for _, dir := range dirs {
		// Not parallel: the dry-run memory guard watches the whole process's
		// heap, so a memory bomb must not share it with other cases.
		t.Run(filepath.Base(dir), func(t *testing.T) {
			r := Check(Options{Root: dir})
			got := r.Messages.String()
			golden := filepath.Join(dir, "want.txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("messages differ from %s\n--- got\n%s--- want\n%s", golden, got, want)
			}
			if !r.Failed() {
				t.Errorf("check passed; want errors")
			}
			// A build of a broken workspace writes nothing: the previous output stays.
			out := t.TempDir()
			sentinel := filepath.Join(out, "previous.txt")
			if err := os.WriteFile(sentinel, []byte("previous build"), 0o644); err != nil {
				t.Fatal(err)
			}
			b := Build(Options{Root: dir, Out: out})
			if !b.Failed() || b.OutDir != "" {
				t.Errorf("build of a broken workspace did not fail")
			}
			entries, _ := os.ReadDir(out)
			if data, err := os.ReadFile(sentinel); err != nil || string(data) != "previous build" || len(entries) != 1 {
				t.Errorf("build of a broken workspace touched the output: %v", entries)
			}
		})
	}
}
