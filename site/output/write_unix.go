//go:build unix

package output

import (
	"io"
	"io/fs"
	"syscall"
)

// writeNew creates the file dst, which must not exist, with content. It
// calls the system itself: os.OpenFile of a regular file also offers it to
// the network poller and sets and clears its non-blocking flag, four more
// system calls for each of the ~2,600 files of a 1,000-module build (and a
// system call is dear in a virtual machine that traps each to its host).
func writeNew(dst string, content []byte) error {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(dst, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: dst, Err: err}
	}
	for len(content) > 0 {
		n, werr := syscall.Write(fd, content)
		if werr == syscall.EINTR {
			continue
		}
		if werr != nil {
			err = &fs.PathError{Op: "write", Path: dst, Err: werr}
			break
		}
		if n == 0 {
			err = &fs.PathError{Op: "write", Path: dst, Err: io.ErrShortWrite}
			break
		}
		content = content[n:]
	}
	if cerr := syscall.Close(fd); cerr != nil && err == nil {
		err = &fs.PathError{Op: "close", Path: dst, Err: cerr}
	}
	return err
}
