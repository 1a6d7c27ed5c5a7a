package sri

import (
	"sort"
	"sync"

	"github.com/modc-dev/modc/compiler/internal/bundle"
)

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
	embed  *Embed
	out    []byte
}

// ident identifies a byte slice by its memory, not its content.
type ident struct {
	name string
	p    *byte
	n    int
}

// identify returns the identities of o's files, by name.
func identify(o *bundle.Output) []ident {
	out := make([]ident, 0, len(o.Files))
	for name, data := range o.Files {
		id := ident{name: name, n: len(data)}
		if len(data) > 0 {
			id.p = &data[0]
		}
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

func (c *Cache) get(dir string, inputs []ident) (*Embed, []byte, bool) {
	if c == nil {
		return nil, nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[dir]
	if !ok || len(e.inputs) != len(inputs) {
		return nil, nil, false
	}
	for i := range inputs {
		if e.inputs[i] != inputs[i] {
			return nil, nil, false
		}
	}
	return e.embed, e.out, true
}

func (c *Cache) put(dir string, inputs []ident, embed *Embed, out []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]cached{}
	}
	c.m[dir] = cached{inputs: inputs, embed: embed, out: out}
}
