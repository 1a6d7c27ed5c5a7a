package bundle

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/modc-dev/modc/compiler/internal/runtime"
	"github.com/modc-dev/modc/internal/nodetest"
)

// TestNodeESM loads the minified ES module bundles in node and exercises
// them through testdata/e2e_node.mjs: independent instances, fn.data,
// queries through a stub fetch with bindings applied, store persistence.
func TestNodeESM(t *testing.T) {
	nodetest.Path(t) // before the bundles are built
	for _, minify := range []bool{true, false} {
		t.Run(fmt.Sprintf("minify=%v", minify), func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, build(t, Options{Version: "1.0.0", Minify: minify}))
			script, err := os.ReadFile("testdata/e2e_node.mjs")
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "e2e_node.mjs"), script, 0o644); err != nil {
				t.Fatal(err)
			}
			nodetest.Test(t, dir, []string{
				"AUTH=file://" + filepath.Join(dir, "dist/auth/1.0.0/auth.mjs"),
				"UTIL=file://" + filepath.Join(dir, "dist/util/1.0.0/util.mjs"),
			}, "e2e_node.mjs")
		})
	}
}

// TestIIFEScript runs the IIFE bundle as a classic script in node, both as
// Build writes it (the wrapped ES module) and as esbuild's own IIFE build,
// the fallback should the wrapping ever not apply.
func TestIIFEScript(t *testing.T) {
	nodetest.Path(t) // before the bundles are built
	ws, mains := load(t, "testdata/ws")
	files, msgs := Build(ws, mains, Options{Version: "1.0.0", Minify: true})
	if len(msgs) > 0 {
		t.Fatal(msgs)
	}
	b := &builder{ws: ws, pkg: ws.Package("util"), mains: mains, opts: Options{Version: "1.0.0", Minify: true, Global: "modc"}, version: "1.0.0"}
	b.files = map[string]string{runtimePath: runtime.Source()}
	b.origins = map[string]origin{}
	body := b.definition()
	b.files["modc/util/iife.js"] = body + "const g = globalThis.modc || (globalThis.modc = {});\n(g.packages || (g.packages = {})).util = pkg;\n"
	fallback, _, ok := b.esbuild("modc/util/iife.js", "util.js", api.FormatIIFE)
	if !ok {
		t.Fatal(b.msgs)
	}
	dir := t.TempDir()
	for name, code := range map[string][]byte{"wrapped.js": files["dist/util/1.0.0/util.js"], "fallback.js": fallback} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, code, 0o644); err != nil {
			t.Fatal(err)
		}
		script := `const vm = require("vm"), fs = require("fs");
globalThis.modc = { packages: { other: 1 } };
vm.runInThisContext(fs.readFileSync(process.argv[1], "utf8"));
const g = modc.packages.util.createInstance("greeter");
console.log(JSON.stringify([Object.keys(modc.packages).sort(), g.greet("node"), g.greet.data, g.count]));`
		out := nodetest.Run(t, "", nil, "-e", script, p)
		if got, want := strings.TrimSpace(out), `[["other","util"],"Hello, node!","Hello, node!",1]`; got != want {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
}

func TestWrapIIFERefuses(t *testing.T) {
	for _, esm := range []string{
		"var a = 1;\nexport { a as default };\n//# sourceMappingURL=x.mjs.map\n",                        // no banner
		"/* b */\nvar a = import.meta.url;\nexport { a as default };\n//# sourceMappingURL=x.mjs.map\n", // import.meta
		"/* b */\nvar a = 1;\nexport { a };\n//# sourceMappingURL=x.mjs.map\n",                          // no default
		"/* b */\nvar a = 1;\nexport { a as default };\n",                                               // no source map
	} {
		if out, ok := wrapIIFE([]byte(esm), "x.js.map", "modc", "x"); ok {
			t.Errorf("wrapped %q as %q", esm, out)
		}
	}
}
