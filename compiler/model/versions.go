package model

import (
	"time"

	"github.com/Masterminds/semver/v3"
)

// Release is one release of a package.
type Release struct {
	Version *semver.Version
	// Tag is the tag's name without refs/tags/, e.g. "auth/v1.2.0".
	Tag string
	// Commit is the full hash of the tagged commit.
	Commit string
	// Tree is the hash of the package directory's tree in Commit: releases
	// with the same Tree have the same files. Empty when Missing.
	Tree string
	// Date is the tagger date of an annotated tag, the commit date of a
	// lightweight one. Zero when Missing.
	Date time.Time
	// Annotated is set for annotated tags; Message is their message.
	Annotated bool
	Message   string
	// Missing is set when the tagged commit is not in the repository (a
	// shallow clone): the release exists, but its files cannot be read.
	Missing bool
	// Changes are the commits that changed the package since the nearest
	// earlier release on the first-parent line of Commit (since the package
	// was created, for the first), newest first. Of several releases on one
	// commit, only the lowest version has them. Filled with Options.Changes.
	Changes []Change
}

// Change is one commit that changed a package: its first-parent's tree of
// the package directory differs from its own.
type Change struct {
	Commit  string
	Subject string
	Author  string
	Date    time.Time // author date
}

// PackageVersions is everything git says about one package.
type PackageVersions struct {
	Package string
	// Releases are the package's releases, newest (highest version) first.
	Releases []Release
	// Current is the working tree's version: a release when the package is
	// unchanged since it, else a pseudo-version (see the package
	// documentation), or DevVersion with no commits or no repository.
	Current string
	// Base is the tag of the release Current is, or is a pseudo-version
	// after; "" when there is none.
	Base string
	// Released is set when Current is a release (Base's version).
	Released bool
	// Dirty is set when the work tree's package directory differs from
	// HEAD's: the tree `git add -A` would make of it is not HEAD's. So
	// changed and deleted files count, and so do untracked files unless
	// ignored: by .gitignore files (at the root, on the way down, inside
	// the package), .git/info/exclude, the global and system excludes
	// files, or because they are an editor's temporary files (name~, .#name,
	// #name#, *.swp, *.swo, *.swx, 4913), which never count. The executable
	// bit counts unless core.fileMode is false. Not handled: clean/smudge
	// filters and line-ending conversion (.gitattributes, core.autocrlf),
	// and sparse checkouts. The hash is computed from the files (blob
	// hashes and tree objects built in memory), not with go-git's
	// Worktree.Status, which is slow on big trees.
	Dirty bool
	// Shallow is set when the history ended at a shallow clone's boundary
	// before the base release was found: Changed (and N in Current) may be
	// incomplete.
	Shallow bool
	// Changed are the commits since Base that changed the package, newest
	// first (since the package was created when there is no Base).
	Changed []Change
	// Commit is HEAD's hash, "" without commits.
	Commit string
	// TreeHash is the hash of the package directory as in the work tree
	// (HEAD's in a bare repository, Ref's with Options.Ref): equal hashes
	// mean equal files.
	TreeHash string
}
