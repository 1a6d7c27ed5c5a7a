package publish

import "sync"

// locks serialises publishes within this process, per lock file.
var locks sync.Map // lock file path → *sync.Mutex

// lock takes the in-process lock for file and, where the OS has one, an
// advisory lock on the file itself, so hooks of concurrent pushes (separate
// processes) take turns. It waits as long as it takes.
func lock(file string) (unlock func(), err error) {
	v, _ := locks.LoadOrStore(file, new(sync.Mutex))
	mu := v.(*sync.Mutex)
	mu.Lock()
	release, err := fileLock(file)
	if err != nil {
		mu.Unlock()
		return nil, err
	}
	return func() { release(); mu.Unlock() }, nil
}
