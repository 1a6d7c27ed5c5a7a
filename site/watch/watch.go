// Package watch reports changes to a workspace's sources in batches. It
// watches modules/, content/, templates/, apps/ and modc.json recursively
// with file system events (fsnotify), folders created or renamed later
// included, or by polling where there are no events (network mounts, WSL).
// Editors' temporary files are ignored, an atomic save (write a temporary
// file, rename it over the original) reports the one file it saved, and a
// burst of changes — a save, a git checkout of 500 files — is one Batch,
// sent after a short quiet period.
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultPaths are what a workspace's build reads: the top-level entries
// watched when Options.Paths is empty.
var DefaultPaths = []string{"modules", "content", "templates", "apps", "modc.json"}

// The defaults of Options.
const (
	DefaultDebounce = 10 * time.Millisecond
	DefaultMaxWait  = 500 * time.Millisecond
)

// Options configures a Watcher. The zero value watches DefaultPaths with
// file system events and the default debounce.
type Options struct {
	// Paths are the top-level entries of the root to watch (directories
	// recursively); they need not exist yet. Default: DefaultPaths.
	Paths []string
	// Ignore holds workspace-relative slash paths (directories or files)
	// never reported, such as an output directory inside a watched one.
	Ignore []string
	// Debounce is the quiet period that ends a batch: a batch is sent once
	// no change was seen for that long (default DefaultDebounce).
	Debounce time.Duration
	// MaxWait caps how long a batch is held back by a stream of changes
	// that never goes quiet (default DefaultMaxWait).
	MaxWait time.Duration
	// Poll, when positive, compares snapshots of the files (modification
	// time, size, inode) at this interval instead of using file system
	// events. Each poll that finds changes sends one batch.
	Poll time.Duration
}

// Batch is a set of changes.
type Batch struct {
	// Paths are the workspace-relative slash paths of the files that were
	// written, created, removed or renamed, sorted, each once.
	Paths []string
	// All reports that the watcher lost track of events (the kernel's
	// queue overflowed): anything may have changed.
	All bool
	// Start is when the first change of the batch was seen.
	Start time.Time
}

// merge adds o's changes to b.
func (b *Batch) merge(o Batch) {
	if b.Start.IsZero() || (!o.Start.IsZero() && o.Start.Before(b.Start)) {
		b.Start = o.Start
	}
	b.All = b.All || o.All
	b.Paths = append(b.Paths, o.Paths...)
	slices.Sort(b.Paths)
	b.Paths = slices.Compact(b.Paths)
}

// Watcher watches a workspace. Create it with New, read Events, Close it.
type Watcher struct {
	root    string
	opts    Options
	top     map[string]bool
	ignore  map[string]bool
	events  chan Batch
	errs    chan error
	done    chan struct{}
	closing sync.Once
	wg      sync.WaitGroup

	fsw   *fsnotify.Watcher
	dirs  map[string]bool // watched directories, workspace-relative slash paths
	files map[string]bool // files known to exist

	// pending are the paths of the batch being collected, each mapped to
	// whether the file existed before the batch.
	pending map[string]bool
	all     bool
	first   time.Time
	ready   *Batch // a batch waiting for the reader
}

// New watches the workspace at root. With opts.Poll it polls; otherwise it
// uses file system events and fails if they cannot be set up (for example
// when the inotify watch limit is reached: the error says to use polling).
func New(root string, opts Options) (*Watcher, error) {
	if len(opts.Paths) == 0 {
		opts.Paths = DefaultPaths
	}
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = DefaultMaxWait
	}
	if opts.MaxWait < opts.Debounce {
		opts.MaxWait = opts.Debounce
	}
	w := &Watcher{
		root:    root,
		opts:    opts,
		top:     map[string]bool{},
		ignore:  map[string]bool{},
		events:  make(chan Batch),
		errs:    make(chan error, 8),
		done:    make(chan struct{}),
		dirs:    map[string]bool{},
		files:   map[string]bool{},
		pending: map[string]bool{},
	}
	for _, p := range opts.Paths {
		p = path.Clean(filepath.ToSlash(p))
		if p == "." || p == ".." || strings.Contains(p, "/") {
			return nil, fmt.Errorf("watch: %q is not a top-level entry of the workspace", p)
		}
		w.top[p] = true
	}
	for _, p := range opts.Ignore {
		w.ignore[path.Clean(filepath.ToSlash(p))] = true
	}
	if fi, err := os.Stat(root); err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("watch: %s is not a directory", root)
	}
	if opts.Poll > 0 {
		snap := w.snapshot(0)
		w.wg.Add(1)
		go w.poll(snap)
		return w, nil
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w.fsw = fsw
	if err := w.start(); err != nil {
		fsw.Close()
		return nil, err
	}
	w.wg.Add(1)
	go w.loop()
	return w, nil
}

// Events delivers the batches. It is closed by Close. While nobody reads,
// changes keep accumulating into the next batch.
func (w *Watcher) Events() <-chan Batch { return w.events }

// Errors delivers problems met while watching (a directory that could not
// be watched…); when nobody reads them, they are dropped.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching and closes Events.
func (w *Watcher) Close() error {
	var err error
	w.closing.Do(func() {
		close(w.done)
		if w.fsw != nil {
			err = w.fsw.Close()
		}
		w.wg.Wait()
		close(w.events)
	})
	return err
}

func (w *Watcher) report(err error) {
	select {
	case w.errs <- err:
	default:
	}
}

// abs turns a workspace-relative slash path into a file name.
func (w *Watcher) abs(rel string) string {
	if rel == "" {
		return w.root
	}
	return filepath.Join(w.root, filepath.FromSlash(rel))
}

// rel turns a file name from fsnotify into a workspace-relative slash path.
func (w *Watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// watched reports whether rel is inside one of the watched paths and not
// ignored.
func (w *Watcher) watched(rel string) bool {
	if rel == "." || rel == "" {
		return false
	}
	top, _, _ := strings.Cut(rel, "/")
	if !w.top[top] {
		return false
	}
	for p := rel; ; {
		if w.ignore[p] || Ignored(path.Base(p)) {
			return false
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			return true
		}
		p = p[:i]
	}
}

// start watches the root (for the top-level entries) and every watched
// directory that exists, and records the files.
func (w *Watcher) start() error {
	if err := w.fsw.Add(w.root); err != nil {
		return w.addError(w.root, err)
	}
	for top := range w.top {
		fi, err := os.Lstat(w.abs(top))
		if err != nil {
			continue
		}
		if fi.IsDir() {
			if err := w.addTree(top, false); err != nil {
				return err
			}
		} else if w.watched(top) {
			w.files[top] = true
		}
	}
	return nil
}

func (w *Watcher) addError(name string, err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		return fmt.Errorf("watch: cannot watch %s: too many directories for file system events "+
			"(raise fs.inotify.max_user_watches, or poll with --poll 500ms): %w", name, err)
	}
	return fmt.Errorf("watch: cannot watch %s: %w", name, err)
}

// addTree watches the directory rel and every directory below it. Each
// directory is watched before it is read, so a file created meanwhile is
// either seen by the read or reported by an event. With changed, the files
// found are added to the pending batch (they were created before their
// directory was watched).
func (w *Watcher) addTree(rel string, changed bool) error {
	return filepath.WalkDir(w.abs(rel), func(name string, d fs.DirEntry, err error) error {
		r, ok := w.rel(name)
		if !ok || !w.watched(r) {
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone meanwhile: its removal has an event
			}
			return fmt.Errorf("watch: %w", err)
		}
		if d.IsDir() {
			if w.dirs[r] {
				return nil
			}
			if err := w.fsw.Add(name); err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return filepath.SkipDir
				}
				return w.addError(name, err)
			}
			w.dirs[r] = true
			return nil
		}
		if changed {
			w.touch(r)
		}
		w.files[r] = true
		return nil
	})
}

// touch adds a file to the pending batch.
func (w *Watcher) touch(rel string) {
	if _, ok := w.pending[rel]; !ok {
		w.pending[rel] = w.files[rel]
	}
	if w.first.IsZero() {
		w.first = time.Now()
	}
}

// removeTree forgets the directory rel (removed or renamed away): its
// watches, and its files, which become changes.
func (w *Watcher) removeTree(rel string) {
	prefix := rel + "/"
	for d := range w.dirs {
		if d == rel || strings.HasPrefix(d, prefix) {
			delete(w.dirs, d)
			// The watch may have been dropped already; a moved directory's
			// watch must go, or its events would come under the old name.
			_ = w.fsw.Remove(w.abs(d))
		}
	}
	for f := range w.files {
		if strings.HasPrefix(f, prefix) {
			w.touch(f)
			delete(w.files, f)
		}
	}
}

// handle takes one file system event into the pending batch.
func (w *Watcher) handle(ev fsnotify.Event) {
	rel, ok := w.rel(ev.Name)
	if !ok || !w.watched(rel) {
		return
	}
	switch {
	case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
		if w.dirs[rel] {
			w.removeTree(rel)
			return
		}
		w.touch(rel)
		delete(w.files, rel)
		if ev.Has(fsnotify.Create) { // removed and created again at once
			w.created(rel)
		}
	case ev.Has(fsnotify.Create):
		w.created(rel)
	case ev.Has(fsnotify.Write):
		w.touch(rel)
		w.files[rel] = true
	}
}

// created handles a new path: a directory is watched and scanned, a file
// is a change.
func (w *Watcher) created(rel string) {
	fi, err := os.Lstat(w.abs(rel))
	if err != nil {
		w.touch(rel) // already gone: flush decides whether it matters
		return
	}
	if fi.IsDir() {
		if err := w.addTree(rel, true); err != nil {
			w.report(err)
		}
		return
	}
	w.touch(rel)
	w.files[rel] = true
}

// flush turns the pending changes into a batch for the reader. A file that
// did not exist before the batch and does not exist now (an editor's
// temporary file, renamed or deleted) is not a change.
func (w *Watcher) flush() {
	b := Batch{All: w.all, Start: w.first}
	for rel, existed := range w.pending {
		if !existed {
			if _, err := os.Lstat(w.abs(rel)); err != nil {
				continue
			}
		}
		b.Paths = append(b.Paths, rel)
	}
	clear(w.pending)
	w.all, w.first = false, time.Time{}
	if len(b.Paths) == 0 && !b.All {
		return
	}
	slices.Sort(b.Paths)
	if w.ready == nil {
		w.ready = &b
	} else {
		w.ready.merge(b)
	}
}

// resync rebuilds the state after lost events: every directory is watched
// again and the batch says everything changed.
func (w *Watcher) resync() {
	for d := range w.dirs {
		_ = w.fsw.Remove(w.abs(d))
	}
	clear(w.dirs)
	clear(w.files)
	if err := w.start(); err != nil {
		w.report(err)
	}
	w.all = true
	if w.first.IsZero() {
		w.first = time.Now()
	}
}

// loop collects events, debounces them and hands batches to the reader.
func (w *Watcher) loop() {
	defer w.wg.Done()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var last time.Time
	for {
		var out chan Batch
		var next Batch
		if w.ready != nil {
			out, next = w.events, *w.ready
		}
		select {
		case <-w.done:
			timer.Stop()
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			w.handle(ev)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.resync()
			} else {
				w.report(fmt.Errorf("watch: %w", err))
			}
		case <-timer.C:
			w.flush()
			last = time.Time{}
			continue
		case out <- next:
			w.ready = nil
			continue
		}
		if w.first.IsZero() {
			continue // nothing pending (an ignored path)
		}
		// A trailing debounce, capped by MaxWait from the first change.
		now := time.Now()
		if last.IsZero() || now.Sub(last) > time.Millisecond {
			last = now
			wait := w.opts.Debounce
			if rest := w.opts.MaxWait - now.Sub(w.first); rest < wait {
				wait = max(rest, 0)
			}
			timer.Reset(wait)
		}
	}
}
