//go:build !linux

package workspace

import (
	"io/fs"
	"os"
)

// openFast has no fast path outside Linux.
func openFast(string) *os.File { return nil }

// readFast has no fast path outside Linux.
func (d *Dir) readFast(string) ([]byte, fileStat, bool) { return nil, fileStat{}, false }

// readDirFast has no fast path outside Linux.
func (d *Dir) readDirFast(string) ([]fs.DirEntry, bool) { return nil, false }
