package dryrun

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// TestAPIWhereReachable checks that the runtime API runtime.js creates only
// for code that names it (apiNames) is there for code that reaches it
// without naming it: through an escape hatch (globalThis) or through the
// factory's arguments (which analysis rejects, but the dry run does not
// rely on it).
func TestAPIWhereReachable(t *testing.T) {
	fsys := fstest.MapFS{
		"modules/api/hatch/module.json": {Data: []byte(`{ "kind": "js", "description": "reaches globals by computed names" }`)},
		"modules/api/hatch/main.js": {Data: []byte(`export default {
  kinds() {
    const g = globalThis;
    return ["set" + "Timeout", "con" + "sole", "at" + "ob", "clear" + "Interval"].map((n) => typeof g[n]);
  },
};
`)},
		"modules/api/hatch/examples.json": {Data: []byte(`[{ "name": "globals", "call": "kinds", "expect": ["function", "object", "function", "function"] }]`)},
		"modules/api/args/module.json":    {Data: []byte(`{ "kind": "js", "description": "reaches the instance API through arguments" }`)},
		"modules/api/args/main.js": {Data: []byte(`export default {
  kinds: () => [typeof arguments[0], typeof arguments[0]["store" + "Value"]],
};
`)},
		"modules/api/args/examples.json": {Data: []byte(`[{ "name": "api", "call": "kinds", "expect": ["object", "function"] }]`)},
		"modules/api/named/module.json":  {Data: []byte(`{ "kind": "js", "description": "names the API" }`)},
		"modules/api/named/main.js": {Data: []byte(`export default {
  kinds() {
    return [typeof setTimeout, typeof console.log, typeof storeValue, typeof showAlert, typeof appsmith.store, typeof inputs, typeof atob];
  },
};
`)},
		"modules/api/named/examples.json": {Data: []byte(`[{ "name": "api", "call": "kinds", "expect": ["function", "function", "function", "function", "object", "object", "function"] }]`)},
	}
	ws, msgs := workspace.Load(fsys)
	if msgs.HasErrors() {
		t.Fatalf("workspace:\n%s", msgs)
	}
	var ins []Input
	for _, m := range ws.Packages[0].Modules {
		if m.Name != "args" {
			ins = append(ins, input(t, m))
			continue
		}
		main, _ := jsmod.Analyze(m.Main, jsmod.Env{}) // "unknown identifier arguments"
		if main == nil {
			t.Fatal("api/args did not analyse")
		}
		ins = append(ins, Input{Module: m, Main: main})
	}
	res, msgs := Run(ins, Options{})
	if len(msgs) > 0 {
		t.Errorf("messages:\n%s", msgs)
	}
	for _, r := range res {
		for _, e := range r.Examples {
			if !e.Passed {
				t.Errorf("%s, example %s: error %q, result %s", r.Module, e.Name, e.Error, e.Result)
			}
		}
	}
}

// TestInitializers checks that a module's computed initializers run in
// order through the runtime's $modcInit (created only for a factory that
// uses it), a throwing one leaving its variable undefined with a warning.
func TestInitializers(t *testing.T) {
	fsys := fstest.MapFS{
		"modules/api/init/module.json": {Data: []byte(`{ "kind": "js", "description": "computed initializers" }`)},
		"modules/api/init/main.js": {Data: []byte(`export default {
  base: 2,
  doubled: [1, 2].map((x) => x * 2),
  broken: JSON.parse("{"),
  f() {
    return this.doubled;
  },
};
`)},
	}
	ws, msgs := workspace.Load(fsys)
	if msgs.HasErrors() {
		t.Fatalf("workspace:\n%s", msgs)
	}
	res, msgs := Run([]Input{input(t, ws.Packages[0].Modules[0])}, Options{})
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, `the initial value of "broken" threw SyntaxError`) {
		t.Errorf("messages:\n%s\nwant one warning that broken threw", msgs)
	}
	got := map[string]string{}
	for _, m := range res[0].Members {
		got[m.Name] = string(m.Value)
	}
	if got["base"] != "2" || got["doubled"] != "[2,4]" || got["broken"] != "" {
		t.Errorf("members %q, want base 2, doubled [2,4], broken undefined", got)
	}
}

// TestMainObjectCopy checks the copy of the exported object into the Main
// object (this of its arrow members and initializers): every member, the
// functions wrapped, and a member named __proto__ (shorthand) as an own
// property, not the prototype.
func TestMainObjectCopy(t *testing.T) {
	fsys := fstest.MapFS{
		"modules/api/copy/module.json": {Data: []byte(`{ "kind": "js", "description": "members" }`)},
		"modules/api/copy/main.js": {Data: []byte(`const __proto__ = { inherited: true };
export default {
  __proto__,
  n: 1,
  names() {
    return [Object.keys(this).join(","), Object.getPrototypeOf(this) === Object.prototype, typeof this.names.data];
  },
};
`)},
		"modules/api/copy/examples.json": {Data: []byte(`[{ "name": "names", "call": "names", "expect": ["__proto__,n,names", true, "undefined"] }]`)},
	}
	ws, msgs := workspace.Load(fsys)
	if msgs.HasErrors() {
		t.Fatalf("workspace:\n%s", msgs)
	}
	res, msgs := Run([]Input{input(t, ws.Packages[0].Modules[0])}, Options{})
	if len(msgs) > 0 {
		t.Errorf("messages:\n%s", msgs)
	}
	if e := res[0].Examples; len(e) != 1 || !e[0].Passed {
		t.Errorf("examples %+v", e)
	}
}
