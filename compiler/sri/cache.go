package sri

import "sync"

// Cache keeps the embed.json files Build made, to reuse them when a later
// Build gets the very same files for a version directory: the same byte
// slices, as an incremental build passes for the packages it did not
// rebuild. The zero value is ready to use; a Cache is safe for concurrent
// use. It holds one entry per version directory.
type Cache struct {
	mu sync.Mutex
	m  map[string]cached
}

type cached struct {
	inputs []ident
	out    []byte
}

// ident identifies a byte slice by its memory, not its content.
type ident struct {
	name string
	p    *byte
	n    int
}

// identify returns the identities of files[dir+name] for each name.
func identify(files map[string][]byte, dir string, names []string) []ident {
	out := make([]ident, len(names))
	for i, name := range names {
		data := files[dir+name]
		out[i] = ident{name: name, n: len(data)}
		if len(data) > 0 {
			out[i].p = &data[0]
		}
	}
	return out
}

func (c *Cache) get(dir string, inputs []ident) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[dir]
	if !ok || len(e.inputs) != len(inputs) {
		return nil, false
	}
	for i := range inputs {
		if e.inputs[i] != inputs[i] {
			return nil, false
		}
	}
	return e.out, true
}

func (c *Cache) put(dir string, inputs []ident, out []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]cached{}
	}
	c.m[dir] = cached{inputs: inputs, out: out}
}
