package gitver

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"

	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// ResolveRef resolves a revision to a full commit hash: a branch, a tag
// (annotated tags are followed to their commit), a full or abbreviated
// hash, HEAD, and suffixes such as HEAD~2 or main^ (what go-git's
// ResolveRevision supports).
func (r *Repo) ResolveRef(rev string) (string, error) {
	if r.git == nil {
		return "", r.errNoRepo()
	}
	r.mu.Lock()
	h, err := r.git.ResolveRevision(plumbing.Revision(rev))
	r.mu.Unlock()
	if err != nil {
		if errors.Is(err, plumbing.ErrReferenceNotFound) {
			return "", fmt.Errorf("unknown revision %q: no branch, tag or commit has that name", rev)
		}
		return "", fmt.Errorf("resolve revision %q: %w", rev, err)
	}
	return h.String(), nil
}

// TreeFS returns the workspace's files as committed in rev (anything
// ResolveRef accepts; a full commit hash is the cheapest), read from git
// objects and never from the work tree. The FS is rooted at the workspace
// directory (Prefix) and implements fs.ReadDirFS, fs.ReadFileFS, fs.StatFS
// and fs.ReadLinkFS. Every file's ModTime is the commit's committer date, so a
// build from it is reproducible. Symbolic links are followed when they stay
// inside the FS; a submodule is an empty directory. It is safe for
// concurrent use (object reads are serialised on the Repo).
func (r *Repo) TreeFS(rev string) (fs.FS, error) {
	if r.git == nil {
		return nil, r.errNoRepo()
	}
	hash, err := r.ResolveRef(rev)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	t := &treeFS{rd: newReader(r, nil), mu: &r.mu, trees: map[plumbing.Hash][]fsEntry{}}
	ci, err := t.rd.commit(plumbing.NewHash(hash))
	if err != nil {
		return nil, err
	}
	t.mtime = ci.commitDate
	t.root = ci.tree
	for _, name := range splitPath(r.prefix) {
		h, err := t.rd.dirEntry(t.root, name)
		if err != nil {
			return nil, fmt.Errorf("commit %s: %w", short(ci.hash), err)
		}
		if h.IsZero() {
			return nil, fmt.Errorf("commit %s has no directory %s", short(ci.hash), r.prefix)
		}
		t.root = h
	}
	return t, nil
}

// treeFS is an fs.FS over a git tree.
type treeFS struct {
	mu    *sync.Mutex // the Repo's
	rd    *reader
	root  plumbing.Hash
	mtime time.Time
	trees map[plumbing.Hash][]fsEntry
}

// fsEntry is one tree entry.
type fsEntry struct {
	name string
	mode filemode.FileMode
	hash plumbing.Hash
}

var (
	_ fs.ReadDirFS  = (*treeFS)(nil)
	_ fs.ReadFileFS = (*treeFS)(nil)
	_ fs.StatFS     = (*treeFS)(nil)
	_ fs.ReadLinkFS = (*treeFS)(nil)
)

// entries returns a tree's entries sorted by name (as fs.ReadDir wants,
// not in git's order). The caller holds t.mu.
func (t *treeFS) entries(h plumbing.Hash) ([]fsEntry, error) {
	if es, ok := t.trees[h]; ok {
		return es, nil
	}
	var es []fsEntry
	if h != plumbing.ZeroHash {
		data, err := t.rd.raw(plumbing.TreeObject, h)
		if err != nil {
			return nil, err
		}
		err = eachEntry(data, func(mode filemode.FileMode, name, hash []byte) bool {
			e := fsEntry{name: string(name), mode: mode}
			copy(e.hash[:], hash)
			es = append(es, e)
			return true
		})
		if err != nil {
			return nil, fmt.Errorf("tree %s: %w", h, err)
		}
	}
	sort.Slice(es, func(i, j int) bool { return es[i].name < es[j].name })
	t.trees[h] = es
	return es, nil
}

// lookup finds the entry at name, following symbolic links (also in the
// last element when follow is set). The caller holds t.mu.
func (t *treeFS) lookup(op, name string, follow bool) (fsEntry, error) {
	if !fs.ValidPath(name) {
		return fsEntry{}, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	cur := fsEntry{name: ".", mode: filemode.Dir, hash: t.root}
	if name == "." {
		return cur, nil
	}
	parts := strings.Split(name, "/")
	links := 0
	for i := 0; i < len(parts); i++ {
		if cur.mode == filemode.Submodule {
			return fsEntry{}, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
		}
		if cur.mode != filemode.Dir {
			return fsEntry{}, &fs.PathError{Op: op, Path: name, Err: errors.New("not a directory")}
		}
		es, err := t.entries(cur.hash)
		if err != nil {
			return fsEntry{}, &fs.PathError{Op: op, Path: name, Err: err}
		}
		j := sort.Search(len(es), func(k int) bool { return es[k].name >= parts[i] })
		if j == len(es) || es[j].name != parts[i] {
			return fsEntry{}, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
		}
		e := es[j]
		if e.mode == filemode.Symlink && (follow || i < len(parts)-1) {
			links++
			if links > 40 {
				return fsEntry{}, &fs.PathError{Op: op, Path: name, Err: errors.New("too many levels of symbolic links")}
			}
			data, err := t.rd.raw(plumbing.BlobObject, e.hash)
			if err != nil {
				return fsEntry{}, &fs.PathError{Op: op, Path: name, Err: err}
			}
			target := string(data)
			if path.IsAbs(target) {
				return fsEntry{}, &fs.PathError{Op: op, Path: name, Err: &workspace.LinkError{Link: path.Join(parts[:i+1]...), Target: target}}
			}
			joined := path.Join(path.Join(parts[:i]...), target)
			if joined == ".." || strings.HasPrefix(joined, "../") {
				return fsEntry{}, &fs.PathError{Op: op, Path: name, Err: &workspace.LinkError{Link: path.Join(parts[:i+1]...), Target: target}}
			}
			var rest []string
			if joined != "." {
				rest = strings.Split(joined, "/")
			}
			rest = append(rest, parts[i+1:]...)
			parts, i = rest, -1
			cur = fsEntry{name: ".", mode: filemode.Dir, hash: t.root}
			if len(parts) == 0 {
				return cur, nil
			}
			continue
		}
		cur = e
	}
	cur.name = path.Base(name)
	return cur, nil
}

// Open opens a file or directory.
func (t *treeFS) Open(name string) (fs.File, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, err := t.lookup("open", name, true)
	if err != nil {
		return nil, err
	}
	if e.mode == filemode.Dir || e.mode == filemode.Submodule {
		es, err := t.entries(t.dirHash(e))
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &treeDir{info: t.info(e, 0), fsys: t, entries: es}, nil
	}
	data, err := t.rd.raw(plumbing.BlobObject, e.hash)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	data = bytes.Clone(data)
	return &treeFile{info: t.info(e, int64(len(data))), Reader: bytes.NewReader(data)}, nil
}

// ReadFile returns a file's content.
func (t *treeFS) ReadFile(name string) ([]byte, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, err := t.lookup("readfile", name, true)
	if err != nil {
		return nil, err
	}
	if e.mode == filemode.Dir || e.mode == filemode.Submodule {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: errors.New("is a directory")}
	}
	data, err := t.rd.raw(plumbing.BlobObject, e.hash)
	if err != nil {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: err}
	}
	return bytes.Clone(data), nil
}

// ReadDir lists a directory, sorted by name.
func (t *treeFS) ReadDir(name string) ([]fs.DirEntry, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, err := t.lookup("readdir", name, true)
	if err != nil {
		return nil, err
	}
	if e.mode != filemode.Dir && e.mode != filemode.Submodule {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	es, err := t.entries(t.dirHash(e))
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	return t.dirEntries(es), nil
}

// Stat describes a file or directory.
func (t *treeFS) Stat(name string) (fs.FileInfo, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, err := t.lookup("stat", name, true)
	if err != nil {
		return nil, err
	}
	size, err := t.size(e)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return t.info(e, size), nil
}

// ReadLink returns the target of a symbolic link.
func (t *treeFS) ReadLink(name string) (string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, err := t.lookup("readlink", name, false)
	if err != nil {
		return "", err
	}
	if e.mode != filemode.Symlink {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: errors.New("not a symbolic link")}
	}
	data, err := t.rd.raw(plumbing.BlobObject, e.hash)
	if err != nil {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: err}
	}
	return string(data), nil
}

// Lstat describes a file, directory or symbolic link, not following a
// link in the last element.
func (t *treeFS) Lstat(name string) (fs.FileInfo, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, err := t.lookup("lstat", name, false)
	if err != nil {
		return nil, err
	}
	size, err := t.size(e)
	if err != nil {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: err}
	}
	return t.info(e, size), nil
}

// dirHash is the tree to list for a directory entry (none for submodules).
func (t *treeFS) dirHash(e fsEntry) plumbing.Hash {
	if e.mode == filemode.Submodule {
		return plumbing.ZeroHash
	}
	return e.hash
}

// size is a file's size (0 for directories). The caller holds t.mu.
func (t *treeFS) size(e fsEntry) (int64, error) {
	if e.mode == filemode.Dir || e.mode == filemode.Submodule {
		return 0, nil
	}
	return t.rd.r.st.EncodedObjectSize(e.hash)
}

func (t *treeFS) info(e fsEntry, size int64) *treeInfo {
	return &treeInfo{name: e.name, mode: e.mode, size: size, mtime: t.mtime}
}

func (t *treeFS) dirEntries(es []fsEntry) []fs.DirEntry {
	out := make([]fs.DirEntry, len(es))
	for i, e := range es {
		out[i] = &treeDirEntry{fsys: t, e: e}
	}
	return out
}

// treeInfo is an fs.FileInfo of a tree entry.
type treeInfo struct {
	name  string
	mode  filemode.FileMode
	size  int64
	mtime time.Time
}

func (i *treeInfo) Name() string       { return i.name }
func (i *treeInfo) Size() int64        { return i.size }
func (i *treeInfo) ModTime() time.Time { return i.mtime }
func (i *treeInfo) IsDir() bool        { return i.Mode().IsDir() }
func (i *treeInfo) Sys() any           { return nil }
func (i *treeInfo) Mode() fs.FileMode  { return fileMode(i.mode) }

// fileMode maps a git mode to an fs.FileMode.
func fileMode(m filemode.FileMode) fs.FileMode {
	switch m {
	case filemode.Dir, filemode.Submodule:
		return fs.ModeDir | 0o755
	case filemode.Executable:
		return 0o755
	case filemode.Symlink:
		return fs.ModeSymlink | 0o777
	}
	return 0o644
}

// treeDirEntry is an fs.DirEntry whose Info reads the size on demand.
type treeDirEntry struct {
	fsys *treeFS
	e    fsEntry
}

func (d *treeDirEntry) Name() string      { return d.e.name }
func (d *treeDirEntry) IsDir() bool       { return fileMode(d.e.mode).IsDir() }
func (d *treeDirEntry) Type() fs.FileMode { return fileMode(d.e.mode).Type() }
func (d *treeDirEntry) Info() (fs.FileInfo, error) {
	d.fsys.mu.Lock()
	defer d.fsys.mu.Unlock()
	size, err := d.fsys.size(d.e)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: d.e.name, Err: err}
	}
	return d.fsys.info(d.e, size), nil
}

// treeFile is an open file; it reads from the blob's content in memory.
type treeFile struct {
	info *treeInfo
	*bytes.Reader
}

func (f *treeFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *treeFile) Close() error               { return nil }

// treeDir is an open directory.
type treeDir struct {
	info    *treeInfo
	fsys    *treeFS
	entries []fsEntry
	off     int
}

func (d *treeDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *treeDir) Close() error               { return nil }
func (d *treeDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}

// ReadDir implements fs.ReadDirFile.
func (d *treeDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n > 0 && len(rest) == 0 {
		return nil, io.EOF
	}
	if n > 0 && n < len(rest) {
		rest = rest[:n]
	}
	d.off += len(rest)
	return d.fsys.dirEntries(rest), nil
}
