package output

import "sync"

// locks serialises Writes within this process, per parent directory.
var locks sync.Map // absolute parent path → *sync.Mutex

// lock takes the in-process lock for parent and, where the OS has one, an
// advisory file lock on parent itself, so separate processes (a devserver
// and a post-receive hook) do not swap the same output at once.
func lock(parent string) (unlock func(), err error) {
	v, _ := locks.LoadOrStore(parent, new(sync.Mutex))
	mu := v.(*sync.Mutex)
	mu.Lock()
	release, err := fileLock(parent)
	if err != nil {
		mu.Unlock()
		return nil, err
	}
	return func() { release(); mu.Unlock() }, nil
}
