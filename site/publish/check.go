package publish

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/release"
)

// workspaceTop are the top-level entries of a workspace (SPEC 3): what
// Check reads of a pushed commit.
var workspaceTop = []string{"modc.json", "modules", "apps", "content", "templates"}

// TagCheck is the verdict on one pushed tag.
type TagCheck struct {
	Update Update
	// Release is what the tag releases; a zero Package for a tag that is
	// not a release (it passes unchecked).
	Release compiler.Tag
	// Commit is the commit the tag names ("" for a deletion).
	Commit string
	// Messages are the reasons to reject the tag (errors) and warnings:
	// about the tag itself, and the check's messages about its package.
	Messages diag.List
	// OtherErrors counts the check's errors in other packages, which do
	// not reject the tag.
	OtherErrors int
}

// Rejected reports whether the tag must not be accepted.
func (c *TagCheck) Rejected() bool { return c.Messages.HasErrors() }

// Check decides on every pushed tag before git accepts the push (the
// pre-receive hook). It rejects (errors in the TagCheck's Messages):
//
//   - a release tag whose package has errors at the tagged commit (as
//     modc check reports them; errors in other packages do not count);
//   - a tag that looks like a release but is not a valid one (p/v1.2,
//     p/1.2.3, a misspelt package), or that names no commit;
//   - a release whose version already exists under another tag, or is
//     pushed twice in one push;
//   - moving an existing release tag (published releases do not change).
//
// Deleting a release tag is allowed; branches and other tags pass. The
// error is for failures to read the repository (the hook then rejects the
// whole push: it could not check it).
func Check(opts Options, updates []Update) ([]TagCheck, error) {
	g := &gitCmd{repo: opts.Repo}
	var checks []TagCheck
	var existing []string // tags before the push, read once
	readExisting := func() ([]string, error) {
		if existing != nil {
			return existing, nil
		}
		out, err := g.run(nil, "for-each-ref", "--format=%(refname:strip=2)", "refs/tags/")
		if err != nil {
			return nil, err
		}
		existing = strings.Fields(string(out))
		return existing, nil
	}
	trees := map[string]*pushedTree{} // by commit
	pushed := map[string]string{}     // "package version" → tag, in this push
	for _, u := range updates {
		name := u.Tag()
		if name == "" || !releaseLike(name) {
			continue
		}
		c := TagCheck{Update: u}
		loc := diag.Location{File: u.Ref}
		if u.Deleted() {
			if isRelease(name) {
				c.Messages.Add(diag.Warningf("publish-tag-deleted", loc, "deleting release tag %s: its version disappears from the published output", name))
				checks = append(checks, c)
			}
			continue
		}
		commit, err := g.commitOf(u.New)
		if err != nil {
			return nil, err
		}
		if commit == "" {
			c.Messages.Add(diag.Errorf("release-tag-not-commit", loc, "tag %s looks like a release, but names no commit (%.12s is not one)", name, u.New).
				WithHint("a release tag names a commit: git tag -a %s <commit>", name))
			checks = append(checks, c)
			continue
		}
		c.Commit = commit
		t := trees[commit]
		if t == nil {
			if t, err = g.listTree(commit); err != nil {
				return nil, err
			}
			trees[commit] = t
		}
		rel, err := compiler.ParseTag(name, t.packages)
		var te *compiler.TagError
		switch {
		case errors.As(err, &te):
			m := diag.Errorf("release-tag-invalid", loc, "%s", te.Error())
			if h := te.Hint(); h != "" {
				m = m.WithHint("%s", h)
			}
			c.Messages.Add(m)
			checks = append(checks, c)
			continue
		case err != nil:
			return nil, err
		case rel.Package == "":
			continue // not a release after all: p/stable, or v1.2.3 with several packages
		}
		c.Release = rel
		if !u.Created() {
			c.Messages.Add(diag.Errorf("publish-tag-moved", loc, "release tag %s already exists: a published release does not change", name).
				WithHint("release a new version instead; to withdraw this one, delete the tag first (git push origin :%s)", u.Ref))
			checks = append(checks, c)
			continue
		}
		tags, err := readExisting()
		if err != nil {
			return nil, err
		}
		for _, other := range tags {
			o, err := compiler.ParseTag(other, t.packages)
			if err == nil && o.Package == rel.Package && o.Version.Equal(rel.Version) && other != name {
				c.Messages.Add(diag.Errorf("publish-version-released", loc, "version %s of %s is already released as tag %s", rel.Version, rel.Package, other).
					WithHint("release a new version"))
			}
		}
		key := rel.Package + " " + rel.Version.String()
		if other, dup := pushed[key]; dup {
			c.Messages.Add(diag.Errorf("publish-version-twice", loc, "version %s of %s is pushed twice, as tags %s and %s", rel.Version, rel.Package, other, name).
				WithHint("push one tag per release"))
		}
		pushed[key] = name
		if !c.Rejected() {
			if t.result == nil {
				if t.result, err = g.check(commit, t, opts); err != nil {
					return nil, err
				}
			}
			own, others := release.PackageMessages(t.result.Messages, rel.Package)
			c.Messages.Add(own...)
			c.OtherErrors = len(others.Errors())
		}
		checks = append(checks, c)
	}
	return checks, nil
}

// releaseLike is a cheap first look at a tag name: could it be a release?
// Only those tags cost reading the pushed commit.
func releaseLike(name string) bool {
	last := name[strings.LastIndexByte(name, '/')+1:]
	return last != "" && (last[0] == 'v' || last[0] == 'V' || last[0] >= '0' && last[0] <= '9')
}

// isRelease reports whether a deleted tag was a release: p/vX.Y.Z or vX.Y.Z
// (the packages are not known any more, so any p is taken).
func isRelease(name string) bool {
	i := strings.LastIndexByte(name, '/')
	if i < 0 {
		name, i = "p/"+name, 1
	}
	pkg := name[:i]
	rel, err := compiler.ParseTag(name, []string{pkg})
	return err == nil && rel.Package != ""
}

// gitCmd runs git in a repository with the hook's environment, so that
// objects still in the push's quarantine are found.
type gitCmd struct {
	repo string
}

func (g *gitCmd) command(args ...string) *exec.Cmd {
	cmd := exec.Command("git", args...)
	cmd.Dir = g.repo
	// GIT_DIR may be relative to the hook's directory; make it the repository.
	env := os.Environ()
	abs, err := filepath.Abs(g.repo)
	if err == nil {
		env = append(env, "GIT_DIR="+abs)
	}
	cmd.Env = env
	return cmd
}

func (g *gitCmd) run(stdin io.Reader, args ...string) ([]byte, error) {
	cmd := g.command(args...)
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// commitOf returns the commit an object names (following tags), "" when it
// names no commit.
func (g *gitCmd) commitOf(object string) (string, error) {
	cmd := g.command("rev-parse", "--verify", "--quiet", object+"^{commit}")
	out, err := cmd.Output()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("git rev-parse %s: %w", object, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// pushedTree is the workspace part of a pushed commit's tree.
type pushedTree struct {
	entries  []treeEntry
	packages []string
	result   *compiler.Result
}

type treeEntry struct {
	mode, typ, hash, path string
}

// listTree lists the workspace's entries in commit (trees included).
func (g *gitCmd) listTree(commit string) (*pushedTree, error) {
	out, err := g.run(nil, append([]string{"ls-tree", "-r", "-t", "-z", "--full-tree", commit, "--"}, workspaceTop...)...)
	if err != nil {
		return nil, err
	}
	t := &pushedTree{}
	for _, rec := range bytes.Split(out, []byte{0}) {
		if len(rec) == 0 {
			continue
		}
		meta, p, ok := bytes.Cut(rec, []byte{'\t'})
		f := strings.Fields(string(meta))
		if !ok || len(f) != 3 || !fs.ValidPath(string(p)) {
			return nil, fmt.Errorf("git ls-tree %s: unexpected entry %q", commit, rec)
		}
		e := treeEntry{mode: f[0], typ: f[1], hash: f[2], path: string(p)}
		t.entries = append(t.entries, e)
		if dir, name := path.Split(e.path); dir == "modules/" && e.typ == "tree" {
			t.packages = append(t.packages, name)
		}
	}
	return t, nil
}

// check writes the pushed tree's files into a temporary directory and
// checks the workspace there.
func (g *gitCmd) check(commit string, t *pushedTree, opts Options) (*compiler.Result, error) {
	dir, err := os.MkdirTemp(opts.TempDir, "modc-pre-receive-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := g.export(commit, t, dir); err != nil {
		return nil, err
	}
	root := compiler.DirFS(dir) // an os.Root: a link that leaves is a located error
	defer root.Close()
	return compiler.Check(compiler.Options{Root: dir, FS: root, DryRunTimeout: opts.DryRunTimeout}), nil
}

// export writes the entries of t into dir, reading every blob with one
// git cat-file --batch.
func (g *gitCmd) export(commit string, t *pushedTree, dir string) error {
	var blobs []treeEntry
	for _, e := range t.entries {
		p := filepath.Join(dir, filepath.FromSlash(e.path))
		switch e.typ {
		case "tree", "commit": // a submodule is an empty directory
			if err := os.MkdirAll(p, 0o755); err != nil {
				return err
			}
		case "blob":
			blobs = append(blobs, e)
		}
	}
	if len(blobs) == 0 {
		return nil
	}
	cmd := g.command("cat-file", "--batch")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	go func() {
		w := bufio.NewWriter(stdin)
		for _, e := range blobs {
			fmt.Fprintln(w, e.hash)
		}
		w.Flush()
		stdin.Close()
	}()
	rd := bufio.NewReader(stdout)
	readErr := func() error {
		for _, e := range blobs {
			data, err := readBlob(rd, e.hash)
			if err != nil {
				return fmt.Errorf("git cat-file %s (%s): %w", e.hash, e.path, err)
			}
			if err := writeEntry(filepath.Join(dir, filepath.FromSlash(e.path)), e.mode, data); err != nil {
				return err
			}
		}
		return nil
	}()
	if readErr != nil {
		_ = cmd.Process.Kill()
	}
	if err := cmd.Wait(); err != nil && readErr == nil {
		return fmt.Errorf("git cat-file: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	if readErr != nil {
		return fmt.Errorf("reading commit %.12s: %w", commit, readErr)
	}
	return nil
}

// readBlob reads one "<hash> blob <size>\n<content>\n" answer of git cat-file --batch.
func readBlob(rd *bufio.Reader, hash string) ([]byte, error) {
	header, err := rd.ReadString('\n')
	if err != nil {
		return nil, err
	}
	f := strings.Fields(header)
	if len(f) != 3 || f[0] != hash || f[1] != "blob" {
		return nil, fmt.Errorf("unexpected answer %q", strings.TrimSpace(header))
	}
	size, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil || size < 0 {
		return nil, fmt.Errorf("unexpected size in %q", strings.TrimSpace(header))
	}
	data := make([]byte, size+1)
	if _, err := io.ReadFull(rd, data); err != nil {
		return nil, err
	}
	return data[:size], nil
}

// writeEntry writes one file of the tree: a regular file (executable for
// mode 100755) or a symbolic link (120000).
func writeEntry(p, mode string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	switch mode {
	case "120000":
		return os.Symlink(string(data), p)
	case "100755":
		return os.WriteFile(p, data, 0o755)
	}
	return os.WriteFile(p, data, 0o644)
}
