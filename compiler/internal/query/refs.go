package query

import (
	"strings"
	"sync"

	"github.com/modc-dev/modc/compiler/internal/jsmod"
)

// bindingRefs is jsmod.ExpressionRefs remembered by code: a build reads a
// query's bindings in several stages (Check, then the library uses that
// the dry runs, the bundles and the releases ask for), which parsed each
// binding four or five times. The slice is shared: callers only read it.
func bindingRefs(code string) ([]jsmod.Reference, error) {
	if e, ok := parsed.get(code); ok {
		return e.refs, e.err
	}
	refs, err := jsmod.ExpressionRefs(code)
	parsed.put(strings.Clone(code), refEntry{refs, err}) // code may be a slice of its whole file
	return refs, err
}

// parsed holds what bindingRefs returned.
var parsed = &refMemo{max: 1 << 14}

type refEntry struct {
	refs []jsmod.Reference
	err  error
}

// refMemo is a map that forgets what was not used lately: when it is full,
// the entries not used since it was last full go (a devserver's edits
// leave no more than two generations of bindings behind).
type refMemo struct {
	mu        sync.Mutex
	max       int
	cur, prev map[string]refEntry
}

func (m *refMemo) get(code string) (refEntry, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.cur[code]; ok {
		return e, true
	}
	e, ok := m.prev[code]
	if ok {
		m.putLocked(code, e)
	}
	return e, ok
}

func (m *refMemo) put(code string, e refEntry) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.putLocked(code, e)
}

func (m *refMemo) putLocked(code string, e refEntry) {
	if m.cur == nil || len(m.cur) >= m.max {
		m.prev, m.cur = m.cur, make(map[string]refEntry)
	}
	m.cur[code] = e
}
