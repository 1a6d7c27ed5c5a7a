package runtime

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/modc-dev/modc/compiler/internal/app/widgets"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/internal/golden"
)

// APINamesFile lists every name of the runtime API, one per line, for the
// docs' test that content/runtime-api.md documents each
// (site/docs TestRuntimeAPIReference reads it).
const apiNamesFile = "testdata/api-names.txt"

// TestAPINames keeps apiNamesFile the list of the runtime API's names, as
// the code that provides them has them (go test -update rewrites it).
func TestAPINames(t *testing.T) {
	names := runtimeNames(t)
	for _, want := range []string{"createInstance", "mountApp", "storeValue", "showModal", "closeModal",
		"resetWidget", "navigateTo", "Query.run", "Query.clear", "Query.data", "fn.data", "app.unmount"} {
		if !slices.Contains(names, want) {
			t.Errorf("%s is not among the runtime's names found: %s", want, names)
		}
	}
	golden.Check(t, apiNamesFile, strings.Join(names, "\n")+"\n")
}

// runtimeNames lists every name of the runtime API, taken from the code
// that provides it, as the heading content/runtime-api.md must have for it:
// the runtime module's exports; what a package bundle's createInstance
// gives module code (run in goja), its package object, its instances'
// queries (Query.run…) and the appsmith object; the names module code may
// use (jsmod); mountApp and the app it returns (compiler/app).
func runtimeNames(t *testing.T) []string {
	src := Source()
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^export function (\w+)`).FindAllStringSubmatch(src, -1) {
		names = append(names, m[1])
	}
	if len(names) == 0 {
		t.Fatal("runtime.js exports no function")
	}

	// Run the runtime as a script: definePackage, and an instance of a JS
	// module and of a query module.
	vm := goja.New()
	script := strings.ReplaceAll(src, "export function", "function") + `
const pkg = definePackage({ name: "p", version: "1.0.0", modules: {
  js: { kind: "js", factory(env) { globalThis.env = env; return { f() {} }; } },
  q: { kind: "query", mock: { data: 1 } },
} });
const o = { storage: memoryStorage() };
pkg.createInstance("js", o);
({
  Pkg: Object.keys(pkg),
  Env: Object.keys(env).filter((k) => !k.startsWith("$")),
  Appsmith: Object.keys(env.appsmith),
  Query: Object.keys(pkg.createInstance("q", o)),
})`
	v, err := vm.RunString(script)
	if err != nil {
		t.Fatalf("run runtime.js: %v", err)
	}
	var got struct{ Pkg, Env, Appsmith, Query []string }
	if err := vm.ExportTo(v, &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range got.Pkg {
		if k == "createInstance" || k == "modules" { // exported by name too
			names = append(names, k)
		} else {
			names = append(names, "package."+k)
		}
	}
	names = append(names, got.Env...)
	for _, k := range got.Appsmith {
		names = append(names, "appsmith."+k)
	}
	for _, k := range got.Query {
		names = append(names, "Query."+k)
	}
	names = append(names, jsmod.RuntimeAPI...)
	names = append(names, jsmod.InstanceAPI...)
	names = append(names, jsmod.PlatformAPI...)
	names = append(names, "fn.data") // wrap's, on every function of an instance

	// The app: app.js exports mountApp (compiler/app/emit.go writes it),
	// which returns mount's object (widgets/mount.js).
	emit, err := os.ReadFile("../app/emit.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`export function (\w+)\(`).FindAllStringSubmatch(string(emit), -1) {
		names = append(names, m[1])
	}
	mount := widgets.Source("mount.js")
	i := strings.LastIndex(mount, "\n  return {\n")
	if i < 0 {
		t.Fatal("mount.js: no returned object found")
	}
	body, _, _ := strings.Cut(mount[i:], "\n  };")
	for _, m := range regexp.MustCompile(`(?m)^    (\w+)[,:(]`).FindAllStringSubmatch(body, -1) {
		names = append(names, "app."+m[1])
	}
	slices.Sort(names)
	return slices.Compact(names)
}
