package docs

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestRuntimeAPIReference checks that every name of the runtime API has
// its entry (a heading that is the name as code) on the reference page,
// content/runtime-api.md, and that the search finds it there first. The
// names are the runtime's, as its own test (compiler/internal/runtime
// TestAPINames) keeps them listed from the code.
func TestRuntimeAPIReference(t *testing.T) {
	list, err := os.ReadFile("../../compiler/internal/runtime/testdata/api-names.txt")
	if err != nil {
		t.Fatal(err)
	}
	names := strings.Fields(string(list))
	files := render(t, "../..", Options{})
	all, err := entries(files["search-index.json"])
	if err != nil {
		t.Fatal(err)
	}
	entry := map[string]SearchEntry{}
	for _, e := range all {
		if e.Kind == "api" && strings.HasPrefix(e.URL, "runtime-api/#") {
			entry[e.Title] = e
		}
	}
	for _, n := range names {
		e, ok := entry[n]
		if !ok {
			t.Errorf("content/runtime-api.md has no entry for %s: add a heading \"## `%s`\"", n, n)
			continue
		}
		if e.Text == "" {
			t.Errorf("the entry of %s says nothing", n)
		}
	}
	for title := range entry {
		if !slices.Contains(names, title) {
			t.Errorf("content/runtime-api.md has an entry for %s, which the runtime does not have", title)
		}
	}
}
