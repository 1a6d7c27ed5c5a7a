package site

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"time"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/site/watch"
)

// WatchOptions configures Watch.
type WatchOptions struct {
	// Compiler says what to build and where to write it; Root is the
	// workspace.
	Compiler compiler.Options
	// Poll, when positive, polls the files at this interval instead of
	// using file system events.
	Poll time.Duration
	// Log gets the terminal output: each build's messages (with code
	// frames) and one line per build. Color adds ANSI colours to it.
	Log   io.Writer
	Color bool
	// OnBuild is called after every build, the first included, with its
	// result (its Files nil) and the paths that started it (nil for the
	// first build and after lost events).
	OnBuild func(r *compiler.Result, changed []string)
}

// Watch builds the workspace into its output directory as Build does, then
// rebuilds on every batch of saves until ctx ends: the compiler
// incrementally (a compiler.Session, as the devserver), the docs in full,
// and a warm write that rewrites only the files that changed. A failed
// build leaves the previous output as it was. A cancelled ctx is not an
// error; a watcher that cannot start is.
func Watch(ctx context.Context, opts WatchOptions) error {
	copts := opts.Compiler
	if copts.Root == "" {
		copts.Root = "."
	}
	log := opts.Log
	if log == nil {
		log = io.Discard
	}
	out := copts.OutputDir() // a broken modc.json is reported by the build
	var ignore []string      // the output, should it be inside a watched folder
	if rel, err := filepath.Rel(copts.Root, out); err == nil {
		ignore = append(ignore, filepath.ToSlash(rel))
	}
	w, err := watch.New(copts.Root, watch.Options{Poll: opts.Poll, Ignore: ignore})
	if err != nil {
		return err
	}
	defer w.Close()

	s := compiler.NewSession(copts)
	defer s.Close()
	build := func(changed []string) {
		start := time.Now()
		r := write(copts, s.Build(changed), nil)
		r.Stats.Duration = time.Since(start)
		reportWatch(log, r, out, changed == nil, opts.Color)
		if opts.OnBuild != nil {
			opts.OnBuild(r, changed)
		}
	}
	build(nil)
	fmt.Fprintf(log, "Watching %s for changes (Ctrl-C to stop)\n", copts.Root)
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.Errors():
			if ok {
				fmt.Fprintf(log, "watching: %v\n", err)
			}
		case b, ok := <-w.Events():
			if !ok {
				return nil
			}
			if ctx.Err() != nil {
				return nil
			}
			changed := b.Paths
			if b.All {
				changed = nil
			}
			build(changed)
		}
	}
}

// reportWatch prints a build's messages and its one line.
func reportWatch(log io.Writer, r *compiler.Result, out string, first, color bool) {
	fo := diag.FormatOptions{CodeFrame: true, Color: color}
	for _, m := range r.Messages {
		if m.Location.File == "" {
			fmt.Fprintf(log, "%s: %s\n", m.Severity, diag.EscapeText(m.Text))
			continue
		}
		fmt.Fprint(log, diag.Format(m, fo))
	}
	verb := "Rebuilt"
	if first {
		verb = "Built"
	}
	took := strconv.FormatInt(r.Stats.Duration.Milliseconds(), 10) + " ms"
	if r.Failed() {
		n := len(r.Messages.Errors())
		noun := "errors"
		if n == 1 {
			noun = "error"
		}
		fmt.Fprintf(log, "Build failed with %d %s in %s; %s keeps the last good build\n", n, noun, took, diag.Escape(out))
		return
	}
	o := r.Stats.Output
	fmt.Fprintf(log, "%s in %s → %s: %d files written, %d unchanged, %d removed\n", verb, took, diag.Escape(out), o.Written, o.Unchanged, o.Removed)
}
