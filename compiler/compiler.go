// Package compiler is modc's engine behind one thin facade: Check validates
// a workspace (loading, static checks, dry runs) and Build also produces the
// bundles and writes them. Options are one plain struct; every problem comes
// back as a diag.Message with a location.
package compiler

import (
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/app"
	"github.com/modc-dev/modc/compiler/internal/binding"
	"github.com/modc-dev/modc/compiler/internal/bundle"
	"github.com/modc-dev/modc/compiler/internal/dryrun"
	"github.com/modc-dev/modc/compiler/internal/gitver"
	"github.com/modc-dev/modc/compiler/internal/jslib"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/npm"
	"github.com/modc-dev/modc/compiler/internal/query"
	"github.com/modc-dev/modc/compiler/internal/sri"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/compiler/model"
)

// Options configures Check and Build. The zero value checks the current directory.
type Options struct {
	// Root is the workspace directory (default ".").
	Root string
	// Out is the output directory; relative paths are relative to Root.
	// Default: modc.json's "out", else "out".
	Out string
	// BaseURL overrides modc.json's baseURL.
	BaseURL string
	// DryRunTimeout is the time budget of each dry-run evaluation (default 1s).
	DryRunTimeout time.Duration
	// NoMinify writes unminified bundles.
	NoMinify bool
	// Ref builds or checks a git revision (branch, tag, hash, HEAD~2…) read
	// from the repository's objects, never from the work tree.
	Ref string
	// FS, when set, is the workspace's files instead of the directory Root
	// (Root still locates the git repository).
	FS fs.FS
	// CacheDir keeps the outputs of released versions, by tree hash
	// (default: $MODC_CACHE_DIR, else the user cache dir's modc/releases;
	// "-", here or in $MODC_CACHE_DIR, disables the cache).
	CacheDir string
	// NoReleases builds only the working tree (or Ref), not every release.
	NoReleases bool
	// Strict also reports what Appsmith accepts but plain JS reads
	// otherwise: `this` in arrow-function members and variable initializers
	// (check --strict).
	Strict bool
	// Mock makes the built apps answer their queries from the mocks, so they
	// run offline (devserver --mock).
	Mock bool
	// Progress, when set, is told when each stage of a run starts and ends,
	// on the goroutine running it (the CLI draws a progress line from it).
	Progress func(Progress)
	// ExamplesDoNotBlock builds even when examples fail (their errors
	// "example-failed" and "example-threw" stay in the result, which then
	// has its files too): the devserver serves the new code and lists the
	// failing examples. Every other error still stops the build.
	ExamplesDoNotBlock bool
	// Write, when set, gets output files of a Build as soon as they are
	// final, from several goroutines at once: each package's bundles,
	// meta.json, embed.json and npm folder once the package is bundled
	// (but for a package at a released version, which the releases stage
	// builds again from git), so that their bytes need not stay in memory
	// until the build ends. The Result lists them in Written instead of
	// Files. The build may still fail afterwards, and the caller then
	// discards what Write got (package site writes into a temporary
	// directory). Build does not stop for Write's error: the caller knows
	// it and reports it. A Session (NewSession) does not use Write.
	Write func(path string, data []byte) error
}

// Progress is a stage of a run starting (Done false) or ending.
type Progress struct {
	Stage string
	Done  bool
	// Modules is how many modules the stage works on, when it says (the
	// dry runs do).
	Modules int
	// Duration is how long the stage took, once Done.
	Duration time.Duration
}

// exampleErrors are the errors ExamplesDoNotBlock lets through: the module
// compiles and runs, but an example's expectation does not hold.
var exampleErrors = map[string]bool{"example-failed": true, "example-threw": true}

// blocks reports whether msgs has an error that stops a build under opts.
func (o Options) blocks(msgs diag.List) bool {
	for _, m := range msgs {
		if m.Severity == diag.Error && !(o.ExamplesDoNotBlock && exampleErrors[m.ID]) {
			return true
		}
	}
	return false
}

// Stats counts what a run saw.
type Stats struct {
	Packages int           `json:"packages"`
	Modules  int           `json:"modules"`
	Examples int           `json:"examples"`
	Files    int           `json:"files"`
	Duration time.Duration `json:"duration"`
	Pages    int           `json:"pages"` // docs pages (set by the site writer)
	Apps     int           `json:"apps"`
	Bindings int           `json:"bindings"` // app data bindings and event handlers
	// BuiltReleases and CachedReleases count the released versions built
	// from their commits and those reused from the cache.
	BuiltReleases  int `json:"builtReleases"`
	CachedReleases int `json:"cachedReleases"`
	// Output is what writing the output directory did (set by the site
	// writer once the output is swapped in; zero when nothing was written).
	Output OutputStats `json:"output"`
	// Phases is how long each stage of the run took, in order.
	Phases []Phase `json:"phases,omitempty"`
	// progress is Options.Progress, told of each stage Time runs.
	progress func(Progress)
}

// OutputStats counts what a build did to the files of its output
// directory: a warm build writes only the files whose bytes changed.
type OutputStats struct {
	// Written is the files written: new, or changed since the previous
	// output. WrittenBytes is their size.
	Written      int   `json:"written"`
	WrittenBytes int64 `json:"writtenBytes"`
	// Unchanged is the files with the same path and bytes as in the
	// previous output, kept (hard-linked) rather than written.
	Unchanged int `json:"unchanged"`
	// Linked is the further names of a file of this output with the same
	// bytes (one bundle in dist/, latest/ and npm/).
	Linked int `json:"linked"`
	// Removed is the files of the previous output that the new one has not.
	Removed int `json:"removed"`
}

// Phase is how long one stage of a run took ("load", "check", "bundle"…).
type Phase struct {
	Name     string        `json:"name"`
	Duration time.Duration `json:"duration"`
}

// Time runs f and appends its duration to s.Phases as name.
func (s *Stats) Time(name string, f func()) { s.timeModules(name, 0, f) }

// timeModules is Time for a stage that works on modules modules.
func (s *Stats) timeModules(name string, modules int, f func()) {
	end := s.begin(name, modules)
	f()
	end()
}

// begin starts timing the stage name, which works on modules modules, and
// returns the function that ends it. Stages may overlap; each is recorded
// when it ends. begin and its end are called by the run's goroutine.
func (s *Stats) begin(name string, modules int) (end func()) {
	if s.progress != nil {
		s.progress(Progress{Stage: name, Modules: modules})
	}
	start := time.Now()
	return func() {
		d := time.Since(start)
		s.Phases = append(s.Phases, Phase{Name: name, Duration: d})
		if s.progress != nil {
			s.progress(Progress{Stage: name, Done: true, Modules: modules, Duration: d})
		}
	}
}

// Result is the outcome of Check or Build.
type Result struct {
	Messages  diag.List
	Workspace *workspace.Workspace
	// Mains holds the analysed main.js of each JS module, by "package/module".
	Mains map[string]*jsmod.Main
	// DryRuns holds the dry-run results, by "package/module".
	DryRuns map[string]*dryrun.Result
	// Versions is what git says of each package, in workspace order.
	Versions []gitver.PackageVersions
	// Apps counts what each app holds.
	Apps []app.Stats
	// Released holds, by package and version, what each released version
	// holds — its workspace as committed, analysed modules and dry runs —
	// for the docs' per-version pages (Build only). The Model of such a
	// Result holds only its own package: a release describes one package,
	// and 250 releases each converting a 5,000-module workspace took
	// gigabytes.
	Released map[string]map[string]*Result
	// Files is the output Build produced, by slash path relative to the
	// output directory (nil for Check, or when the build failed). Writing
	// it is the caller's job: see package site.
	Files map[string][]byte
	// Written lists the files of the output that went to Options.Write
	// during the build instead of into Files (nil when the build failed).
	Written []string
	// Outputs are the package versions among Files and Written, typed
	// (Build only).
	Outputs []*PackageOutput
	Stats   Stats
	// OutDir is where the output was written (set by the writer).
	OutDir string

	models    *modelCache // the Session's, shared by its results
	only      string      // a release's package: the only one Model converts
	modelOnce sync.Once
	model     *model.Build
}

// OutputDir returns the directory the build of r goes to under opts: Out,
// else the "out" of the modc.json r read, else "out", relative to Root.
func (r *Result) OutputDir(opts Options) string {
	var cfg workspace.Config
	if r.Workspace != nil {
		cfg = r.Workspace.Config
	}
	return opts.outDir(cfg)
}

// WorkspaceFS is the files of the workspace r read (nil when it could not
// be opened): content/ and templates/ are read from it too.
func (r *Result) WorkspaceFS() fs.FS {
	if r.Workspace == nil {
		return nil
	}
	return r.Workspace.FS
}

// Failed reports whether the run found errors.
func (r *Result) Failed() bool { return r.Messages.HasErrors() }

func (o *Options) defaults() {
	if o.Root == "" {
		o.Root = "."
	}
	if o.DryRunTimeout <= 0 {
		o.DryRunTimeout = time.Second
	}
}

// Check loads the workspace at opts.Root and validates it: every file
// parsed, the static checks, and the dry runs of every module that passed
// them. All problems are reported, not only the first. It is a Session's
// first Check.
func Check(opts Options) *Result {
	s := newSession(opts)
	defer s.closeEngine()
	return s.Check(nil)
}

// Build checks the workspace and, when there are no errors, bundles every
// package at its version from git (a release tag, or a pseudo-version), and
// every released version from its tagged commit (reused from the cache by
// tree hash). It writes nothing: the output is in Result.Files. It is a
// Session's first Build.
func Build(opts Options) *Result {
	s := newSession(opts)
	defer s.closeEngine()
	return s.Build(nil)
}

// bundleOptions builds every package at the version git gives it.
func bundleOptions(opts Options, versions []gitver.PackageVersions, libs []*jslib.Library) bundle.Options {
	o := bundle.Options{
		Libraries:  libs,
		Versions:   map[string]string{},
		TreeHashes: map[string]string{},
		Git:        map[string]bundle.GitMeta{},
		Minify:     !opts.NoMinify,
	}
	for _, pv := range versions {
		o.Versions[pv.Package] = pv.Current
		o.TreeHashes[pv.Package] = pv.TreeHash
		o.Git[pv.Package] = gitMeta(pv)
	}
	return o
}

// workspaceFS returns the workspace's files: opts.Ref's tree in repo, else
// opts.FS, else the directory opts.Root, read through an os.Root so that no
// symbolic link takes a read outside it (workspace.DirFS; returned as dir
// too, for the caller to close).
func workspaceFS(opts Options, repo *gitver.Repo) (fsys fs.FS, dir *workspace.Dir, msg *diag.Message) {
	switch {
	case opts.Ref != "":
		tree, err := repo.TreeFS(opts.Ref)
		if err != nil {
			m := diag.Errorf("git-unknown-revision", diag.Location{File: opts.Root}, "cannot read revision %q: %v", opts.Ref, err)
			return nil, nil, &m
		}
		return tree, nil, nil
	case opts.FS != nil:
		return opts.FS, nil, nil
	}
	dir = workspace.DirFS(opts.Root)
	return dir, dir, nil
}

// countStats fills the counts of r.Stats from the workspace and apps.
func (r *Result) countStats() {
	r.Stats.Packages, r.Stats.Modules, r.Stats.Examples = 0, 0, 0
	for _, p := range r.Workspace.Packages {
		r.Stats.Packages++
		for _, m := range p.Modules {
			r.Stats.Modules++
			r.Stats.Examples += len(m.Examples)
		}
	}
	r.Stats.Apps, r.Stats.Bindings = len(r.Apps), 0
	for _, a := range r.Apps {
		r.Stats.Bindings += a.Bindings + a.Handlers
	}
}

func packageNames(ws *workspace.Workspace) []string {
	names := make([]string, len(ws.Packages))
	for i, p := range ws.Packages {
		names[i] = p.Name
	}
	return names
}

// appOptions resolves apps' package ranges against the versions git reports.
func appOptions(opts Options, versions []gitver.PackageVersions) app.Options {
	o := app.Options{Versions: map[string]string{}, Releases: map[string][]string{}, Minify: !opts.NoMinify, Mock: opts.Mock}
	for _, pv := range versions {
		o.Versions[pv.Package] = pv.Current
		if opts.NoReleases {
			continue // only the working tree is built
		}
		for _, rel := range pv.Releases {
			if !rel.Missing {
				o.Releases[pv.Package] = append(o.Releases[pv.Package], rel.Version.String())
			}
		}
	}
	return o
}

// dryRunInput prepares one module's dry run, with the libraries its code
// reads out of the built-in ones and the workspace's libs, as its
// package's code reads them all (pkgUses, see moduleLibraries); false when
// there is nothing to run.
func dryRunInput(m *workspace.Module, main *jsmod.Main, libs []*jslib.Library, pkgUses jslib.Uses) (dryrun.Input, bool) {
	in := dryrun.Input{Module: m, Main: main, Requests: map[string]string{}, Libraries: moduleLibraries(m, main, libs, pkgUses)}
	switch m.Kind {
	case workspace.KindJS:
		if main == nil {
			return in, false
		}
		for _, q := range m.Queries {
			if q.Request == nil {
				return in, false
			}
			in.Requests[q.Name] = binding.CompileRequestShared(q.Request)
		}
	case workspace.KindQuery:
		if m.Request == nil {
			return in, false
		}
		in.Requests[""] = binding.CompileRequestShared(m.Request)
	}
	return in, true
}

// moduleLibraries returns the libraries m's code reads, main.js's and its
// requests', each once, from the built-in ones and the workspace's libs.
// Each is the library its package's bundle holds: for lodash read only by
// member names, the subset of the names the package's code reads
// (pkgUses, query.PackageUses), which holds every function m reads.
func moduleLibraries(m *workspace.Module, main *jsmod.Main, libs []*jslib.Library, pkgUses jslib.Uses) []*jslib.Library {
	globals := libraryGlobals(libs)
	uses := query.ModuleUses(m, main, globals)
	names := make([]string, 0, len(uses))
	for name := range uses {
		names = append(names, name)
	}
	sort.Strings(names)
	var out []*jslib.Library
	for _, name := range names {
		l := jslib.Builtin(name)
		if i := slices.Index(globals, name); i >= 0 {
			l = libs[i]
		}
		if l != nil {
			out = append(out, pkgUses.Library(l))
		}
	}
	return out
}

// libraryGlobals returns the globals of libs.
func libraryGlobals(libs []*jslib.Library) []string {
	globals := make([]string, len(libs))
	for i, l := range libs {
		globals[i] = l.Global
	}
	return globals
}

// libraryDecls returns the libraries modc.json declares, to resolve.
func libraryDecls(c workspace.Config) []jslib.Decl {
	decls := make([]jslib.Decl, len(c.Libraries))
	for i, l := range c.Libraries {
		decls[i] = jslib.Decl{Global: l.Global, Package: l.Package, Loc: l.Loc}
	}
	return decls
}

// moduleDir returns "modules/p/m" for a path inside a module's directory.
func moduleDir(path string) string {
	parts := strings.SplitN(path, "/", 4)
	if len(parts) < 3 || parts[0] != "modules" {
		return ""
	}
	return strings.Join(parts[:3], "/")
}

// embedding adds to a build's files what embeds the bundles in frontends:
// an embed.json with integrity hashes in every package version's directory
// (package sri) and the npm package folders (package npm). It reuses the
// work of its earlier calls for the package versions whose files are the
// very same (a Session keeps one).
type embedding struct {
	sri sri.Cache
	npm npm.Cache
}

// add adds to files the embed.json files and npm folders of outs (the
// version of each package built from the work tree, current, also as
// npm/<package>/current/), but for the outputs written already (see
// Session.flush), and returns each package version's output.
func (e *embedding) add(ws *workspace.Workspace, outs []*bundle.Output, files map[string][]byte, opts Options, current map[string]string, written map[*bundle.Output]*written) ([]*PackageOutput, diag.List) {
	rest := make([]*bundle.Output, 0, len(outs))
	for _, o := range outs {
		if written[o] == nil {
			rest = append(rest, o)
		}
	}
	nopts := npm.Options{Minify: !opts.NoMinify, Cache: &e.npm, Current: current, NoRuntime: true}
	embeds, embedFiles, msgs := sri.Build(rest, sri.Options{Cache: &e.sri})
	pkgs, npmDirs, ms := npm.Build(ws, rest, nopts)
	msgs.Add(ms...)
	maps.Copy(files, embedFiles)
	maps.Copy(files, pkgs)
	res := make([]*PackageOutput, len(outs))
	shared := false // an npm folder imports the runtime's package
	i := 0
	for j, o := range outs {
		if w := written[o]; w != nil {
			res[j] = &PackageOutput{Output: o, Embed: w.embed, NpmDir: w.npmDir}
			msgs.Add(w.msgs...)
			shared = shared || w.shared
			continue
		}
		res[j] = &PackageOutput{Output: o, Embed: embeds[i], NpmDir: npmDirs[i]}
		shared = shared || npmDirs[i] != "" && npm.Shared(o)
		i++
	}
	if shared {
		rt, ms := npm.Runtime(ws, nopts)
		msgs.Add(ms...)
		maps.Copy(files, rt)
	}
	return res, msgs
}

// written is what the later stages read of an output whose files went to
// Options.Write as soon as it was bundled (Session.flush).
type written struct {
	embed  *sri.Embed        // nil when it could not be made (msgs say why)
	npmDir string            // "" for none
	shared bool              // the npm folder imports the runtime's package
	sums   map[string]string // each bundle file's sha256 (hex), by output path, for the apps
	paths  []string          // every file written
	msgs   diag.List
}

// PackageOutput is one package version a build made: its bundles and
// meta.json (dist/<package>/<version>/, or latest/), its embed.json, and
// its npm folder.
type PackageOutput struct {
	*bundle.Output
	// Embed is its embed.json; nil when it could not be made.
	Embed *sri.Embed
	// NpmDir is its npm folder, "npm/<package>/<version>/"; "" for none
	// (latest/, or a version that is not semver).
	NpmDir string
}

// DropOutputFiles keeps in r.Outputs what they are (directory, meta.json,
// embed.json, npm folder) but not their files' bytes, which Files holds
// too: a writer that frees each file of Files once written then frees it
// all.
func (r *Result) DropOutputFiles() {
	outs := make([]*PackageOutput, len(r.Outputs))
	for i, o := range r.Outputs {
		c := *o
		if o.Output != nil {
			c.Output = &bundle.Output{Dir: o.Dir, Meta: o.Meta}
		}
		outs[i] = &c
	}
	r.Outputs = outs
}

// Bundles returns the bundle outputs of r.Outputs.
func (r *Result) Bundles() []*bundle.Output {
	outs := make([]*bundle.Output, len(r.Outputs))
	for i, o := range r.Outputs {
		outs[i] = o.Output
	}
	return outs
}

// outDir is the output directory: Out, else cfg's "out", else "out",
// relative to Root.
func (o Options) outDir(cfg workspace.Config) string {
	out := o.Out
	if out == "" {
		out = cfg.Out
	}
	if out == "" {
		out = "out"
	}
	if !filepath.IsAbs(out) {
		root := o.Root
		if root == "" {
			root = "."
		}
		out = filepath.Join(root, out)
	}
	return out
}

// ProfileDryRuns has the dry-run worker processes started from now on each
// write a CPU profile, to prefix.PID (`modc --cpuprofile`), and returns
// what ends them so that they do: call it before the process exits.
func ProfileDryRuns(prefix string) (stop func()) { return dryrun.ProfileWorkers(prefix) }
