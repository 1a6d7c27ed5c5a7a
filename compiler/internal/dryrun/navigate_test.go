package dryrun

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/internal/navtest"
)

// TestNavigateToTable runs the table of navigateTo targets the browser
// runtime is tested with (compiler/internal/runtime/testdata/navigate.json) through
// the dry run: an example that navigates to an allowed target records the
// navigation, one that navigates to a refused target fails with the
// browser runtime's error and records nothing, even when the module does
// not await navigateTo.
func TestNavigateToTable(t *testing.T) {
	allowed, refused := navtest.Table(t)
	type example struct {
		Name        string `json:"name"`
		Call        string `json:"call"`
		Args        []any  `json:"args"`
		Expect      any    `json:"expect,omitempty"`
		ExpectError string `json:"expectError,omitempty"`
	}
	var examples []example
	for i, u := range allowed {
		examples = append(examples, example{Name: fmt.Sprintf("allowed %d", i), Call: "go", Args: []any{u}, Expect: "went"})
	}
	for i, r := range refused {
		msg := "navigateTo: refused URL scheme " + r[1] + ": (only http, https, relative URLs and page names)"
		examples = append(examples,
			example{Name: fmt.Sprintf("refused %d", i), Call: "go", Args: []any{r[0]}, ExpectError: msg},
			example{Name: fmt.Sprintf("refused %d, not awaited", i), Call: "goAsync", Args: []any{r[0]}, ExpectError: msg})
	}
	ex, err := json.Marshal(examples)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"modules/nav/go/module.json": {Data: []byte(`{ "kind": "js", "description": "navigates" }`)},
		"modules/nav/go/main.js": {Data: []byte(`export default {
  go(target) {
    navigateTo(target, { from: "dry run" });
    return "went";
  },
  async goAsync(target) {
    navigateTo(target);
    return "went";
  },
};
`)},
		"modules/nav/go/examples.json": {Data: ex},
	}
	ws, msgs := workspace.Load(fsys)
	if msgs.HasErrors() {
		t.Fatalf("workspace:\n%s", msgs)
	}
	res, msgs := Run([]Input{input(t, ws.Packages[0].Modules[0])}, Options{})
	if len(msgs) > 0 {
		t.Errorf("messages:\n%s", msgs)
	}
	r := res[0]
	if len(r.Examples) != len(examples) {
		t.Fatalf("%d examples ran, want %d", len(r.Examples), len(examples))
	}
	for i, e := range r.Examples {
		arg, _ := json.Marshal(examples[i].Args[0])
		if !e.Passed {
			t.Errorf("%s (%s): error %q, result %s", e.Name, arg, e.Error, e.Result)
		}
		refused := examples[i].ExpectError != ""
		if refused && len(e.Navigations) > 0 {
			t.Errorf("%s (%s): recorded navigations %q", e.Name, arg, e.Navigations)
		}
		if !refused && (len(e.Navigations) != 1 || !strings.Contains(e.Navigations[0], `"from":"dry run"`)) {
			t.Errorf("%s (%s): navigations %q, want the one", e.Name, arg, e.Navigations)
		}
	}
}
