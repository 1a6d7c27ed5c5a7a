package memo

import (
	"strconv"
	"sync"
	"testing"
)

// TestForgets checks that a full Map forgets what was not used since it
// was last full, and keeps what was.
func TestForgets(t *testing.T) {
	m := New[int](2)
	m.Put("a", 1)
	m.Put("b", 2)
	m.Put("c", 3) // full: a and b are the previous generation
	if v, ok := m.Get("a"); !ok || v != 1 {
		t.Fatalf("a = %d, %v; want 1, kept one generation", v, ok)
	}
	m.Put("d", 4) // full again (c, a): b goes
	if _, ok := m.Get("b"); ok {
		t.Error("b, unused for a generation, was kept")
	}
	seen := map[string]int{}
	m.Range(func(k string, v int) { seen[k] = v })
	if len(seen) != 3 || seen["a"] != 1 || seen["c"] != 3 || seen["d"] != 4 {
		t.Errorf("Range saw %v, want a, c and d", seen)
	}
	for k, want := range map[string]int{"a": 1, "c": 3, "d": 4} {
		if v, ok := m.Get(k); !ok || v != want {
			t.Errorf("%s = %d, %v; want %d", k, v, ok, want)
		}
	}
}

// TestConcurrent uses a Map from several goroutines (go test -race).
func TestConcurrent(t *testing.T) {
	m := New[string](64)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 1000 {
				k := strconv.Itoa((g * i) % 200)
				if v, ok := m.Get(k); ok && v != k {
					t.Errorf("%s = %q", k, v)
				}
				m.Put(k, k)
			}
		})
	}
	wg.Wait()
}
