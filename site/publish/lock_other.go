//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package publish

// fileLock is a no-op where there is no flock: publishes are then
// serialised within one process only.
func fileLock(string) (func(), error) { return func() {}, nil }
