package npm

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modc-dev/modc/internal/nodetest"
)

// TestCommonJS converts ES modules to CommonJS, by wrapping them (the
// shape esbuild gives bundles) and with esbuild (any other shape), and
// requires the result in node.
func TestCommonJS(t *testing.T) {
	nodetest.Path(t) // before the cases run
	const tail = "\n//# sourceMappingURL=p.mjs.map\n"
	for _, c := range []struct {
		name, esm string
		wrapped   bool
	}{
		{"bundle", "/* p 1.0.0, built by modc */\nvar exports = 1, module = 2;\nconst a = () => exports + module, b = [\"m\"], c = { name: \"p\" };\nexport{a as createInstance,c as default,b as modules};" + tail, true},
		{"bundle unminified", "/* p 1.0.0, built by modc */\nvar createInstance = () => 3;\nvar modules = [\"m\"];\nvar d = { name: \"p\" };\nexport {\n  createInstance,\n  d as default,\n  modules\n};" + tail, true},
		{"legal comments at the end", "/* p 1.0.0, built by modc */\nconst a = () => 3, b = [\"m\"], c = { name: \"p\" };\nexport{a as createInstance,c as default,b as modules};\n/*! lib 1.0 | MIT */\n/**\n * @license other\n */" + tail, true},
		{"no banner", "const a = () => 3, b = [\"m\"], c = { name: \"p\" };\nexport { a as createInstance, c as default, b as modules };" + tail, false},
		{"import.meta", "/* p */\nconst a = () => typeof import.meta == \"object\" ? 3 : 0, b = [\"m\"], c = { name: \"p\" };\nexport { a as createInstance, c as default, b as modules };" + tail, false},
	} {
		_, wrapped := wrapCommonJS([]byte(c.esm), "p.cjs.map")
		if wrapped != c.wrapped {
			t.Errorf("%s: wrapped %v, want %v", c.name, wrapped, c.wrapped)
		}
		f := &folder{pkg: "p", version: "1.0.0"}
		code, sm, err := f.commonJS([]byte(c.esm), []byte(`{"version":3,"sources":["a.js"],"mappings":""}`), false)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if strings.Contains(c.esm, "@license") && !strings.Contains(string(code), "@license other") {
			t.Errorf("%s: the licence comments are gone:\n%s", c.name, code)
		}
		if len(sm) == 0 || !strings.HasSuffix(strings.TrimSpace(string(code)), "//# sourceMappingURL=p.cjs.map") {
			t.Errorf("%s: no source map:\n%s", c.name, code)
		}
		dir := t.TempDir()
		p := filepath.Join(dir, "p.cjs")
		if err := os.WriteFile(p, code, 0o644); err != nil {
			t.Fatal(err)
		}
		script := `const p = require(process.argv[1]); console.log(JSON.stringify([p.__esModule, Object.keys(p).sort(), p.default.name, p.modules, typeof p.createInstance]))`
		out := nodetest.Run(t, "", nil, "-e", script, p)
		if got, want := strings.TrimSpace(out), `[true,["createInstance","default","modules"],"p",["m"],"function"]`; got != want {
			t.Errorf("%s: %s, want %s\n%s", c.name, got, want, code)
		}
	}
}
