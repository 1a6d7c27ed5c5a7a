// Package site turns a compiled workspace into the output directory: it
// runs the engine (compiler.Build), adds what is rendered for people, and
// writes everything at once with package output, so a failed build leaves
// the previous output as it was.
package site

import (
	"time"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
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
