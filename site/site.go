// Package site turns a compiled workspace into the output directory: it
// runs the engine (compiler.Build), renders the docs site (package docs),
// and writes everything at once with package output, so a failed build
// leaves the previous output as it was.
package site

import (
	"strings"
	"time"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/site/docs"
	"github.com/modc-dev/modc/site/output"
)

// Build builds the workspace of opts and, when it has no errors, writes the
// output directory (opts.Out, else modc.json's "out").
func Build(opts compiler.Options) *compiler.Result {
	start := time.Now()
	r := compiler.Build(opts)
	defer func() { r.Stats.Duration = time.Since(start) }()
	if r.Failed() {
		return r
	}
	pages, msgs := docs.Render(r, r.Workspace.FS, docs.Options{BaseURL: opts.BaseURL, Released: r.Released})
	r.Messages.Add(msgs...)
	r.Messages.Sort()
	if r.Failed() {
		r.Files = nil
		return r
	}
	files := make(map[string][]byte, len(r.Files)+len(pages))
	for k, v := range pages {
		files[k] = v
		if strings.HasSuffix(k, ".html") {
			r.Stats.Pages++
		}
	}
	for k, v := range r.Files {
		if _, clash := files[k]; clash {
			r.Messages.Add(diag.Errorf(diag.Location{File: "content/" + k}, "this page would overwrite the build output %s", k))
		}
		files[k] = v
	}
	if r.Failed() {
		r.Files = nil
		return r
	}
	r.Files = files
	out := opts.OutDir(r.Workspace.Config)
	root := opts.Root
	if root == "" {
		root = "."
	}
	if err := output.Write(out, r.Files, output.Protect(root)); err != nil {
		r.Messages.Add(diag.Errorf(diag.Location{File: out}, "cannot write the output: %v", err))
		return r
	}
	r.OutDir = out
	r.Stats.Files = len(r.Files)
	return r
}
