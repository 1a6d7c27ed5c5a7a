package dryrun

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// TestJobRoundTrip sends a module through the job codec as the parent
// does and checks that the worker sees the same examples and mocks, zero
// values included: `"expectError": ""` (any error), a mock of `{}` and
// `"expect": null` must survive.
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
	j := roundTrip(t, newJob(&Input{Module: mod}, &Options{}))
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

// roundTrip writes j as the parent does and reads it as a worker does.
func roundTrip(t *testing.T, j *job) *job {
	t.Helper()
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	jw := &jobWriter{w: bw}
	if err := jw.write(j); err != nil {
		t.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(&buf)
	got, err := readJob(r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := readJob(r); err != io.EOF {
		t.Errorf("after the one job: %v, want io.EOF", err)
	}
	return got
}

// TestJobCodecFields fills every field of a job, at every depth, with a
// value that is not zero, and checks that it comes through the codec
// unchanged: a field added to the job and left out of the codec fails.
// Empty and nil byte slices, maps and lists of values stay apart too (a
// list of parts, such as the examples, comes back nil when empty).
func TestJobCodecFields(t *testing.T) {
	var j job
	fill(reflect.ValueOf(&j).Elem(), 1)
	if got := roundTrip(t, &j); !reflect.DeepEqual(got, &j) {
		t.Errorf("job changed on the way:\ngot  %+v\nwant %+v", got, &j)
	}
	j = job{Main: &jobMain{Platform: []string{}}, Examples: []jobExample{{
		Args: []json.RawMessage{{}, nil}, Store: map[string]json.RawMessage{}, Fetch: map[string]jobMock{},
		Expect: json.RawMessage{},
	}}, Requests: map[string]string{}}
	if got := roundTrip(t, &j); !reflect.DeepEqual(got, &j) {
		t.Errorf("empty parts changed on the way:\ngot  %+v\nwant %+v", got, &j)
	}
}

// fill sets v and everything in it to values that are not zero, derived
// from seed: two elements per slice and map.
func fill(v reflect.Value, seed int) {
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(-seed*1000 - 7))
	case reflect.Uint8:
		v.SetUint(uint64(seed%250) + 1)
	case reflect.Uint64:
		v.SetUint(uint64(seed)<<40 + 3)
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d é", seed))
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), seed*3+i)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i), seed*5+i)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for i := range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, seed*7+i)
			fill(e, seed*11+i)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), seed+1)
		v.Set(p)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), seed*13+i)
		}
	default:
		panic("fill: " + v.Type().String())
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
