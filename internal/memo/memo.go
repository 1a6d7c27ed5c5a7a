// Package memo is a map of remembered results that forgets what was not
// used lately, for the memos of a build that a devserver's session keeps
// from one run to the next.
package memo

import "sync"

// Map remembers values by key. When it holds max entries it starts a new
// generation: the entries not used since the previous one began go. It
// is safe for concurrent use.
type Map[V any] struct {
	mu        sync.Mutex
	max       int
	cur, prev map[string]V
}

// New returns a Map of at most max entries a generation.
func New[V any](max int) *Map[V] { return &Map[V]{max: max} }

// Get returns the value remembered for key, if any.
func (m *Map[V]) Get(key string) (V, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.cur[key]; ok {
		return v, true
	}
	v, ok := m.prev[key]
	if ok {
		m.put(key, v)
	}
	return v, ok
}

// Put remembers v for key. The key is kept as it is: a key cut from a
// larger text keeps that text, so copy it first.
func (m *Map[V]) Put(key string, v V) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.put(key, v)
}

func (m *Map[V]) put(key string, v V) {
	if m.cur == nil || len(m.cur) >= m.max {
		m.prev, m.cur = m.cur, make(map[string]V)
	}
	m.cur[key] = v
}

// Range calls f for each entry remembered, of both generations.
func (m *Map[V]) Range(f func(key string, v V)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k, v := range m.prev {
		if _, ok := m.cur[k]; !ok {
			f(k, v)
		}
	}
	for k, v := range m.cur {
		f(k, v)
	}
}
