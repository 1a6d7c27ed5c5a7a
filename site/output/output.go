// Package output writes a build's output directory in one piece. Write (or
// Create, WriteFile and Commit, to stream files as they are made) puts every
// file into a temporary sibling directory and swaps it in whole, so a
// reader (or a web server) sees either the previous output or the new one,
// and a build that fails or is killed leaves the previous output as it was.
//
// Only what changed is written: a file whose bytes are those of the same
// path in the previous output is a hard link to that file in the temporary
// directory (a link is not a write; the file keeps its inode and mtime).
// No file is ever modified in place, in either directory: every write
// creates a new file in the temporary directory, and the previous output
// is only read, so a file shared by the two keeps its bytes. After the
// swap the previous output is kept as the spare, which the next write
// starts from instead of an empty directory (recycle.go). Dir.Stats counts
// the files written, kept and removed.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"weak"

	"github.com/modc-dev/modc/site/filelock"
)

// Marker is the file Write puts at the top of every output directory. Write
// only replaces a non-empty directory that has it, so pointing --out at a
// directory of your own cannot wipe it.
const Marker = ".modc-output"

const markerText = "This directory is written by modc and replaced whole on every build.\n"

// beforeSwap, when set by a test, runs once the new output is complete in
// its temporary directory, just before the swap.
var beforeSwap func(tmp string)

// Option configures Write.
type Option func(*config)

type config struct {
	protected []string
}

// Protect makes Write refuse a dir that is one of paths or contains one of
// them (typically the workspace root).
func Protect(paths ...string) Option {
	return func(c *config) { c.protected = append(c.protected, paths...) }
}

// Write replaces dir with exactly files (slash-separated paths relative to
// dir). It refuses a filesystem root, the current directory or one of its
// parents, any Protect-ed path or its parents, and a non-empty directory
// that modc did not write. Writes to one dir are serialised, also across
// processes. Nothing outside dir is removed but Write's own directories,
// siblings of dir: the temporary ones, .<base>.tmp-* (a killed Write's
// leftovers are cleaned up by the next one), and the spare,
// .<base>.old-spare (the previous output, recycled by the next Write).
func Write(dir string, files map[string][]byte, opts ...Option) error {
	if err := validate(files); err != nil {
		return err
	}
	d, err := Create(dir, opts...)
	if err != nil {
		return err
	}
	for p, content := range files {
		if err := d.WriteFile(p, content); err != nil {
			d.Abort()
			return err
		}
	}
	return d.Commit()
}

// Dir is an output directory being written file by file, for outputs too
// large to hold in memory: Create starts it, WriteFile adds files to a
// temporary sibling directory as they are made, and Commit swaps that in
// whole, as Write does; Abort (or a crash) leaves the previous output as it
// was. The lock that serialises writes to the directory is held from
// Create to Commit or Abort.
type Dir struct {
	dir, abs, tmp string
	unlock        func()

	// prev is the previous output ("" when there is none); prevFiles, its
	// regular files by slash path, is ready once scanned is closed.
	prev      string
	prevFiles map[string]bool
	scanned   chan struct{}

	written, unchanged, linked, removed atomic.Int64
	writtenBytes                        atomic.Int64

	mu    sync.Mutex
	files map[string]bool // written
	dirs  map[string]bool // made in tmp, or found there
	// spare and spareDirs are the regular files and the directories of the
	// recycled tree tmp started as (recycle.go) not yet claimed; nil when
	// tmp started empty.
	spare, spareDirs map[string]bool
	done             bool
	writing          sync.WaitGroup // WriteFile calls between their claim and their write
	shared           map[sliceID]*sharedFile

	// kept is the files that are the previous output's, linked unchanged,
	// for trimming the spare; under keptMu.
	keptMu sync.Mutex
	kept   map[string]bool
}

// sliceID is a byte slice's identity: its memory, not its content. The
// pointer is weak, so that a written slice the caller drops is freed (a
// build's bundles are most of its memory); a weak pointer never equals one
// made later to other memory at the same address.
type sliceID struct {
	p weak.Pointer[byte]
	n int
}

// sharedFile is the first file WriteShared wrote with some content.
type sharedFile struct {
	path string
	done chan struct{} // closed once written
	ok   bool
}

// shareMin is the smallest content WriteShared links rather than writes.
const shareMin = 4 << 10

// Create starts replacing dir (see Write for the directories it refuses).
// The caller must call Commit or Abort.
func Create(dir string, opts ...Option) (*Dir, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	abs, err := target(dir, c.protected)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output %s: %w", dir, err)
	}
	unlock, err := filelock.Lock(parent)
	if err != nil {
		return nil, fmt.Errorf("output %s: lock: %w", dir, err)
	}
	fail := func(err error) (*Dir, error) {
		unlock()
		return nil, err
	}
	hasPrev, err := checkReplaceable(abs)
	if err != nil {
		return fail(err)
	}
	removeLeftovers(parent, base)
	tmp, err := os.MkdirTemp(parent, tmpPrefix(base))
	if err != nil {
		return fail(fmt.Errorf("output %s: %w", dir, err))
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		_ = os.RemoveAll(tmp)
		return fail(fmt.Errorf("output %s: %w", dir, err))
	}
	tmp, spare, spareDirs, err := takeSpare(parent, base, tmp)
	if err != nil {
		return fail(fmt.Errorf("output %s: %w", dir, err))
	}
	d := &Dir{dir: dir, abs: abs, tmp: tmp, unlock: unlock, scanned: make(chan struct{}),
		files: map[string]bool{}, dirs: map[string]bool{".": true}, spare: spare, spareDirs: spareDirs}
	if hasPrev {
		d.prev = abs
		go d.scan()
	} else {
		close(d.scanned)
	}
	return d, nil
}

// scan lists the regular files of the previous output, those a new file
// may be linked to. The walk follows no symbolic link, so each of them is
// inside the previous output.
func (d *Dir) scan() {
	defer close(d.scanned)
	files := map[string]bool{}
	_ = filepath.WalkDir(d.prev, func(p string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() {
			return nil // unreadable: written anew
		}
		if rel, err := filepath.Rel(d.prev, p); err == nil {
			files[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	d.prevFiles = files
}

// Stats counts what a Dir did to the output's files.
type Stats struct {
	// Written is the files whose bytes were written: new, or changed since
	// the previous output.
	Written int `json:"written"`
	// WrittenBytes is their size.
	WrittenBytes int64 `json:"writtenBytes"`
	// Unchanged is the files with the same path and bytes as in the previous
	// output: hard links to its files, not written.
	Unchanged int `json:"unchanged"`
	// Linked is the further names of a file of this output with the same
	// bytes (WriteShared), hard links too.
	Linked int `json:"linked"`
	// Removed is the files of the previous output that the new one does not
	// have (known once committed).
	Removed int `json:"removed"`
}

// Files is how many files the new output has (its marker not counted).
func (s Stats) Files() int { return s.Written + s.Unchanged + s.Linked }

// Stats returns the counts so far; after Commit they are final.
func (d *Dir) Stats() Stats {
	return Stats{Written: int(d.written.Load()), WrittenBytes: d.writtenBytes.Load(),
		Unchanged: int(d.unchanged.Load()), Linked: int(d.linked.Load()), Removed: int(d.removed.Load())}
}

// WriteFile writes the file p (a slash-separated path relative to the
// directory). A path may be written once, and not be both a file and the
// directory of another file. It is safe for concurrent use, with other
// WriteFile calls and with Commit and Abort: a file whose WriteFile
// returned nil is in what Commit swaps in. When the previous output has p
// with the same bytes, p is a hard link to it instead (see the package
// documentation).
func (d *Dir) WriteFile(p string, content []byte) error {
	existed, err := d.start(p)
	if err != nil {
		return err
	}
	defer d.writing.Done()
	return d.put(p, content, true, existed)
}

// put makes the file p of the temporary directory: a link to the previous
// output's p when that has the same bytes, else a new file. existed says
// a recycled file is at p. Only counted files are in Stats.
func (d *Dir) put(p string, content []byte, counted, existed bool) error {
	dst := filepath.Join(d.tmp, filepath.FromSlash(p))
	if d.reuse(p, content, dst, existed) {
		d.keep(p)
		if counted {
			d.unchanged.Add(1)
		}
		return nil
	}
	// The file is created (O_EXCL) where none is, so this never opens a
	// file the previous output shares.
	if err := replaceable(dst, existed); err != nil {
		return fmt.Errorf("output %s: write %s: %w", d.dir, p, err)
	}
	if err := writeNew(dst, content); err != nil {
		return fmt.Errorf("output %s: write %s: %w", d.dir, p, err)
	}
	if counted {
		d.written.Add(1)
		d.writtenBytes.Add(int64(len(content)))
	}
	return nil
}

// reuse links dst to the previous output's file p if that is a regular
// file, not executable, with exactly content (linkOver: a recycled dst,
// existed, that is that file already stays). Any error (a file system
// without hard links, a file that went away) makes it report false: the
// file is then written.
func (d *Dir) reuse(p string, content []byte, dst string, existed bool) bool {
	<-d.scanned
	if !d.prevFiles[p] {
		return false
	}
	old := filepath.Join(d.prev, filepath.FromSlash(p))
	fi, err := os.Lstat(old)
	if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&^0o644 != 0 || fi.Size() != int64(len(content)) {
		return false
	}
	if same, err := sameContent(old, fi, content); err != nil || !same {
		return false
	}
	return linkOver(old, fi, dst, existed) == nil
}

// compareBufs holds the buffers sameContent reads files into.
var compareBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// sameContent reports whether the file name (whose Lstat is fi) holds
// exactly content. It reads the file in small pieces, not whole.
func sameContent(name string, fi fs.FileInfo, content []byte) (bool, error) {
	f, err := os.Open(name)
	if err != nil {
		return false, err
	}
	defer f.Close()
	if ofi, err := f.Stat(); err != nil || !os.SameFile(fi, ofi) {
		return false, err // replaced since the Lstat
	}
	bp := compareBufs.Get().(*[]byte)
	defer compareBufs.Put(bp)
	buf := *bp
	for rest := content; ; {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(rest)+1)])
		if n > len(rest) || !bytes.Equal(buf[:n], rest[:n]) {
			return false, nil // longer, or different
		}
		rest = rest[n:]
		switch {
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			return len(rest) == 0, nil
		case err != nil:
			return false, err
		}
	}
}

// start checks and claims the path p for a write, which calls
// d.writing.Done when it is over. It reports whether a recycled file is
// at p.
func (d *Dir) start(p string) (existed bool, err error) {
	if !fs.ValidPath(p) || p == "." || p == Marker {
		return false, fmt.Errorf("output: invalid file path %q", p)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.done {
		return false, fmt.Errorf("output %s: write %s after the output was finished", d.dir, p)
	}
	if existed, err = d.claim(p); err != nil {
		return false, err
	}
	d.writing.Add(1)
	return existed, nil
}

// WriteShared writes the file p as WriteFile does, for content that does
// not change afterwards: when the very same byte slice (the same memory,
// as a build hands the same bundle to its dist/, latest/ and npm/ folders)
// was written before, p becomes a hard link to that file, so the bytes are
// on disk once. Where links fail (a file system without them), p is written.
func (d *Dir) WriteShared(p string, content []byte) error {
	if len(content) < shareMin {
		return d.WriteFile(p, content)
	}
	id := sliceID{weak.Make(&content[0]), len(content)}
	d.mu.Lock()
	if d.shared == nil {
		d.shared = map[sliceID]*sharedFile{}
	}
	first, seen := d.shared[id]
	if !seen {
		first = &sharedFile{path: p, done: make(chan struct{})}
		d.shared[id] = first
	}
	d.mu.Unlock()
	if !seen {
		err := d.WriteFile(p, content)
		first.ok = err == nil
		close(first.done)
		return err
	}
	<-first.done
	if first.ok && d.link(first.path, p) == nil {
		d.linked.Add(1)
		return nil
	}
	return d.WriteFile(p, content)
}

// link makes p a hard link to the written file from.
func (d *Dir) link(from, p string) error {
	existed, err := d.start(p)
	if err != nil {
		return err
	}
	defer d.writing.Done()
	src, dst := filepath.Join(d.tmp, filepath.FromSlash(from)), filepath.Join(d.tmp, filepath.FromSlash(p))
	fi, err := os.Lstat(src)
	if err == nil {
		err = linkOver(src, fi, dst, existed)
	}
	if err != nil {
		d.mu.Lock()
		delete(d.files, p) // WriteFile claims it again
		d.mu.Unlock()
		return err
	}
	return nil
}

// claim records p as written and makes its directories (or finds them
// in the recycled tree); d.mu is held. It reports whether a recycled file
// is at p.
func (d *Dir) claim(p string) (bool, error) {
	if d.files[p] {
		return false, fmt.Errorf("output: %q is written twice", p)
	}
	if d.dirs[p] {
		for f := range d.files {
			if strings.HasPrefix(f, p+"/") {
				return false, fmt.Errorf("output: %q is both a file and the directory of %q", p, f)
			}
		}
	}
	var missing []string
	for dir := path.Dir(p); !d.dirs[dir]; dir = path.Dir(dir) {
		if d.files[dir] {
			return false, fmt.Errorf("output: %q is both a file and the directory of %q", dir, p)
		}
		missing = append(missing, dir)
	}
	for i := len(missing) - 1; i >= 0; i-- {
		found, err := d.recycledDir(missing[i])
		if err == nil && !found {
			err = os.Mkdir(filepath.Join(d.tmp, filepath.FromSlash(missing[i])), 0o755)
		}
		if err != nil {
			return false, fmt.Errorf("output %s: %w", d.dir, err)
		}
		d.dirs[missing[i]] = true
	}
	existed, err := d.recycledFile(p)
	if err != nil {
		return false, fmt.Errorf("output %s: %w", d.dir, err)
	}
	d.files[p] = true
	return existed, nil
}

// Commit finishes the output and swaps it in for the previous one.
func (d *Dir) Commit() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.done {
		return fmt.Errorf("output %s: already finished", d.dir)
	}
	d.done = true
	defer d.unlock()
	d.writing.Wait() // no write starts once done is set
	marker := d.spare[Marker]
	delete(d.spare, Marker)
	if err := d.prune(); err != nil {
		_ = os.RemoveAll(d.tmp)
		return fmt.Errorf("output %s: %w", d.dir, err)
	}
	if err := d.put(Marker, []byte(markerText), false, marker); err != nil {
		_ = os.RemoveAll(d.tmp)
		return err
	}
	if beforeSwap != nil {
		beforeSwap(d.tmp)
	}
	old, err := swap(d.tmp, d.abs)
	if err != nil {
		_ = os.RemoveAll(d.tmp)
		return fmt.Errorf("output %s: %w", d.dir, err)
	}
	<-d.scanned // d.put waited for it, unless nothing was written
	removed := 0
	for p := range d.prevFiles {
		if !d.files[p] && p != Marker {
			removed++
		}
	}
	d.removed.Store(int64(removed))
	if old != "" {
		if err := d.keepSpare(old); err != nil {
			return fmt.Errorf("output %s: remove previous output: %w", d.dir, err)
		}
	}
	return nil
}

// Abort drops what was written and leaves the previous output as it was.
// It does nothing after Commit, so it may be deferred.
func (d *Dir) Abort() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.done {
		return
	}
	d.done = true
	d.writing.Wait()
	<-d.scanned // reads the previous output: done before the lock goes
	_ = os.RemoveAll(d.tmp)
	d.unlock()
}

// validate checks that every path is a clean relative path and that no file
// is also used as a directory.
func validate(files map[string][]byte) error {
	for p := range files {
		if !fs.ValidPath(p) || p == "." || p == Marker {
			return fmt.Errorf("output: invalid file path %q", p)
		}
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if _, ok := files[d]; ok {
				return fmt.Errorf("output: %q is both a file and the directory of %q", d, p)
			}
		}
	}
	return nil
}

// target resolves dir to an absolute path (through a symlink, if dir is
// one) and refuses places that must never be replaced.
func target(dir string, protected []string) (string, error) {
	if strings.TrimSpace(dir) == "" {
		return "", errors.New("output: no directory given")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("output %s: %w", dir, err)
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved
	}
	if filepath.Dir(abs) == abs {
		return "", fmt.Errorf("output %s: refusing to replace the filesystem root", dir)
	}
	refuse := func(p, what string) error {
		pa, err := filepath.Abs(p)
		if err != nil {
			return nil
		}
		if r, err := filepath.EvalSymlinks(pa); err == nil {
			pa = r
		}
		if within(pa, abs) {
			return fmt.Errorf("output %s: refusing to replace %s", dir, what)
		}
		return nil
	}
	if wd, err := os.Getwd(); err == nil {
		if err := refuse(wd, "the current directory or a directory that contains it"); err != nil {
			return "", err
		}
	}
	for _, p := range protected {
		if err := refuse(p, fmt.Sprintf("%s or a directory that contains it", p)); err != nil {
			return "", err
		}
	}
	return abs, nil
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// checkReplaceable accepts a missing dir, an empty one, or one with the
// marker; it reports whether dir is a previous output (has the marker).
func checkReplaceable(abs string) (prev bool, err error) {
	fi, err := os.Lstat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("output %s: %w", abs, err)
	}
	if !fi.IsDir() {
		return false, fmt.Errorf("output %s: exists and is not a directory", abs)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return false, fmt.Errorf("output %s: %w", abs, err)
	}
	if len(entries) == 0 {
		return false, nil
	}
	if _, err := os.Stat(filepath.Join(abs, Marker)); err != nil {
		return false, fmt.Errorf("output %s: not empty and not written by modc (no %s file); remove it or choose another output directory", abs, Marker)
	}
	return true, nil
}

func tmpPrefix(base string) string { return "." + base + ".tmp-" }
func oldPrefix(base string) string { return "." + base + ".old-" }

// removeLeftovers deletes temporary directories of earlier Writes to the
// same dir that were killed. It runs under the lock, so none is in use.
func removeLeftovers(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() && n != spareName(base) && (strings.HasPrefix(n, tmpPrefix(base)) || strings.HasPrefix(n, oldPrefix(base))) {
			_ = os.RemoveAll(filepath.Join(parent, n))
		}
	}
}

// swap moves tmp to abs. If abs existed, it returns where the previous
// output now is, for the caller to remove.
func swap(tmp, abs string) (old string, err error) {
	if _, err := os.Lstat(abs); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(tmp, abs)
	}
	// Atomic where the OS can exchange two paths: abs is never missing.
	if exchanged, err := exchange(tmp, abs); exchanged {
		return tmp, nil
	} else if err != nil {
		return "", err
	}
	// Elsewhere: move the previous output aside, move the new one in, and
	// put the previous one back if that fails.
	old = filepath.Join(filepath.Dir(abs), oldPrefix(filepath.Base(abs))+filepath.Base(tmp))
	if err := os.Rename(abs, old); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, abs); err != nil {
		if rerr := os.Rename(old, abs); rerr != nil {
			return "", fmt.Errorf("%w (and restoring the previous output from %s failed: %v)", err, old, rerr)
		}
		return "", err
	}
	return old, nil
}
