// Package compiler is modc's engine behind one thin facade: Check validates
// a workspace (loading, static checks, dry runs) and Build also produces the
// bundles. Options are one plain struct; every problem comes back as a
// diag.Message with a location.
package compiler

import (
	"os"
	"time"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/workspace"
)

// Options configures Check and Build. The zero value checks the current directory.
type Options struct {
	// Root is the workspace directory (default ".").
	Root string
	// Out is the output directory; relative paths are relative to Root.
	// Default: modc.json's "out", else "out".
	Out string
	// BaseURL overrides modc.json's baseURL.
	BaseURL string
	// DryRunTimeout is the time budget of each dry-run evaluation (default 1s).
	DryRunTimeout time.Duration
	// NoMinify writes unminified bundles.
	NoMinify bool
	// Version is the version string given to every package until versions
	// come from git (default "0.0.0-dev").
	Version string
}

// Stats counts what a run saw.
type Stats struct {
	Packages int           `json:"packages"`
	Modules  int           `json:"modules"`
	Examples int           `json:"examples"`
	Files    int           `json:"files"`
	Duration time.Duration `json:"duration"`
}

// Result is the outcome of Check or Build.
type Result struct {
	Messages  diag.List
	Workspace *workspace.Workspace
	Stats     Stats
	// OutDir is where Build wrote (empty for Check, or when the build failed).
	OutDir string
}

// Failed reports whether the run found errors.
func (r *Result) Failed() bool { return r.Messages.HasErrors() }

func (o *Options) defaults() {
	if o.Root == "" {
		o.Root = "."
	}
	if o.DryRunTimeout <= 0 {
		o.DryRunTimeout = time.Second
	}
	if o.Version == "" {
		o.Version = "0.0.0-dev"
	}
}

// Check loads the workspace at opts.Root and validates it, dry runs included.
func Check(opts Options) *Result {
	opts.defaults()
	start := time.Now()
	ws, msgs := workspace.Load(os.DirFS(opts.Root))
	r := &Result{Messages: msgs, Workspace: ws}
	_, ms := analyzeModules(ws)
	r.Messages.Add(ms...)
	r.Messages.Sort()
	r.Stats.Duration = time.Since(start)
	return r
}
