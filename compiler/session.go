package compiler

import (
	"io/fs"
	"maps"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/modc-dev/modc/compiler/app"
	"github.com/modc-dev/modc/compiler/bundle"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/dryrun"
	"github.com/modc-dev/modc/compiler/gitver"
	"github.com/modc-dev/modc/compiler/jsmod"
	"github.com/modc-dev/modc/compiler/npm"
	"github.com/modc-dev/modc/compiler/workspace"
)

// Session builds a workspace again and again, as the devserver does: each
// Build redoes only what the changed files touch — reloading, checking and
// dry-running the modules they are in, re-bundling their packages — and
// reuses the rest. A Session's result equals a cold Build's on the same
// files (tested). Versions are read from git once, when the session starts,
// so an edit does not move a package's output directory. Not safe for
// concurrent use.
type Session struct {
	opts     Options
	fsys     fs.FS
	dir      *workspace.Dir // fsys when it is the work tree, closed by Close
	ws       *workspace.Workspace
	wsMsgs   diag.List               // messages about no module: modc.json, package files
	modules  map[string]*moduleState // by module directory
	bundles  map[string]*bundleState // by package
	versions []gitver.PackageVersions
	released map[string][]byte
	relDocs  map[string]map[string]*Result
	relMsgs  diag.List
	apps     []app.Stats
	appMsgs  diag.List
	appFiles map[string][]byte
	// compiled are the compiled apps, kept while appKey does not change:
	// an edit that changes nothing apps read only re-emits their manifests.
	compiled *app.Compiled
	appKey   string
	appKeys  app.KeyCache
	// contexts keeps esbuild's incremental state per package.
	contexts *bundle.Contexts
	// embedding makes embed.json files and npm folders, reusing its work
	// for the packages not rebuilt.
	embedding embedding
}

type moduleState struct {
	mod  *workspace.Module
	main *jsmod.Main
	dry  *dryrun.Result
	msgs diag.List
}

type bundleState struct {
	files map[string][]byte
	msgs  diag.List
}

// NewSession starts a session for opts (opts.Ref is not supported: a
// session follows the work tree).
func NewSession(opts Options) *Session {
	opts.defaults()
	opts.Ref = ""
	var dir *workspace.Dir
	fsys := opts.FS
	if fsys == nil {
		dir = workspace.DirFS(opts.Root) // no symbolic link takes a read outside the workspace
		fsys = dir
	}
	return &Session{opts: opts, fsys: fsys, dir: dir, contexts: bundle.NewContexts()}
}

// Close releases what the session keeps between builds (esbuild's
// contexts, the work tree's directory).
func (s *Session) Close() {
	s.contexts.Dispose()
	if s.dir != nil {
		s.dir.Close()
	}
}

// Build brings the session up to date with changed, the workspace-relative
// slash paths that changed since the last Build; nil means everything.
func (s *Session) Build(changed []string) *Result {
	start := time.Now()
	dirty, full := s.affected(changed)
	if full {
		s.loadAll()
	} else {
		s.reload(dirty)
	}
	s.readVersions()
	a := s.analyses()
	s.compileApps(a.mains)
	s.appFiles = nil
	r := s.result(a, false)
	if !r.Failed() {
		s.bundle(r, full, dirty)
		r = s.result(a, true)
		out, msgs := s.compiled.Emit(r.Files)
		s.appMsgs.Add(msgs.Errors()...)
		s.appFiles, s.apps = out.Files, out.Apps
		r = s.result(a, true)
		if r.Files != nil {
			r.Messages.Add(s.embedding.add(s.ws, r.Files, s.opts)...)
			r.Messages.Sort()
			if r.Failed() {
				r.Files = nil
			}
			r.Stats.Files = len(r.Files)
		}
	}
	r.Stats.Duration = time.Since(start)
	return r
}

// readVersions reads versions and builds the releases, once per session.
func (s *Session) readVersions() {
	if s.versions != nil {
		return
	}
	repo, msgs := gitver.Open(s.opts.Root)
	defer repo.Close()
	s.relMsgs = msgs
	names := packageNames(s.ws)
	s.versions, msgs = repo.Versions(names, gitver.Options{Brief: true})
	s.relMsgs.Add(msgs...)
	if s.opts.NoReleases {
		return
	}
	full, msgs := repo.Versions(names, gitver.Options{Changes: true})
	s.relMsgs.Add(msgs.Errors()...)
	s.versions = full
	rb := &releaseBuilder{repo: repo, opts: s.opts, global: s.ws.Config.Global, cache: cacheDir(s.opts), stats: &Stats{}}
	s.released, msgs = rb.build(s.versions)
	s.relMsgs.Add(msgs...)
	s.relDocs = rb.released
}

// affected returns the module directories changed touches, and whether the
// whole workspace must be reloaded instead.
func (s *Session) affected(changed []string) (map[string]bool, bool) {
	if s.ws == nil || changed == nil {
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
		st, ok := s.modules[dir]
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

// loadAll loads, checks and dry-runs the whole workspace.
func (s *Session) loadAll() {
	ws, msgs := workspace.Load(s.fsys)
	msgs.Add(npm.CheckScope(ws)...)
	s.ws, s.wsMsgs = ws, nil
	s.modules = map[string]*moduleState{}
	byDir := map[string]diag.List{}
	for _, m := range msgs {
		if dir := moduleDir(m.Location.File); dir != "" {
			byDir[dir] = append(byDir[dir], m)
		} else {
			s.wsMsgs = append(s.wsMsgs, m)
		}
	}
	var all []*moduleState
	for _, p := range ws.Packages {
		for _, m := range p.Modules {
			st := &moduleState{mod: m, msgs: byDir[m.Dir]}
			delete(byDir, m.Dir)
			s.modules[m.Dir] = st
			all = append(all, st)
		}
	}
	for _, ms := range byDir { // modules too broken to load
		s.wsMsgs = append(s.wsMsgs, ms...)
	}
	s.check(all)
	s.bundles = map[string]*bundleState{}
}

// reload reloads, checks and dry-runs the modules in dirty.
func (s *Session) reload(dirty map[string]bool) {
	ws := *s.ws
	ws.Sources = maps.Clone(s.ws.Sources)
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
			s.modules[m.Dir] = st
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
	s.check(redo)
}

// check analyses and dry-runs the given modules, recording their messages.
func (s *Session) check(states []*moduleState) {
	var inputs []dryrun.Input
	var owners []*moduleState
	for _, st := range states {
		main, msgs := analyzeModule(st.mod)
		st.main = main
		st.msgs = append(st.msgs, msgs...)
		if st.msgs.HasErrors() {
			continue
		}
		if in, ok := dryRunInput(st.mod, main); ok {
			inputs = append(inputs, in)
			owners = append(owners, st)
		}
	}
	results, msgs := dryrun.Run(inputs, dryrun.Options{Timeout: s.opts.DryRunTimeout})
	for i, res := range results {
		owners[i].dry = res
	}
	for _, m := range msgs {
		if st := s.modules[moduleDir(m.Location.File)]; st != nil {
			st.msgs = append(st.msgs, m)
		} else {
			s.wsMsgs = append(s.wsMsgs, m)
		}
	}
}

// bundle re-bundles the packages holding dirty modules (all of them after
// a full reload) and, once per session, reads versions and releases.
func (s *Session) bundle(r *Result, full bool, dirty map[string]bool) {
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
	bopts := bundleOptions(s.opts, s.versions)
	bopts.Packages, bopts.Contexts = pkgs, s.contexts
	files, msgs := bundle.Build(r.Workspace, r.Mains, bopts)
	for _, name := range pkgs {
		st := &bundleState{files: map[string][]byte{}}
		prefix := "dist/" + name + "/"
		for k, v := range files {
			if strings.HasPrefix(k, prefix) {
				st.files[k] = v
			}
		}
		for _, m := range msgs {
			if strings.HasPrefix(m.Location.File, "modules/"+name+"/") {
				st.msgs = append(st.msgs, m)
			}
		}
		s.bundles[name] = st
	}
}

func touches(p *workspace.Package, dirty map[string]bool) bool {
	for dir := range dirty {
		if path.Dir(dir) == p.Dir {
			return true
		}
	}
	return false
}

// analyses are the session's analysed modules and dry runs, by module ID,
// and the files of the packages' bundles and releases (made once per Build
// and shared by its results, which do not modify them).
type analyses struct {
	mains map[string]*jsmod.Main
	dry   map[string]*dryrun.Result
	files map[string][]byte // nil until result makes it
}

// analyses collects the modules' analyses and dry runs.
func (s *Session) analyses() *analyses {
	a := &analyses{mains: make(map[string]*jsmod.Main, len(s.modules)), dry: make(map[string]*dryrun.Result, len(s.modules))}
	for _, p := range s.ws.Packages {
		for _, m := range p.Modules {
			st := s.modules[m.Dir]
			if st == nil {
				continue
			}
			if st.main != nil {
				a.mains[m.ID()] = st.main
			}
			if st.dry != nil {
				a.dry[m.ID()] = st.dry
			}
		}
	}
	return a
}

// result assembles the session's current state as a Result, from a (the
// analyses of this Build) and, with files, the output: the releases and
// bundles (made once, after bundling) and the apps' files.
func (s *Session) result(a *analyses, files bool) *Result {
	r := &Result{Workspace: s.ws, Mains: a.mains, DryRuns: a.dry, Versions: s.versions, Apps: s.apps, Released: s.relDocs}
	r.Messages = append(r.Messages, s.wsMsgs...)
	r.Messages = append(r.Messages, s.relMsgs...)
	r.Messages = append(r.Messages, s.appMsgs...)
	for _, p := range s.ws.Packages {
		for _, m := range p.Modules {
			if st := s.modules[m.Dir]; st != nil {
				r.Messages = append(r.Messages, st.msgs...)
			}
		}
	}
	if s.bundles != nil && !r.Messages.HasErrors() {
		names := make([]string, 0, len(s.bundles))
		for name := range s.bundles {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			if s.ws.Package(name) != nil {
				r.Messages = append(r.Messages, s.bundles[name].msgs...)
			}
		}
		if files && !r.Messages.HasErrors() {
			if a.files == nil {
				a.files = s.bundleFiles(names)
			}
			r.Files = make(map[string][]byte, len(a.files)+len(s.appFiles))
			maps.Copy(r.Files, a.files)
			maps.Copy(r.Files, s.appFiles)
			r.Stats.Files = len(r.Files)
		}
	}
	r.countStats()
	r.Messages.Sort()
	if r.Messages.HasErrors() {
		r.Files = nil
	}
	return r
}

// bundleFiles returns the releases' files and the bundles of the packages
// named (sorted) that are in the workspace.
func (s *Session) bundleFiles(names []string) map[string][]byte {
	n := len(s.released)
	for _, name := range names {
		n += len(s.bundles[name].files)
	}
	files := make(map[string][]byte, n)
	maps.Copy(files, s.released)
	for _, name := range names {
		if s.ws.Package(name) == nil {
			continue
		}
		for k, v := range s.bundles[name].files {
			if _, isRelease := s.released[k]; !isRelease {
				files[k] = v
			}
		}
	}
	return files
}

// compileApps compiles the apps unless nothing they read changed.
func (s *Session) compileApps(mains map[string]*jsmod.Main) {
	opts := appOptions(s.opts, s.versions)
	key := s.appKeys.Key(s.ws, mains, opts)
	if s.compiled == nil || key != s.appKey {
		s.compiled, s.appKey = app.Compile(s.ws, mains, opts), key
	}
	s.apps, s.appMsgs = s.compiled.Stats(), append(diag.List(nil), s.compiled.Messages()...)
}
