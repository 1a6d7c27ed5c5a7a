package compiler

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/modc-dev/modc/compiler/diag"

	"github.com/modc-dev/modc/internal/golden"
)

// interrupted matches the position of a dry run stopped by its time or
// memory limit: where the interrupt lands within the looping line varies
// from run to run, so the golden files hold "*" for its column.
var interrupted = regexp.MustCompile(`(?m)^([^:\n]+:\d+):\d+(: error: dry run of .*(?:did not finish within|used more than))`)

func maskInterrupts(s string) string { return interrupted.ReplaceAllString(s, "$1:*$2") }

// withoutGit drops what git says of the repository holding the corpus (a
// shallow CI clone, say): it depends on the checkout, not on the workspace.
func withoutGit(msgs diag.List) diag.List {
	var out diag.List
	for _, m := range msgs {
		if m.Location.File != "." && !strings.HasPrefix(m.Location.File, "refs/") {
			out = append(out, m)
		}
	}
	return out
}

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
			opts := Options{Root: dir}
			if strings.HasPrefix(filepath.Base(dir), "memory_") {
				// A memory bomb must meet the memory limit, not the time
				// budget, even on a machine busy with other tests.
				opts.DryRunTimeout = 10 * time.Second
			}
			r := Check(opts)
			got := maskInterrupts(withoutGit(r.Messages).String())
			golden.Check(t, filepath.Join(dir, "want.txt"), got)
			if !r.Failed() {
				t.Errorf("check passed; want errors")
			}
		})
	}
}

// TestWarningWorkspaces checks every workspace under testdata/warnings:
// check and build must both pass with exactly the warnings in its
// want.txt — check shows what build shows, and build says it once.
func TestWarningWorkspaces(t *testing.T) {
	dirs, err := filepath.Glob("testdata/warnings/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no workspaces under testdata/warnings")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			r := Check(Options{Root: dir})
			golden.Check(t, filepath.Join(dir, "want.txt"), withoutGit(r.Messages).String())
			if r.Failed() {
				t.Errorf("check failed")
			}
			b := Build(Options{Root: dir, NoReleases: true, CacheDir: "-"})
			if got, want := withoutGit(b.Messages).String(), withoutGit(r.Messages).String(); got != want {
				t.Errorf("build says\n%s\ncheck says\n%s", got, want)
			}
			if b.Failed() || b.Files == nil {
				t.Errorf("build failed")
			}
		})
	}
}

// TestBuildSaysWhatCheckSays: a build takes what esbuild says of each
// module from the bundles instead of linting the modules first, so it must
// say what check says: for a module only esbuild refuses (its example, which
// would fail, is not run: a module with errors has no dry run), for one
// whose example fails, and for a syntax error.
func TestBuildSaysWhatCheckSays(t *testing.T) {
	for _, name := range []string{"esbuild_error", "example_wrong_result", "syntax_error", "query_binding_typeof"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", "broken", name)
			c := Check(Options{Root: dir})
			b := Build(Options{Root: dir, NoReleases: true, CacheDir: "-"})
			if got, want := withoutGit(b.Messages).String(), withoutGit(c.Messages).String(); got != want {
				t.Errorf("build says\n%s\ncheck says\n%s", got, want)
			}
			if !b.Failed() || b.Files != nil {
				t.Errorf("the build did not fail")
			}
			if name == "esbuild_error" {
				if len(b.DryRuns) > 0 {
					t.Errorf("a module esbuild refuses was dry-run: %v", b.DryRuns)
				}
				for _, p := range b.Stats.Phases {
					if p.Name == "lint" {
						t.Errorf("the build linted the modules: esbuild parsed them twice")
					}
				}
			}
		})
	}
}
