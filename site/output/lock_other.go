//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package output

// fileLock is a no-op where there is no flock: Writes are then serialised
// within one process only.
func fileLock(string) (func(), error) { return func() {}, nil }
