package bundle

import (
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// Contexts keeps esbuild build contexts between builds, one per package
// output, so that esbuild's incremental cache re-parses only the virtual
// files whose text changed. Dispose releases them.
type Contexts struct {
	mu sync.Mutex
	m  map[string]*buildContext
}

type buildContext struct {
	mu    sync.Mutex
	ctx   api.BuildContext
	files map[string]string // the virtual files of the build under way
}

// NewContexts returns an empty set of build contexts.
func NewContexts() *Contexts { return &Contexts{m: map[string]*buildContext{}} }

// build runs opts (without plugins) in the context for key, creating it
// the first time, with files as the virtual files.
func (c *Contexts) build(key string, opts api.BuildOptions, files map[string]string) api.BuildResult {
	c.mu.Lock()
	bc := c.m[key]
	if bc == nil {
		bc = &buildContext{}
		opts.Plugins = []api.Plugin{plugin(func() map[string]string { return bc.files })}
		ctx, err := api.Context(opts)
		if err != nil {
			c.mu.Unlock()
			opts.Plugins = []api.Plugin{plugin(func() map[string]string { return files })}
			return api.Build(opts)
		}
		bc.ctx = ctx
		c.m[key] = bc
	}
	c.mu.Unlock()
	bc.mu.Lock()
	defer bc.mu.Unlock()
	bc.files = files
	return bc.ctx.Rebuild()
}

// Dispose releases every context.
func (c *Contexts) Dispose() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, bc := range c.m {
		bc.ctx.Dispose()
		delete(c.m, k)
	}
}
