package gitver

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// statCache is git's index used as git uses it, as a cache of the work
// tree's blob hashes: a file whose size and modification time are those the
// index recorded for it has the blob hash the index says, without being
// read — unless it was modified no earlier than the index was written
// ("racily clean": a change in that instant would not show in the time),
// or the index entry is not a plain one. Then the file is read and hashed.
type statCache struct {
	entries map[string]*index.Entry // by slash path in the repository
	written time.Time               // the index file's modification time
}

// filesHashed counts the work-tree files read and hashed (for tests).
var filesHashed atomic.Int64

// loadStatCache reads the repository's index; nil when there is none.
func (r *Repo) loadStatCache() *statCache {
	fsst, ok := r.st.(*filesystem.Storage)
	if !ok || r.workDir == "" {
		return nil
	}
	fi, err := os.Stat(filepath.Join(fsst.Filesystem().Root(), "index"))
	if err != nil {
		return nil
	}
	idx, err := r.st.Index()
	if err != nil {
		return nil
	}
	c := &statCache{entries: make(map[string]*index.Entry, len(idx.Entries)), written: fi.ModTime()}
	for _, e := range idx.Entries {
		// Stage 0 is an entry without a merge conflict (go-git's
		// index.Merged constant is 1, but entries decode their stage bits).
		if e.Stage == 0 && !e.SkipWorktree && !e.IntentToAdd {
			c.entries[e.Name] = e
		}
	}
	return c
}

// hash returns the blob hash of the work-tree file at path (slash path in
// the repository), described by fi, when the index vouches for it.
func (c *statCache) hash(path string, fi fs.FileInfo) (plumbing.Hash, bool) {
	if c == nil {
		return plumbing.ZeroHash, false
	}
	e := c.entries[path]
	if e == nil || int64(e.Size) != fi.Size() || uint64(fi.Size()) > 1<<32-1 {
		return plumbing.ZeroHash, false
	}
	mt, written := fi.ModTime(), c.written
	if e.ModifiedAt.Nanosecond() == 0 {
		// A git built without nanosecond times records whole seconds, and
		// compares them so.
		mt, written = mt.Truncate(time.Second), written.Truncate(time.Second)
	}
	if !mt.Equal(e.ModifiedAt) || !mt.Before(written) {
		return plumbing.ZeroHash, false
	}
	return e.Hash, true
}
