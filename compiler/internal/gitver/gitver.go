// Package gitver reads package versions from git: release tags, the working
// tree's version (a release or a pseudo-version), what changed since each
// release, and any commit's files as an fs.FS.
//
// # Releases
//
// A release of package p is a tag p/vX.Y.Z (annotated or lightweight, any
// semver version, pre-releases included, ordered by semver precedence);
// when the workspace has exactly one package, a plain vX.Y.Z tag is a
// release of it too. Tags that look like a broken release (p/v1.2, p/vx,
// p/1.2.3, p/V1.2.3, Auth/v1.0.0, a plain v1.2.3 with several packages, a
// tag of a tree, a tag on a commit without modules/p, two tags of one
// version on different commits) are warnings located at the tag
// ("refs/tags/p/v1.2"); other tags (p/stable, release-2020) are ignored.
//
// # The working tree's version
//
// Walk HEAD's first-parent line back to the nearest commit carrying a
// release of p: that release (the highest, if several) is the base. If the
// work tree's modules/p has the base commit's tree of modules/p, the
// version is the base's. Otherwise it is a pseudo-version that sorts after
// the base and before the next release:
//
//	X.Y.(Z+1)-dev.N+<sha>[.shallow][.dirty]     after release X.Y.Z
//	X.Y.Z-PRE.0.dev.N+<sha>[.shallow][.dirty]   after pre-release X.Y.Z-PRE
//	0.0.0-dev.N+<sha>[.shallow][.dirty]         no release yet
//
// N counts the commits on the way whose tree of modules/p differs from
// their first parent's (a merge counts once, as the change it brings); <sha>
// is HEAD's hash abbreviated to 12 hex digits (as in Go's pseudo-versions:
// never ambiguous in practice, unlike git's 7); .dirty says the work tree's
// modules/p differs from HEAD's, counting untracked files that are not
// ignored (see PackageVersions.Dirty); .shallow says the history ended at a shallow
// clone's boundary first, so N may be too small. The .0 after a pre-release
// (as in Go's pseudo-versions) sorts the pseudo-version before any longer
// pre-release continuing PRE: 1.2.0-beta < 1.2.0-beta.0.dev.3 <
// 1.2.0-beta.1 < 1.2.0-rc.1 < 1.2.0.
//
// The walk also ends where modules/p does not exist (changes before a
// package was created do not count), at the root, and at a shallow
// boundary. When it finds no release, the base is p's highest release, if
// any: a release tagged on a branch that was merged is still the version
// when its tree is the work tree's, and a pseudo-version still sorts after
// every release.
//
// Everything is computed by comparing tree hashes: nothing walks the log
// with a path filter (slow in go-git) and nothing diffs trees, so the cost
// is a few object reads per commit between HEAD and each package's base
// (see BenchmarkVersions). A bare repository has no work tree and is never
// dirty; outside a repository, or before the first commit, every package
// is DevVersion, with one warning.
package gitver

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/model"
)

// DevVersion is the version of every package without git history (see
// model.DevVersion).
const DevVersion = model.DevVersion

// ShortHashLen is the number of hex digits of a commit hash in pseudo-versions.
const ShortHashLen = model.ShortHashLen

// Repo is a git repository opened for reading versions. The zero value is
// not usable; get one from Open or OpenBare. A Repo is safe for concurrent
// use: its methods, and the FSs from TreeFS, take turns reading objects.
type Repo struct {
	mu  sync.Mutex
	git *git.Repository // nil when the workspace is not in a repository
	st  storage.Storer
	// workDir is the absolute root of the work tree, "" for a bare repository.
	workDir string
	// prefix is the workspace's directory relative to the repository root,
	// slash-separated, "" when the workspace is the root.
	prefix string
	// fileMode is false when core.fileMode is false: the executable bit of
	// work-tree files is not trusted.
	fileMode bool
	// shallow holds the boundary commits of a shallow clone.
	shallow map[plumbing.Hash]bool
	// reason says why there is no repository (git == nil).
	reason string
}

// Open finds the git repository holding the workspace directory dir (dir
// itself or any parent; the workspace may be a subdirectory of the
// repository, then packages are <prefix>/modules/p). A dir that is itself a
// bare repository is opened as OpenBare does.
//
// When dir is in no repository, Open still returns a Repo, whose Versions
// reports every package as DevVersion, and exactly one warning.
func Open(dir string) (*Repo, diag.List) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return noRepo(fmt.Sprintf("cannot resolve %s: %v", dir, err))
	}
	if isGitDir(abs) {
		return OpenBare(abs)
	}
	g, err := plainOpen(abs, true)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return noRepo("not in a git repository")
	}
	if err != nil {
		return noRepo(fmt.Sprintf("cannot open the git repository: %v", err))
	}
	r := newRepo(g)
	wt, err := g.Worktree()
	if err != nil { // bare: found through DetectDotGit only if dir is inside it
		return r, nil
	}
	r.workDir = wt.Filesystem.Root()
	rel, err := relPath(r.workDir, abs)
	if err != nil {
		return noRepo(fmt.Sprintf("cannot place %s in the work tree %s: %v", dir, r.workDir, err))
	}
	r.prefix = rel
	return r, nil
}

// OpenBare opens the repository whose git directory is gitDir (a bare
// repository, or the .git directory of a clone) and reads objects only: there
// is no work tree, so nothing is ever dirty. The workspace is the root of the
// repository's trees.
func OpenBare(gitDir string) (*Repo, diag.List) {
	g, err := plainOpen(gitDir, false)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return noRepo(fmt.Sprintf("%s is not a git repository", gitDir))
	}
	if err != nil {
		return noRepo(fmt.Sprintf("cannot open the git repository %s: %v", gitDir, err))
	}
	return newRepo(g), nil
}

// newRepo wraps a repository found by go-git, reopening its storage so that
// packfiles stay open between object reads (go-git otherwise opens and
// closes the packfile for every object it reads, which dominates the cost
// of reading thousands of objects).
// plainOpen opens the repository at path (or a parent, with detect), with
// support for linked work trees (git worktree add) only when path is one:
// go-git's support routes every file of the git directory through a
// layer that is slower for plain repositories.
func plainOpen(path string, detect bool) (*git.Repository, error) {
	g, err := git.PlainOpenWithOptions(path, &git.PlainOpenOptions{DetectDotGit: detect})
	if err != nil {
		return nil, err
	}
	if fsst, ok := g.Storer.(*filesystem.Storage); ok {
		if _, err := fsst.Filesystem().Stat("commondir"); err == nil {
			return git.PlainOpenWithOptions(path, &git.PlainOpenOptions{DetectDotGit: detect, EnableDotGitCommonDir: true})
		}
	}
	return g, nil
}

func newRepo(g *git.Repository) *Repo {
	if fsst, ok := g.Storer.(*filesystem.Storage); ok {
		st := filesystem.NewStorageWithOptions(fsst.Filesystem(), cache.NewObjectLRUDefault(), filesystem.Options{KeepDescriptors: true})
		var wtfs billy.Filesystem
		if wt, err := g.Worktree(); err == nil {
			wtfs = wt.Filesystem
		}
		if g2, err := git.Open(st, wtfs); err == nil {
			g = g2
		}
	}
	r := &Repo{git: g, st: g.Storer, fileMode: true}
	if cfg, err := g.Config(); err == nil && cfg.Raw != nil {
		if v := cfg.Raw.Section("core").Option("filemode"); strings.EqualFold(v, "false") {
			r.fileMode = false
		}
	}
	if hs, err := g.Storer.Shallow(); err == nil && len(hs) > 0 {
		r.shallow = make(map[plumbing.Hash]bool, len(hs))
		for _, h := range hs {
			r.shallow[h] = true
		}
	}
	return r
}

// noRepo is the Repo of a workspace outside git, with its one warning.
func noRepo(reason string) (*Repo, diag.List) {
	r := &Repo{reason: reason}
	return r, diag.List{diag.Warningf("git-no-repository", diag.Location{File: "."}, "%s: every package is version %s", reason, DevVersion).
		WithHint("versions come from release tags p/vX.Y.Z in the workspace's git repository")}
}

// isGitDir reports whether dir looks like a git directory (bare repository).
func isGitDir(dir string) bool {
	if fi, err := os.Stat(filepath.Join(dir, "HEAD")); err != nil || fi.IsDir() {
		return false
	}
	for _, sub := range []string{"objects", "refs"} {
		if fi, err := os.Stat(filepath.Join(dir, sub)); err != nil || !fi.IsDir() {
			return false
		}
	}
	return true
}

// relPath returns dir relative to root, slash-separated, "" for root itself.
func relPath(root, dir string) (string, error) {
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		dir = d
	}
	rel, err := filepath.Rel(root, dir)
	if err != nil {
		return "", err
	}
	rel = filepath.ToSlash(rel)
	if rel == "." {
		return "", nil
	}
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", fmt.Errorf("outside the work tree")
	}
	return rel, nil
}

// Close releases the open packfiles. The Repo must not be used afterwards.
func (r *Repo) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.st.(io.Closer); ok {
		if err := c.Close(); err != nil {
			return fmt.Errorf("close git repository: %w", err)
		}
	}
	return nil
}

// IsRepo reports whether the workspace is in a git repository.
func (r *Repo) IsRepo() bool { return r.git != nil }

// IsBare reports whether the repository has no work tree (opened with
// OpenBare, or a bare repository).
func (r *Repo) IsBare() bool { return r.git != nil && r.workDir == "" }

// IsShallow reports whether the repository is a shallow clone.
func (r *Repo) IsShallow() bool { return len(r.shallow) > 0 }

// Prefix is the workspace's directory relative to the repository root
// (slash-separated, "" when the workspace is the root).
func (r *Repo) Prefix() string { return r.prefix }

// WorkDir is the absolute root of the work tree, "" for a bare repository
// or outside git.
func (r *Repo) WorkDir() string { return r.workDir }

// Git returns the underlying go-git repository (for writing: creating
// release tags), nil outside git. It shares the Repo's storage: do not use
// it while another goroutine runs the Repo's methods.
func (r *Repo) Git() *git.Repository { return r.git }

// packagePath is the repository path of package p's directory.
func (r *Repo) packagePath(p string) string {
	return path.Join(r.prefix, "modules", p)
}

// errNoRepo is returned by the methods that need a repository.
func (r *Repo) errNoRepo() error {
	return fmt.Errorf("no git repository: %s", r.reason)
}
