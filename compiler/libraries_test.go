package compiler

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/modc-dev/modc/internal/treetest"
)

// TestDryRunsLoadThePackagesLodash: a module's dry run loads the lodash its
// package's bundle holds — the subset of every function the package's
// modules name, not only its own — so that one package gives one subset,
// and a session's edit that names a new function gives the same as a cold
// build.
func TestDryRunsLoadThePackagesLodash(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"modules/p/modc-package.json": "{}",
		"modules/p/a/module.json":     `{"kind": "js"}`,
		"modules/p/a/main.js":         "export default {\n  teams: (rows) => _.size(_.groupBy(rows, \"team\")),\n};\n",
		"modules/p/a/examples.json":   `[{"call": "teams", "args": [[{"team": "x"}, {"team": "y"}, {"team": "x"}]], "expect": 2}]`,
		"modules/p/b/module.json":     `{"kind": "js"}`,
		"modules/p/b/main.js":         "export default {\n  total: (rows) => _.sumBy(rows, \"n\"),\n};\n",
		"modules/p/b/examples.json":   `[{"call": "total", "args": [[{"n": 1}, {"n": 2}]], "expect": 3}]`,
	}
	treetest.Write(t, dir, files)
	opts := Options{Root: dir, CacheDir: "-", NoReleases: true}
	s := NewSession(opts)
	r := s.Build(nil)
	if r.Failed() {
		t.Fatal(r.Messages)
	}
	members := func(id string) []string {
		t.Helper()
		st := s.modules[id]
		uses := s.packageUses(st.mod.Package)
		in, ok := dryRunInput(st.mod, st.main, s.libs, uses)
		if !ok || len(in.Libraries) != 1 {
			t.Fatalf("%s: libraries %v", id, in.Libraries)
		}
		return in.Libraries[0].Members()
	}
	for _, id := range []string{"p/a", "p/b"} {
		if got, want := members(id), []string{"groupBy", "size", "sumBy"}; !slices.Equal(got, want) {
			t.Errorf("%s dry-runs lodash's %v, want the package's %v", id, got, want)
		}
		if res := r.DryRuns[id]; res == nil || !res.OK {
			t.Errorf("%s: dry run %+v", id, res)
		}
	}

	// b names one more function: both modules' dry runs load the new
	// subset, and the session's build equals a cold one.
	main := filepath.Join(dir, "modules/p/b/main.js")
	if err := os.WriteFile(main, []byte("export default {\n  total: (rows) => _.sumBy(rows, \"n\"),\n  top: (rows) => _.maxBy(rows, \"n\"),\n};\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sameAsCold(t, "new lodash function", s.Build([]string{"modules/p/b/main.js"}), opts)
	if got, want := members("p/a"), []string{"groupBy", "maxBy", "size", "sumBy"}; !slices.Equal(got, want) {
		t.Errorf("after the edit, p/a dry-runs lodash's %v, want %v", got, want)
	}
}
