package jsmod

import (
	"reflect"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jslib"
)

// TestLibraryUses: a library read only as lib.name records those names
// (so a bundle may hold only them); read any other way (called, passed,
// written to, optional-chained, through the global object), the whole
// library. A name shadowing the library is not a read of it.
func TestLibraryUses(t *testing.T) {
	for _, c := range []struct {
		name, body string
		want       jslib.Uses
	}{
		{"members", `byTeam: (rows) => _.groupBy(rows, "team"), n: (rows) => _.size(_.groupBy(rows, "k")), day: (d) => moment.utc(d).format("LL")`,
			jslib.Uses{"_": {Members: []string{"groupBy", "size"}}, "moment": {Members: []string{"utc"}}}},
		{"called", `a: (x) => _(x).map((v) => v * 2).value(), b: (x) => _.map(x, String)`, jslib.Uses{"_": {Whole: true}}},
		{"passed", `a: (x) => [x].map(_.identity), b: () => Object.keys(_)`, jslib.Uses{"_": {Whole: true}}},
		{"assigned", `a() { _.templateSettings = {}; return _.template("x")(); }`, jslib.Uses{"_": {Whole: true}}},
		{"updated", `a() { _.counter++; return _.get({}, "a"); }`, jslib.Uses{"_": {Whole: true}}},
		{"deleted", `a() { delete _.get; return 1; }`, jslib.Uses{"_": {Whole: true}}},
		{"compound", `a() { _.x += 1; }`, jslib.Uses{"_": {Whole: true}}},
		{"optional", `a: (o) => _?.get(o, "a")`, jslib.Uses{"_": {Whole: true}}},
		{"bracket", `a: (o, f) => _[f](o)`, jslib.Uses{"_": {Whole: true}}},
		{"shadowed", `a: (_) => _.anything(1), b: (x) => _.clamp(x, 0, 1)`, jslib.Uses{"_": {Members: []string{"clamp"}}}},
		{"global object", `a: (rows) => window._.groupBy(rows, "k"), b: () => globalThis.moment().year(), c: () => window.location.href, d: (x) => _.clamp(x, 0, 1)`,
			jslib.Uses{"_": {Whole: true}, "moment": {Whole: true}}},
		{"global object, no library", `a: () => window.innerWidth + globalThis.Math.PI`, nil},
		{"none", `a: (x) => x + 1`, nil},
	} {
		src := diag.NewSource("modules/p/m/main.js", "export default {\n  "+c.body+",\n};\n")
		main, msgs := Analyze(src, Env{})
		if main == nil || msgs.HasErrors() {
			t.Fatalf("%s: %s", c.name, msgs)
		}
		if !reflect.DeepEqual(main.LibraryUses, c.want) {
			t.Errorf("%s: uses %+v, want %+v", c.name, main.LibraryUses, c.want)
		}
	}
}

// TestGlobalReadsOfLibraries: window._ and globalThis.moment read the
// libraries themselves in the factory (a bundle holds them in variables,
// not as globals of the page), every line and column kept; a local _ and
// window's other properties are left alone.
func TestGlobalReadsOfLibraries(t *testing.T) {
	src := diag.NewSource("modules/p/m/main.js", "export default {\n  a: (l) => window._.chunk(l, 2),\n  b: () => globalThis\n    .moment(),\n  c: (_) => window._,\n  d: () => window.location.href,\n};\n")
	main, msgs := Analyze(src, Env{})
	if main == nil || msgs.HasErrors() {
		t.Fatal(msgs)
	}
	got := main.Factory(Env{})
	for _, want := range []string{"  a: (l) =>        _.chunk(l, 2),\n", "  b: () =>           \n     moment(),\n", "  c: (_) => window._,\n", "  d: () => window.location.href,\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("the factory has no %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n"); n != strings.Count(src.Text, "\n")+1 { // and its closing "\n}"
		t.Errorf("the factory has %d line breaks, main.js %d", n, strings.Count(src.Text, "\n"))
	}
}
