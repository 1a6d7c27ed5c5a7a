package compiler

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/app"
	"github.com/modc-dev/modc/compiler/internal/bundle"
	"github.com/modc-dev/modc/compiler/internal/dryrun"
	"github.com/modc-dev/modc/compiler/internal/gitver"
	"github.com/modc-dev/modc/compiler/internal/jslib"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/npm"
	"github.com/modc-dev/modc/compiler/internal/query"
	"github.com/modc-dev/modc/compiler/internal/sri"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/internal/heapsize"
	"github.com/modc-dev/modc/internal/parallel"
)

// Session is modc's one build pipeline. Check and Build are a Session's
// first run; the devserver keeps one and calls Build with the files that
// changed, and each run redoes only what they touch — reloading, checking
// and dry-running the modules they are in, re-bundling their packages,
// recompiling the apps only when something they read changed — and reuses
// the rest. The stages, in order:
//
//  1. load: the workspace's files (the work tree, opts.FS, or opts.Ref's tree);
//  2. check: each module analysed and dry-run, while git's versions are read;
//  3. apps: compiled (their messages are part of a check);
//  4. bundle: each package at its version from git;
//  5. releases: each released version from its tagged commit, through the
//     cache (once per session: versions are read once, so an edit does not
//     move a package's output directory);
//  6. emit: the apps' files, then embed.json files and npm folders.
//
// Check runs stages 1 to 3. Not safe for concurrent use.
type Session struct {
	opts Options
	runs int
	// timed is the stages of the current run and how long each took.
	timed Stats

	repo     *gitver.Repo // open from the first run to Close
	repoMsgs diag.List
	fsys     fs.FS
	dir      *workspace.Dir // fsys when it is the work tree, closed by Close

	ws      *workspace.Workspace
	wsMsgs  diag.List               // messages about no module: modc.json, package files
	libs    []*jslib.Library        // the workspace's libraries (modc.json), resolved
	modules map[string]*moduleState // by module ID
	bundles map[string]*bundleState // by package

	versions     []gitver.PackageVersions
	versionMsgs  diag.List
	fullVersions bool // versions hold releases and changes (a Build's)

	releases *releases // nil until built

	apps     []app.Stats
	appMsgs  diag.List
	appFiles map[string][]byte
	// compiled are the compiled apps, kept while appKey does not change:
	// an edit that changes nothing apps read only re-emits their manifests.
	compiled *app.Compiled
	appKey   string
	appKeys  app.KeyCache
	// contexts keeps esbuild's incremental state per package (NewSession).
	contexts *bundle.Contexts
	// esbuild runs a one-shot Build's esbuild builds in a child process
	// when its heap is crowded, from its bundling until closeEngine
	// (startEsbuild).
	esbuild *bundle.Worker
	// embedding makes embed.json files and npm folders, reusing its work
	// for the packages not rebuilt.
	embedding embedding
	// flushes lists the packages whose bundles go to opts.Write as soon
	// as they are built (see flush), set before bundling; written holds
	// what is kept of them, under writtenMu (bundles build in parallel).
	flushes   map[string]bool
	license   *npm.License // read once for the npm folders flush makes
	writtenMu sync.Mutex
	written   map[*bundle.Output]*written
	// models hands the results' models the same module models while the
	// modules do not change (Result.Model). A pointer of its own: a result
	// that pointed into the Session would keep all of it alive (the
	// bundles' bytes among it) while the site writes and renders.
	models *modelCache
}

type moduleState struct {
	mod  *workspace.Module
	main *jsmod.Main
	dry  *dryrun.Result
	msgs diag.List
}

type bundleState struct {
	out  *bundle.Output // nil when the package did not bundle
	msgs diag.List
}

// NewSession starts a session for opts that keeps what it can reuse
// between runs (esbuild's incremental contexts among it) until Close. With
// opts.Ref, every run reads that revision, so changed has nothing to say.
func NewSession(opts Options) *Session {
	s := newSession(opts)
	s.contexts = bundle.NewContexts() // a one-shot Build does without
	return s
}

func newSession(opts Options) *Session {
	opts.defaults()
	return &Session{opts: opts, models: &modelCache{}}
}

// Close releases what the session keeps between runs (esbuild's contexts,
// the git repository, the work tree's directory).
func (s *Session) Close() {
	s.closeEngine()
	if s.dir != nil {
		s.dir.Close()
	}
}

// startEsbuild starts the esbuild worker of a one-shot session whose heap
// a soft memory limit holds (heapsize.Crowded); a session with contexts,
// or an uncrowded heap, bundles in this process.
func (s *Session) startEsbuild() {
	if s.contexts == nil && s.esbuild == nil && heapsize.Crowded() {
		s.esbuild = bundle.StartWorker()
	}
}

// closeEngine releases what only runs use, leaving the workspace's files
// open: a Result's Workspace reads from them (the docs' content and
// templates), for as long as the Result lives.
func (s *Session) closeEngine() {
	if s.contexts != nil {
		s.contexts.Dispose()
	}
	s.esbuild.Close()
	s.esbuild = nil
	if s.repo != nil {
		s.repo.Close()
	}
}

// Check brings the session's checks up to date with changed (see Build)
// and reports them: stages 1 to 3, no output.
func (s *Session) Check(changed []string) *Result {
	start := time.Now()
	a, r := s.update(changed, false, false)
	if r == nil {
		r = s.result(a, false)
	}
	r.Stats.Phases = s.timed.Phases
	r.Stats.Duration = time.Since(start)
	return r
}

// Build brings the session up to date with changed, the workspace-relative
// slash paths that changed since the last run (nil: everything), and
// returns the result with its files when there are no errors.
func (s *Session) Build(changed []string) *Result {
	start := time.Now()
	first := s.runs == 0
	a, r := s.update(changed, !s.opts.NoReleases, true)
	if r != nil {
		r.Stats.Duration = time.Since(start)
		return r
	}
	s.appFiles = nil
	r = s.result(a, false)
	if !s.opts.blocks(r.Messages) {
		if !a.bundled {
			s.timed.Time("bundle", func() { s.bundle(a.full, a.dirty) })
		}
		if s.releases == nil && !s.opts.NoReleases && !s.opts.blocks(s.result(a, false).Messages) { // bundling went well
			var head *Result
			if first {
				head = &Result{Workspace: s.ws, Mains: a.mains, DryRuns: a.dry}
			}
			s.timed.Time("releases", func() { s.buildReleases(head) })
		}
		r = s.result(a, true)
		if r.Files != nil {
			s.timed.Time("apps", func() {
				_, sums := s.writtenFiles()
				out, msgs := s.compiled.Emit(r.Files, sums)
				s.appMsgs.Add(msgs.Errors()...) // the rest was reported when compiled
				s.appFiles, s.apps = out.Files, out.Apps
			})
			r = s.result(a, true)
		}
		if r.Files != nil {
			var msgs diag.List
			s.timed.Time("embed", func() {
				r.Outputs, msgs = s.embedding.add(s.ws, a.outputs, r.Files, s.opts, s.workTreeVersions(), s.written)
			})
			r.Messages.Add(msgs...)
			r.Messages.Sort()
			if s.opts.blocks(r.Messages) {
				r.Files, r.Written = nil, nil
			}
			r.Stats.Files = len(r.Files) + len(r.Written)
		}
	}
	r.Stats.Phases = s.timed.Phases
	r.Stats.Duration = time.Since(start)
	return r
}

// run is what update did: the analyses made, and which modules it reloaded.
type run struct {
	mains   map[string]*jsmod.Main
	dry     map[string]*dryrun.Result
	outputs []*bundle.Output  // the bundles' and releases' outputs, once made
	files   map[string][]byte // … and their files
	full    bool              // the whole workspace was reloaded
	dirty   map[string]bool   // else the module directories reloaded
	bundled bool              // the bundles were made while the dry runs ran
}

// update runs stages 1 to 3 for changed: it loads what changed, checks
// it while reading the versions (with releases and changes when
// fullVersions), and compiles the apps. A non-nil Result is a failure to
// open the workspace at all.
func (s *Session) update(changed []string, fullVersions, bundle bool) (*run, *Result) {
	s.runs++
	s.timed = Stats{progress: s.opts.Progress}
	if s.fsys == nil {
		if msgs := s.open(); msgs.HasErrors() {
			return nil, &Result{Messages: msgs}
		}
	}
	a := &run{}
	a.dirty, a.full = s.affected(changed)
	var redo []*moduleState
	s.timed.Time("load", func() {
		if a.full {
			dryrun.Prestart(dryrun.Options{Timeout: s.opts.DryRunTimeout}) // ready by the time the modules are analysed
			redo = s.loadAll()
		} else {
			redo = s.reload(a.dirty)
		}
	})
	read := s.readVersions(fullVersions)
	versionsRead := sync.OnceFunc(func() { s.timed.Time("versions", read) })
	var meanwhile func() bool
	appsCompiled := false
	if bundle {
		// The bundles do not depend on the dry runs, which run in worker
		// processes: esbuild works while they do. A dry run that fails
		// leaves bundles unused, as any error does. Nor do the apps, which
		// read the analyses and the versions: they are compiled, and
		// their code made, after the bundles (else alone on one core
		// after the dry runs: ~0.6 s at 5,000 modules).
		meanwhile = func() bool {
			versionsRead()
			if !s.opts.blocks(s.checkMessages()) {
				s.timed.Time("bundle", func() { s.bundle(a.full, a.dirty) })
				a.bundled = true
			}
			s.ws.Seen = nil // served the versions (read by now) and the bundles
			mains, _ := s.analyses()
			s.timed.Time("compile apps", func() {
				s.compileApps(mains)
				if a.bundled { // else the build failed: nothing emits the apps
					s.compiled.Prepare()
				}
			})
			appsCompiled = true
			return a.bundled
		}
	}
	s.check(redo, meanwhile)
	versionsRead() // what is left of reading them, unless the bundles waited
	// What the load saw served the versions and the bundles' source
	// hashes; the rest of the build holds no memory for it.
	s.ws.Seen = nil
	a.mains, a.dry = s.analyses()
	if !appsCompiled {
		s.timed.Time("compile apps", func() { s.compileApps(a.mains) })
	}
	return a, nil
}

// open opens the git repository holding opts.Root and the workspace's
// files (workspaceFS).
func (s *Session) open() diag.List {
	repo, msgs := gitver.Open(s.opts.Root)
	if msgs.HasErrors() {
		return msgs
	}
	fsys, dir, msg := workspaceFS(s.opts, repo)
	if msg != nil {
		repo.Close()
		return diag.List{*msg}
	}
	s.repo, s.repoMsgs = repo, msgs
	s.fsys, s.dir = fsys, dir
	return nil
}

// readVersions reads what git says of the packages, once per session (a
// Build after a Check reads again, with releases and changes). With the
// work tree it reads in the background — nothing else reads the
// repository meanwhile — and the returned function waits for it.
func (s *Session) readVersions(full bool) (wait func()) {
	if s.versions != nil && (s.fullVersions || !full) {
		return func() {}
	}
	vopts := gitver.Options{Brief: !full, Changes: full, Ref: s.opts.Ref}
	if s.ws.Seen != nil {
		vopts.Snapshot = s.ws.Snapshot()
	}
	names := packageNames(s.ws)
	read := func() {
		s.versions, s.versionMsgs = s.repo.Versions(names, vopts)
		s.fullVersions = full
	}
	if s.opts.Ref != "" {
		read() // the workspace is read from the repository's objects too
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		read()
	}()
	return func() { <-done }
}

// affected returns the module directories changed touches, and whether the
// whole workspace must be reloaded instead.
func (s *Session) affected(changed []string) (map[string]bool, bool) {
	if s.ws == nil || changed == nil || s.opts.Ref != "" {
		return nil, true
	}
	dirty := map[string]bool{}
	for _, p := range changed {
		if !strings.HasPrefix(p, "modules/") {
			if p == "modc.json" {
				return nil, true
			}
			continue // content, templates, apps: not the compiler's
		}
		dir := moduleDir(p)
		st, ok := s.modules[strings.TrimPrefix(dir, "modules/")]
		if dir == "" || !ok || st.mod == nil {
			return nil, true // a package file, or a module that appeared
		}
		if _, err := fs.Stat(s.fsys, dir+"/module.json"); err != nil {
			return nil, true // a module that went away
		}
		dirty[dir] = true
	}
	return dirty, false
}

// loadAll loads the whole workspace and returns every module, to check.
func (s *Session) loadAll() []*moduleState {
	var load []workspace.Option
	if s.dir != nil {
		load = append(load, workspace.Parallel(runtime.GOMAXPROCS(0))) // workspace.DirFS: safe to read at once
	}
	ws, msgs := workspace.Load(s.fsys, load...)
	msgs.Add(npm.CheckScope(ws)...)
	s.ws, s.wsMsgs, s.libs = ws, nil, nil
	if decls := libraryDecls(ws.Config); len(decls) > 0 {
		s.timed.Time("libraries", func() {
			var lmsgs diag.List
			s.libs, lmsgs = jslib.Resolve(s.opts.Root, decls)
			s.wsMsgs = append(s.wsMsgs, lmsgs...)
		})
	}
	s.modules = map[string]*moduleState{}
	byModule := map[string]diag.List{}
	for _, m := range msgs {
		if m.Module != "" {
			byModule[m.Module] = append(byModule[m.Module], m)
		} else {
			s.wsMsgs = append(s.wsMsgs, m)
		}
	}
	var all []*moduleState
	for _, p := range ws.Packages {
		for _, m := range p.Modules {
			st := &moduleState{mod: m, msgs: byModule[m.ID()]}
			delete(byModule, m.ID())
			s.modules[m.ID()] = st
			all = append(all, st)
		}
	}
	for _, m := range msgs { // about modules too broken to load
		if _, ok := byModule[m.Module]; ok {
			s.wsMsgs = append(s.wsMsgs, m)
		}
	}
	s.bundles = map[string]*bundleState{}
	return all
}

// mainOf returns the analysed main.js of the module id, nil for none.
func (s *Session) mainOf(id string) *jsmod.Main {
	if st := s.modules[id]; st != nil {
		return st.main
	}
	return nil
}

// packageUses says how the code of package pkg reads the libraries (see
// query.PackageUses).
func (s *Session) packageUses(pkg string) jslib.Uses {
	return query.PackageUses(s.ws.Package(pkg), s.mainOf, libraryGlobals(s.libs))
}

// reload reloads the modules in dirty and returns them, to check.
func (s *Session) reload(dirty map[string]bool) []*moduleState {
	ws := *s.ws
	ws.Sources = maps.Clone(s.ws.Sources)
	ws.Seen = nil // what the full load saw is out of date now
	ws.Packages = make([]*workspace.Package, len(s.ws.Packages))
	var redo []*moduleState
	for i, p := range s.ws.Packages {
		np := *p
		np.Modules = append([]*workspace.Module(nil), p.Modules...)
		for j, m := range np.Modules {
			if !dirty[m.Dir] {
				continue
			}
			nm, msgs := workspace.LoadModule(s.fsys, p.Name, m.Name, ws.Sources)
			st := &moduleState{mod: nm, msgs: msgs}
			s.modules[m.ID()] = st
			if nm == nil {
				nm = &workspace.Module{Package: p.Name, Name: m.Name, Dir: m.Dir, Kind: m.Kind}
				st.mod = nil
			} else {
				redo = append(redo, st)
			}
			np.Modules[j] = nm
		}
		ws.Packages[i] = &np
	}
	s.ws = &ws
	return redo
}

// check analyses the given modules, GOMAXPROCS at a time (each module's
// checks read only that module), then dry-runs those without errors —
// running a module known to be broken only repeats its errors. meanwhile,
// if not nil, runs while the dry runs do; it must not touch the modules'
// dry runs or messages, which are set after. It reports whether it bundled
// the modules' packages: then what esbuild says of each module's code is
// taken from the bundles (bundle.Outputs), and esbuild does not parse it a
// second time for the lint stage (bundle.Lint), which runs only when no
// bundle was made. A module esbuild finds errors in has no dry run: with
// the lint stage after the dry runs, its dry run is dropped.
func (s *Session) check(states []*moduleState, meanwhile func() (bundled bool)) {
	env := jsmod.Env{Libraries: s.ws.Config.LibraryGlobals(), Strict: s.opts.Strict}
	s.timed.Time("analyse", func() {
		parallel.Map(len(states), 0, func(i int) {
			st := states[i]
			main, msgs := analyzeModule(st.mod, env)
			st.main = main
			st.msgs = append(st.msgs, msgs.About(st.mod.ID())...)
		})
	})
	if meanwhile == nil {
		s.lint(states)
	}
	var inputs []dryrun.Input
	var owners []*moduleState
	pkgUses := map[string]jslib.Uses{}
	for _, st := range states {
		if st.msgs.HasErrors() {
			continue
		}
		uses, ok := pkgUses[st.mod.Package]
		if !ok {
			uses = s.packageUses(st.mod.Package)
			pkgUses[st.mod.Package] = uses
		}
		if in, ok := dryRunInput(st.mod, st.main, s.libs, uses); ok {
			inputs = append(inputs, in)
			owners = append(owners, st)
		}
	}
	var results []*dryrun.Result
	var msgs diag.List
	end := s.timed.begin("dry runs", len(inputs))
	done := make(chan struct{})
	go func() {
		defer close(done)
		results, msgs = dryrun.Run(inputs, dryrun.Options{Timeout: s.opts.DryRunTimeout})
	}()
	bundled := false
	if meanwhile != nil {
		bundled = meanwhile()
	}
	<-done
	end()
	if meanwhile != nil {
		if bundled {
			s.lintFromBundles(states)
		} else {
			s.lint(states)
		}
	}
	dropped := map[*moduleState]bool{}
	for i, res := range results {
		if owners[i].msgs.HasErrors() { // esbuild found errors: lint said them
			dropped[owners[i]] = true
			continue
		}
		owners[i].dry = res
	}
	for _, m := range msgs {
		if st := s.modules[m.Module]; st != nil {
			if !dropped[st] {
				st.msgs = append(st.msgs, m)
			}
		} else {
			s.wsMsgs = append(s.wsMsgs, m)
		}
	}
}

// lint adds to the modules' messages what esbuild says of their code
// (bundle.Lint).
func (s *Session) lint(states []*moduleState) {
	s.timed.Time("lint", func() {
		mods := make([]*workspace.Module, len(states))
		mains := map[string]*jsmod.Main{}
		for i, st := range states {
			mods[i] = st.mod
			if st.main != nil {
				mains[st.mod.ID()] = st.main
			}
		}
		for i, lint := range bundle.Lint(mods, mains) {
			states[i].msgs = withLint(states[i].msgs, lint.About(states[i].mod.ID()))
		}
	})
}

// lintFromBundles adds to the modules' messages what esbuild said of
// their code when it bundled their packages, as lint does.
func (s *Session) lintFromBundles(states []*moduleState) {
	byModule := map[string]diag.List{}
	seen := map[string]bool{}
	for _, st := range states {
		if b := s.bundles[st.mod.Package]; b != nil && !seen[st.mod.Package] {
			seen[st.mod.Package] = true
			for _, m := range b.msgs {
				if m.Module != "" {
					byModule[m.Module] = append(byModule[m.Module], m)
				}
			}
		}
	}
	for _, st := range states {
		st.msgs = withLint(st.msgs, byModule[st.mod.ID()])
	}
}

// bundle re-bundles the packages holding dirty modules (all of them after
// a full reload).
func (s *Session) bundle(full bool, dirty map[string]bool) {
	var pkgs []string
	for _, p := range s.ws.Packages {
		if _, ok := s.bundles[p.Name]; ok && !full && !touches(p, dirty) {
			continue
		}
		pkgs = append(pkgs, p.Name)
	}
	if len(pkgs) == 0 {
		return
	}
	mains, _ := s.analyses()
	bopts := bundleOptions(s.opts, s.versions, s.libs)
	bopts.RuntimeImport = npm.RuntimeName(s.ws.Config.NpmScope)
	s.startEsbuild()
	bopts.Packages, bopts.Contexts, bopts.Worker = pkgs, s.contexts, s.esbuild
	if s.planFlushes() {
		bopts.Built = s.flush
	}
	outs, msgs := bundle.Outputs(s.ws, mains, bopts)
	for _, name := range pkgs {
		st := &bundleState{}
		for _, o := range outs {
			if o.Meta.Package == name {
				st.out = o
			}
		}
		for _, m := range msgs {
			if m.Package == name {
				st.msgs = append(st.msgs, m)
			}
		}
		s.bundles[name] = st
	}
}

// planFlushes decides which packages' bundles go to opts.Write as soon as
// they are built (see Options.Write): in a one-shot Build (no later run
// reuses their bytes), every package but those at a released version,
// whose output the releases stage makes again from git and which replaces
// the work tree's. None when the npm scope or the license file is wrong
// (the build fails).
func (s *Session) planFlushes() bool {
	if s.opts.Write == nil || s.contexts != nil || s.runs != 1 || npm.CheckScope(s.ws).HasErrors() {
		return false
	}
	license, msg := npm.ReadLicense(s.ws)
	if msg != nil {
		return false // the embed stage reports it, and the build fails
	}
	s.license = license
	s.flushes = map[string]bool{}
	for _, p := range s.ws.Packages {
		s.flushes[p.Name] = true
	}
	if !s.opts.NoReleases {
		for _, pv := range s.versions {
			if pv.Released {
				s.flushes[pv.Package] = false
			}
		}
	}
	s.written = map[*bundle.Output]*written{}
	return true
}

// flush hands the files of a package's output o to opts.Write as soon as
// it is built: its bundles and meta.json, its embed.json and its npm
// folder (also as npm/<package>/current/, o being the work tree's
// version). o keeps its meta.json's typed form but no files; the later
// stages read what written keeps instead. Called by bundle.Outputs, from
// several goroutines at once.
func (s *Session) flush(o *bundle.Output) {
	pkg := o.Meta.Package
	if !s.flushes[pkg] {
		return
	}
	embeds, embedFiles, msgs := sri.Build([]*bundle.Output{o}, sri.Options{})
	npmFiles, npmDirs, ms := npm.Build(s.ws, []*bundle.Output{o}, npm.Options{Minify: !s.opts.NoMinify,
		Current: map[string]string{pkg: o.Meta.Version}, NoRuntime: true, License: s.license})
	msgs.Add(ms...)
	w := &written{embed: embeds[0], npmDir: npmDirs[0], shared: npmDirs[0] != "" && npm.Shared(o), msgs: msgs,
		sums: make(map[string]string, len(o.Files))}
	write := func(p string, data []byte) {
		w.paths = append(w.paths, p)
		_ = s.opts.Write(p, data) // the caller reports its errors (Options.Write)
	}
	for name, data := range o.Files {
		p := o.Dir + "/" + name
		sum, ok := o.Meta.Files[name] // all but meta.json's own
		if !ok {
			h := sha256.Sum256(data)
			sum = hex.EncodeToString(h[:])
		}
		w.sums[p] = sum
		write(p, data)
	}
	for p, data := range embedFiles {
		write(p, data)
	}
	for p, data := range npmFiles {
		write(p, data)
	}
	o.Files, o.Npm = nil, nil
	s.writtenMu.Lock()
	s.written[o] = w
	s.writtenMu.Unlock()
}

// writtenFiles returns the paths of the files flush wrote, sorted, and
// the sha256 of their bundle files by path.
func (s *Session) writtenFiles() ([]string, map[string]string) {
	if len(s.written) == 0 {
		return nil, nil
	}
	var paths []string
	sums := map[string]string{}
	for _, w := range s.written {
		paths = append(paths, w.paths...)
		maps.Copy(sums, w.sums)
	}
	sort.Strings(paths)
	return paths, sums
}

func touches(p *workspace.Package, dirty map[string]bool) bool {
	for dir := range dirty {
		if path.Dir(dir) == p.Dir {
			return true
		}
	}
	return false
}

// buildReleases runs the releases stage (see releaseBuilder); head, when
// set, is this run's check of the work tree, which describes a release
// whose package it holds unchanged.
func (s *Session) buildReleases(head *Result) {
	rb := &releaseBuilder{repo: s.repo, opts: s.opts, global: s.ws.Config.Global, runtimeImport: npm.RuntimeName(s.ws.Config.NpmScope), libs: s.libs, worker: s.esbuild, cache: cacheDir(s.opts), head: head}
	s.releases = &releases{}
	s.releases.outputs, s.releases.msgs = rb.build(s.versions)
	s.releases.docs, s.releases.built, s.releases.cached = rb.released, rb.built, rb.cached
}

// releases is the output of the releases stage.
type releases struct {
	outputs       []*bundle.Output
	docs          map[string]map[string]*Result
	msgs          diag.List
	built, cached int
}

// checkMessages returns what is known before the dry runs end: the
// repository's, the workspace's and the modules' messages so far.
func (s *Session) checkMessages() diag.List {
	var out diag.List
	out = append(out, s.repoMsgs...)
	out = append(out, s.versionMsgs...)
	out = append(out, s.wsMsgs...)
	for _, st := range s.modules {
		out = append(out, st.msgs...)
	}
	return out
}

// analyses collects the modules' analyses and dry runs, by module ID.
func (s *Session) analyses() (map[string]*jsmod.Main, map[string]*dryrun.Result) {
	mains := make(map[string]*jsmod.Main, len(s.modules))
	dry := make(map[string]*dryrun.Result, len(s.modules))
	for _, p := range s.ws.Packages {
		for _, m := range p.Modules {
			st := s.modules[m.ID()]
			if st == nil {
				continue
			}
			if st.main != nil {
				mains[m.ID()] = st.main
			}
			if st.dry != nil {
				dry[m.ID()] = st.dry
			}
		}
	}
	return mains, dry
}

// result assembles the session's current state as a Result, from a (this
// run's analyses) and, with files, the output: the releases and bundles
// (made once, after bundling) and the apps' files.
func (s *Session) result(a *run, files bool) *Result {
	r := &Result{Workspace: s.ws, Mains: a.mains, DryRuns: a.dry, Versions: s.versions, Apps: s.apps, models: s.models}
	r.Messages = append(r.Messages, s.repoMsgs...)
	r.Messages = append(r.Messages, s.versionMsgs...)
	r.Messages = append(r.Messages, s.wsMsgs...)
	if rel := s.releases; rel != nil {
		r.Released = rel.docs
		r.Messages = append(r.Messages, rel.msgs...)
		r.Stats.BuiltReleases, r.Stats.CachedReleases = rel.built, rel.cached
	}
	r.Messages = append(r.Messages, s.appMsgs...)
	checked := map[string]bool{} // what the modules' checks said, esbuild's warnings among it
	for _, p := range s.ws.Packages {
		for _, m := range p.Modules {
			if st := s.modules[m.ID()]; st != nil {
				r.Messages = append(r.Messages, st.msgs...)
				for _, msg := range st.msgs {
					checked[sameKey(msg)] = true
				}
			}
		}
	}
	if s.bundles != nil && !s.opts.blocks(r.Messages) {
		names := make([]string, 0, len(s.bundles))
		for name := range s.bundles {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			if s.ws.Package(name) == nil {
				continue
			}
			for _, msg := range s.bundles[name].msgs {
				if !checked[sameKey(msg)] { // said once, by check (bundle.Lint)
					r.Messages = append(r.Messages, msg)
				}
			}
		}
		if files && !s.opts.blocks(r.Messages) {
			if a.files == nil {
				a.outputs = s.outputs(names)
				a.files = bundle.Files(a.outputs)
			}
			r.Files = make(map[string][]byte, len(a.files)+len(s.appFiles))
			maps.Copy(r.Files, a.files)
			maps.Copy(r.Files, s.appFiles)
			r.Written, _ = s.writtenFiles()
			r.Stats.Files = len(r.Files) + len(r.Written)
		}
	}
	r.countStats()
	r.Messages.Sort()
	if s.opts.blocks(r.Messages) {
		r.Files, r.Written = nil, nil
	}
	return r
}

// sameKey identifies what a message says and where, notes aside: esbuild
// says the same of a module when checking it and when bundling its package,
// with generated line numbers in its notes that differ.
func sameKey(m diag.Message) string {
	return string(m.Severity) + "\x00" + m.Location.String() + "\x00" + m.Text
}

// workTreeVersions returns the version each package of the workspace was
// bundled at from the work tree (or Ref), by package name.
func (s *Session) workTreeVersions() map[string]string {
	v := make(map[string]string, len(s.bundles))
	for name, st := range s.bundles {
		if st.out != nil && s.ws.Package(name) != nil {
			v[name] = st.out.Meta.Version
		}
	}
	return v
}

// outputs returns the releases' outputs and the bundles of the packages
// named (sorted) that are in the workspace; a release built from git wins
// over the same version from the work tree.
func (s *Session) outputs(names []string) []*bundle.Output {
	var outs []*bundle.Output
	released := map[string]bool{}
	if s.releases != nil {
		outs = append(outs, s.releases.outputs...)
		for _, o := range s.releases.outputs {
			released[o.Dir] = true
		}
	}
	for _, name := range names {
		if o := s.bundles[name].out; o != nil && s.ws.Package(name) != nil && !released[o.Dir] {
			outs = append(outs, o)
		}
	}
	return outs
}

// compileApps compiles the apps unless nothing they read changed.
func (s *Session) compileApps(mains map[string]*jsmod.Main) {
	opts := appOptions(s.opts, s.versions)
	if s.contexts == nil {
		// A one-shot Build (newSession): no later run compares the key,
		// which at 5,000 modules is ~8 MB beside the compile's peak.
		s.compiled = app.Compile(s.ws, mains, opts)
	} else if key := s.appKeys.Key(s.ws, mains, opts); s.compiled == nil || key != s.appKey {
		s.compiled, s.appKey = app.Compile(s.ws, mains, opts), key
	}
	s.apps, s.appMsgs = s.compiled.Stats(), append(diag.List(nil), s.compiled.Messages()...)
}
