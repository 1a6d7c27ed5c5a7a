package sidebyside

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// trash holds what a run clears (earlier outputs, caches, workspaces)
// until every timing is over. Clearing by deleting would tax the runs
// that follow: on ext4 without a journal (this project's CI and bench
// machines), creating a file skips over every inode freed in the last
// 60 to 360 seconds (fs/ext4/ialloc.c, recently_deleted), so a build
// right after `rm -rf` of 5,000 files pays for each new file in
// proportion to the files just deleted, and the more files a tool writes
// the more it pays. Renaming costs nothing of the kind; the trash is
// deleted once, after the last timed run.
type trash struct {
	dir string
	n   int
}

// aside moves each existing path into the trash, so that it no longer
// exists where it was.
func (t *trash) aside(paths ...string) error {
	for _, p := range paths {
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := os.MkdirAll(t.dir, 0o755); err != nil {
			return err
		}
		t.n++
		if err := os.Rename(p, filepath.Join(t.dir, fmt.Sprint(t.n))); err != nil {
			return fmt.Errorf("setting %s aside: %w", p, err)
		}
	}
	return nil
}

// empty deletes what was set aside.
func (t *trash) empty() error { return os.RemoveAll(t.dir) }
