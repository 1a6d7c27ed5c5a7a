package dryrun

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/workspace"
)

// TestJobRoundTrip sends a module through gob as the parent does and
// checks that the worker sees the same examples and mocks, zero values
// included: gob drops a pointer to a zero value, and `"expectError": ""`
// (any error), a mock of `{}` and `"expect": null` must survive.
func TestJobRoundTrip(t *testing.T) {
	empty := ""
	loc := diag.Location{File: "modules/p/m/examples.json", Line: 2, Column: 3}
	mod := &workspace.Module{
		Package: "p", Name: "m", Kind: workspace.KindQuery, Dir: "modules/p/m",
		Mock: &workspace.Mock{},
		Examples: []*workspace.Example{
			{Name: "any error", Call: "run", ExpectError: &empty, Loc: loc},
			{Name: "null", Call: "run", Expect: json.RawMessage("null"), Args: []json.RawMessage{json.RawMessage(`0`)}},
			{Name: "nothing expected", Call: "run", Store: map[string]json.RawMessage{"k": json.RawMessage(`""`)}},
		},
		Queries: []*workspace.Query{{Name: "q", Path: "modules/p/m/queries/q.json"}},
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(newJob(&Input{Module: mod}, &Options{})); err != nil {
		t.Fatal(err)
	}
	var j job
	if err := gob.NewDecoder(&buf).Decode(&j); err != nil {
		t.Fatal(err)
	}
	got := j.input().Module
	if got.Mock == nil || !reflect.DeepEqual(*got.Mock, workspace.Mock{}) {
		t.Errorf("mock {}: got %+v", got.Mock)
	}
	if got.Queries[0].Mock != nil {
		t.Errorf("a query without a mock got %+v", got.Queries[0].Mock)
	}
	if len(got.Examples) != 3 {
		t.Fatalf("examples: %d", len(got.Examples))
	}
	if e := got.Examples[0]; e.ExpectError == nil || *e.ExpectError != "" || e.Loc != loc || e.Expect != nil {
		t.Errorf(`"expectError": "" became %+v`, e)
	}
	if e := got.Examples[1]; string(e.Expect) != "null" || e.ExpectError != nil || string(e.Args[0]) != "0" {
		t.Errorf(`"expect": null became %+v`, e)
	}
	if e := got.Examples[2]; e.Expect != nil || e.ExpectError != nil || string(e.Store["k"]) != `""` {
		t.Errorf("an example expecting nothing became %+v", e)
	}
}

// TestExpectAnyError: an example with `"expectError": ""` passes when the
// call throws anything and fails when it returns, through a worker.
func TestExpectAnyError(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, "modules", "p", "m", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("module.json", `{ "kind": "js" }`)
	write("main.js", "export default {\n  bad() {\n    throw new Error('boom');\n  },\n  ok() {\n    return 1;\n  },\n};\n")
	write("examples.json", `[{ "name": "throws", "call": "bad", "expectError": "" }, { "name": "returns", "call": "ok", "expectError": "" }]`)
	res, msgs := Run(load(t, dir), Options{})
	if e := example(t, res[0], "throws"); !e.Passed {
		t.Errorf("the throwing call failed: %s", e.Error)
	}
	if e := example(t, res[0], "returns"); e.Passed {
		t.Errorf("the returning call passed; messages: %v", msgs)
	}
}
