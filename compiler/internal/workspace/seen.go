package workspace

import (
	"io/fs"
	"maps"
	"path"
	"strings"
	"time"

	"github.com/modc-dev/modc/compiler/diag"
)

// Seen is what Load saw of the workspace's files besides their texts
// (Sources): the entries of every directory it listed and the description
// (size, permissions, time) of the files it read, when the file system
// gave it with the read (DirFS on Linux). Later stages
// that go over the same files ask a Snapshot of it before the disk: the
// work-tree hash of git versions (gitver) and the packages' source hashes
// (bundle), which listed and stated every file of every package again.
type Seen struct {
	fsys fs.FS                // what was read, for the entries' Info
	top  seenPart             // outside the packages' directories
	pkgs map[string]*seenPart // by package: under modules/<name>/
}

// seenPart is what was seen of one package's directory (or outside
// them). Parts keep a package's loader from copying its findings into
// maps shared with every other package's. It is kept compact (names and
// types, not the fs.DirEntry values listed): it lives while the build's
// heap is at its largest, where every megabyte costs collections.
type seenPart struct {
	dirs  map[string]seenDir
	files map[string]fileStat
}

// seenDir is a directory's listing.
type seenDir struct {
	names []string
	types []fs.FileMode // type bits, by entry
}

// fileStat is what the index comparison of gitver needs of a file.
type fileStat struct {
	size  int64
	mtime int64 // Unix nanoseconds
	perm  fs.FileMode
}

func newSeen(fsys fs.FS) *Seen {
	return &Seen{fsys: fsys, pkgs: map[string]*seenPart{}}
}

// part returns the part that holds path p, creating it when add is set;
// nil when there is none.
func (s *Seen) part(p string, add bool) *seenPart {
	sp := &s.top
	if rest, ok := strings.CutPrefix(p, "modules/"); ok {
		name, _, _ := strings.Cut(rest, "/")
		sp = s.pkgs[name]
		if sp == nil {
			if !add {
				return nil
			}
			sp = &seenPart{}
			s.pkgs[name] = sp
		}
	}
	if add && sp.dirs == nil {
		sp.dirs, sp.files = map[string]seenDir{}, map[string]fileStat{}
	}
	return sp
}

func (s *Seen) addDir(p string, entries []fs.DirEntry) {
	d := seenDir{names: make([]string, len(entries)), types: make([]fs.FileMode, len(entries))}
	for i, e := range entries {
		d.names[i], d.types[i] = e.Name(), e.Type()
	}
	s.part(p, true).dirs[p] = d
}

func (s *Seen) addFile(p string, st fileStat) {
	s.part(p, true).files[p] = st
}

// merge adds what o saw, taking its parts.
func (s *Seen) merge(o *Seen) {
	maps.Copy(s.pkgs, o.pkgs)
	if len(o.top.dirs)+len(o.top.files) > 0 {
		top := s.part("", true)
		maps.Copy(top.dirs, o.top.dirs)
		maps.Copy(top.files, o.top.files)
	}
}

// seenEntry is an entry of a listing Seen kept.
type seenEntry struct {
	fsys fs.FS
	path string
	typ  fs.FileMode
}

func (e *seenEntry) Name() string               { return path.Base(e.path) }
func (e *seenEntry) IsDir() bool                { return e.typ.IsDir() }
func (e *seenEntry) Type() fs.FileMode          { return e.typ }
func (e *seenEntry) Info() (fs.FileInfo, error) { return fs.Lstat(e.fsys, e.path) }

// Snapshot answers for the files a load saw, by workspace-relative slash
// path; for anything else it answers false and the caller reads the disk.
// The zero value knows nothing.
type Snapshot struct {
	seen    *Seen
	sources map[string]*diag.Source
}

// Snapshot returns what the load of ws saw of its files.
func (ws *Workspace) Snapshot() Snapshot {
	return Snapshot{seen: ws.Seen, sources: ws.Sources}
}

// ReadDir returns the entries of directory p, sorted by name, as the load
// listed them.
func (s Snapshot) ReadDir(p string) ([]fs.DirEntry, bool) {
	if s.seen == nil {
		return nil, false
	}
	sp := s.seen.part(p, false)
	if sp == nil {
		return nil, false
	}
	d, ok := sp.dirs[p]
	if !ok {
		return nil, false
	}
	all := make([]seenEntry, len(d.names))
	entries := make([]fs.DirEntry, len(d.names))
	for i, name := range d.names {
		all[i] = seenEntry{fsys: s.seen.fsys, path: p + "/" + name, typ: d.types[i]}
		entries[i] = &all[i]
	}
	return entries, true
}

// Text returns the content of the file p as the load read it (the
// target's, for a symbolic link), byte order mark included.
func (s Snapshot) Text(p string) (string, bool) {
	src := s.sources[p]
	switch {
	case src == nil:
		return "", false
	case src.BOM:
		return "\uFEFF" + src.Text, true
	}
	return src.Text, true
}

// File returns the content of the file p as the load read it (see Text)
// and the file's description (of the target, likewise), made with the
// read; false when it was not read, or not so described.
func (s Snapshot) File(p string) (data string, fi fs.FileInfo, ok bool) {
	if s.seen == nil {
		return "", nil, false
	}
	sp := s.seen.part(p, false)
	if sp == nil {
		return "", nil, false
	}
	st, known := sp.files[p]
	if !known {
		return "", nil, false
	}
	if data, ok = s.Text(p); !ok {
		return "", nil, false
	}
	return data, &fileInfo{name: path.Base(p), size: st.size, perm: st.perm, mtime: time.Unix(0, st.mtime)}, true
}

// fileInfo describes a file Snapshot.File knows.
type fileInfo struct {
	name  string
	size  int64
	perm  fs.FileMode
	mtime time.Time
}

func (fi *fileInfo) Name() string       { return fi.name }
func (fi *fileInfo) Size() int64        { return fi.size }
func (fi *fileInfo) Mode() fs.FileMode  { return fi.perm }
func (fi *fileInfo) ModTime() time.Time { return fi.mtime }
func (fi *fileInfo) IsDir() bool        { return false }
func (fi *fileInfo) Sys() any           { return nil }
