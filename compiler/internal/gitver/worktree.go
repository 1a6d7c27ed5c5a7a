package gitver

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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

// workTreeHash returns the tree hash of the work tree's directory repoPath
// (slash-separated, relative to the repository root), given the tree of the
// same path in HEAD (zero when absent), or zero when the directory holds
// nothing git would commit.
func (r *Repo) workTreeHash(repoPath string, head plumbing.Hash, ign *ignorer) (plumbing.Hash, error) {
	h := &hasher{r: r, ps: ign.base, stat: ign.stat}
	wt, err := os.OpenRoot(r.workDir)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("read work tree: %w", err)
	}
	defer wt.Close()
	name := "."
	if repoPath != "" {
		name = filepath.FromSlash(repoPath)
	}
	return h.dir(wt, name, splitPath(repoPath), head)
}

type hasher struct {
	r    *Repo
	ps   []gitignore.Pattern
	buf  []byte
	stat *statCache
}

type wtEntry struct {
	name string
	mode filemode.FileMode
	hash plumbing.Hash
}

// dir hashes the directory name of parent. rel is its path in the
// repository. Files are read through an os.Root, so that no symbolic link
// (nor one swapped in meanwhile) takes a read outside the work tree; links
// themselves are hashed as git stores them, by their target's name.
func (h *hasher) dir(parent *os.Root, name string, rel []string, head plumbing.Hash) (plumbing.Hash, error) {
	d, err := parent.OpenRoot(name)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("read work tree: %w", err)
	}
	defer d.Close()
	des, err := fs.ReadDir(d.FS(), ".")
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("read work tree: %w", err)
	}
	tracked := map[string]treeEntry{}
	if !head.IsZero() {
		if tracked, err = h.treeEntries(head); err != nil {
			return plumbing.ZeroHash, err
		}
	}
	saved := len(h.ps)
	defer func() { h.ps = h.ps[:saved] }()
	h.ps = append(h.ps, readIgnoreIn(d, ".gitignore", rel)...)
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
			dh, err := h.dir(d, name, append(rel[:len(rel):len(rel)], name), sub)
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
			target, err := d.Readlink(name)
			if err != nil {
				return plumbing.ZeroHash, fmt.Errorf("read work tree: %w", err)
			}
			e = wtEntry{name, filemode.Symlink, plumbing.ComputeHash(plumbing.BlobObject, []byte(filepath.ToSlash(target)))}
		case typ.IsRegular():
			fi, infoErr := de.Info()
			e = wtEntry{name: name, mode: filemode.Regular}
			var cached bool
			if infoErr == nil {
				e.hash, cached = h.stat.hash(strings.Join(append(rel, name), "/"), fi)
			}
			if !cached {
				filesHashed.Add(1)
				data, err := d.ReadFile(name)
				if err != nil {
					return plumbing.ZeroHash, fmt.Errorf("read work tree: %w", err)
				}
				e.hash = plumbing.ComputeHash(plumbing.BlobObject, data)
			}
			if h.r.fileMode {
				if infoErr == nil && fi.Mode()&0o111 != 0 {
					e.mode = filemode.Executable
				}
			} else if isTracked && te.mode == filemode.Executable {
				e.mode = filemode.Executable
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
