// Package release tags releases: Create checks a package as committed
// (never the work tree) and creates the annotated tag p/vX.Y.Z of its next
// version, whose message lists the commits that changed the package since
// the previous release (tag names are read with gitver.ParseTag). It also
// says which of a check's messages concern a package (PackageMessages), for
// the hooks that check pushed release tags.
package release

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/Masterminds/semver/v3"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/gitver"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// Options configures Create.
type Options struct {
	// Root is the workspace directory, in a git work tree (default ".").
	Root string
	// Package is the package to release (modules/<Package>).
	Package string
	// Version is "patch", "minor", "major" or an explicit version X.Y.Z
	// (pre-releases allowed); see Next.
	Version string
	// Message is the tag message's first paragraph (default "<package> vX.Y.Z");
	// the list of changes follows it.
	Message string
	// Tagger signs the tag; default: the committer identity git would use
	// (GIT_COMMITTER_NAME/EMAIL, else committer.* or user.* from git
	// config, else EMAIL), dated now.
	Tagger *object.Signature
	// DryRunTimeout is the check's time budget per dry-run evaluation.
	DryRunTimeout time.Duration
}

// Result is what Create did.
type Result struct {
	// Messages are the reasons for refusing (errors), and warnings.
	Messages diag.List
	// OtherErrors counts errors of the check that concern other packages
	// only; they do not block the release.
	OtherErrors int
	// Tag is the created tag's name, e.g. "auth/v1.2.0".
	Tag     string
	Version *semver.Version
	// Previous is the tag of the highest earlier release, "" for the first.
	Previous string
	// Since is the release the changes are counted from: the nearest one
	// on HEAD's first-parent line ("" when there is none).
	Since string
	// Commit is the tagged commit (HEAD when Create ran).
	Commit string
	// Message is the tag's whole message.
	Message string
	// Changes are the commits that changed the package since Since, newest first.
	Changes []gitver.Change
}

// Failed reports whether the release was refused.
func (r *Result) Failed() bool { return r.Messages.HasErrors() }

// Create checks package opts.Package as committed in HEAD and tags its
// next version. It refuses (errors in Result.Messages, nothing tagged) when
// the workspace is not in a repository or has no commits, the package is
// unknown or has uncommitted changes, the version is not greater than the
// last release, or the check finds errors in the package (or modc.json);
// errors in other packages do not block it.
func Create(opts Options) *Result {
	if opts.Root == "" {
		opts.Root = "."
	}
	r := &Result{}
	refuse := func(id, loc string, format string, args ...any) {
		r.Messages.Add(diag.Errorf(id, diag.Location{File: loc}, format, args...))
	}
	if _, err := ParseSpec(opts.Version); err != nil {
		refuse("release-bad-version", ".", "%v", err)
		return r
	}
	repo, msgs := gitver.Open(opts.Root)
	defer repo.Close()
	if msgs.HasErrors() {
		r.Messages.Add(msgs...)
		return r
	}
	if !repo.IsRepo() {
		r.Messages.Add(diag.Errorf("release-no-git", diag.Location{File: "."}, "not in a git repository: a release is a git tag").
			WithHint("git init, commit the workspace, then run modc release again"))
		return r
	}
	head, err := repo.ResolveRef("HEAD")
	if err != nil {
		r.Messages.Add(diag.Errorf("git-no-commits", diag.Location{File: "."}, "the git repository has no commits yet: a release tags a commit").
			WithHint("commit modules/%s first", opts.Package))
		return r
	}
	r.Commit = head
	tree, err := repo.TreeFS(head)
	if err != nil {
		refuse("git-read-failed", ".", "cannot read commit %.12s: %v", head, err)
		return r
	}
	ws, _ := workspace.Load(tree)
	names := make([]string, len(ws.Packages))
	for i, p := range ws.Packages {
		names[i] = p.Name
	}
	pkgDir := "modules/" + opts.Package
	if ws.Package(opts.Package) == nil {
		r.Messages.Add(unknownPackage(opts, names, pkgDir))
		return r
	}

	versions, msgs := repo.Versions(names, gitver.Options{})
	r.Messages.Add(ownWarnings(msgs, opts.Package)...)
	if msgs.HasErrors() {
		r.Messages.Add(msgs.Errors()...)
		return r
	}
	var pv gitver.PackageVersions
	for _, v := range versions {
		if v.Package == opts.Package {
			pv = v
		}
	}
	if pv.Dirty {
		r.Messages.Add(diag.Errorf("release-uncommitted", diag.Location{File: pkgDir}, "%s has changes that are not committed (changed, deleted or untracked files)", pkgDir).
			WithHint("commit or stash them first: a release tags the committed tree, and must build from what the tag says"))
		return r
	}
	var prev *semver.Version
	plain := false
	if len(pv.Releases) > 0 {
		top := pv.Releases[0]
		prev, r.Previous = top.Version, top.Tag
		plain = len(names) == 1 && !strings.Contains(top.Tag, "/")
	}
	next, err := Next(prev, opts.Version)
	if err != nil {
		m := diag.Errorf("release-bad-version", diag.Location{File: pkgDir}, "%v", err)
		if prev != nil {
			m = m.WithHint("the last release of %s is %s (tag %s); give a greater version, or patch, minor or major", opts.Package, prev, r.Previous)
		}
		r.Messages.Add(m)
		return r
	}
	r.Version = next
	r.Tag = opts.Package + "/v" + next.String()
	if plain {
		r.Tag = "v" + next.String()
	}
	if _, err := repo.Git().Reference(plumbing.NewTagReferenceName(r.Tag), false); err == nil {
		refuse("release-tag-exists", "refs/tags/"+r.Tag, "tag %s already exists", r.Tag)
		return r
	}

	check := compiler.Check(compiler.Options{Root: opts.Root, Ref: head, DryRunTimeout: opts.DryRunTimeout})
	own, others := PackageMessages(check.Messages, opts.Package)
	r.Messages.Add(own...)
	r.OtherErrors = len(others.Errors())
	if r.Failed() {
		return r
	}

	tagger := opts.Tagger
	if tagger == nil {
		if tagger, err = Identity(repo.Git()); err != nil {
			r.Messages.Add(diag.Errorf("release-no-identity", diag.Location{File: "."}, "%v", err).
				WithHint(`tell git who you are: git config --global user.name "Your Name" && git config --global user.email you@example.com`))
			return r
		}
	}
	r.Since, r.Changes = pv.Base, pv.Changed
	if pv.Released {
		r.Changes = nil
	}
	if pv.Shallow {
		r.Messages.Add(diag.Warningf("git-shallow-clone", diag.Location{File: pkgDir}, "the repository is a shallow clone: the tag message may miss changes before its boundary").
			WithHint("fetch the whole history first: git fetch --unshallow --tags"))
	}
	r.Message = TagMessage(opts.Message, opts.Package, next, pkgDir, r.Since, r.Changes)
	if _, err := repo.Git().CreateTag(r.Tag, plumbing.NewHash(head), &git.CreateTagOptions{Tagger: tagger, Message: r.Message}); err != nil {
		if errors.Is(err, git.ErrTagExists) {
			refuse("release-tag-exists", "refs/tags/"+r.Tag, "tag %s already exists", r.Tag)
		} else {
			refuse("release-tag-failed", ".", "cannot create tag %s: %v", r.Tag, err)
		}
		return r
	}
	return r
}

// unknownPackage says why a package is not in HEAD: a typo, or not committed yet.
func unknownPackage(opts Options, names []string, pkgDir string) diag.Message {
	if fi, err := os.Stat(filepath.Join(opts.Root, filepath.FromSlash(pkgDir))); err == nil && fi.IsDir() {
		return diag.Errorf("release-package-not-committed", diag.Location{File: pkgDir}, "package %q is not committed: HEAD has no %s", opts.Package, pkgDir).
			WithHint("commit it first: a release tags the committed tree")
	}
	m := diag.Errorf("unknown-package", diag.Location{File: "modules"}, "unknown package %q", opts.Package)
	switch s := gitver.ClosestPackage(opts.Package, names); {
	case s != "":
		return m.WithHint("did you mean %q?", s)
	case len(names) > 0:
		return m.WithHint("the packages are %s", strings.Join(names, ", "))
	}
	return m.WithHint("HEAD has no packages in modules/")
}

// ownWarnings keeps the messages of reading versions that concern pkg: its
// tags, plain tags, and the repository as a whole.
func ownWarnings(msgs diag.List, pkg string) diag.List {
	var out diag.List
	for _, m := range msgs.Warnings() {
		tag, isTag := strings.CutPrefix(m.Location.File, "refs/tags/")
		if !isTag || strings.HasPrefix(tag, pkg+"/") || !strings.Contains(tag, "/") {
			out.Add(m)
		}
	}
	return out
}

// PackageMessages splits a check's messages into those that concern
// package pkg (its files under modules/<pkg>/, modc.json, and the
// workspace as a whole) and the others.
func PackageMessages(msgs diag.List, pkg string) (own, others diag.List) {
	dir := "modules/" + pkg
	for _, m := range msgs {
		f := m.Location.File
		if f == dir || strings.HasPrefix(f, dir+"/") || f == "modc.json" || f == "." || f == "" {
			own.Add(m)
		} else {
			others.Add(m)
		}
	}
	return own, others
}

// TagMessage is the message of a release tag: the given message (default
// "<pkg> vX.Y.Z"), then the subjects of the changes since the release since
// ("" for the first release), one per line.
func TagMessage(message, pkg string, v *semver.Version, pkgDir, since string, changes []gitver.Change) string {
	var b strings.Builder
	message = strings.TrimSpace(message)
	if message == "" {
		message = fmt.Sprintf("%s v%s", pkg, v)
	}
	b.WriteString(message)
	b.WriteString("\n\n")
	switch {
	case len(changes) == 0 && since != "":
		fmt.Fprintf(&b, "No changes to %s since %s.\n", pkgDir, since)
	case len(changes) == 0:
		fmt.Fprintf(&b, "No changes to %s.\n", pkgDir)
	default:
		if since != "" {
			fmt.Fprintf(&b, "Changes since %s:\n\n", since)
		} else {
			b.WriteString("Changes:\n\n")
		}
		for _, c := range changes {
			fmt.Fprintf(&b, "- %s\n", strings.TrimSpace(c.Subject))
		}
	}
	return b.String()
}

// Identity is the signature git would put on a tag made now in g: the name
// and email from GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL, else from git
// config (committer.name/email, then user.name/email; repository, global
// and system files), else the email from EMAIL, as git does.
func Identity(g *git.Repository) (*object.Signature, error) {
	name, email := os.Getenv("GIT_COMMITTER_NAME"), os.Getenv("GIT_COMMITTER_EMAIL")
	if name == "" || email == "" {
		cfg, err := g.ConfigScoped(config.SystemScope)
		if err != nil {
			return nil, fmt.Errorf("read git config: %w", err)
		}
		name = firstOf(name, cfg.Committer.Name, cfg.User.Name)
		email = firstOf(email, cfg.Committer.Email, cfg.User.Email, os.Getenv("EMAIL"))
	}
	switch {
	case name == "" && email == "":
		return nil, errors.New("no tagger identity: git config user.name and user.email are not set")
	case name == "":
		return nil, errors.New("no tagger name: git config user.name is not set")
	case email == "":
		return nil, errors.New("no tagger email: git config user.email is not set")
	}
	return &object.Signature{Name: name, Email: email, When: time.Now()}, nil
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
