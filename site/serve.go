package site

import (
	"context"
	"io"
	"path/filepath"
	"time"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/site/devserver"
	"github.com/modc-dev/modc/site/docs"
	"github.com/modc-dev/modc/site/output"
	"github.com/modc-dev/modc/site/watch"
)

// ServeOptions configures Serve.
type ServeOptions struct {
	// Compiler says what to build; Root is the workspace.
	Compiler compiler.Options
	// Bind and Port are where to listen (default 127.0.0.1:1313; Port -1 picks a free port).
	Bind string
	Port int
	// Poll, when positive, polls the files at this interval instead of
	// using file system events.
	Poll time.Duration
	// Log gets the terminal output; Color adds ANSI colours to it.
	Log   io.Writer
	Color bool
	// Write also writes the output to the output directory after every
	// build without errors, as Build does (only the changed files), so
	// that out/npm/<package>/current/ follows the edits.
	Write bool
	// CORSOrigins are the origins whose pages may read the served files
	// (devserver.Options.CORSOrigins).
	CORSOrigins []string
	// Ready is called with the site's URL once it is served.
	Ready func(url string)
	// OnRebuild is called after every build (for tests and benchmarks).
	OnRebuild func(devserver.Rebuild)
}

// Serve runs the devserver until ctx ends: it builds the workspace, serves
// the output from memory, and on every batch of saves rebuilds what the
// change touches — the compiler incrementally, then the docs — and tells
// open pages to reload.
func Serve(ctx context.Context, opts ServeOptions) error {
	return serve(ctx, opts, nil)
}

// serve is Serve; timed, when set, gets the durations of each build's
// compilation and docs rendering (for benchmarks).
func serve(ctx context.Context, opts ServeOptions, timed func(compile, docs time.Duration)) error {
	root := opts.Compiler.Root
	if root == "" {
		root = "."
	}
	copts := opts.Compiler
	copts.Root = root
	out := copts.OutputDir() // a broken modc.json (or one linked from outside) is reported by the build
	var ignore []string      // the output, should it be configured inside a watched folder
	if rel, err := filepath.Rel(root, out); err == nil {
		ignore = append(ignore, filepath.ToSlash(rel))
	}
	w, err := watch.New(root, watch.Options{Poll: opts.Poll, Ignore: ignore})
	if err != nil {
		return err
	}
	defer w.Close()
	var publish func(map[string][]byte) error
	if opts.Write {
		publish = func(files map[string][]byte) error { return writeOut(out, root, files) }
	}
	port := opts.Port
	switch {
	case port == 0:
		port = devserver.DefaultPort
	case port < 0:
		port = 0
	}
	return devserver.Serve(ctx, devserver.Options{
		Bind:        opts.Bind,
		Port:        port,
		Builder:     newDevBuilder(copts, timed),
		Watcher:     w,
		Log:         opts.Log,
		Color:       opts.Color,
		Ready:       opts.Ready,
		OnRebuild:   opts.OnRebuild,
		CORSOrigins: opts.CORSOrigins,
		Publish:     publish,
	})
}

// writeOut replaces the output directory out of the workspace root with
// files, writing only what changed; the same bytes under several names
// (a bundle in dist/ and npm/) are linked.
func writeOut(out, root string, files map[string][]byte) error {
	dir, err := output.Create(out, output.Protect(root))
	if err != nil {
		return err
	}
	defer dir.Abort() // unless committed
	for p, data := range files {
		if err := dir.WriteShared(p, data); err != nil {
			return err
		}
	}
	return dir.Commit()
}

// NewDevBuilder returns the devserver's builder: an incremental compiler
// session followed by an incremental docs renderer, each redoing only what
// the changed files touch. Changes seen while the build is broken are
// passed to the renderer once it builds again. Failing examples do not
// break the build (compiler.Options.ExamplesDoNotBlock): its output has
// both the files and the examples' errors.
func NewDevBuilder(opts compiler.Options) devserver.Builder {
	return newDevBuilder(opts, nil)
}

func newDevBuilder(opts compiler.Options, timed func(compile, docs time.Duration)) devserver.Builder {
	// Failing examples do not keep the new code from being served: the
	// pages show it with the examples listed in the overlay.
	opts.ExamplesDoNotBlock = true
	s := compiler.NewSession(opts)
	rd := docs.NewRenderer(docs.Options{BaseURL: opts.BaseURL})
	unseen, all := []string{}, true // what changed since the renderer last ran
	return devserver.BuilderFunc(func(ctx context.Context, changed []string) (*devserver.Output, error) {
		if changed == nil {
			all = true
		}
		unseen = append(unseen, changed...)
		start := time.Now()
		r := s.Build(changed)
		compiled := time.Now()
		if r.Files == nil {
			return &devserver.Output{Messages: r.Messages}, nil
		}
		since := unseen
		if all {
			since = nil
		}
		pages, later, msgs := rd.RenderFirst(r, r.WorkspaceFS(), since)
		unseen, all = []string{}, false
		if timed != nil {
			timed(compiled.Sub(start), time.Since(compiled))
		}
		r.Messages.Add(msgs...)
		files := make(map[string][]byte, len(pages)+len(r.Files))
		for k, v := range pages {
			files[k] = v
		}
		for k, v := range r.Files {
			if _, clash := files[k]; clash {
				r.Messages.Add(clashError(k))
			}
			files[k] = v
		}
		r.Messages.Sort()
		out := &devserver.Output{Files: files, Messages: r.Messages, ServeWithErrors: r.Failed()} // failing examples
		if len(later) > 0 {
			// The package's other pages differ only by its bundle's hash:
			// they are rendered once pages have been told to reload.
			out.Pending = later
			out.Later = func() (map[string][]byte, diag.List) {
				pages, msgs := rd.Later()
				if msgs.HasErrors() {
					// A template disagreed with the first rendering: every
					// page, now, rather than at the next save.
					pages, msgs = rd.Render(r, r.WorkspaceFS(), nil)
				}
				for k := range pages {
					if _, clash := r.Files[k]; clash {
						msgs.Add(clashError(k))
						delete(pages, k)
					}
				}
				return pages, msgs
			}
		}
		return out, nil
	})
}
