//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package filelock

// flock is a no-op where there is no flock: the lock then holds within
// one process only.
func flock(string) (func(), error) { return func() {}, nil }
