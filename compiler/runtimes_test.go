package compiler_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/internal/dryrun"
	"github.com/modc-dev/modc/compiler/internal/runtime"
	"github.com/modc-dev/modc/internal/nodetest"
	"github.com/modc-dev/modc/site/output"
)

// TestRuntimesAgreeOnExamples is the contract between modc's two
// runtimes: the dry-run runtime (compiler/internal/dryrun/runtime.js, in goja) and
// the browser runtime (compiler/internal/runtime/runtime.js, in the built bundles).
// It builds the repository's example workspace (found from this
// directory) without releases, and runs every example of every
// modules/*/*/examples.json both ways: the dry run's result is the
// build's (compiler.Build runs dryrun.Run), and the bundle's comes from
// testdata/runtimes/examples.mjs, which calls the same function with the
// same arguments in node, once through the ES module and once through the
// IIFE, on an instance created with the example's inputs, in mock mode
// (queries answer their mocks), with the dry run's environment (user {},
// URL http://localhost/, mode EDIT) and a new storage holding the
// example's store.
//
// Compared, for each example and bundle:
//   - whether the call threw (or its promise rejected); when the example
//     expects an error, both errors contain the expected text (error
//     messages are not compared otherwise: goja and V8 word their own
//     errors differently);
//   - when it did not throw, the awaited result, as JSON values (undefined
//     and values without a JSON form count as no result on both sides);
//   - the store after the call, key by key, as JSON values;
//   - the alerts (showAlert) and navigations (navigateTo), as the dry run
//     records them.
//
// Not compared, as the runtimes differ there by design: logs (the dry run
// records console output; in a page, console is the browser's), timers
// (virtual in the dry run, real in node: examples must not wait on them),
// the evaluation of queries' requests (the dry run evaluates them before
// answering the mock, to report broken bindings; the browser's mock mode
// does not), and the dry run's time, stack and memory limits.
//
// Without node the test is skipped, except on CI, where it fails.
func TestRuntimesAgreeOnExamples(t *testing.T) {
	nodetest.SkipIfMissing(t)
	root := repoRoot(t)
	r := compiler.Build(compiler.Options{Root: root, NoReleases: true, CacheDir: "-"})
	if r.Failed() {
		t.Fatalf("the example workspace does not build:\n%s", r.Messages)
	}
	runtimesAgree(t, root, r)
}

// runtimesAgree runs every example of the workspace at root, which r
// built, through the bundles in node and compares with r's dry runs (see
// TestRuntimesAgreeOnExamples); the platform calls (expectCalls) are
// compared too.
func runtimesAgree(t *testing.T, root string, r *compiler.Result) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(root, "modules", "*", "*", "examples.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples.json under %s/modules: %v", root, err)
	}
	out := t.TempDir()
	if err := output.Write(out, r.Files); err != nil {
		t.Fatal(err)
	}
	versions := map[string]string{}
	for _, pv := range r.Versions {
		versions[pv.Package] = pv.Current
	}

	// The cases for node, and the dry run's results, in the same order.
	type example struct {
		Name        string                     `json:"name"`
		Call        string                     `json:"call"`
		Args        []json.RawMessage          `json:"args"`
		Store       map[string]json.RawMessage `json:"store"`
		Inputs      map[string]json.RawMessage `json:"inputs"`
		Fetch       map[string]json.RawMessage `json:"fetch"`
		ExpectError *string                    `json:"expectError"`
	}
	type nodeCase struct {
		Pkg    string                     `json:"pkg"`
		Module string                     `json:"module"`
		Global string                     `json:"global"`
		ESM    string                     `json:"esm"`
		IIFE   string                     `json:"iife"`
		Call   string                     `json:"call"`
		Args   []json.RawMessage          `json:"args"`
		Store  map[string]json.RawMessage `json:"store"`
		Inputs map[string]json.RawMessage `json:"inputs"`
		Fetch  map[string]json.RawMessage `json:"fetch"`
	}
	var (
		cases    []nodeCase
		examples []example
		names    []string
		dry      []dryrun.ExampleResult
	)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var exs []example
		if err := json.Unmarshal(data, &exs); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		mod := filepath.Base(filepath.Dir(f))
		pkg := filepath.Base(filepath.Dir(filepath.Dir(f)))
		id := pkg + "/" + mod
		res := r.DryRuns[id]
		if res == nil || len(res.Examples) != len(exs) {
			t.Fatalf("%s: %d examples, but the build dry-ran %v", id, len(exs), res)
		}
		dir := filepath.Join(out, "dist", pkg, versions[pkg])
		for i, ex := range exs {
			er := res.Examples[i]
			if er.Name != ex.Name || !er.Passed {
				t.Fatalf("%s: example %d is %q, dry-run result %+v", id, i, ex.Name, er)
			}
			cases = append(cases, nodeCase{
				Pkg: pkg, Module: mod, Global: r.Workspace.Config.Global,
				ESM: filepath.Join(dir, pkg+".mjs"), IIFE: filepath.Join(dir, pkg+".js"),
				Call: ex.Call, Args: ex.Args, Store: ex.Store, Inputs: ex.Inputs, Fetch: ex.Fetch,
			})
			examples = append(examples, ex)
			names = append(names, fmt.Sprintf("%s %q", id, ex.Name))
			dry = append(dry, er)
		}
	}

	tmp := t.TempDir()
	casesFile, runtimeFile := filepath.Join(tmp, "cases.json"), filepath.Join(tmp, "runtime.mjs")
	data, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{casesFile: data, runtimeFile: []byte(runtime.Source())} {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script, err := filepath.Abs("testdata/runtimes/examples.mjs")
	if err != nil {
		t.Fatal(err)
	}
	var results []struct {
		Case                       int
		Bundle                     string
		Threw                      bool
		Result                     *string
		Message, Text              string
		Store                      map[string]any
		Alerts, Navigations, Calls []string
	}
	if err := json.Unmarshal([]byte(nodetest.Run(t, "", nil, script, runtimeFile, casesFile)), &results); err != nil {
		t.Fatal(err)
	}
	if len(results) != 2*len(cases) {
		t.Fatalf("node ran %d cases, want %d (each case through both bundles)", len(results), 2*len(cases))
	}

	for _, nr := range results {
		ex, er := examples[nr.Case], dry[nr.Case]
		at := names[nr.Case] + " (" + nr.Bundle + ")"
		// A passing example has an error exactly when its call threw.
		dryThrew := er.Error != ""
		if dryThrew != nr.Threw {
			t.Errorf("%s: the dry run threw: %v (%s); the bundle threw: %v (%s)", at, dryThrew, er.Error, nr.Threw, nr.Text)
			continue
		}
		if nr.Threw && ex.ExpectError != nil && !strings.Contains(nr.Message, *ex.ExpectError) && !strings.Contains(nr.Text, *ex.ExpectError) {
			t.Errorf("%s: the bundle threw %s, without the expected %q (the dry run threw %s)", at, nr.Text, *ex.ExpectError, er.Error)
		}
		if !nr.Threw {
			var nodeResult json.RawMessage
			if nr.Result != nil {
				nodeResult = json.RawMessage(*nr.Result)
			}
			if !sameJSON(t, er.Result, nodeResult) {
				t.Errorf("%s: results differ:\ndry run: %s\nbundle:  %s", at, orNone(er.Result), orNone(nodeResult))
			}
		}
		dryStore := map[string]any{}
		for k, v := range er.Store {
			dryStore[k] = decode(t, v)
		}
		if nr.Store == nil {
			nr.Store = map[string]any{}
		}
		if !reflect.DeepEqual(dryStore, nr.Store) {
			t.Errorf("%s: stores differ:\ndry run: %s\nbundle:  %s", at, asJSON(dryStore), asJSON(nr.Store))
		}
		if !reflect.DeepEqual(nonNil(er.Alerts), nonNil(nr.Alerts)) {
			t.Errorf("%s: alerts differ:\ndry run: %q\nbundle:  %q", at, er.Alerts, nr.Alerts)
		}
		if !reflect.DeepEqual(nonNil(er.Navigations), nonNil(nr.Navigations)) {
			t.Errorf("%s: navigations differ:\ndry run: %q\nbundle:  %q", at, er.Navigations, nr.Navigations)
		}
		dryCalls := make([]any, len(er.Calls))
		for i, c := range er.Calls {
			dryCalls[i] = decode(t, c)
		}
		nodeCalls := make([]any, len(nr.Calls))
		for i, c := range nr.Calls {
			nodeCalls[i] = decode(t, json.RawMessage(c))
		}
		if !reflect.DeepEqual(dryCalls, nodeCalls) {
			t.Errorf("%s: platform calls differ:\ndry run: %s\nbundle:  %s", at, asJSON(dryCalls), asJSON(nodeCalls))
		}
	}
	t.Logf("%d examples of %d examples.json files, each through the dry run and both bundles", len(cases), len(files))
}

// repoRoot finds the repository's root from the test's directory: the
// nearest directory up that holds go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod in any directory above the test's")
		}
		dir = up
	}
}

// sameJSON compares two JSON texts as values; nil (no result) equals only nil.
func sameJSON(t *testing.T, a, b json.RawMessage) bool {
	t.Helper()
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return reflect.DeepEqual(decode(t, a), decode(t, b))
}

func decode(t *testing.T, data json.RawMessage) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%v: %s", err, data)
	}
	return v
}

func asJSON(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}

func orNone(r json.RawMessage) string {
	if r == nil {
		return "(no result)"
	}
	return string(r)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
