package filelock

import (
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestLockExcludes(t *testing.T) {
	for _, path := range []string{t.TempDir(), filepath.Join(t.TempDir(), "lock")} {
		var mu sync.Mutex
		inside, most := 0, 0
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				unlock, err := Lock(path)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				inside++
				most = max(most, inside)
				mu.Unlock()
				time.Sleep(2 * time.Millisecond)
				mu.Lock()
				inside--
				mu.Unlock()
				unlock()
			}()
		}
		wg.Wait()
		if most != 1 {
			t.Errorf("%s: %d holders at once", path, most)
		}
	}
}
