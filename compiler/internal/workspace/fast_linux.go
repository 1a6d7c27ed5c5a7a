package workspace

import (
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// os.Root opens a path one element at a time (an openat per directory);
// Linux's openat2 with RESOLVE_BENEATH makes the same check, that no link
// leads out of the directory, in the kernel in one call. ReadFile and
// ReadDir use it when they can (os.Root's ReadDir also stats every entry
// it lists), and fall back to os.Root for everything else: a refusal,
// an error (os.Root then says why, and which link), a kernel without
// openat2 or a sandbox that forbids it.

// noOpenat2 is set once openat2 turned out to be unavailable.
var noOpenat2 atomic.Bool

// openFast opens dir for readFast; nil when it cannot.
func openFast(dir string) *os.File {
	if noOpenat2.Load() {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	return f
}

// readFast reads the regular file name below the directory in one openat2
// call, and describes it too; ok is false when it did not (the caller then
// reads through os.Root).
func (d *Dir) readFast(name string) (data []byte, st fileStat, ok bool) {
	if d.dir == nil || noOpenat2.Load() || !fs.ValidPath(name) {
		return nil, fileStat{}, false
	}
	fd, err := unix.Openat2(int(d.dir.Fd()), name, &unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NOCTTY | unix.O_NONBLOCK,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS,
	})
	if err != nil {
		if err == unix.ENOSYS || err == unix.EPERM {
			noOpenat2.Store(true)
		}
		return nil, fileStat{}, false
	}
	defer unix.Close(fd)
	var sys unix.Stat_t
	if unix.Fstat(fd, &sys) != nil || sys.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, fileStat{}, false // a FIFO or a device: O_NONBLOCK kept the open from waiting on it
	}
	data = make([]byte, 0, sys.Size+1)
	for {
		n, err := unix.Read(fd, data[len(data):cap(data)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, fileStat{}, false
		}
		if n == 0 {
			return data, fileStat{size: sys.Size, mtime: sys.Mtim.Nano(), perm: fs.FileMode(sys.Mode) & fs.ModePerm}, true
		}
		data = data[:len(data)+n]
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// readDirFast lists the directory name below d, sorted by name, opening it
// in one openat2 call; ok is false when it did not (the caller then lists
// it through os.Root).
func (d *Dir) readDirFast(name string) (entries []fs.DirEntry, ok bool) {
	if d.dir == nil || noOpenat2.Load() || !fs.ValidPath(name) {
		return nil, false
	}
	fd, err := unix.Openat2(int(d.dir.Fd()), name, &unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_CLOEXEC | unix.O_DIRECTORY,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS,
	})
	if err != nil {
		if err == unix.ENOSYS || err == unix.EPERM {
			noOpenat2.Store(true)
		}
		return nil, false
	}
	f := os.NewFile(uintptr(fd), path.Join(d.abs, name))
	defer f.Close()
	entries, err = f.ReadDir(-1)
	if err != nil {
		return nil, false
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	for i, e := range entries {
		entries[i] = dirEntry{DirEntry: e, d: d, path: path.Join(name, e.Name())}
	}
	return entries, true
}

// dirEntry is an entry readDirFast listed: its Info is read through the
// os.Root, as os.Root's ReadDir would have, not by the directory's path.
type dirEntry struct {
	fs.DirEntry
	d    *Dir
	path string
}

// Info describes the entry, not following a symbolic link.
func (e dirEntry) Info() (fs.FileInfo, error) { return e.d.Lstat(e.path) }
