// Package site turns a compiled workspace into the output directory: it
// runs the engine (compiler.Build), renders the docs site (package docs),
// and writes everything with package output, file by file as it is made,
// into a temporary directory swapped in whole at the end, so a failed build
// leaves the previous output as it was.
package site

import (
	"strings"
	"sync"
	"time"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/site/docs"
	"github.com/modc-dev/modc/site/output"
)

// Build builds the workspace of opts and, when it has no errors, writes the
// output directory (opts.Out, else modc.json's "out"). The files are
// written as they are made rather than kept: the result's Files is nil, and
// its Stats count them.
func Build(opts compiler.Options) *compiler.Result {
	start := time.Now()
	r := compiler.Build(opts)
	defer func() { r.Stats.Duration = time.Since(start) }()
	if r.Failed() {
		return r
	}
	out := opts.OutDir(r.Workspace.Config)
	root := opts.Root
	if root == "" {
		root = "."
	}
	// When the output cannot be written, the site is still rendered (and
	// thrown away) for its messages.
	dir, createErr := output.Create(out, output.Protect(root))
	write := func(p string, data []byte) error {
		if dir == nil {
			return nil
		}
		return dir.WriteFile(p, data)
	}
	if dir != nil {
		defer dir.Abort() // unless committed
	}

	// The build's files are written while the site renders; the renderer
	// gets their names, and the content of the few it reads.
	built := r.Files
	names := make(map[string][]byte, len(built))
	for k, v := range built {
		if !docs.ReadsOutput(k) {
			v = []byte{}
		}
		names[k] = v
	}
	r.Files = names
	var wrote sync.WaitGroup
	var builtErr error
	wrote.Go(func() {
		for k, v := range built {
			if err := write(k, v); err != nil {
				builtErr = err
				return
			}
		}
	})

	var (
		mu           sync.Mutex
		clashes      diag.List
		files, pages int
	)
	msgs, err := docs.RenderTo(r, r.Workspace.FS, docs.Options{BaseURL: opts.BaseURL, Released: r.Released}, func(p string, data []byte) error {
		mu.Lock()
		if _, clash := names[p]; clash {
			clashes.Add(diag.Errorf(diag.Location{File: "content/" + p}, "this page would overwrite the build output %s", p))
			mu.Unlock()
			return nil
		}
		files++
		if strings.HasSuffix(p, ".html") {
			pages++
		}
		mu.Unlock()
		return write(p, data)
	})
	wrote.Wait()
	built = nil
	r.Messages.Add(msgs...)
	r.Messages.Add(clashes...)
	r.Messages.Sort()
	r.Files = nil
	if err == nil {
		err = builtErr
	}
	if createErr != nil {
		err = createErr
	}
	if err != nil {
		r.Messages.Add(diag.Errorf(diag.Location{File: out}, "cannot write the output: %v", err))
	}
	if r.Failed() {
		return r
	}
	if err := dir.Commit(); err != nil {
		r.Messages.Add(diag.Errorf(diag.Location{File: out}, "cannot write the output: %v", err))
		return r
	}
	r.OutDir = out
	r.Stats.Pages = pages
	r.Stats.Files = len(names) + files
	return r
}
