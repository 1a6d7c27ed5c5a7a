package docs

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/modc-dev/modc/compiler/app/widgets"
	"github.com/modc-dev/modc/compiler/jsmod"
	"github.com/modc-dev/modc/compiler/runtime"
)

// runtimeNames lists every name of the runtime API, taken from the code
// that provides it, as the heading content/runtime-api.md must have for it:
// the runtime module's exports; what a package bundle's createInstance
// gives module code (run in goja), its package object, its instances'
// queries (Query.run…) and the appsmith object; the names module code may
// use (jsmod); mountApp and the app it returns (compiler/app).
func runtimeNames(t *testing.T) []string {
	src := runtime.Source()
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
	emit, err := os.ReadFile("../../compiler/app/emit.go")
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

// TestRuntimeAPIReference checks that every name of the runtime API has
// its entry (a heading that is the name as code) on the reference page,
// content/runtime-api.md, and that the search finds it there first.
func TestRuntimeAPIReference(t *testing.T) {
	names := runtimeNames(t)
	for _, want := range []string{"createInstance", "mountApp", "storeValue", "showModal", "closeModal",
		"resetWidget", "navigateTo", "Query.run", "Query.clear", "Query.data", "fn.data", "app.unmount"} {
		if !slices.Contains(names, want) {
			t.Errorf("%s is not among the runtime's names found: %s", want, names)
		}
	}
	files := render(t, "../..", Options{})
	all, err := entries(files["search-index.json"])
	if err != nil {
		t.Fatal(err)
	}
	entry := map[string]SearchEntry{}
	for _, e := range all {
		if e.Kind == "api" && strings.HasPrefix(e.URL, "runtime-api/#") {
			entry[e.Title] = e
		}
	}
	for _, n := range names {
		e, ok := entry[n]
		if !ok {
			t.Errorf("content/runtime-api.md has no entry for %s: add a heading \"## `%s`\"", n, n)
			continue
		}
		if e.Text == "" {
			t.Errorf("the entry of %s says nothing", n)
		}
	}
	for title := range entry {
		if !slices.Contains(names, title) {
			t.Errorf("content/runtime-api.md has an entry for %s, which the runtime does not have", title)
		}
	}
}
