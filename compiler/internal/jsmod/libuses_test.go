package jsmod

import (
	"reflect"
	"testing"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jslib"
)

// TestLibraryUses: a library read only as lib.name records those names
// (so a bundle may hold only them); read any other way (called, passed,
// written to, optional-chained), the whole library. A name shadowing the
// library is not a read of it.
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
