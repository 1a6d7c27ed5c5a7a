package dryrun

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dop251/goja"

	"github.com/modc-dev/modc/compiler/internal/jslib"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/internal/nodetest"
)

// browserVM is a VM with every browser global of browser.js.
func browserVM(t testing.TB) *goja.Runtime {
	t.Helper()
	vm := goja.New()
	installBrowser(vm, "window", codeNames.scan("window"), nil, newLimits(DefaultMemoryLimit), nil)
	return vm
}

// TestBrowserGlobalsAgreeWithNode runs testdata/browser/compare.js, a table
// of URLs (parsed, resolved against bases, changed by each setter),
// URLSearchParams, TextEncoder, TextDecoder, Blob and structuredClone
// calls, in node and in a dry-run VM, and compares the results.
func TestBrowserGlobalsAgreeWithNode(t *testing.T) {
	nodetest.SkipIfMissing(t)
	data, err := os.ReadFile("testdata/browser/compare.js")
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	v, err := browserVM(t).RunString(src)
	if err != nil {
		t.Fatalf("in goja: %v", err)
	}
	var got, want map[string]json.RawMessage
	if err := json.Unmarshal([]byte(v.String()), &got); err != nil {
		t.Fatalf("goja's result: %v\n%s", err, v)
	}
	out := nodetest.Run(t, "", nil, "-p", src)
	if err := json.Unmarshal([]byte(out), &want); err != nil {
		t.Fatalf("node's result: %v\n%s", err, out)
	}
	if n := len(listOf(t, want["urls"])); n < 30 {
		t.Errorf("only %d URL cases", n)
	}
	for k, w := range want {
		g := got[k]
		var wl, gl []json.RawMessage
		if json.Unmarshal(w, &wl) == nil && json.Unmarshal(g, &gl) == nil && len(wl) == len(gl) {
			for i := range wl {
				if !jsonSame(wl[i], gl[i]) {
					t.Errorf("%s[%d]:\n node %s\n goja %s", k, i, wl[i], gl[i])
				}
			}
			continue
		}
		if !jsonSame(w, g) {
			t.Errorf("%s:\n node %s\n goja %s", k, w, g)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s only in goja", k)
		}
	}
}

func listOf(t *testing.T, raw json.RawMessage) []json.RawMessage {
	var l []json.RawMessage
	if err := json.Unmarshal(raw, &l); err != nil {
		t.Fatal(err)
	}
	return l
}

func jsonSame(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return string(a) == string(b)
	}
	return fmt.Sprint(x) == fmt.Sprint(y) && strings.EqualFold(fmt.Sprintf("%T", x), fmt.Sprintf("%T", y))
}

// TestInstallBrowserOnlyWhatIsNamed: a global is defined only when the
// code names it (appsmith.URL is not URL); window brings them all; a
// library gets the computing ones its source names, not the stand-ins.
func TestInstallBrowserOnlyWhatIsNamed(t *testing.T) {
	for _, c := range []struct {
		code      string
		libraries []string
		want      []string
	}{
		{"return appsmith.URL.fullPath", nil, nil},
		{"new URL(appsmith.URL.fullPath)", nil, []string{"URL", "URLSearchParams"}},
		{"globalThis.URL", nil, []string{"URL", "URLSearchParams"}},
		{"navigator.language + crypto.randomUUID()", nil, []string{"crypto", "navigator"}},
		{"window.x", nil, browserGlobals},
		{"forge.random.getBytesSync(4)", []string{"forge"}, browserGlobals[:pureGlobals]}, // forge reads window.crypto
	} {
		var libs []*jslib.Library
		for _, g := range c.libraries {
			libs = append(libs, jslib.Builtin(g))
		}
		vm := goja.New()
		installBrowser(vm, c.code, codeNames.scan(c.code), libs, newLimits(DefaultMemoryLimit), nil)
		var got []string
		for _, name := range browserGlobals {
			if vm.GlobalObject().Get(name) != nil {
				got = append(got, name)
			}
		}
		want := append([]string(nil), c.want...)
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%q (libraries %v): defines %q, want %q", c.code, c.libraries, got, want)
		}
	}
}

// TestBrowserGlobalsInExamples dry-runs modules that use each global the
// way Appsmith JS objects do (testdata/browser): every example of
// web/globals passes; web/dom's DOM code fails with a message that names
// what it used, at its line in main.js; web/plain, which names none, sees
// none of them.
func TestBrowserGlobalsInExamples(t *testing.T) {
	res, msgs := Run(load(t, "testdata/browser"), Options{})
	for _, r := range res {
		if r.Module == "web/dom" {
			continue
		}
		for _, e := range r.Examples {
			if !e.Passed {
				t.Errorf("%s: example %q: %s", r.Module, e.Name, e.Error)
			}
		}
	}
	var got []string
	for _, m := range msgs {
		got = append(got, m.Error())
	}
	want := []string{
		`modules/web/dom/main.js:3:17: error: dry run of web/dom: example "reads an input": email() threw Error: document.getElementById is not available in dry runs: module code has no DOM; pass what it needs as a parameter or an input, and let the app's widgets show the result`,
		`modules/web/dom/main.js:6:14: error: dry run of web/dom: example "opens a tab": open() threw Error: window.open is not available in dry runs: open a page with navigateTo(url, {}, "NEW_WINDOW")`,
	}
	if len(got) != len(want) {
		t.Fatalf("messages:\n%s", msgs)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("message %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
	calls := example(t, result(t, res, "web/globals"), "confirm and alert")
	if len(calls.Alerts) != 1 || calls.Alerts[0] != "Deleted" {
		t.Errorf("alerts %q, want [Deleted]", calls.Alerts)
	}
}

// TestBrowserGlobalsLimits: huge inputs to the browser globals throw a
// RangeError before allocating past the memory limit (testdata/browser_limits),
// a deep value is cloned without recursion, and showing the stand-ins
// (console.log, JSON.stringify, await) is harmless.
func TestBrowserGlobalsLimits(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector slows goja down past the time budgets this test relies on")
	}
	// A small memory limit keeps the inputs small (the limits are a quarter
	// of it), and a long time budget keeps a loaded machine from failing
	// the test: it is about memory.
	res, msgs := Run(load(t, "testdata/browser_limits"), Options{MemoryLimit: 32 << 20, Timeout: 5 * time.Second})
	if len(msgs) > 0 {
		t.Errorf("messages:\n%s", msgs)
	}
	for _, e := range res[0].Examples {
		if !e.Passed {
			t.Errorf("example %q: %s (%s)", e.Name, e.Error, e.Result)
		}
	}
}

// BenchmarkInstallBrowser measures what the browser globals add to a dry
// run: for a module that names none of them (the benchmark module of
// BenchmarkDryRun), nothing but a look at the bits of the one scan the
// guards make anyway (scanned outside the timer here), appsmith.URL
// included; for one that names URL, two accessors; for one that reads a
// global, running browser.js and building the global's group.
func BenchmarkInstallBrowser(b *testing.B) {
	in := load(b, "testdata/bench")[0]
	text := in.Main.Source.Text
	for _, q := range in.Module.Queries {
		text += in.Requests[q.Name]
	}
	lim := newLimits(DefaultMemoryLimit)
	for _, c := range []struct{ name, code, read string }{
		{"names=none", text, ""},
		{"names=appsmith.URL", text + "appsmith.URL", ""},
		{"names=URL", text + "new URL(u)", ""},
		{"names=window", text + "window", ""},
		{"reads=navigator", text + "navigator", "navigator.language"},
		{"reads=URL", text + "URL", "new URL('https://example.com/?a=1').searchParams.get('a')"},
		{"reads=window", text + "window", "window.navigator.language"},
	} {
		prog := goja.MustCompile("read.js", c.read, true)
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				vm := goja.New()
				found := codeNames.scan(c.code)
				b.StartTimer()
				installBrowser(vm, c.code, found, nil, lim, nil)
				if c.read != "" {
					if _, err := vm.RunProgram(prog); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// TestDialogsRecorded: confirm and alert are recorded (expectCalls) in code
// that names nothing else runtime.js records for (its recording is created
// only for code that can record: host.uses.dialogs), whether named or
// reached through window, and at the top level as in examples.
func TestDialogsRecorded(t *testing.T) {
	fsys := fstest.MapFS{
		"modules/web/named/module.json": {Data: []byte(`{ "kind": "js", "description": "names alert only" }`)},
		"modules/web/named/main.js": {Data: []byte(`export default {
  warn(m) {
    alert(m);
    return 1;
  },
};
`)},
		"modules/web/named/examples.json": {Data: []byte(`[{ "name": "alerts", "call": "warn", "args": ["hi"], "expect": 1, "expectCalls": [["alert", "hi"]] }]`)},
		"modules/web/win/module.json":     {Data: []byte(`{ "kind": "js", "description": "reaches confirm through window" }`)},
		"modules/web/win/main.js": {Data: []byte(`export default {
  ask() {
    return window.confirm("sure?");
  },
};
`)},
		"modules/web/win/examples.json": {Data: []byte(`[{ "name": "asks", "call": "ask", "expect": true, "expectCalls": [["confirm", "sure?"]] }]`)},
	}
	ws, msgs := workspace.Load(fsys)
	if msgs.HasErrors() {
		t.Fatalf("workspace:\n%s", msgs)
	}
	var ins []Input
	for _, m := range ws.Packages[0].Modules {
		ins = append(ins, input(t, m))
	}
	res, msgs := Run(ins, Options{})
	if len(msgs) > 0 {
		t.Errorf("messages:\n%s", msgs)
	}
	if len(res) != 2 {
		t.Fatalf("%d results", len(res))
	}
	for _, r := range res {
		if len(r.Examples) != 1 {
			t.Fatalf("%s: %d examples", r.Module, len(r.Examples))
		}
		for _, e := range r.Examples {
			if !e.Passed {
				t.Errorf("%s, example %s: error %q, result %s", r.Module, e.Name, e.Error, e.Result)
			}
		}
	}
}
