package compiler

import (
	"io/fs"

	"github.com/go-git/go-git/v5"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/gitver"
	"github.com/modc-dev/modc/compiler/internal/schema"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// What the front-ends (the commands, the site writer, the docs renderer,
// publishing) need of the engine's internals besides Check and Build: the
// workspace's files read as the engine reads them, tag names, and the
// JSON Schemas.

// WorkspaceDir is a directory read as a workspace: through an os.Root, so
// that no symbolic link takes a read outside it. Close it after use.
type WorkspaceDir interface {
	fs.FS
	Close() error
}

// DirFS returns the directory dir as a WorkspaceDir (see Options.FS).
func DirFS(dir string) WorkspaceDir { return workspace.DirFS(dir) }

// FindRoot returns the workspace directory for start: the nearest of start
// and its parents that holds modc.json; with named (--root given) only
// start itself. Outside a workspace the error is a *NoWorkspaceError.
func FindRoot(start string, named bool) (string, error) { return workspace.FindRoot(start, named) }

// NoWorkspaceError says that no modc.json was found.
type NoWorkspaceError = workspace.NoWorkspaceError

// IsName reports whether s is a valid package or module name.
func IsName(s string) bool { return workspace.IsName(s) }

// FollowLink tells a walk of a workspace's files what to do with the
// symbolic link it met at p: read it as a file (file is set) when it leads
// to a file inside the workspace; otherwise msg says why it is skipped.
func FollowLink(fsys fs.FS, p string) (file bool, msg *diag.Message) {
	return workspace.FollowLink(fsys, p)
}

// LinkMessage returns the located error for err when a symbolic link
// leaving the workspace caused it.
func LinkMessage(err error) (diag.Message, bool) { return workspace.LinkMessage(err) }

// ReadErrorf returns the message for err, the error reading the workspace
// file p: a LinkMessage when a link leaving the workspace caused it, else
// an error at p made from format and args.
func ReadErrorf(id, p string, err error, format string, args ...any) diag.Message {
	return workspace.ReadErrorf(id, p, err, format, args...)
}

// Schemas returns the JSON Schemas of the workspace's files (modc.json,
// module.json, app.json…), by file name.
func Schemas() map[string][]byte { return schema.All() }

// Tag is what a tag name says: the package it releases and the version.
type Tag = gitver.Tag

// TagError says why a tag that looks like a release is not a valid one.
type TagError = gitver.TagError

// ParseTag reads a tag name as a release of one of packages
// ("auth/v1.2.0", or "v1.2.0" in a one-package workspace); a name that
// looks like a release but is not a valid one gives a *TagError.
func ParseTag(name string, packages []string) (Tag, error) { return gitver.ParseTag(name, packages) }

// OpenGit opens the repository whose git directory is gitDir (bare, or a
// clone's .git) as modc reads it; close releases it. A directory that is
// no repository gives a nil repository and the message saying so.
func OpenGit(gitDir string) (g *git.Repository, close func() error, msgs diag.List) {
	repo, msgs := gitver.OpenBare(gitDir)
	return repo.Git(), repo.Close, msgs
}

// OutputDir returns the directory o builds into: Out, else modc.json's
// "out", else "out", relative to Root. A modc.json that cannot be read
// counts as none (the build reports it).
func (o Options) OutputDir() string {
	root := o.Root
	if root == "" {
		root = "."
	}
	dir := workspace.DirFS(root)
	defer dir.Close()
	cfg, _ := workspace.ReadConfig(dir)
	return o.outDir(cfg)
}
