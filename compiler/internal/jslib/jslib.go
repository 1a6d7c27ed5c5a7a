// Package jslib holds the JS libraries module code may use without
// importing them, as in an Appsmith JS object: the built-in ones Appsmith
// gives every JS object (_, moment, xmlParser, forge), vendored at the
// versions Appsmith ships, and the libraries a workspace installs with npm
// and declares in modc.json's "libraries".
//
// A library is CommonJS source: a package bundle that uses it holds it once,
// in front of the code esbuild bundles (see Expression), and a package that
// does not holds none of it; dry runs evaluate the same source in their
// goja VM the first time module code reads its name.
package jslib

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"github.com/modc-dev/modc/compiler/internal/dryrun/uregexp"
)

//go:embed vendor/*.js vendor/LICENSE.*
var vendor embed.FS

// Library is one JS library module code reads through a global name.
type Library struct {
	// Global is the name module code uses: "_", "moment".
	Global string
	// Package is the npm package it comes from, Version its version.
	Package, Version string
	// Docs is where the library is documented.
	Docs string
	// File is the vendored file of a built-in ("vendor/lodash.min.js");
	// empty for a workspace library.
	File string

	// members are the only members of a subset (see Subset); nil for the
	// whole library.
	members []string

	once   sync.Once
	source string
	prog   *goja.Program
	err    error
}

// Builtins are the libraries every module may use, as Appsmith gives them
// to every JS object, at the versions Appsmith ships.
var Builtins = []*Library{
	{Global: "_", Package: "lodash", Version: "4.17.21", Docs: "https://lodash.com/docs/4.17.21", File: "vendor/lodash.min.js"},
	{Global: "moment", Package: "moment", Version: "2.29.4", Docs: "https://momentjs.com/docs/", File: "vendor/moment.min.js"},
	{Global: "xmlParser", Package: "fast-xml-parser", Version: "3.17.5", Docs: "https://github.com/NaturalIntelligence/fast-xml-parser/tree/v3.17.5", File: "vendor/fast-xml-parser.min.js"},
	{Global: "forge", Package: "node-forge", Version: "1.3.0", Docs: "https://github.com/digitalbazaar/forge/tree/v1.3.0", File: "vendor/forge.min.js"},
}

var builtins = func() map[string]*Library {
	m := make(map[string]*Library, len(Builtins))
	for _, l := range Builtins {
		m[l.Global] = l
	}
	return m
}()

// New returns a workspace library: the npm package pkg at version, read as
// global, with its CommonJS source (see Bundle).
func New(global, pkg, version, source string) *Library {
	return &Library{Global: global, Package: pkg, Version: version, source: source}
}

// MarshalJSON describes l by its names, version and a hash of its source,
// so a cache key that covers it changes with its code.
func (l *Library) MarshalJSON() ([]byte, error) {
	sum := sha256.Sum256([]byte(l.Source()))
	return json.Marshal(map[string]string{"global": l.Global, "package": l.Package, "version": l.Version, "sha256": hex.EncodeToString(sum[:])})
}

// Builtin returns the built-in library read as global, or nil.
func Builtin(global string) *Library { return builtins[global] }

// BuiltinNames returns the globals of the built-in libraries, sorted.
func BuiltinNames() []string {
	names := make([]string, 0, len(Builtins))
	for _, l := range Builtins {
		names = append(names, l.Global)
	}
	sort.Strings(names)
	return names
}

// License returns the licence text a built-in library ships with.
func (l *Library) License() string {
	if l.File == "" {
		return ""
	}
	data, _ := vendor.ReadFile("vendor/LICENSE." + l.Package)
	return string(data)
}

// ImportPath is the path a bundle imports l from: "modc:lib/<package>" in
// modc's virtual namespace for a built-in, the npm package otherwise.
func (l *Library) ImportPath() string {
	if l.File != "" {
		return "lib/" + l.Package
	}
	return l.Package
}

// BuiltinByPath returns the built-in library whose ImportPath is path, or nil.
func BuiltinByPath(path string) *Library {
	for _, l := range Builtins {
		if l.ImportPath() == path {
			return l
		}
	}
	return nil
}

// Source returns the library's CommonJS source.
func (l *Library) Source() string {
	l.load()
	return l.source
}

// Expression returns a JS expression whose value is what the library
// leaves in module.exports. Bundles put it, unparsed, in front of their
// code (esbuild would only parse and print minified code again). Its
// require is none, as in a browser: a library that requires optional files
// (moment's locales) goes on without them. window, self and global are
// globalThis, as in the dry runs, so that a library written for browsers
// also loads where there is no window (node, workers).
func (l *Library) Expression() string {
	return "(() => {\nvar module = { exports: {} };\n(function (module, exports, require, window, self, global) {\n" + l.Source() +
		"\n}).call(module.exports, module, module.exports, undefined, globalThis, globalThis, globalThis);\nreturn module.exports;\n})()"
}

// Program returns the library compiled for goja as a function expression
// of (module, exports, window, self, global), which leaves the library in
// module.exports; it is compiled once per process.
func (l *Library) Program() (*goja.Program, error) {
	l.load()
	return l.prog, l.err
}

func (l *Library) load() {
	l.once.Do(func() {
		switch {
		case l.members != nil:
			l.source, l.err = lodashSubset(l.Version, l.members)
			if l.err != nil {
				return
			}
		case l.File != "":
			data, err := vendor.ReadFile(l.File)
			if err != nil {
				l.err = fmt.Errorf("reading the built-in library %s: %w", l.Package, err)
				return
			}
			l.source = string(data)
		}
		// A trailing sourceMappingURL names a file that is not shipped.
		src := l.source
		if i := strings.LastIndex(src, "\n//# sourceMappingURL="); i >= 0 {
			src = src[:i]
		}
		// uregexp: \p{…} in the library's regular expression literals.
		l.prog, l.err = uregexp.Compile("modc:lib/"+l.Package+".js", "(function (module, exports, window, self, global) {"+src+"\n})", false)
		if l.err != nil {
			l.err = fmt.Errorf("compiling the library %s for dry runs: %w", l.Package, l.err)
		}
	})
}

// Load evaluates l in vm and returns what it exports.
func (l *Library) Load(vm *goja.Runtime) (goja.Value, error) {
	prog, err := l.Program()
	if err != nil {
		return nil, err
	}
	fv, err := vm.RunProgram(prog)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", l.Package, err)
	}
	f, ok := goja.AssertFunction(fv)
	if !ok {
		return nil, fmt.Errorf("loading %s: not a function", l.Package)
	}
	module := vm.NewObject()
	exports := vm.NewObject()
	if err := module.Set("exports", exports); err != nil {
		return nil, fmt.Errorf("loading %s: %w", l.Package, err)
	}
	g := vm.GlobalObject()
	if _, err := f(goja.Undefined(), module, exports, g, g, g); err != nil {
		return nil, fmt.Errorf("loading %s: %w", l.Package, err)
	}
	return module.Get("exports"), nil
}
