package watch

import (
	"io/fs"
	"path/filepath"
	"slices"
	"time"
)

// stamp is what polling compares to see that a file changed.
type stamp struct {
	mtime int64
	size  int64
	ino   uint64
	mode  fs.FileMode
}

// snapshot reads the stamps of every watched file.
func (w *Watcher) snapshot(hint int) map[string]stamp {
	snap := make(map[string]stamp, hint)
	for top := range w.top {
		_ = filepath.WalkDir(w.abs(top), func(name string, d fs.DirEntry, err error) error {
			r, ok := w.rel(name)
			if err != nil || !ok || !w.watched(r) {
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				return nil // gone meanwhile
			}
			snap[r] = stamp{mtime: fi.ModTime().UnixNano(), size: fi.Size(), ino: inode(fi), mode: fi.Mode()}
			return nil
		})
	}
	return snap
}

// poll compares snapshots every Options.Poll and hands each difference to
// the reader as a batch.
func (w *Watcher) poll(prev map[string]stamp) {
	defer w.wg.Done()
	tick := time.NewTicker(w.opts.Poll)
	defer tick.Stop()
	for {
		var out chan Batch
		var next Batch
		if w.ready != nil {
			out, next = w.events, *w.ready
		}
		select {
		case <-w.done:
			return
		case out <- next:
			w.ready = nil
		case <-tick.C:
			now := time.Now()
			snap := w.snapshot(len(prev))
			var changed []string
			for p, s := range snap {
				if old, ok := prev[p]; !ok || old != s {
					changed = append(changed, p)
				}
			}
			for p := range prev {
				if _, ok := snap[p]; !ok {
					changed = append(changed, p)
				}
			}
			prev = snap
			if len(changed) == 0 {
				continue
			}
			slices.Sort(changed)
			b := Batch{Paths: changed, Start: now}
			if w.ready == nil {
				w.ready = &b
			} else {
				w.ready.merge(b)
			}
		}
	}
}
