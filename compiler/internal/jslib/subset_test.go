package jslib

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// TestLodashSubsetMembers: every member Subset gives alone is a member of
// the whole lodash of the same type, and one subset of all of them builds
// (no esbuild error or warning) and loads.
func TestLodashSubsetMembers(t *testing.T) {
	var names []string
	for name := range lodashFiles() {
		if !lodashWhole[name] {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	if len(names) < 250 {
		t.Fatalf("lodash-es gives %d members, want the ~300 of lodash", len(names))
	}
	whole, sub := Builtin("_"), Builtin("_").Subset(names)
	if sub == whole || !slices.Equal(sub.Members(), names) {
		t.Fatal("no subset of every member")
	}
	types := func(l *Library) map[string]string {
		vm := goja.New()
		v, err := l.Load(vm)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		vm.Set("lib", v)
		for _, n := range names {
			r, err := vm.RunString("typeof lib." + n)
			if err != nil {
				t.Fatal(err)
			}
			out[n] = r.String()
		}
		return out
	}
	tw, ts := types(whole), types(sub)
	for _, n := range names {
		if tw[n] != ts[n] || ts[n] == "undefined" {
			t.Errorf("_.%s: %s in the subset, %s in lodash", n, ts[n], tw[n])
		}
	}
}

// TestLodashSubsetResults: code that calls a few lodash functions gets the
// same results from a subset of just those as from the whole lodash.
func TestLodashSubsetResults(t *testing.T) {
	for _, c := range []struct {
		members []string
		code    string
	}{
		{[]string{"groupBy", "size"}, `[_.size(_.groupBy([{k: "a"}, {k: "b"}, {k: "a"}], "k")), _.groupBy([6.1, 4.2, 6.3], Math.floor)]`},
		{[]string{"get", "set", "cloneDeep", "isEqual"}, `(() => { const a = {x: [{y: "é"}]}; const b = _.cloneDeep(a); _.set(b, "x[0].z", 1); return [_.get(b, "x[0].y"), _.isEqual(a, b), _.get(a, "no.such", "d")]; })()`},
		// The placeholder is _ itself, as in the whole lodash.
		{[]string{"partial", "partialRight", "curry", "bind"}, `[_.partialRight((a, b, c) => [a, b, c], _.partialRight.placeholder, 2)(1, 3), _.partial((a, b) => a - b, _.partial.placeholder, 1)(5), _.curry((a, b, c) => a + b + c)(_.curry.placeholder, 2)(1)(3), _.bind.placeholder === _, _.partial.placeholder === _]`},
		{[]string{"orderBy", "uniqBy", "sumBy", "debounce", "escape", "camelCase"}, `[_.orderBy([{n: 2}, {n: 1}], ["n"], ["desc"]), _.uniqBy([1.1, 1.2, 2.5], Math.floor), _.sumBy([{v: 1}, {v: 2}], "v"), typeof _.debounce(() => 1, 5), _.escape("<a>&"), _.camelCase("Année scolaire")]`},
	} {
		sub := Builtin("_").Subset(c.members)
		if sub == Builtin("_") {
			t.Fatalf("%v: no subset", c.members)
		}
		run := func(l *Library) string {
			vm := goja.New()
			v, err := l.Load(vm)
			if err != nil {
				t.Fatal(err)
			}
			vm.Set("_", v)
			r, err := vm.RunString("JSON.stringify(" + c.code + ")")
			if err != nil {
				t.Fatalf("%v: %v", c.members, err)
			}
			return r.String()
		}
		if got, want := run(sub), run(Builtin("_")); got != want {
			t.Errorf("%v: subset gives %s, lodash %s", c.members, got, want)
		}
		if src := sub.Source(); len(src) >= len(Builtin("_").Source())/2 || !strings.Contains(src, "@license") {
			t.Errorf("%v: the subset has %d bytes (lodash %d), licence comment %v", c.members, len(src), len(Builtin("_").Source()), strings.Contains(src, "@license"))
		}
	}
}

// TestLodashSubsetWhole: members that need the whole lodash, a member it
// does not have (Object.prototype's names, text that is no name), and
// other libraries give the library itself.
func TestLodashSubsetWhole(t *testing.T) {
	l := Builtin("_")
	for _, members := range [][]string{nil, {"chain"}, {"groupBy", "template"}, {"VERSION"}, {"noSuchFunction"},
		{"constructor"}, {"__proto__"}, {"hasOwnProperty"}, {"année"}, {"get', x: alert(1), y: '"}, {"wrapperValue"}} {
		if l.Subset(members) != l {
			t.Errorf("Subset(%q) is not the whole lodash", members)
		}
	}
	if m := Builtin("moment"); m.Subset([]string{"utc"}) != m {
		t.Error("moment has a subset")
	}
	if a, b := l.Subset([]string{"size", "groupBy"}), l.Subset([]string{"groupBy", "size", "size"}); a != b {
		t.Error("the same members give two subsets")
	}
	if b, err := json.Marshal(l.Subset([]string{"get"})); err != nil || string(b) == "" {
		t.Error(err)
	}
}

// BenchmarkLoadSubset evaluates a lodash subset of two functions in a
// fresh VM (compare BenchmarkLoad/lodash, the whole library).
func BenchmarkLoadSubset(b *testing.B) {
	l := Builtin("_").Subset([]string{"groupBy", "size"})
	if _, err := l.Program(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := l.Load(goja.New()); err != nil {
			b.Fatal(err)
		}
	}
}
