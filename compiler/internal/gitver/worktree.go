package gitver

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// ignorer holds the ignore patterns that apply above package directories.
type ignorer struct {
	base []gitignore.Pattern
	// stat is the index, to skip reading unchanged files (nil: read them all).
	stat *statCache
}

// newIgnorer reads the global, system, info/exclude and .gitignore files
// from the repository root down to the workspace's modules/.
func (r *Repo) newIgnorer() *ignorer {
	var ps []gitignore.Pattern
	root := osfs.New("/")
	if sys, err := gitignore.LoadSystemPatterns(root); err == nil {
		ps = append(ps, sys...)
	}
	if home, err := os.UserHomeDir(); err == nil {
		xdg := os.Getenv("XDG_CONFIG_HOME")
		if xdg == "" {
			xdg = filepath.Join(home, ".config")
		}
		ps = append(ps, readIgnore(filepath.Join(xdg, "git", "ignore"), nil)...)
	}
	if glob, err := gitignore.LoadGlobalPatterns(root); err == nil {
		ps = append(ps, glob...)
	}
	if fsst, ok := r.st.(*filesystem.Storage); ok {
		ps = append(ps, readIgnore(filepath.Join(fsst.Filesystem().Root(), "info", "exclude"), nil)...)
	}
	stat := r.loadStatCache()
	wt, err := os.OpenRoot(r.workDir)
	if err != nil {
		return &ignorer{base: ps, stat: stat}
	}
	defer wt.Close()
	var domain []string
	ps = append(ps, readIgnoreIn(wt, ".gitignore", nil)...)
	for _, part := range append(splitPath(r.prefix), "modules") {
		domain = append(domain, part)
		ps = append(ps, readIgnoreIn(wt, filepath.Join(filepath.Join(domain...), ".gitignore"), domain)...)
	}
	return &ignorer{base: ps, stat: stat}
}

func splitPath(p string) []string {
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// readIgnore parses one ignore file; a missing file has no patterns.
func readIgnore(file string, domain []string) []gitignore.Pattern {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	return parseIgnore(data, domain)
}

// readIgnoreIn parses the ignore file name of the work tree root. As git
// (2.32 on), it does not follow a .gitignore that is a symbolic link, and
// the root keeps the read inside the work tree.
func readIgnoreIn(root *os.Root, name string, domain []string) []gitignore.Pattern {
	if fi, err := root.Lstat(name); err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	data, err := root.ReadFile(name)
	if err != nil {
		return nil
	}
	return parseIgnore(data, domain)
}

func parseIgnore(data []byte, domain []string) []gitignore.Pattern {
	var ps []gitignore.Pattern
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, append([]string(nil), domain...)))
	}
	return ps
}

// editorTemp reports whether a file name is an editor's temporary file.
func editorTemp(name string) bool {
	return strings.HasSuffix(name, "~") || strings.HasPrefix(name, ".#") ||
		(len(name) > 1 && name[0] == '#' && name[len(name)-1] == '#') ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swo") || strings.HasSuffix(name, ".swx") ||
		name == "4913"
}

// A Snapshot is what the caller already read of the workspace's directory
// in the work tree (workspace.Snapshot), by slash path relative to it: the
// work-tree hash takes directory listings and files from it before the disk.
type Snapshot interface {
	// ReadDir returns the entries of directory p, sorted by name; false
	// when it was not listed.
	ReadDir(p string) ([]fs.DirEntry, bool)
	// File returns the content of regular file p and its description, as
	// read together; false when it was not so read.
	File(p string) (data string, fi fs.FileInfo, ok bool)
}

// workTreeHash returns the tree hash of the work tree's directory repoPath
// (slash-separated, relative to the repository root), given the tree of the
// same path in HEAD (zero when absent), or zero when the directory holds
// nothing git would commit. snap, when not nil, spares reading again what
// it holds.
func (r *Repo) workTreeHash(repoPath string, head plumbing.Hash, ign *ignorer, snap Snapshot) (plumbing.Hash, error) {
	h := &hasher{r: r, ps: ign.base, stat: ign.stat, snap: snap}
	wt := &lazyDir{name: r.workDir}
	defer wt.close()
	if _, err := wt.open(); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("read work tree: %w", err)
	}
	d := wt
	if repoPath != "" {
		d = &lazyDir{parent: wt, name: filepath.FromSlash(repoPath)}
	}
	return h.dir(d, splitPath(repoPath), head)
}

type hasher struct {
	r    *Repo
	ps   []gitignore.Pattern
	buf  []byte
	stat *statCache
	snap Snapshot
}

type wtEntry struct {
	name string
	mode filemode.FileMode
	hash plumbing.Hash
}

// lazyDir is a directory of the work tree, opened below its parent (an
// os.Root, so that no symbolic link takes a read outside the work tree)
// only when something must be read from the disk.
type lazyDir struct {
	parent *lazyDir
	name   string
	opened bool
	root   *os.Root
	err    error
}

func (d *lazyDir) open() (*os.Root, error) {
	if !d.opened {
		d.opened = true
		if d.parent == nil {
			d.root, d.err = os.OpenRoot(d.name)
		} else if p, err := d.parent.open(); err != nil {
			d.err = err
		} else {
			d.root, d.err = p.OpenRoot(d.name)
		}
	}
	return d.root, d.err
}

func (d *lazyDir) close() {
	if d.root != nil {
		d.root.Close()
	}
}

// snapPath returns the path in h.snap of the repository path rel; "" when
// it is outside the workspace or there is no snapshot.
func (h *hasher) snapPath(rel []string) string {
	if h.snap == nil {
		return ""
	}
	prefix := splitPath(h.r.prefix)
	if len(rel) <= len(prefix) {
		return "" // the workspace itself is never a package
	}
	for i, p := range prefix {
		if rel[i] != p {
			return ""
		}
	}
	return strings.Join(rel[len(prefix):], "/")
}

// dir hashes the directory d, whose path in the repository is rel. Files
// are read through an os.Root, so that no symbolic link (nor one swapped
// in meanwhile) takes a read outside the work tree; links themselves are
// hashed as git stores them, by their target's name. What h.snap holds is
// not read again.
func (h *hasher) dir(d *lazyDir, rel []string, head plumbing.Hash) (plumbing.Hash, error) {
	defer d.close()
	var des []fs.DirEntry
	here := h.snapPath(rel)
	listed := false
	if here != "" {
		des, listed = h.snap.ReadDir(here)
	}
	if !listed {
		root, err := d.open()
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			return plumbing.ZeroHash, nil
		}
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("read work tree: %w", err)
		}
		if des, err = fs.ReadDir(root.FS(), "."); err != nil {
			return plumbing.ZeroHash, fmt.Errorf("read work tree: %w", err)
		}
	}
	tracked := map[string]treeEntry{}
	if !head.IsZero() {
		var err error
		if tracked, err = h.treeEntries(head); err != nil {
			return plumbing.ZeroHash, err
		}
	}
	saved := len(h.ps)
	defer func() { h.ps = h.ps[:saved] }()
	if slices.ContainsFunc(des, func(de fs.DirEntry) bool { return de.Name() == ".gitignore" }) {
		if root, err := d.open(); err == nil {
			h.ps = append(h.ps, readIgnoreIn(root, ".gitignore", rel)...)
		}
	}
	m := gitignore.NewMatcher(h.ps)

	var entries []wtEntry
	for _, de := range des {
		name := de.Name()
		if name == ".git" {
			continue
		}
		te, isTracked := tracked[name]
		typ := de.Type()
		if typ&fs.ModeSymlink == 0 && typ.IsDir() {
			if isTracked && te.mode == filemode.Submodule {
				entries = append(entries, wtEntry{name, filemode.Submodule, te.hash})
				continue
			}
			if !isTracked && m.Match(append(rel, name), true) {
				continue
			}
			var sub plumbing.Hash
			if isTracked && te.mode == filemode.Dir {
				sub = te.hash
			}
			dh, err := h.dir(&lazyDir{parent: d, name: name}, append(rel[:len(rel):len(rel)], name), sub)
			if err != nil {
				return plumbing.ZeroHash, err
			}
			if !dh.IsZero() {
				entries = append(entries, wtEntry{name, filemode.Dir, dh})
			}
			continue
		}
		if !isTracked && (editorTemp(name) || m.Match(append(rel, name), false)) {
			continue
		}
		var e wtEntry
		switch {
		case typ&fs.ModeSymlink != 0:
			root, err := d.open()
			if err != nil {
				return plumbing.ZeroHash, fmt.Errorf("read work tree: %w", err)
			}
			target, err := root.Readlink(name)
			if err != nil {
				return plumbing.ZeroHash, fmt.Errorf("read work tree: %w", err)
			}
			e = wtEntry{name, filemode.Symlink, plumbing.ComputeHash(plumbing.BlobObject, []byte(filepath.ToSlash(target)))}
		case typ.IsRegular():
			var err error
			if e, err = h.file(d, here, rel, name, de, te, isTracked); err != nil {
				return plumbing.ZeroHash, err
			}
		default:
			continue // sockets, devices: git does not store them
		}
		entries = append(entries, e)
	}
	if len(entries) == 0 {
		return plumbing.ZeroHash, nil
	}
	return treeHash(entries), nil
}

// file hashes the regular file name of directory d (at here in h.snap,
// unless here is ""; at rel in the repository), listed as de and tracked in
// HEAD as te (when isTracked): from the index when the file's description
// matches it, else from its content, taken from h.snap when it has it.
func (h *hasher) file(d *lazyDir, here string, rel []string, name string, de fs.DirEntry, te treeEntry, isTracked bool) (wtEntry, error) {
	e := wtEntry{name: name, mode: filemode.Regular}
	var (
		data   string
		fi     fs.FileInfo
		inMem  bool
		infoOK bool
	)
	if here != "" {
		data, fi, inMem = h.snap.File(here + "/" + name)
		infoOK = inMem
	}
	if !infoOK {
		var err error
		fi, err = de.Info()
		infoOK = err == nil
	}
	var cached bool
	if infoOK {
		e.hash, cached = h.stat.hash(strings.Join(append(rel, name), "/"), fi)
	}
	switch {
	case cached:
	case inMem:
		filesHashed.Add(1)
		hs := plumbing.NewHasher(plumbing.BlobObject, int64(len(data)))
		io.WriteString(hs, data)
		e.hash = hs.Sum()
	default:
		filesHashed.Add(1)
		root, err := d.open()
		if err != nil {
			return e, fmt.Errorf("read work tree: %w", err)
		}
		b, err := root.ReadFile(name)
		if err != nil {
			return e, fmt.Errorf("read work tree: %w", err)
		}
		e.hash = plumbing.ComputeHash(plumbing.BlobObject, b)
	}
	if h.r.fileMode {
		if infoOK && fi.Mode()&0o111 != 0 {
			e.mode = filemode.Executable
		}
	} else if isTracked && te.mode == filemode.Executable {
		e.mode = filemode.Executable
	}
	return e, nil
}

// treeEntry is one entry of a committed tree.
type treeEntry struct {
	mode filemode.FileMode
	hash plumbing.Hash
}

// treeEntries reads a committed tree's entries by name.
func (h *hasher) treeEntries(tree plumbing.Hash) (map[string]treeEntry, error) {
	rd := reader{r: h.r, buf: h.buf}
	data, err := rd.raw(plumbing.TreeObject, tree)
	h.buf = rd.buf
	if err != nil {
		return nil, err
	}
	out := map[string]treeEntry{}
	err = eachEntry(data, func(mode filemode.FileMode, name, hash []byte) bool {
		var e treeEntry
		e.mode = mode
		copy(e.hash[:], hash)
		out[string(name)] = e
		return true
	})
	return out, err
}

// treeHash encodes entries as a git tree object and returns its hash.
func treeHash(entries []wtEntry) plumbing.Hash {
	sort.Slice(entries, func(i, j int) bool { return sortName(entries[i]) < sortName(entries[j]) })
	var b []byte
	for _, e := range entries {
		b = strconv.AppendUint(b, uint64(e.mode), 8)
		b = append(b, ' ')
		b = append(b, e.name...)
		b = append(b, 0)
		b = append(b, e.hash[:]...)
	}
	return plumbing.ComputeHash(plumbing.TreeObject, b)
}

// sortName is the name git sorts a tree entry by: directories as if they
// ended in a slash.
func sortName(e wtEntry) string {
	if e.mode == filemode.Dir {
		return e.name + "/"
	}
	return e.name
}
