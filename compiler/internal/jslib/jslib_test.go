package jslib

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/modc-dev/modc/internal/nodetest"
)

// cases are snippets that use the built-in libraries; each evaluates to a
// JSON-able value, and goja must give what node gives for the same source.
var cases = []struct{ name, code string }{
	{"lodash groupBy", `_.groupBy([{k: "a", n: 1}, {k: "b", n: 2}, {k: "a", n: 3}], "k")`},
	{"lodash chain", `_.chain([3, 1, 2]).sortBy().map((x) => x * 10).value()`},
	{"lodash misc", `[_.get({a: {b: [1, {c: "é"}]}}, "a.b[1].c"), _.uniqBy([1.1, 1.2, 2.5], Math.floor), _.debounce(() => 1, 10) instanceof Function, _.VERSION]`},
	{"lodash template", `_.escape("<a href='x'>&</a>")`},
	{"moment format", `moment("2024-02-29T13:05:09Z").utc().format("dddd, MMMM Do YYYY, h:mm:ss a")`},
	{"moment math", `[moment.utc("2024-01-31").add(1, "month").format("YYYY-MM-DD"), moment.utc("2024-03-01").diff(moment.utc("2024-02-01"), "days"), moment.utc("2024-12-30").isoWeek(), moment.version]`},
	{"moment parse", `[moment.utc("31/12/2024", "DD/MM/YYYY").toISOString(), moment("not a date", "YYYY-MM-DD", true).isValid(), moment.duration(3725, "seconds").humanize()]`},
	{"xmlParser", `xmlParser.parse('<order id="7"><item qty="2">pen</item><item qty="1">ink</item></order>', {ignoreAttributes: false, attributeNamePrefix: "@"})`},
	{"xmlParser validate", `[xmlParser.validate("<a><b></a>") === true, xmlParser.validate("<a/>")]`},
	{"forge sha256", `forge.md.sha256.create().update("modc ✓", "utf8").digest().toHex()`},
	{"forge base64 hmac", `(() => { const h = forge.hmac.create(); h.start("sha1", "key"); h.update("message"); return [h.digest().toHex(), forge.util.encode64("hi there")]; })()`},
}

func TestLibrariesAgreeWithNode(t *testing.T) {
	nodetest.SkipIfMissing(t)
	dir := t.TempDir()
	var script strings.Builder
	// node loads each library as goja does: its source in a function of
	// (module, exports, window, self, global), window being the global object.
	script.WriteString("const fs = require('fs'), vm = require('vm');\nconst out = {};\n")
	script.WriteString("const load = (f) => { const m = {exports: {}}; vm.runInThisContext('(function (module, exports, window, self, global) {' + fs.readFileSync(f, 'utf8') + '\\n})')(m, m.exports, globalThis, globalThis, globalThis); return m.exports; };\n")
	for _, l := range Builtins {
		file := filepath.Join(dir, filepath.Base(l.File))
		if err := os.WriteFile(file, []byte(l.Source()), 0o644); err != nil {
			t.Fatal(err)
		}
		script.WriteString("globalThis[" + quote(l.Global) + "] = load(" + quote(file) + ");\n")
	}
	for _, c := range cases {
		script.WriteString("out[" + quote(c.name) + "] = JSON.stringify(" + c.code + ");\n")
	}
	script.WriteString("console.log(JSON.stringify(out));\n")
	js := filepath.Join(dir, "run.js")
	if err := os.WriteFile(js, []byte(script.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var want map[string]string
	if err := json.Unmarshal([]byte(nodetest.Run(t, dir, []string{"TZ=UTC"}, js)), &want); err != nil {
		t.Fatal(err)
	}

	vm := goja.New()
	for _, l := range Builtins {
		v, err := l.Load(vm)
		if err != nil {
			t.Fatal(err)
		}
		vm.Set(l.Global, v)
	}
	for _, c := range cases {
		v, err := vm.RunString("JSON.stringify(" + c.code + ")")
		if err != nil {
			t.Errorf("%s: goja: %v", c.name, err)
			continue
		}
		if got := v.String(); got != want[c.name] {
			t.Errorf("%s:\n goja %s\n node %s", c.name, got, want[c.name])
		}
	}
}

func quote(s string) string {
	data, _ := json.Marshal(s)
	return string(data)
}

func TestBuiltinsAreVendoredWithLicences(t *testing.T) {
	for _, l := range Builtins {
		if len(l.Source()) < 10000 {
			t.Errorf("%s: source is %d bytes", l.Package, len(l.Source()))
		}
		if !strings.Contains(l.License(), "Permission") && !strings.Contains(l.License(), "BSD") {
			t.Errorf("%s: no licence text", l.Package)
		}
		if Builtin(l.Global) != l || BuiltinByPath(l.ImportPath()) != l {
			t.Errorf("%s: lookups do not find it", l.Global)
		}
	}
}
