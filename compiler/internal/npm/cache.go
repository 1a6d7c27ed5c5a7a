package npm

import (
	"fmt"
	"sync"
)

// Cache keeps the folders Build made, to reuse them when a later Build
// gets the very same bundle files for a package version — the same byte
// slices, as an incremental build passes for the packages it did not
// rebuild — and the same configuration. The zero value is ready to use; a
// Cache is safe for concurrent use. It holds one entry per folder.
type Cache struct {
	mu sync.Mutex
	m  map[string]cached
	// rt is the runtime's package, made for rtKey (scope and minify).
	rt    map[string][]byte
	rtKey string
}

type cached struct {
	key    string
	inputs []ident
	out    map[string][]byte
}

// ident identifies a byte slice by its memory, not its content.
type ident struct {
	p *byte
	n int
}

func identOf(data []byte) ident {
	if len(data) == 0 {
		return ident{}
	}
	return ident{&data[0], len(data)}
}

func (c *Cache) get(dir, key string, inputs []ident) (map[string][]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[dir]
	if !ok || e.key != key || len(e.inputs) != len(inputs) {
		return nil, false
	}
	for i := range inputs {
		if e.inputs[i] != inputs[i] {
			return nil, false
		}
	}
	return e.out, true
}

func (c *Cache) put(dir, key string, inputs []ident, out map[string][]byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]cached{}
	}
	c.m[dir] = cached{key: key, inputs: inputs, out: out}
}

// runtime returns the runtime's package files, made once per scope and
// minification for a Cache (the runtime is built into modc).
func (c *Cache) runtime(scope string, minify bool) (map[string][]byte, error) {
	if c == nil {
		return runtimeFiles(scope, minify)
	}
	key := fmt.Sprintf("%s\x00%v", scope, minify)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rt != nil && c.rtKey == key {
		return c.rt, nil
	}
	rt, err := runtimeFiles(scope, minify)
	if err != nil {
		return nil, err
	}
	c.rt, c.rtKey = rt, key
	return rt, nil
}
