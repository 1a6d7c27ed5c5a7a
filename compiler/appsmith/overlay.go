package appsmith

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"sort"
	"time"
)

// overlay is the workspace as an import leaves it, before it is written:
// the plan's files over the workspace's own. modc check reads it while
// Apply writes the same files to disk.
type overlay struct {
	base  fs.FS // the workspace as it is; nil when it does not exist
	files map[string][]byte
	dirs  map[string]map[string]bool // a directory's planned entries: name → is a directory
}

var (
	_ fs.ReadFileFS = (*overlay)(nil)
	_ fs.ReadDirFS  = (*overlay)(nil)
	_ fs.StatFS     = (*overlay)(nil)
	_ fs.ReadLinkFS = (*overlay)(nil)
)

// newOverlay lays files over base; a file to keep that base has stays base's.
func newOverlay(base fs.FS, files []*File) *overlay {
	o := &overlay{base: base, files: map[string][]byte{}, dirs: map[string]map[string]bool{".": {}}}
	for _, f := range files {
		if f.Keep && base != nil {
			if _, err := fs.Stat(base, f.Path); err == nil {
				continue
			}
		}
		o.files[f.Path] = f.Data
		isDir := false
		for p := f.Path; p != "."; p = path.Dir(p) {
			d := path.Dir(p)
			if o.dirs[d] == nil {
				o.dirs[d] = map[string]bool{}
			}
			o.dirs[d][path.Base(p)] = isDir
			isDir = true
		}
	}
	return o
}

func (o *overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := o.files[name]; ok {
		return &memFile{info: memInfo{name: path.Base(name), size: int64(len(data))}, r: bytes.NewReader(data)}, nil
	}
	if _, ok := o.dirs[name]; ok {
		entries, err := o.ReadDir(name)
		if err != nil {
			return nil, err
		}
		return &memDir{info: memInfo{name: path.Base(name), dir: true}, entries: entries}, nil
	}
	if o.base == nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return o.base.Open(name)
}

func (o *overlay) ReadFile(name string) ([]byte, error) {
	if data, ok := o.files[name]; ok {
		return bytes.Clone(data), nil
	}
	if o.base == nil || o.dirs[name] != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	return fs.ReadFile(o.base, name)
}

func (o *overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	planned, ok := o.dirs[name]
	var out []fs.DirEntry
	if o.base != nil {
		entries, err := fs.ReadDir(o.base, name)
		if err != nil && (!ok || !errors.Is(err, fs.ErrNotExist)) {
			return nil, err
		}
		for _, e := range entries {
			if _, mine := planned[e.Name()]; !mine {
				out = append(out, e)
			}
		}
	} else if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	for n, isDir := range planned {
		var size int64
		if !isDir {
			size = int64(len(o.files[path.Join(name, n)]))
		}
		out = append(out, fs.FileInfoToDirEntry(memInfo{name: n, dir: isDir, size: size}))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

func (o *overlay) Stat(name string) (fs.FileInfo, error) {
	if data, ok := o.files[name]; ok {
		return memInfo{name: path.Base(name), size: int64(len(data))}, nil
	}
	if _, ok := o.dirs[name]; ok {
		return memInfo{name: path.Base(name), dir: true}, nil
	}
	if o.base == nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	return fs.Stat(o.base, name)
}

func (o *overlay) ReadLink(name string) (string, error) {
	if o.base == nil || o.files[name] != nil || o.dirs[name] != nil {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	return fs.ReadLink(o.base, name)
}

func (o *overlay) Lstat(name string) (fs.FileInfo, error) {
	if o.base == nil || o.files[name] != nil || o.dirs[name] != nil {
		return o.Stat(name)
	}
	return fs.Lstat(o.base, name)
}

type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return nil }

type memFile struct {
	info memInfo
	r    *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *memFile) Close() error               { return nil }

type memDir struct {
	info    memInfo
	entries []fs.DirEntry
	off     int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}
func (d *memDir) Close() error { return nil }
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}
