// Package filelock serialises work on a path across goroutines and
// processes: an in-process mutex per path plus, where the OS has one, an
// advisory flock on the path itself (released by the OS if the process
// dies). The devserver, builds and publish hooks use it so that two of them
// never swap the same output at once.
package filelock

import "sync"

var locks sync.Map // path → *sync.Mutex

// Lock waits for and takes the lock on path: a directory, or a file that is
// created when missing. The returned function releases it.
func Lock(path string) (unlock func(), err error) {
	v, _ := locks.LoadOrStore(path, new(sync.Mutex))
	mu := v.(*sync.Mutex)
	mu.Lock()
	release, err := flock(path)
	if err != nil {
		mu.Unlock()
		return nil, err
	}
	return func() { release(); mu.Unlock() }, nil
}
