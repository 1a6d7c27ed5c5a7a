package gitver

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/model"
)

// Release is one release of a package.
type Release = model.Release

// Change is one commit that changed a package.
type Change = model.Change

// PackageVersions is everything git says about one package.
type PackageVersions = model.PackageVersions

// Options tune Versions.
type Options struct {
	// Brief skips reading every release's tag object and commit: Releases
	// then have Version, Tag and Commit (taken from the references, with
	// the peeled values git keeps in packed-refs) but no Tree, Date or
	// Message, except Base, which is complete; and tags are checked by
	// name only (a tag of a tree, say, is not reported). Current is the
	// same either way. With thousands of tags this is many times faster.
	Brief bool
	// Ref computes the working-tree version as of this revision (anything
	// ResolveRef accepts) instead of HEAD and the work tree: Current is the
	// version of the package as committed in Ref, never dirty; Commit and
	// TreeHash are Ref's. For `modc build --ref REV`.
	Ref string
	// Changes fills every Release's Changes (the changelog); it overrides
	// Brief. It reads the first-parent history behind every release.
	Changes bool
	// Snapshot, when not nil, is what the caller read of the workspace's
	// files as it loaded them: the work tree's hash takes from it what it
	// holds instead of listing, stating and reading the files again.
	Snapshot Snapshot
}

// Versions computes the releases and the working tree's version of each
// package (names as in the workspace, modules/<name>).
//
// The version of package p: walk HEAD's first-parent line back to the
// nearest commit that has a release tag of p (the base; the highest version
// when it has several). If p's tree there is p's tree in the work tree, the
// version is the base's; otherwise it is a pseudo-version after the base,
// N being the commits on the way whose tree of p differs from their first
// parent's. The walk also ends where p does not exist (before it was
// created), at the root, or at a shallow clone's boundary; then the base is
// the highest release of p, if any — a release tagged off HEAD's line is
// still the version when its tree is the work tree's.
//
// Problems with tags and with the repository are warnings; failures to
// read it are errors.
func (r *Repo) Versions(packages []string, opts Options) ([]PackageVersions, diag.List) {
	out := make([]PackageVersions, len(packages))
	for i, p := range packages {
		out[i] = PackageVersions{Package: p, Current: DevVersion}
	}
	if r.git == nil {
		return out, nil // Open said why, once
	}
	if opts.Changes {
		opts.Brief = false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	v := &versioner{r: r, rd: newReader(r, packages), out: out, opts: opts, pk: make([]pkgState, len(packages))}
	v.run()
	return out, v.msgs
}

// versioner holds the state of one Versions call.
type versioner struct {
	r    *Repo
	rd   *reader
	out  []PackageVersions
	opts Options
	msgs diag.List
	pk   []pkgState
	// shallowHit is set when anything stopped at a shallow boundary.
	shallowHit bool
}

// pkgState is one package's releases while they are being resolved.
type pkgState struct {
	rels []*relState // newest first
	// byCommit lists the releases at each commit, newest first.
	byCommit map[plumbing.Hash][]*relState
}

// relState is a release with its hashes unformatted.
type relState struct {
	cand     candidate
	commit   plumbing.Hash
	tree     plumbing.Hash
	resolved bool // tree, date and message are read
	rel      Release
}

func (v *versioner) gitError(err error) {
	v.msgs.Add(diag.Errorf("git-read-failed", diag.Location{File: "."}, "reading the git repository: %v", err))
}

func (v *versioner) run() {
	tags, err := v.r.readTags()
	if err != nil {
		v.gitError(err)
		return
	}
	cands, msgs := classify(tags, v.rd.pkgs, v.rd.idx)
	v.msgs.Add(msgs...)
	for i := range v.out {
		if err := v.releases(i, cands[i]); err != nil {
			v.gitError(err)
			return
		}
	}

	var headHash plumbing.Hash
	useWorkTree := v.r.workDir != ""
	if v.opts.Ref != "" {
		h, err := v.r.git.ResolveRevision(plumbing.Revision(v.opts.Ref))
		if err != nil {
			v.msgs.Add(diag.Errorf("git-unknown-revision", diag.Location{File: "."}, "unknown revision %q: %v", v.opts.Ref, err))
			return
		}
		headHash, useWorkTree = *h, false
	} else {
		head, err := v.r.git.Head()
		if errors.Is(err, plumbing.ErrReferenceNotFound) {
			v.noCommits()
			v.finish()
			return
		}
		if err != nil {
			v.gitError(fmt.Errorf("HEAD: %w", err))
			return
		}
		headHash = head.Hash()
	}
	hc, err := v.rd.commit(headHash)
	if err != nil {
		v.gitError(err)
		return
	}
	headSubs, err := v.rd.packageTrees(hc)
	if err != nil {
		v.gitError(err)
		return
	}
	var ign *ignorer
	if useWorkTree {
		ign = v.r.newIgnorer()
	}
	for i := range v.out {
		if err := v.current(i, hc, headSubs[i], ign); err != nil {
			v.gitError(err)
			return
		}
	}
	if v.opts.Changes {
		for i := range v.out {
			if err := v.changelog(i); err != nil {
				v.gitError(err)
				return
			}
		}
	}
	v.finish()
}

// finish copies the releases into the result and adds the shallow warning.
func (v *versioner) finish() {
	for i, ps := range v.pk {
		for _, rs := range ps.rels {
			v.out[i].Releases = append(v.out[i].Releases, rs.rel)
		}
	}
	if v.shallowHit {
		v.msgs.Add(diag.Warningf("git-shallow-clone", diag.Location{File: "."}, "the repository is a shallow clone: releases and changes before its boundary are unknown, and pseudo-versions marked .shallow count only the commits present").
			WithHint("fetch the whole history for exact versions: git fetch --unshallow --tags"))
	}
}

// releases finds the commit of each of package i's release candidates and,
// unless Brief, reads their details, dropping (with a warning) tags that
// do not name a commit with the package in it.
func (v *versioner) releases(i int, cands []candidate) error {
	ps := &v.pk[i]
	ps.byCommit = map[plumbing.Hash][]*relState{}
	var missing []string
	for _, c := range cands {
		rs := &relState{cand: c, rel: Release{Version: c.version, Tag: c.tag.name}}
		if v.opts.Brief {
			commit, err := v.peel(c.tag)
			if err != nil && !errors.Is(err, errMissing) && !errors.Is(err, errNotCommit) {
				return fmt.Errorf("tag %s: %w", c.tag.name, err)
			}
			rs.commit = commit
		} else {
			ok, err := v.resolve(i, rs)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if rs.rel.Missing {
				missing = append(missing, c.tag.name)
			}
		}
		if !rs.commit.IsZero() {
			rs.rel.Commit = rs.commit.String()
		}
		v.duplicates(c, rs.commit)
		ps.rels = append(ps.rels, rs)
		ps.byCommit[rs.commit] = append(ps.byCommit[rs.commit], rs)
	}
	if len(missing) > 0 {
		pkg := v.rd.pkgs[i]
		m := diag.Warningf("release-tag-missing-commit", tagLoc(missing[0]), "the commit of release tag %s is not in the repository, so that release cannot be built", missing[0])
		if len(missing) > 1 {
			m.Text = fmt.Sprintf("the commits of release tag %s and %d more releases of %q are not in the repository, so those releases cannot be built", missing[0], len(missing)-1, pkg)
		}
		if v.r.IsShallow() {
			m = m.WithHint("the repository is a shallow clone; fetch the whole history with git fetch --unshallow --tags")
			v.shallowHit = true
		}
		v.msgs.Add(m)
	}
	return nil
}

// peel returns the commit a tag names, reading objects only when the
// references do not say.
func (v *versioner) peel(t tagRef) (plumbing.Hash, error) {
	switch {
	case !t.peeled.IsZero():
		return t.peeled, nil
	case t.direct:
		return t.target, nil
	}
	ti, err := v.rd.resolveTag(t.target)
	return ti.commit, err
}

// resolve reads a release's tag object and commit: its commit, date,
// message and the package's tree. It reports false, with a warning, for a
// tag that is not a release after all.
func (v *versioner) resolve(i int, rs *relState) (bool, error) {
	if rs.resolved {
		return true, nil
	}
	rs.resolved = true
	c, pkg := rs.cand, v.rd.pkgs[i]
	ti, err := v.rd.resolveTag(c.tag.target)
	switch {
	case errors.Is(err, errNotCommit):
		v.msgs.Add(diag.Warningf("release-tag-not-commit", tagLoc(c.tag.name), "tag %s looks like a release of package %q, but %v; it is ignored", c.tag.name, pkg, err))
		return false, nil
	case errors.Is(err, errMissing):
		rs.rel.Missing = true
	case err != nil:
		return false, fmt.Errorf("tag %s: %w", c.tag.name, err)
	}
	rs.commit = ti.commit
	rs.rel.Annotated, rs.rel.Message, rs.rel.Date = ti.annotated, ti.message, ti.date
	if rs.rel.Missing {
		rs.rel.Date = time.Time{}
		return true, nil
	}
	subs, err := v.rd.packageTrees(ti.ci)
	if err != nil {
		return false, fmt.Errorf("tag %s: %w", c.tag.name, err)
	}
	if subs[i].IsZero() {
		v.msgs.Add(diag.Warningf("release-tag-no-package", tagLoc(c.tag.name), "tag %s looks like a release of package %q, but its commit %s has no %s; it is ignored", c.tag.name, pkg, short(ti.commit), v.r.packagePath(pkg)))
		return false, nil
	}
	rs.tree, rs.rel.Tree = subs[i], subs[i].String()
	if !rs.rel.Annotated {
		rs.rel.Date = ti.ci.commitDate
	}
	return true, nil
}

// duplicates warns about other tags naming the same version of a package
// at a different commit; the same commit under two names is harmless.
func (v *versioner) duplicates(c candidate, commit plumbing.Hash) {
	for _, d := range c.dups {
		dc, err := v.peel(d.tag)
		if err == nil && dc == commit {
			continue
		}
		v.msgs.Add(diag.Warningf("release-tag-duplicate", tagLoc(d.tag.name), "tag %s names release %s of package %q like tag %s, but another commit; %s is used and %s is ignored", d.tag.name, d.version, v.rd.pkgs[c.pkg], c.tag.name, c.tag.name, d.tag.name))
	}
}

// noCommits reports an unborn HEAD: every package is DevVersion.
func (v *versioner) noCommits() {
	v.msgs.Add(diag.Warningf("git-no-commits", diag.Location{File: "."}, "the git repository has no commits yet: every package is version %s", DevVersion))
	if v.r.workDir == "" {
		return
	}
	ign := v.r.newIgnorer()
	for i := range v.out {
		h, err := v.r.workTreeHash(v.r.packagePath(v.rd.pkgs[i]), plumbing.ZeroHash, ign, v.opts.Snapshot)
		if err != nil {
			v.gitError(err)
			return
		}
		if !h.IsZero() {
			v.out[i].Dirty, v.out[i].TreeHash = true, h.String()
		}
	}
}

// current computes package i's working-tree version.
func (v *versioner) current(i int, head *commitInfo, headTree plumbing.Hash, ign *ignorer) error {
	pv, ps := &v.out[i], &v.pk[i]
	pv.Commit = head.hash.String()
	tree := headTree
	if ign != nil {
		wt, err := v.r.workTreeHash(v.r.packagePath(pv.Package), headTree, ign, v.opts.Snapshot)
		if err != nil {
			return err
		}
		pv.Dirty = wt != headTree
		tree = wt
	}
	if !tree.IsZero() {
		pv.TreeHash = tree.String()
	}

	base, changes, incomplete, err := v.walk(head.hash, i, ps.byCommit, true)
	if err != nil {
		return err
	}
	if base == nil && len(ps.rels) > 0 {
		base = ps.rels[0] // released off HEAD's line, or beyond a shallow boundary
	}
	if base != nil {
		ok, err := v.resolve(i, base)
		if err != nil {
			return err
		}
		if !ok { // Brief: the base turned out not to be a release
			v.drop(i, base)
			return v.current(i, head, headTree, ign)
		}
		pv.Base = base.rel.Tag
	}
	pv.Changed, pv.Shallow = changes, incomplete
	if base != nil && !base.rel.Missing && base.tree == tree {
		pv.Current, pv.Released, pv.Changed, pv.Shallow = base.rel.Version.String(), true, nil, false
		return nil
	}
	var br *Release
	if base != nil {
		br = &base.rel
	}
	pv.Current = pseudo(br, len(pv.Changed), head.hash, pv.Shallow, pv.Dirty)
	return nil
}

// drop forgets a release candidate that turned out not to be a release.
func (v *versioner) drop(i int, rs *relState) {
	ps := &v.pk[i]
	ps.rels = slices.DeleteFunc(ps.rels, func(x *relState) bool { return x == rs })
	at := slices.DeleteFunc(ps.byCommit[rs.commit], func(x *relState) bool { return x == rs })
	if len(at) == 0 {
		delete(ps.byCommit, rs.commit)
	} else {
		ps.byCommit[rs.commit] = at
	}
}

// pseudo formats a pseudo-version after the release base (nil: none).
func pseudo(base *Release, n int, head plumbing.Hash, shallow, dirty bool) string {
	var b strings.Builder
	switch {
	case base == nil:
		b.WriteString("0.0.0-dev.")
	case base.Version.Prerelease() == "":
		bv := base.Version
		fmt.Fprintf(&b, "%d.%d.%d-dev.", bv.Major(), bv.Minor(), bv.Patch()+1)
	default:
		bv := base.Version
		fmt.Fprintf(&b, "%d.%d.%d-%s.0.dev.", bv.Major(), bv.Minor(), bv.Patch(), bv.Prerelease())
	}
	b.WriteString(strconv.Itoa(n))
	b.WriteString("+")
	b.WriteString(head.String()[:ShortHashLen])
	if shallow {
		b.WriteString(".shallow")
	}
	if dirty {
		b.WriteString(".dirty")
	}
	return b.String()
}

// walk follows the first-parent line from start back to the nearest commit
// with a release of package i (in releases; when includeStart is false,
// the start commit's own releases do not count) and returns that release
// (the highest there) and the commits before it that changed the package,
// newest first. It also stops where the package does not exist, at the
// root, and at a shallow boundary (incomplete), returning no release.
func (v *versioner) walk(start plumbing.Hash, i int, releases map[plumbing.Hash][]*relState, includeStart bool) (base *relState, changes []Change, incomplete bool, err error) {
	for h := start; ; {
		if rs := releases[h]; len(rs) > 0 && (includeStart || h != start) {
			return rs[0], changes, false, nil
		}
		ci, err := v.rd.commit(h)
		if err != nil {
			if errors.Is(err, errMissing) && h != start {
				v.shallowHit = true
				return nil, changes, true, nil
			}
			return nil, changes, false, err
		}
		subs, err := v.rd.packageTrees(ci)
		if err != nil {
			return nil, changes, false, err
		}
		if subs[i].IsZero() {
			return nil, changes, false, nil
		}
		if ci.boundary {
			v.shallowHit = true
			return nil, changes, true, nil
		}
		parent := v.rd.noSubs
		if !ci.parent.IsZero() {
			pc, err := v.rd.commit(ci.parent)
			if errors.Is(err, errMissing) {
				v.shallowHit = true
				return nil, changes, true, nil
			}
			if err != nil {
				return nil, changes, false, err
			}
			if parent, err = v.rd.packageTrees(pc); err != nil {
				return nil, changes, false, err
			}
		}
		if subs[i] != parent[i] {
			changes = append(changes, Change{Commit: h.String(), Subject: ci.subject, Author: ci.author, Date: ci.authorDate})
		}
		if ci.parent.IsZero() {
			return nil, changes, false, nil
		}
		h = ci.parent
	}
}

// changelog fills the Changes of package i's releases: the commits since
// the nearest earlier release on the release commit's first-parent line.
// Of several releases at one commit, the lowest gets the changes.
func (v *versioner) changelog(i int) error {
	ps := &v.pk[i]
	for _, rs := range ps.rels {
		if rs.rel.Missing {
			continue
		}
		if at := ps.byCommit[rs.commit]; at[len(at)-1] != rs {
			continue
		}
		_, changes, _, err := v.walk(rs.commit, i, ps.byCommit, false)
		if err != nil {
			return fmt.Errorf("changes of %s: %w", rs.rel.Tag, err)
		}
		rs.rel.Changes = changes
	}
	return nil
}

// short abbreviates a hash for messages.
func short(h plumbing.Hash) string { return h.String()[:ShortHashLen] }

// Details reads what a Brief Versions call left out of a release of package
// pkg: Tree, Date, Annotated, Message, and Missing. It reports an error
// when the tag no longer exists or is not a release of pkg.
func (r *Repo) Details(pkg string, rel *Release) error {
	if r.git == nil {
		return r.errNoRepo()
	}
	if !strings.HasPrefix(rel.Tag, pkg+"/v") && !strings.HasPrefix(rel.Tag, "v") {
		return fmt.Errorf("%s is not a release tag of package %s", rel.Tag, pkg)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	ref, err := r.st.Reference(plumbing.ReferenceName(tagRefPrefix + rel.Tag))
	if err != nil {
		return fmt.Errorf("tag %s: %w", rel.Tag, err)
	}
	v := &versioner{r: r, rd: newReader(r, []string{pkg})}
	rs := &relState{cand: candidate{version: rel.Version, tag: tagRef{name: rel.Tag, target: ref.Hash()}}, rel: Release{Version: rel.Version, Tag: rel.Tag}}
	ok, err := v.resolve(0, rs)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%s", v.msgs[0].Text)
	}
	rs.rel.Changes = rel.Changes
	if !rs.commit.IsZero() {
		rs.rel.Commit = rs.commit.String()
	}
	*rel = rs.rel
	return nil
}
