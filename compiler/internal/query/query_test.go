package query

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// TestCheckNames: a binding may read inputs, appsmith, the standard
// globals, the built-in libraries and the workspace's; another name is an
// error whose hint suggests the closest of all those.
func TestCheckNames(t *testing.T) {
	m := queryModule(t, `{
  "kind": "query",
  "inputs": { "limit": 10 },
  "request": {
    "method": "GET",
    "url": "https://api.example.io/{{inputs.limit}}/{{appsmith.store.x}}/{{Math.max(1, 2)}}/{{moment().year()}}/{{dayjs().x}}/{{typeof nowhere}}",
    "headers": { "A": "{{inptus.limit}}", "B": "{{dayjz()}}", "C": "{{momnet()}}" }
  },
  "mock": { "status": 200, "data": null }
}`)
	got := Check(m.Manifest, m.Request, []string{"limit"}, true, []string{"dayjs"})
	var lines []string
	for _, msg := range got {
		line := msg.Text
		for _, n := range msg.Notes {
			line += " | " + n.Text
		}
		lines = append(lines, line)
	}
	want := []string{
		`unknown identifier "inptus" in a query binding | did you mean "inputs"?`,
		`unknown identifier "dayjz" in a query binding | did you mean "dayjs"?`,
		`unknown identifier "momnet" in a query binding | did you mean "moment"?`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// BenchmarkCheck checks a request of the generated workspaces' kind (a
// URL and a header with bindings).
func BenchmarkCheck(b *testing.B) {
	m := queryModule(b, `{
  "kind": "query",
  "inputs": { "limit": 10 },
  "request": {
    "method": "GET",
    "url": "https://api.example.io/orders?limit={{inputs.limit}}&page={{this.params.page}}",
    "headers": { "Authorization": "Bearer {{appsmith.store.token}}" }
  }
}`)
	for b.Loop() {
		if msgs := Check(m.Manifest, m.Request, []string{"limit"}, true, nil); len(msgs) > 0 {
			b.Fatal(msgs)
		}
	}
}

// queryModule loads a workspace of one query module, p/q, whose
// module.json is manifest.
func queryModule(t testing.TB, manifest string) *workspace.Module {
	t.Helper()
	ws, msgs := workspace.Load(fstest.MapFS{
		"modc.json":                   {Data: []byte(`{}`)},
		"modules/p/modc-package.json": {Data: []byte(`{}`)},
		"modules/p/q/module.json":     {Data: []byte(manifest)},
	})
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	return ws.Packages[0].Modules[0]
}
