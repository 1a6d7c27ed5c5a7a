//go:build unix

package watch

import (
	"io/fs"
	"syscall"
)

// inode returns the file's inode number, so that polling sees a file
// replaced by another of the same size and time.
func inode(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}
