package dryrun

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// TestTopLevelWithoutBodies: a module without examples is first run with
// its function bodies left out. Its top level cannot call them (an
// initializer sees only the variables before it), so the result and the
// messages are those of the whole module, errors and all.
func TestTopLevelWithoutBodies(t *testing.T) {
	mods := map[string]string{
		"plain": `export default {
  rate: 0.2,
  label: "Net " + "price",
  net(gross) {
    const n = gross / (1 + this.rate);
    return Math.round(n * 100) / 100;
  },
  fmt: (v) => {
    return v.toFixed(2) + " €";
  },
  bad: undefined.x,
};
`,
		"init_calls": `export default {
  double(x) {
    const y = x * 2;
    return y;
  },
  base: 2,
  total: this.double(this.base),
};
`,
		"init_catches": `export default {
  f() { return "ran";    },
  v: (() => { try { return this.f(); } catch (e) { return "caught"; } })(),
};
`,
		"top_throws": `const before = 1;
export default {
  async load() {
    await storeValue("k", before);
    return before;
  },
  *gen() {
    yield 1;
  },
  s: before.toFixed(1),
};
throw new Error("never reached: the factory returned");
`,
	}
	ws := lazyWorkspace(t, mods)
	opts := Options{}
	opts.defaults()
	for _, mod := range ws.Packages[0].Modules {
		in := input(t, mod)
		t.Run(mod.Name, func(t *testing.T) {
			if in.Main.WithoutBodies(lazyStub) == in.Main {
				t.Fatal("no body was left out")
			}
			lazyRes, lazyMsgs, called := runModuleOnce(&in, &opts, nil, true)
			if called {
				t.Fatal("without bodies, the top level called a function")
			}
			fullRes, fullMsgs, _ := runModuleOnce(&in, &opts, nil, false)
			if !reflect.DeepEqual(lazyRes, fullRes) || !reflect.DeepEqual(lazyMsgs, fullMsgs) {
				t.Errorf("the run without bodies differs:\n%+v\n%s\nwant\n%+v\n%s", lazyRes, lazyMsgs, fullRes, fullMsgs)
			}
			if len(fullMsgs) == 0 && (mod.Name == "plain" || mod.Name == "init_calls") {
				t.Errorf("want the initializer's warning, got none")
			}
		})
	}
}

// TestTopLevelCallsLeftOutBody: should a body left out be called all the
// same, the module is run again whole. No top level of today's runtime
// can call a member's function, so the test points a member's body span
// at a helper the top level calls.
func TestTopLevelCallsLeftOutBody(t *testing.T) {
	main := `function helper() {
  return 40 + 2;
}
function fails() {
  throw new Error("boom in the body");
}
export default {
  n: helper(),
  caught: (() => { try { return helper(); } catch (e) { return "caught"; } })(),
  bad: fails(),
};
`
	ws := lazyWorkspace(t, map[string]string{"helped": main})
	opts := Options{}
	opts.defaults()
	in := input(t, ws.Packages[0].Modules[0])
	m := *in.Main
	for _, fn := range []string{"helper", "fails"} {
		from := strings.Index(main, "function "+fn+"() {") + len("function "+fn+"() ")
		to := strings.Index(main[from:], "\n}") + from + 2
		m.Members = append(m.Members, &jsmod.Member{Name: fn, Body: [2]int{from, to}})
	}
	in.Main = &m
	if _, _, called := runModuleOnce(&in, &opts, nil, true); !called {
		t.Fatal("the call of a body left out went unnoticed")
	}
	res, msgs := runModule(&in, &opts, nil)
	want := map[string]string{"n": "42", "caught": "42"}
	for _, mv := range res.Members {
		if w, ok := want[mv.Name]; ok && string(mv.Value) != w {
			t.Errorf("%s = %s, want %s", mv.Name, mv.Value, w)
		}
	}
	if s := msgs.String(); !strings.Contains(s, "modules/p/helped/main.js:10:3") || !strings.Contains(s, "boom in the body") {
		t.Errorf("want the real body's throw, at its initializer (line 10), got:\n%s", s)
	}
}

func lazyWorkspace(t *testing.T, mods map[string]string) *workspace.Workspace {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, main := range mods {
		fsys["modules/p/"+name+"/module.json"] = &fstest.MapFile{Data: []byte(`{ "kind": "js", "description": "a test module" }`)}
		fsys["modules/p/"+name+"/main.js"] = &fstest.MapFile{Data: []byte(main)}
	}
	ws, msgs := workspace.Load(fsys)
	if msgs.HasErrors() {
		t.Fatalf("workspace:\n%s", msgs)
	}
	return ws
}
