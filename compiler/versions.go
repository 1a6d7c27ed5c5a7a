package compiler

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/bundle"
	"github.com/modc-dev/modc/compiler/internal/dryrun"
	"github.com/modc-dev/modc/compiler/internal/gitver"
	"github.com/modc-dev/modc/compiler/internal/jslib"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/query"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// gitMeta turns what git says of a working-tree (or --ref) build into meta.json's git fields.
func gitMeta(pv gitver.PackageVersions) bundle.GitMeta {
	m := bundle.GitMeta{Commit: pv.Commit, Released: pv.Released}
	if !pv.Released {
		m.Unreleased = changes(pv.Changed)
	}
	m.Changelog = changelog(pv.Releases, "")
	return m
}

// changelog lists releases newest first, from the one tagged upTo ("" for all).
func changelog(rels []gitver.Release, upTo string) []bundle.ReleaseMeta {
	var out []bundle.ReleaseMeta
	started := upTo == ""
	for _, r := range rels {
		if r.Tag == upTo {
			started = true
		}
		if !started || r.Missing {
			continue
		}
		out = append(out, bundle.ReleaseMeta{Version: r.Version.String(), Tag: r.Tag, Commit: r.Commit, Date: date(r.Date), Changes: changes(r.Changes)})
	}
	return out
}

func changes(cs []gitver.Change) []bundle.ChangeMeta {
	out := make([]bundle.ChangeMeta, len(cs))
	for i, c := range cs {
		out[i] = bundle.ChangeMeta{Commit: c.Commit, Subject: c.Subject, Date: date(c.Date)}
	}
	return out
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// releaseBuilder is the releases stage: it builds released versions from
// their tagged commits' trees, reusing earlier outputs from the cache, and
// describes each for the docs. A commit's workspace is loaded once and a
// package's modules analysed once, for both.
type releaseBuilder struct {
	repo   *gitver.Repo
	opts   Options
	global string
	// runtimeImport is the name of the runtime's npm package (npmScope's).
	runtimeImport string
	// libs are the workspace's libraries as installed now: a release reads
	// those its own modc.json declares.
	libs []*jslib.Library
	// worker runs the releases' esbuild builds when the session has one.
	worker *bundle.Worker
	cache  string // directory; "" disables the cache
	// head is the check of the working tree (or --ref): a release whose
	// package is unchanged in it is described by its analysis and dry
	// runs instead of running them again.
	head *Result
	// released collects, by package and version, what each release holds
	// (its workspace, analysed modules and dry runs), for the docs.
	released map[string]map[string]*Result
	// built and cached count the releases built and those from the cache.
	built, cached int
	trees         map[string]*workspace.Workspace // loaded commits, by hash
	analysed      map[string]*analysedPackage     // by commit and package
}

// analysedPackage is a package's modules analysed as committed.
type analysedPackage struct {
	ws    *workspace.Workspace
	pkg   *workspace.Package
	mains map[string]*jsmod.Main
	msgs  map[string]diag.List // by module ID: the checks' messages
	main  diag.List            // main.js's messages, which keep a release from building
}

// build returns the outputs of every buildable release of every package,
// and the latest/ copies. Releases that cannot be built are warnings: they
// were published already, and the rest of the build must go on.
func (rb *releaseBuilder) build(versions []gitver.PackageVersions) ([]*bundle.Output, diag.List) {
	var outs []*bundle.Output
	var msgs diag.List
	for _, pv := range versions {
		var latest *bundle.Output
		for i := range pv.Releases {
			rel := &pv.Releases[i]
			if rel.Missing {
				continue
			}
			out, err := rb.release(pv.Package, rel, changelog(pv.Releases, rel.Tag))
			if err == nil {
				err = rb.snapshot(pv, rel)
			}
			if err != nil {
				msgs.Add(diag.Warningf("release-not-built", diag.Location{File: "refs/tags/" + rel.Tag}, "release %s of %s is not built: %v", rel.Version, pv.Package, err))
				continue
			}
			outs = append(outs, out)
			if latest == nil && rel.Version.Prerelease() == "" {
				latest = out
			}
		}
		if latest != nil {
			outs = append(outs, latest.As("latest"))
		}
	}
	return outs, msgs
}

// workspaceAt loads the workspace as committed in commit, once per commit.
func (rb *releaseBuilder) workspaceAt(commit string) (*workspace.Workspace, diag.List, error) {
	if ws, ok := rb.trees[commit]; ok {
		return ws, nil, nil
	}
	fsys, err := rb.repo.TreeFS(commit)
	if err != nil {
		return nil, nil, err
	}
	ws, msgs := workspace.Load(fsys)
	if rb.trees == nil {
		rb.trees = map[string]*workspace.Workspace{}
	}
	rb.trees[commit] = ws
	return ws, msgs, nil
}

// analyse analyses pkg's modules as committed in commit, once.
func (rb *releaseBuilder) analyse(pkg, commit string) (*analysedPackage, error) {
	key := commit + "\x00" + pkg
	if a, ok := rb.analysed[key]; ok {
		return a, nil
	}
	ws, loadMsgs, err := rb.workspaceAt(commit)
	if err != nil {
		return nil, err
	}
	p := ws.Package(pkg)
	if p == nil {
		return nil, fmt.Errorf("modules/%s is not in commit %.12s", pkg, commit)
	}
	a := &analysedPackage{ws: ws, pkg: p, mains: map[string]*jsmod.Main{}, msgs: map[string]diag.List{}, main: loadMsgs}
	env := jsmod.Env{Libraries: ws.Config.LibraryGlobals(), Strict: rb.opts.Strict}
	for _, m := range p.Modules {
		main, msgs := analyzeMain(m, env)
		if main != nil {
			a.mains[m.ID()] = main
		}
		a.main.Add(msgs.About(m.ID())...)
		a.msgs[m.ID()] = append(msgs, checkModule(m, main, env.Libraries)...)
	}
	if rb.analysed == nil {
		rb.analysed = map[string]*analysedPackage{}
	}
	rb.analysed[key] = a
	return a, nil
}

// snapshot records what release rel of pv's package holds: its modules
// analysed and dry-run, as the docs show them on the release's own pages.
// When the working tree's package is that release, unchanged, they are the
// working tree's.
func (rb *releaseBuilder) snapshot(pv gitver.PackageVersions, rel *gitver.Release) error {
	pkg := pv.Package
	// Released compares only the package's directory: were analysis or dry
	// runs ever to depend on files outside it (modc.json), this would have
	// to compare those too.
	if rb.head != nil && pv.Released && !pv.Dirty && pv.Base == rel.Tag {
		rb.record(pkg, rel, &Result{Workspace: rb.head.Workspace, Mains: rb.head.Mains, DryRuns: rb.head.DryRuns})
		return nil
	}
	a, err := rb.analyse(pkg, rel.Commit)
	if err != nil {
		return err
	}
	r := &Result{Workspace: a.ws, Mains: a.mains, DryRuns: map[string]*dryrun.Result{}}
	var inputs []dryrun.Input
	libs := rb.libraries(a.ws)
	uses := query.PackageUses(a.pkg, func(id string) *jsmod.Main { return a.mains[id] }, libraryGlobals(libs))
	for _, m := range a.pkg.Modules {
		if a.msgs[m.ID()].HasErrors() {
			continue
		}
		if in, ok := dryRunInput(m, a.mains[m.ID()], libs, uses); ok {
			inputs = append(inputs, in)
		}
	}
	results, _ := dryrun.Run(inputs, dryrun.Options{Timeout: rb.opts.DryRunTimeout})
	for _, res := range results {
		if res != nil {
			r.DryRuns[res.Module] = res
		}
	}
	rb.record(pkg, rel, r)
	return nil
}

// libraries returns those of rb.libs that ws's modc.json declares.
func (rb *releaseBuilder) libraries(ws *workspace.Workspace) []*jslib.Library {
	var out []*jslib.Library
	for _, l := range rb.libs {
		for _, d := range ws.Config.Libraries {
			if d.Global == l.Global && d.Package == l.Package {
				out = append(out, l)
			}
		}
	}
	return out
}

// record keeps r as what release rel of pkg holds; its Model is of pkg
// alone.
func (rb *releaseBuilder) record(pkg string, rel *gitver.Release, r *Result) {
	r.only = pkg
	if rb.released == nil {
		rb.released = map[string]map[string]*Result{}
	}
	if rb.released[pkg] == nil {
		rb.released[pkg] = map[string]*Result{}
	}
	rb.released[pkg][rel.Version.String()] = r
}

// release builds one release, from the cache when it has it.
func (rb *releaseBuilder) release(pkg string, rel *gitver.Release, log []bundle.ReleaseMeta) (*bundle.Output, error) {
	bopts := bundle.Options{
		Packages:   []string{pkg},
		Versions:   map[string]string{pkg: rel.Version.String()},
		TreeHashes: map[string]string{pkg: rel.Tree},
		Git:        map[string]bundle.GitMeta{pkg: {Commit: rel.Commit, Released: true, Changelog: log}},
		Global:     rb.global,
		// The same runtime package name as the npm folders', which use
		// the npmScope of the workspace built, not of the release.
		RuntimeImport: rb.runtimeImport,
		Minify:        !rb.opts.NoMinify,
		Worker:        rb.worker,
	}
	if len(rb.libs) > 0 {
		ws, _, err := rb.workspaceAt(rel.Commit)
		if err != nil {
			return nil, err
		}
		bopts.Libraries = rb.libraries(ws)
	}
	key, err := releaseKey(rel, bopts)
	if err != nil {
		return nil, err
	}
	dir := bundle.Dir(pkg, rel.Version.String())
	if files, ok := rb.load(key); ok {
		if out, err := bundle.ReadOutput(dir, files); err == nil {
			rb.cached++
			return out, nil
		}
	}
	a, err := rb.analyse(pkg, rel.Commit)
	if err != nil {
		return nil, err
	}
	outs, msgs := bundle.Outputs(a.ws, a.mains, bopts)
	msgs.Add(a.main...)
	for _, m := range msgs.Errors() {
		if m.Package == pkg {
			return nil, fmt.Errorf("%s", m.Error())
		}
	}
	if len(outs) != 1 || outs[0].Dir != dir {
		return nil, fmt.Errorf("no output")
	}
	rb.built++
	rb.store(key, bundle.CacheFiles(outs))
	return outs[0], nil
}

// releaseKey identifies a release's output: the release, every option its
// bundles are built with (all of bundle.Options, so that an option added
// there is part of the key without anyone listing it here) and this modc
// binary.
func releaseKey(rel *gitver.Release, bopts bundle.Options) (string, error) {
	data, err := json.Marshal(struct {
		Tree, Version, Tag, Commit string
		Bundle                     bundle.Options
		Build                      string
	}{rel.Tree, rel.Version.String(), rel.Tag, rel.Commit, bopts, BuildID()})
	if err != nil {
		return "", fmt.Errorf("the release's cache key: %w", err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// BuildID changes whenever the modc binary does, so a new modc never reuses
// an older one's output: the executable's path, size and modification time.
func BuildID() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	st, err := os.Stat(exe)
	if err != nil {
		return exe
	}
	return fmt.Sprintf("%s %d %d", exe, st.Size(), st.ModTime().UnixNano())
}

func (rb *releaseBuilder) load(key string) (map[string][]byte, bool) {
	if rb.cache == "" {
		return nil, false
	}
	dir := filepath.Join(rb.cache, key)
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	return files, err == nil && len(files) > 0
}

// store saves a release's files under its key, atomically; failures only
// cost a rebuild next time.
func (rb *releaseBuilder) store(key string, files map[string][]byte) {
	if rb.cache == "" {
		return
	}
	if err := os.MkdirAll(rb.cache, 0o755); err != nil {
		return
	}
	tmp, err := os.MkdirTemp(rb.cache, ".tmp-")
	if err != nil {
		return
	}
	defer os.RemoveAll(tmp)
	names := make([]string, 0, len(files))
	for k := range files {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		p := filepath.Join(tmp, filepath.FromSlash(k))
		if os.MkdirAll(filepath.Dir(p), 0o755) != nil || os.WriteFile(p, files[k], 0o644) != nil {
			return
		}
	}
	_ = os.Rename(tmp, filepath.Join(rb.cache, key))
}

// cacheDir is where released versions' outputs are kept.
func cacheDir(opts Options) string {
	dir := opts.CacheDir
	if dir == "" {
		dir = os.Getenv("MODC_CACHE_DIR")
	}
	switch {
	case dir == "-": // no cache, from the option or the environment alike
		return ""
	case dir != "":
		return dir
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "modc", "releases")
}

// Versions reports what git says of every package of the workspace at
// opts.Root (or opts.Ref): releases with their changelogs, and the working
// tree's version with the changes since the last release.
func Versions(opts Options) ([]gitver.PackageVersions, diag.List) {
	opts.defaults()
	repo, msgs := gitver.Open(opts.Root)
	defer repo.Close()
	if msgs.HasErrors() {
		return nil, msgs
	}
	fsys, dir, msg := workspaceFS(opts, repo)
	if msg != nil {
		msgs.Add(*msg)
		return nil, msgs
	}
	if dir != nil {
		defer dir.Close()
	}
	ws, ms := workspace.Load(fsys)
	msgs.Add(ms.Errors()...)
	versions, ms := repo.Versions(packageNames(ws), gitver.Options{Ref: opts.Ref, Changes: true})
	msgs.Add(ms...)
	msgs.Sort()
	return versions, msgs
}
