package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/modc-dev/modc/compiler/diag"
)

// A LinkError is a symbolic link in the workspace whose target leaves it:
// modc does not follow it, so the file outside is never read. Reads through
// such a link fail with an *fs.PathError wrapping a *LinkError.
type LinkError struct {
	Link   string // the link's workspace-relative slash path
	Target string // its target, as the link holds it
	// Inside is set when Target is an absolute path into the workspace
	// (refused too: a link must be relative to stay inside every copy of
	// the workspace).
	Inside bool
}

func (e *LinkError) Error() string {
	if e.Inside {
		return fmt.Sprintf("symbolic link to %s is absolute; modc follows only relative links that stay inside the workspace", e.Target)
	}
	return fmt.Sprintf("symbolic link to %s leaves the workspace; modc reads no file outside it", e.Target)
}

// LinkMessage returns the error message for err when a symbolic link
// leaving the workspace caused it: located at the link, in the words of
// LinkError.
func LinkMessage(err error) (diag.Message, bool) {
	var le *LinkError
	if !errors.As(err, &le) {
		return diag.Message{}, false
	}
	return diag.Errorf("link-outside-workspace", diag.Location{File: le.Link}, "%s", le.Error()), true
}

// ReadErrorf returns the message for err, the error reading the file p: a
// LinkMessage when a symbolic link leaving the workspace caused it, else an
// error at p made from format and args.
func ReadErrorf(id, p string, err error, format string, args ...any) diag.Message {
	if m, ok := LinkMessage(err); ok {
		return m
	}
	return diag.Errorf(id, diag.Location{File: p}, format, args...)
}

// FollowLink tells a walk of fsys what to do with the symbolic link it met
// at p: read it as a file (file is set) when it leads to a file inside the
// workspace. Otherwise msg says why it is skipped: an error when it leaves
// the workspace or cannot be read, a warning when it leads to a directory
// (walks do not follow those, so that a link cannot make a loop).
func FollowLink(fsys fs.FS, p string) (file bool, msg *diag.Message) {
	fi, err := fs.Stat(fsys, p)
	if err != nil {
		m, ok := LinkMessage(err)
		if !ok {
			target, _ := fs.ReadLink(fsys, p)
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			m = diag.Errorf("link-broken", diag.Location{File: p}, "symbolic link to %s cannot be followed: %v", target, err)
		}
		return false, &m
	}
	if fi.IsDir() {
		m := diag.Warningf("link-to-directory", diag.Location{File: p}, "symbolic link to a directory skipped; modc follows links to files only")
		return false, &m
	}
	return true, nil
}

// Dir is the work tree of a workspace as a file system: os.DirFS, except
// that every file is opened through an os.Root, so a symbolic link (in any
// element of a path) is followed only while it stays inside the directory.
// The check is made by the kernel as the file is opened, so a link swapped
// in between a check and a read cannot get around it. A read through a
// link that leaves fails with a *LinkError. Dir is safe for concurrent use;
// it implements fs.ReadFileFS, fs.ReadDirFS, fs.StatFS and fs.ReadLinkFS.
type Dir struct {
	root *os.Root
	dir  *os.File // the directory, for reads in one system call (fast_linux.go); nil elsewhere
	fsys fs.FS    // root.FS()
	abs  string   // the directory's absolute path, to tell absolute links into it
	err  error    // why the directory could not be opened: every read fails with it
}

var (
	_ fs.ReadFileFS = (*Dir)(nil)
	_ fs.ReadDirFS  = (*Dir)(nil)
	_ fs.StatFS     = (*Dir)(nil)
	_ fs.ReadLinkFS = (*Dir)(nil)
)

// DirFS opens the work tree at dir. When dir cannot be opened, every read
// of the result fails with the reason (a missing directory reads as an
// empty workspace, as with os.DirFS). Close releases the directory; a Dir
// no longer used is also released by the garbage collector.
func DirFS(dir string) *Dir {
	abs, _ := filepath.Abs(dir)
	root, err := os.OpenRoot(dir)
	if err != nil {
		return &Dir{abs: abs, err: err}
	}
	return &Dir{root: root, dir: openFast(dir), fsys: root.FS(), abs: abs}
}

// Close releases the directory.
func (d *Dir) Close() error {
	if d.root == nil {
		return nil
	}
	if d.dir != nil {
		d.dir.Close()
	}
	return d.root.Close()
}

func (d *Dir) fail(op, name string) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return &fs.PathError{Op: op, Path: name, Err: d.err}
}

// Open opens a file or directory.
func (d *Dir) Open(name string) (fs.File, error) {
	if d.err != nil {
		return nil, d.fail("open", name)
	}
	f, err := d.fsys.Open(name)
	return f, d.explain("open", name, err)
}

// ReadFile returns a file's content.
func (d *Dir) ReadFile(name string) ([]byte, error) {
	data, _, _, err := d.readFile(name)
	return data, err
}

// readFile returns a file's content and, when known is set (it had it at
// no extra cost), the file's description.
func (d *Dir) readFile(name string) (data []byte, st fileStat, known bool, err error) {
	if d.err != nil {
		return nil, st, false, d.fail("readfile", name)
	}
	if data, st, ok := d.readFast(name); ok {
		return data, st, true, nil
	}
	data, err = fs.ReadFile(d.fsys, name)
	return data, st, false, d.explain("readfile", name, err)
}

// ReadDir lists a directory, sorted by name. A symbolic link is listed as
// one (fs.ModeSymlink), as os.DirFS does.
func (d *Dir) ReadDir(name string) ([]fs.DirEntry, error) {
	if d.err != nil {
		return nil, d.fail("readdir", name)
	}
	if entries, ok := d.readDirFast(name); ok {
		return entries, nil
	}
	entries, err := fs.ReadDir(d.fsys, name)
	return entries, d.explain("readdir", name, err)
}

// Stat describes a file or directory, following symbolic links.
func (d *Dir) Stat(name string) (fs.FileInfo, error) {
	if d.err != nil {
		return nil, d.fail("stat", name)
	}
	fi, err := fs.Stat(d.fsys, name)
	return fi, d.explain("stat", name, err)
}

// Lstat describes a file, directory or symbolic link, not following a link
// in the last element.
func (d *Dir) Lstat(name string) (fs.FileInfo, error) {
	if d.err != nil {
		return nil, d.fail("lstat", name)
	}
	fi, err := fs.Lstat(d.fsys, name)
	return fi, d.explain("lstat", name, err)
}

// ReadLink returns the target of a symbolic link.
func (d *Dir) ReadLink(name string) (string, error) {
	if d.err != nil {
		return "", d.fail("readlink", name)
	}
	target, err := fs.ReadLink(d.fsys, name)
	return target, d.explain("readlink", name, err)
}

// explain returns err, the error os.Root gave for name, with a *LinkError
// in it when a symbolic link that leaves the directory is the cause.
func (d *Dir) explain(op, name string, err error) error {
	if err == nil || errors.Is(err, fs.ErrNotExist) || !fs.ValidPath(name) {
		return err
	}
	if le := d.leavingLink(name); le != nil {
		return &fs.PathError{Op: op, Path: name, Err: le}
	}
	return err
}

// leavingLink finds the symbolic link on the way to name that leaves the
// directory, resolving links as os.Root does: a link's target replaces
// the path up to it, and ".." is resolved in the path so made. It only
// names the culprit of an error os.Root already returned; it reads links,
// never files.
func (d *Dir) leavingLink(name string) *LinkError {
	if name == "." {
		return nil
	}
	parts := strings.Split(name, "/")
	links := 0
	for i := 0; i < len(parts); i++ {
		cur := path.Join(parts[:i+1]...)
		fi, err := d.root.Lstat(cur)
		if err != nil {
			return nil
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		if links++; links > 40 {
			return nil
		}
		target, err := d.root.Readlink(cur)
		if err != nil {
			return nil
		}
		if filepath.IsAbs(target) || strings.HasPrefix(target, "/") {
			le := &LinkError{Link: cur, Target: target}
			if rel, err := filepath.Rel(d.abs, target); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				le.Inside = true
			}
			return le
		}
		joined := path.Join(path.Dir(cur), filepath.ToSlash(target))
		if joined == ".." || strings.HasPrefix(joined, "../") {
			return &LinkError{Link: cur, Target: target}
		}
		var rest []string
		if joined != "." {
			rest = strings.Split(joined, "/")
		}
		parts, i = append(rest, parts[i+1:]...), -1
		if len(parts) == 0 {
			return nil
		}
	}
	return nil
}
