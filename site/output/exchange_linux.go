package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange atomically swaps the directories a and b with renameat2's
// RENAME_EXCHANGE. It reports false with a nil error when the filesystem
// or kernel cannot do it, so the caller falls back to two renames.
func exchange(a, b string) (bool, error) {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EOPNOTSUPP):
		return false, nil
	}
	return false, err
}
