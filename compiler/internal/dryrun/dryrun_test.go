package dryrun

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"

	"github.com/modc-dev/modc/internal/golden"
)

// pkg returns the inputs of one package of a test workspace.
func pkg(t *testing.T, dir, name string) []Input {
	t.Helper()
	var out []Input
	for _, in := range load(t, dir) {
		if in.Module.Package == name {
			out = append(out, in)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no modules in package %s of %s", name, dir)
	}
	return out
}

func result(t *testing.T, res []*Result, module string) *Result {
	t.Helper()
	for _, r := range res {
		if r != nil && r.Module == module {
			return r
		}
	}
	t.Fatalf("no result for %s", module)
	return nil
}

func example(t *testing.T, r *Result, name string) ExampleResult {
	t.Helper()
	for _, e := range r.Examples {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("%s has no example %q", r.Module, name)
	return ExampleResult{}
}

func jsonEq(t *testing.T, what string, got json.RawMessage, want string) {
	t.Helper()
	if d := jsonDiff(json.RawMessage(want), got); d != "" {
		t.Errorf("%s = %s, want %s (differs at %s)", what, got, want, d)
	}
}

func TestPassingExamples(t *testing.T) {
	res, msgs := Run(pkg(t, "testdata/examples", "ok"), Options{})
	if len(msgs) > 0 {
		t.Fatalf("unexpected messages:\n%s", msgs)
	}
	for _, r := range res {
		if !r.OK {
			t.Errorf("%s: not OK", r.Module)
		}
		for _, e := range r.Examples {
			if !e.Passed {
				t.Errorf("%s: example %q did not pass: %s", r.Module, e.Name, e.Error)
			}
		}
	}
	basics := result(t, res, "ok/basics")
	if len(basics.Examples) != 30 {
		t.Errorf("ok/basics ran %d examples, want 30", len(basics.Examples))
	}
	members := map[string]json.RawMessage{}
	for _, m := range basics.Members {
		members[m.Name] = m.Value
	}
	if len(members) != 4 {
		t.Errorf("members = %v, want count, label, nested and nothing", members)
	}
	jsonEq(t, "count", members["count"], `3`)
	jsonEq(t, "label", members["label"], `"items"`)
	jsonEq(t, "nested", members["nested"], `{"a": [1, 2]}`)
	if v, ok := members["nothing"]; !ok || v != nil {
		t.Errorf("nothing = %s (present %v), want present without a JSON value", v, ok)
	}

	told := example(t, basics, "records alerts, navigations and logs")
	if got, want := strings.Join(told.Alerts, "|"), "[success] Saved|Plain"; got != want {
		t.Errorf("alerts = %q, want %q", got, want)
	}
	if got, want := strings.Join(told.Navigations, "|"), `{"target":"Home","params":{"id":1},"where":"SAME_WINDOW"}`; got != want {
		t.Errorf("navigations = %q, want %q", got, want)
	}
	if got, want := strings.Join(told.Logs, "|"), `told {"n":1} [2] null undefined 3|[warn] careful|[error] Error: shown`; got != want {
		t.Errorf("logs = %q, want %q", got, want)
	}
	stored := example(t, basics, "stores a token")
	if len(stored.Store) != 2 {
		t.Errorf("store = %v, want token and keep", stored.Store)
	}
	jsonEq(t, "store.token", stored.Store["token"], `"t1"`)
	jsonEq(t, "store.keep", stored.Store["keep"], `[1]`)
	jsonEq(t, "result", stored.Result, `"t1"`)
	if e := example(t, basics, "throws what it is told"); e.Error != "Error: no way" || e.Result != nil {
		t.Errorf("expected error example: error %q, result %s", e.Error, e.Result)
	}
	if e := example(t, basics, "reading a result records nothing"); len(e.Alerts) > 0 {
		t.Errorf("a result's getter recorded %q when the dry run read the result; want nothing: the function did not read it", e.Alerts)
	}
	if e := example(t, basics, "undefined counts as null"); e.Result != nil {
		t.Errorf("undefined result = %s, want none", e.Result)
	}
	users := result(t, res, "ok/users")
	jsonEq(t, "users run", example(t, users, "answers its mock").Result, `[{"id": 1, "name": "Ada"}]`)
}

// TestFailingExamples checks the messages of every kind of failure against
// testdata/examples/fail.golden (go test -update rewrites it).
func TestFailingExamples(t *testing.T) {
	res, msgs := Run(pkg(t, "testdata/examples", "fail"), Options{})
	msgs.Sort()
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString(diag.Format(m, diag.FormatOptions{CodeFrame: true}))
	}
	golden.Check(t, filepath.Join("testdata", "examples", "fail.golden"), b.String())
	for _, r := range res {
		if r.OK {
			t.Errorf("%s is OK, want failures", r.Module)
		}
	}
	mismatch := result(t, res, "fail/mismatch")
	if len(mismatch.Examples) != 13 {
		t.Errorf("fail/mismatch has %d example results, want 13", len(mismatch.Examples))
	}
	for _, e := range mismatch.Examples {
		if e.Passed || e.Error == "" {
			t.Errorf("example %q: passed %v, error %q; want a failure with its reason", e.Name, e.Passed, e.Error)
		}
	}
	if top := result(t, res, "fail/top_throws"); len(top.Examples) != 0 {
		t.Errorf("examples ran after the top level threw: %+v", top.Examples)
	}
}

func TestDefaultExportNotObject(t *testing.T) {
	ws, msgs := workspace.Load(os.DirFS("testdata/notobject"))
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	m := ws.Module("odd/not_object")
	src := m.Main.Text
	exp := strings.Index(src, "export default")
	obj := strings.Index(src, "makeMain();")
	main := &jsmod.Main{
		Source: m.Main, ExportOffset: exp, DefaultEnd: exp + len("export default"),
		ObjectOffset: obj, ObjectEnd: obj + len("makeMain()"),
	}
	res, msgs := Run([]Input{{Module: m, Main: main}}, Options{})
	want := "modules/odd/not_object/main.js:5:1: error: dry run of odd/not_object: the default export evaluates to a number, not an object [dry-run-not-object]"
	if len(msgs) != 1 || !strings.HasPrefix(msgs.String(), want+"\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", msgs, want)
	}
	if res[0].OK {
		t.Error("result is OK")
	}
}

func TestGuardedBuiltins(t *testing.T) {
	res, msgs := Run(pkg(t, "testdata/guards", "guards"), Options{})
	if len(msgs) > 0 {
		t.Fatalf("unexpected messages:\n%s", msgs)
	}
	for _, r := range res {
		for _, e := range r.Examples {
			if !e.Passed {
				t.Errorf("%s: %q: %s", r.Module, e.Name, e.Error)
			}
		}
	}
}

// TestConcurrentRuns runs dry runs from two goroutines at once: they share
// the memory watchdog, which must restore the GC's settings after both.
func TestConcurrentRuns(t *testing.T) {
	before, gcBefore := debug.SetMemoryLimit(-1), debug.SetGCPercent(-1)
	debug.SetGCPercent(gcBefore)
	inputs := pkg(t, "testdata/examples", "ok")
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				res, msgs := Run(inputs, Options{Parallel: 2})
				if len(msgs) > 0 || !res[0].OK {
					t.Errorf("concurrent run failed:\n%s", msgs)
					return
				}
			}
		}()
	}
	wg.Wait()
	if after := debug.SetMemoryLimit(-1); after != before {
		t.Errorf("soft memory limit %d after the runs, was %d", after, before)
	}
	gcAfter := debug.SetGCPercent(gcBefore)
	if gcAfter != gcBefore {
		t.Errorf("GC percent %d after the runs, was %d", gcAfter, gcBefore)
	}
}

func TestJSONDiff(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{`1`, `1.0`, ``},
		{`{"a":1,"b":[1,2]}`, `{"b":[1,2],"a":1}`, ``},
		{`{"a":1}`, `{"a":2}`, `$.a`},
		{`{"a":[1,{"x y":true}]}`, `{"a":[1,{"x y":false}]}`, `$.a[1]["x y"]`},
		{`[1,2]`, `[1,2,3]`, `$.length`},
		{`{"a":1}`, `{"a":1,"b":2}`, `$.b`},
		{`null`, `0`, `$`},
		{`"1"`, `1`, `$`},
	} {
		if got := jsonDiff(json.RawMessage(c.a), json.RawMessage(c.b)); got != c.want {
			t.Errorf("jsonDiff(%s, %s) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}
