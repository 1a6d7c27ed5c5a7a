package app

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/modc-dev/modc/internal/golden"
)

// TestReferenceCoversTable: docs.json describes every widget type and
// every member of each (property, event, exposed value, setter), and
// nothing the table does not have.
func TestReferenceCoversTable(t *testing.T) {
	docs, err := readWidgetDocs()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(append([]string(nil), commonProps...), sortedKeys(commonSetters)...) {
		if docs.Common[p] == "" {
			t.Errorf("docs.json: common %q has no description", p)
		}
	}
	for name, wt := range widgetTypes {
		d, ok := docs.Types[name]
		if !ok || d.Summary == "" || d.Example == "" {
			t.Errorf("docs.json: type %q has no summary or example", name)
			continue
		}
		members := map[string]bool{}
		for _, m := range append(append(append(append([]string(nil), wt.props...), wt.events...), sortedKeys(wt.exposed)...), sortedKeys(wt.setters)...) {
			members[m] = true
			if d.Members[m] == "" && docs.Common[m] == "" {
				t.Errorf("docs.json: %s.%s has no description", name, m)
			}
		}
		for m := range d.Members {
			if !members[m] {
				t.Errorf("docs.json: %s.%s is described, but the table has no such member", name, m)
			}
		}
	}
	for name := range docs.Types {
		if widgetTypes[name] == nil {
			t.Errorf("docs.json: type %q is described, but the table has no such type", name)
		}
	}
}

// TestReferenceUpToDate: content/widgets/ is what Reference makes (go test
// -update writes it again), and holds nothing else.
func TestReferenceUpToDate(t *testing.T) {
	pages, err := Reference()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..", "..", "content", "widgets")
	var names []string
	for name, data := range pages {
		names = append(names, name)
		golden.Check(t, filepath.Join(dir, name), string(data))
	}
	sort.Strings(names)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if _, ok := pages[e.Name()]; !ok {
			t.Errorf("content/widgets/%s is not a page of the reference (remove it)", e.Name())
		}
	}
}
