package compiler

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/modc-dev/modc/internal/treetest"
	"github.com/modc-dev/modc/site/output"
)

func TestTmpPhases(t *testing.T) {
	for _, c := range []struct{ name, body string }{
		{"none", `const groups = {}; for (const r of rows) (groups[r.k] = groups[r.k] || []).push(r); return Object.keys(groups).length + " " + new Date(Date.UTC(2024, 1, 29)).toISOString().slice(0, 10);`},
		{"moment+lodash", `return _.size(_.groupBy(rows, "k")) + " " + moment.utc("2024-02-29").format("YYYY-MM-DD");`},
	} {
		dir := t.TempDir()
		files := map[string]string{"modules/libs/modc-package.json": "{}"}
		for i := range 20 {
			m := fmt.Sprintf("modules/libs/m%02d/", i)
			files[m+"module.json"] = `{"kind": "js"}`
			files[m+"main.js"] = "export default {\n  summary(rows) {\n    " + c.body + "\n  },\n};\n"
			files[m+"examples.json"] = `[{"call": "summary", "args": [[{"k": "a"}, {"k": "b"}, {"k": "a"}]], "expect": "2 2024-02-29"}]`
		}
		treetest.Write(t, dir, files)
		out := filepath.Join(t.TempDir(), "out")
		sum := map[string]time.Duration{}
		var total time.Duration
		for i := range 40 {
			st := time.Now()
			r := Build(Options{Root: dir, NoReleases: true, CacheDir: "-"})
			if r.Failed() {
				t.Fatal(r.Messages.String())
			}
			if err := output.Write(out, r.Files); err != nil {
				t.Fatal(err)
			}
			if i >= 10 {
				total += time.Since(st)
				for _, p := range r.Stats.Phases {
					sum[p.Name] += p.Duration
				}
			}
		}
		fmt.Println(c.name, total/30)
		for k, v := range sum {
			fmt.Printf("  %-14s %v\n", k, v/30)
		}
	}
}
