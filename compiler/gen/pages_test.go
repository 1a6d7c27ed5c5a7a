package gen_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/gen"
	"github.com/modc-dev/modc/site"
)

// TestPagesBuild builds a generated workspace with pages: every link
// between pages (some to a #usage heading) resolves, and nothing warns
// but the missing git repository.
func TestPagesBuild(t *testing.T) {
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Options{Packages: 2, Modules: 2, Pages: 40, Bindings: 8, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	r := site.Build(compiler.Options{Root: dir, Out: filepath.Join(t.TempDir(), "out")})
	for _, m := range r.Messages {
		if !strings.Contains(m.Text, "git") {
			t.Errorf("%s", m)
		}
	}
	if r.Stats.Pages < 40 {
		t.Errorf("%d pages rendered", r.Stats.Pages)
	}
}

// TestPagesAreRealistic checks that a page has what hand-written docs
// have: headings, lists, a table or code, links to other pages.
func TestPagesAreRealistic(t *testing.T) {
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Options{Packages: 1, Modules: 1, Pages: 200}); err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for n := range 200 {
		data, err := os.ReadFile(filepath.Join(dir, "content/pages", fmt.Sprintf("page-%04d.md", n)))
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		for _, want := range []string{"\n## Usage\n", "```js\n", "\n## See also\n", ".md"} {
			if !strings.Contains(text, want) {
				t.Fatalf("page %d has no %q:\n%s", n, want, text)
			}
		}
		if len(text) < 1500 || len(text) > 12000 {
			t.Errorf("page %d is %d bytes", n, len(text))
		}
		all.WriteString(text)
	}
	for _, want := range []string{"\n### ", "\n- ", "\n1. ", "| --- |", "```json\n", "```bash\n", ".md#usage)", "**", "](https://"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("no page has %q", want)
		}
	}
}

// TestSeedChangesContent: another seed gives other pages and modules,
// the same seed the same ones.
func TestSeedChangesContent(t *testing.T) {
	read := func(seed uint64) string {
		dir := t.TempDir()
		if err := gen.Write(dir, gen.Options{Packages: 1, Modules: 1, Pages: 3, Seed: seed}); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, rel := range []string{"content/pages/page-0001.md", "modules/pkg000/mod000/module.json", "modules/pkg000/mod000/queries/api_get.json"} {
			data, err := os.ReadFile(filepath.Join(dir, rel))
			if err != nil {
				t.Fatal(err)
			}
			b.Write(data)
		}
		return b.String()
	}
	if read(1) == read(2) {
		t.Error("seeds 1 and 2 give the same files")
	}
	if read(3) != read(3) {
		t.Error("seed 3 gives different files twice")
	}
	if read(0) != read(1) {
		t.Error("seed 0 is not the default seed 1")
	}
}
