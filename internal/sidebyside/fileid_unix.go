//go:build unix

package sidebyside

import (
	"io/fs"
	"syscall"
)

// fileID identifies a file on disk, whatever its name.
type fileID struct{ dev, ino uint64 }

// idOf returns the file's identity, when the system says it.
func idOf(info fs.FileInfo) (fileID, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{uint64(st.Dev), uint64(st.Ino)}, true
}
