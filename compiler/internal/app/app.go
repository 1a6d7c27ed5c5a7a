// Package app compiles the apps of a workspace (SPEC 7): each
// apps/<app>/app.json, whose widgets bind to module instances with mustache
// bindings, becomes a static app under out/apps/<app>/:
//
//	index.html     the page: loads app.js, which mounts the app
//	app.js         an ES module: every binding compiled to a JS function,
//	               the widget runtime, and mountApp(manifest, element, options)
//	app.js.map     its source map (bindings map back to app.json)
//	app.css        the widgets' styles
//	manifest.json  instances, package versions, per widget and property the
//	               binding id and what it reads, the runOnPageLoad order,
//	               the evaluation order and content hashes
//
// Every binding is parsed at build time and its free identifiers are
// resolved against the app's entities — instances (through the analysed
// main.js of their module), widgets and what they expose, appsmith and the
// runtime API — so a typo is a build error at apps/<app>/app.json:line:col,
// and nothing is evaluated with eval or new Function at run time.
//
// The API is a thin facade in the style of esbuild's: one plain Options
// struct, and every problem a diag.Message with a location.
package app

import (
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// Options configures Check and Build. The zero value builds every app
// against packages at version "0.0.0-dev", unminified.
type Options struct {
	// Version is the working tree's version of every package not in
	// Versions (default "0.0.0-dev"); "workspace" selects it.
	Version string
	// Versions maps a package to the version its working tree was built as.
	Versions map[string]string
	// Releases maps a package to its released versions; a semver range in
	// an app resolves to the highest release it allows (or, failing that,
	// to the working tree's version when the range allows it).
	Releases map[string][]string
	// Minify minifies app.js.
	Minify bool
	// Mock makes the built apps answer queries from their mocks (for
	// devserver --mock); a served app also does with ?mock=1 in its URL.
	Mock bool
	// Apps limits the build to these apps, by directory name (default: all).
	Apps []string
}

// Stats counts what one app holds.
type Stats struct {
	App      string `json:"app"`
	Pages    int    `json:"pages"`
	Widgets  int    `json:"widgets"`
	Bindings int    `json:"bindings"` // data bindings, instance inputs included
	Handlers int    `json:"handlers"` // event handlers
}

// Output is what Build produces.
type Output struct {
	// Files holds the output files by path relative to the output root,
	// "apps/<app>/index.html" and so on.
	Files map[string][]byte
	// Apps has one entry per app built.
	Apps []Stats
}

// Check compiles every app of ws without bundling: it reports every
// problem of every app.json. mains holds the analysed main.js of each JS
// module by "package/module" (modules missing from it are not checked
// member by member).
func Check(ws *workspace.Workspace, mains map[string]*jsmod.Main, opts Options) ([]Stats, diag.List) {
	apps, msgs := compileAll(ws, mains, opts)
	var stats []Stats
	for _, a := range apps {
		stats = append(stats, a.stats)
	}
	return stats, msgs
}

// Build compiles every app of ws and bundles it. bundles holds the files
// of the package bundles by output path ("dist/<p>/<v>/<p>.mjs", as
// bundle.Build returns them); an app imports the version of each package
// its "packages" select, which must be among them. An app with errors
// produces no files.
func Build(ws *workspace.Workspace, mains map[string]*jsmod.Main, bundles map[string][]byte, opts Options) (*Output, diag.List) {
	return Compile(ws, mains, opts).Emit(bundles, nil)
}

func compileAll(ws *workspace.Workspace, mains map[string]*jsmod.Main, opts Options) ([]*compiled, diag.List) {
	names, msgs := findApps(ws.FS)
	if opts.Apps != nil {
		var keep []string
		for _, n := range opts.Apps {
			if contains(names, n) {
				keep = append(keep, n)
			} else {
				msgs.Add(diag.Errorf("unknown-app", diag.Location{File: "apps/" + n}, "no app %q in the workspace", n))
			}
		}
		names = keep
	}
	var apps []*compiled
	for _, name := range names {
		f := load(ws.FS, name)
		var a *compiled
		if f.root != nil {
			a = compile(ws, mains, opts, f)
		}
		msgs.Add(f.msgs...)
		if a != nil && !f.msgs.HasErrors() {
			apps = append(apps, a)
		}
	}
	msgs.Sort()
	return apps, msgs
}
