package npm

import (
	"fmt"
	"sort"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/modc-dev/modc/compiler/internal/bundle"
	"github.com/modc-dev/modc/compiler/internal/runtime"
)

// RuntimePackage is the unscoped npm name of the runtime's package.
const RuntimePackage = "modc-runtime"

// RuntimeName returns the npm name of the runtime's package, in scope
// like the workspace's packages: "modc-runtime", "@acme/modc-runtime".
// The packages' ES modules import the runtime by this name.
func RuntimeName(scope string) string { return Name(scope, RuntimePackage) }

// RuntimeDir returns the npm folder of the runtime's package, relative to
// the output root: "npm/modc-runtime/<version>".
func RuntimeDir(version string) string { return "npm/" + RuntimePackage + "/" + version }

// RuntimeLinkDir returns the second copy of the runtime's package,
// "npm/node_modules/<name>": a package folder installed as a link (npm's
// default for a folder) resolves the runtime's name from its real path,
// up through npm/, and finds it there; every package finds the same one.
func RuntimeLinkDir(scope string) string { return "npm/node_modules/" + RuntimeName(scope) }

// runtimeDTS declares what the runtime's package exports.
const runtimeDTS = `// Types of modc's browser runtime. Each package's ES module calls
// definePackage; a frontend uses the packages' createInstance instead.

` + bundle.StorageLikeDTS + `
/** An in-memory object with the Web Storage API. */
export declare function memoryStorage(): StorageLike & { clear(): void };

/** Returns target as text when navigateTo may go there; throws for other URL schemes. */
export declare function navigable(target: unknown): string;

/** Turns a package description into the package object. */
export declare function definePackage(pkg: {
  name: string;
  version: string;
  global?: string;
  modules: Record<string, unknown>;
}): {
  name: string;
  version: string;
  modules: string[];
  createInstance(name: string, options?: Record<string, any>): any;
};
`

// runtimeFiles makes the runtime's npm package: its ES module and a
// CommonJS build of it, with source maps, types, a README and
// package.json, by file name.
func runtimeFiles(scope string, minify bool) (map[string][]byte, error) {
	name, version := RuntimeName(scope), runtime.Version()
	out := map[string][]byte{}
	for _, b := range []struct {
		file   string
		format api.Format
	}{{"runtime.mjs", api.FormatESModule}, {"runtime.cjs", api.FormatCommonJS}} {
		res := api.Transform(runtime.Source(), api.TransformOptions{
			Loader:            api.LoaderJS,
			Format:            b.format,
			Platform:          api.PlatformNeutral,
			Target:            api.ES2020,
			Sourcefile:        runtime.Path,
			Sourcemap:         api.SourceMapExternal,
			SourcesContent:    api.SourcesContentInclude,
			MinifyWhitespace:  minify,
			MinifyIdentifiers: minify,
			MinifySyntax:      minify,
			Banner:            fmt.Sprintf("/* %s %s, built by modc */", name, version),
			Footer:            "//# sourceMappingURL=" + b.file + ".map",
			LogLevel:          api.LogLevelSilent,
		})
		if len(res.Errors) > 0 {
			return nil, fmt.Errorf("esbuild cannot build the runtime's %s: %s", b.file, res.Errors[0].Text)
		}
		out[b.file], out[b.file+".map"] = res.Code, res.Map
	}
	for _, d := range []string{"runtime.d.ts", "runtime.d.mts", "runtime.d.cts"} {
		out[d] = []byte(runtimeDTS)
	}
	out["README.md"] = []byte("# " + name + "\n\nThe browser runtime of the packages modc builds (" + version + "). Each package's ES module\n" +
		"and CommonJS build import it, so that the packages of one frontend share one copy: one store,\n" +
		"one registry. Install it with them (npm does, from a registry; from folders or tarballs, install\n" +
		"this folder too). The classic scripts (`<package>.js`) carry their own copy and need nothing.\n")
	var list []string
	for f := range out {
		list = append(list, f)
	}
	sort.Strings(list)
	pj := object{
		{"name", name},
		{"version", version},
		{"description", "The browser runtime of modc packages, shared by the packages of a frontend."},
		{"main", "./runtime.cjs"},
		{"module", "./runtime.mjs"},
		{"types", "./runtime.d.ts"},
		{"exports", object{
			{".", object{
				{"import", object{{"types", "./runtime.d.mts"}, {"default", "./runtime.mjs"}}},
				{"require", object{{"types", "./runtime.d.cts"}, {"default", "./runtime.cjs"}}},
			}},
			{"./package.json", "./package.json"},
		}},
		{"sideEffects", false},
		{"files", list},
	}
	data, err := indentJSON(pj)
	if err != nil {
		return nil, err
	}
	out["package.json"] = data
	return out, nil
}
