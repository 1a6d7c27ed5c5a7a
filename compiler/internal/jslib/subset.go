package jslib

import (
	"embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// lodashES is lodash's modular build (the npm package lodash-es, the same
// version as vendor/lodash.min.js): one ES module per function.
//
//go:embed vendor/lodash-es/*.js
var lodashES embed.FS

// lodashWhole are the lodash members that need the whole library: the
// chain (its wrapper has every method), the ones that customise or read
// the lodash object (iteratee, mixin, templateSettings, and template, whose
// templates see it as `_`), and lodash's own housekeeping.
var lodashWhole = map[string]bool{
	"chain": true, "tap": true, "thru": true, "mixin": true, "iteratee": true,
	"template": true, "templateSettings": true, "runInContext": true, "noConflict": true,
	"commit": true, "next": true, "plant": true, "value": true, "valueOf": true, "toJSON": true, "toIterator": true,
	"lodash": true, "default": true,
}

// lodashFiles maps each member lodash-es exports to its file ("groupBy" →
// "groupBy.js"), from the package's lodash.js; not its chain's methods
// (wrapperValue…), which are not members of lodash.
var lodashFiles = sync.OnceValue(func() map[string]string {
	src, err := lodashES.ReadFile("vendor/lodash-es/lodash.js")
	if err != nil {
		return nil
	}
	files := map[string]string{}
	for _, m := range regexp.MustCompile(`export \{ default as (\w+) \} from '\./([\w.]+\.js)';`).FindAllStringSubmatch(string(src), -1) {
		if !strings.HasPrefix(m[1], "wrapper") {
			files[m[1]] = m[2]
		}
	}
	return files
})

// subsets holds the subsets made, by "package:member,member…".
var subsets sync.Map

// Subset returns the library with only members, when module code reads it
// only as lib.member with those names: lodash, whose modular build holds
// each function apart, gives a library of just those functions (and what
// they use), a tenth of its size for a few, and as fast to load in a dry
// run. For any other library, a member lodash cannot give alone, or nil
// members (the library is read as a value), it returns l.
func (l *Library) Subset(members []string) *Library {
	if l.File != "vendor/lodash.min.js" || members == nil {
		return l
	}
	files := lodashFiles()
	members = slices.Clone(members)
	slices.Sort(members)
	members = slices.Compact(members)
	for _, m := range members {
		if _, ok := files[m]; !ok || lodashWhole[m] {
			return l
		}
	}
	key := l.Package + ":" + strings.Join(members, ",")
	if s, ok := subsets.Load(key); ok {
		return s.(*Library)
	}
	s, _ := subsets.LoadOrStore(key, &Library{Global: l.Global, Package: l.Package, Version: l.Version, Docs: l.Docs, File: l.File, members: members})
	return s.(*Library)
}

// Members returns the members a subset holds; nil for a whole library.
func (l *Library) Members() []string { return l.members }

// placeholders are the lodash functions whose placeholder is _ itself.
var placeholders = map[string]bool{"bind": true, "bindKey": true, "curry": true, "curryRight": true, "partial": true, "partialRight": true}

// lodashSubset bundles the lodash-es functions members into one minified
// CommonJS file whose module.exports has exactly them.
func lodashSubset(version string, members []string) (string, error) {
	files := lodashFiles()
	var entry strings.Builder
	for i, m := range members {
		fmt.Fprintf(&entry, "import m%d from './%s';\n", i, files[m])
	}
	entry.WriteString("module.exports = {")
	for i, m := range members {
		fmt.Fprintf(&entry, " %s: m%d,", m, i)
	}
	entry.WriteString(" };\n")
	// As in the whole lodash, the placeholder of the functions that take
	// one is the library object itself (lodash-es gives each its own {}).
	for i, m := range members {
		if placeholders[m] {
			fmt.Fprintf(&entry, "m%d.placeholder = module.exports;\n", i)
		}
	}
	banner := "/**\n * @license\n * Lodash " + version + " <https://lodash.com/>, only " + strings.Join(members, ", ") +
		" (from lodash-es)\n * Copyright OpenJS Foundation and other contributors <https://openjsf.org/>\n" +
		" * Released under MIT license <https://lodash.com/license>\n" +
		" * Based on Underscore.js 1.8.3 <http://underscorejs.org/LICENSE>\n" +
		" * Copyright Jeremy Ashkenas, DocumentCloud and Investigative Reporters & Editors\n */"
	r := api.Build(api.BuildOptions{
		Stdin:             &api.StdinOptions{Contents: entry.String(), Sourcefile: "lodash-subset.js", Loader: api.LoaderJS},
		Bundle:            true,
		Format:            api.FormatCommonJS,
		Platform:          api.PlatformNeutral,
		MinifySyntax:      true,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		LegalComments:     api.LegalCommentsNone,
		Banner:            map[string]string{"js": banner},
		LogLevel:          api.LogLevelSilent,
		Plugins: []api.Plugin{{Name: "lodash-es", Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: `^\./`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: strings.TrimPrefix(a.Path, "./"), Namespace: "lodash-es"}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "lodash-es"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				src, err := lodashES.ReadFile("vendor/lodash-es/" + a.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				text := string(src)
				return api.OnLoadResult{Contents: &text, Loader: api.LoaderJS}, nil
			})
		}}},
	})
	if len(r.Errors) > 0 {
		return "", fmt.Errorf("bundling lodash's %s: %s", strings.Join(members, ", "), r.Errors[0].Text)
	}
	if len(r.Warnings) > 0 {
		return "", fmt.Errorf("bundling lodash's %s: %s", strings.Join(members, ", "), r.Warnings[0].Text)
	}
	return string(r.OutputFiles[0].Contents), nil
}

// Use is how code reads one library global: only as global.member, with
// these Members, or otherwise too (Whole: called, passed, written to).
type Use struct {
	Whole   bool
	Members []string
}

// Uses records how code reads library globals, by global.
type Uses map[string]Use

// Member records a read of global.name.
func (u Uses) Member(global, name string) {
	use := u[global]
	if !use.Whole && !slices.Contains(use.Members, name) {
		use.Members = append(use.Members, name)
		slices.Sort(use.Members)
	}
	u[global] = use
}

// Whole records a read of global other than global.name.
func (u Uses) Whole(global string) { u[global] = Use{Whole: true} }

// Add records the uses of other too.
func (u Uses) Add(other Uses) {
	for global, use := range other {
		if use.Whole {
			u.Whole(global)
			continue
		}
		for _, m := range use.Members {
			u.Member(global, m)
		}
	}
}

// Library returns l, or its subset (see Library.Subset) when the code
// reads it only by member names.
func (u Uses) Library(l *Library) *Library {
	if use, ok := u[l.Global]; ok && !use.Whole && len(use.Members) > 0 {
		return l.Subset(use.Members)
	}
	return l
}

// GlobalObject reports whether name is a name a module may give the
// global object (window, globalThis), through which it may read a
// library too: window._ reads _ as a whole.
func GlobalObject(name string) bool { return name == "window" || name == "globalThis" }
