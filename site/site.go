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
	var o *opened
	if opts.Ref == "" && opts.FS == nil { // else modc.json, which names the output, is not the work tree's
		// The bundles go to disk as each package is built, not all at the
		// end (at 5,000 modules ~75 MB less live heap at the compile's
		// peak); the output directory opens at the first of them.
		o = &opened{out: opts.OutputDir(), root: opts.Root}
		opts.Write = o.write
	}
	r := compiler.Build(opts)
	defer func() { r.Stats.Duration = time.Since(start) }()
	if !r.Failed() {
		r.Compact() // no run follows: the docs render without the compile state
	}
	return write(opts, r, o)
}

// opened is the output directory a build opens at its first file
// (compiler.Options.Write), and its writer.
type opened struct {
	out, root string
	once      sync.Once
	dir       *output.Dir
	err       error
	w         *writer
}

// open creates the output's temporary directory and its writer, once.
// When the directory cannot be created, the writer drops what it gets.
func (o *opened) open() {
	o.once.Do(func() {
		o.dir, o.err = output.Create(o.out, output.Protect(rootDir(o.root)))
		o.w = newWriter(o.dir)
	})
}

func (o *opened) write(p string, data []byte) error {
	o.open()
	if o.err != nil {
		return o.err
	}
	o.w.add(p, data, false)
	return o.w.failed()
}

// rootDir is the workspace directory of Options.Root.
func rootDir(root string) string {
	if root == "" {
		return "."
	}
	return root
}

// write renders the docs of a build's result r and writes them with its
// files into the output directory, when r has no errors: a warm write,
// which keeps the files whose bytes did not change. o, when set, is the
// output directory the build opened to write files as they were made
// (r.Written). It returns r, its Files nil and its Stats counting what was
// written.
func write(opts compiler.Options, r *compiler.Result, o *opened) *compiler.Result {
	wrote := o != nil && o.w != nil
	if r.Failed() {
		if wrote {
			_ = o.w.close()
			if o.dir != nil {
				o.dir.Abort()
			}
		}
		return r
	}
	if !wrote {
		o = &opened{out: r.OutputDir(opts), root: opts.Root}
		o.open()
	}
	// When the output cannot be written, the site is still rendered (and
	// thrown away) for its messages.
	dir, createErr, w, out := o.dir, o.err, o.w, o.out
	if dir != nil {
		defer dir.Abort() // unless committed
	}

	// The build's files are written while the site renders; the renderer
	// gets their names (it reads the typed r.Outputs, not their bytes).
	built := r.Files
	r.DropOutputFiles() // their bytes are in built, freed once written
	names := make(map[string][]byte, len(built)+len(r.Written))
	for k := range built {
		names[k] = []byte{}
	}
	for _, k := range r.Written {
		names[k] = []byte{}
	}
	r.Files = names
	var queued sync.WaitGroup
	queued.Go(func() {
		for k, v := range built {
			delete(built, k) // written files need not stay in memory
			w.add(k, v, false)
		}
	})

	var (
		mu           sync.Mutex
		clashes      diag.List
		files, pages int
	)
	docsStart := time.Now()
	tell(opts, compiler.Progress{Stage: "docs and write"})
	msgs, err := docs.RenderTo(r, r.WorkspaceFS(), docs.Options{BaseURL: opts.BaseURL, Released: r.Released}, func(p string, data []byte) error {
		mu.Lock()
		if _, clash := names[p]; clash {
			clashes.Add(clashError(p))
			mu.Unlock()
			return nil
		}
		files++
		if strings.HasSuffix(p, ".html") {
			pages++
		}
		mu.Unlock()
		w.add(p, data, true)
		return w.failed()
	})
	queued.Wait()
	if werr := w.close(); err == nil {
		err = werr
	}
	r.Stats.Phases = append(r.Stats.Phases, compiler.Phase{Name: "docs and write", Duration: time.Since(docsStart)})
	tell(opts, compiler.Progress{Stage: "docs and write", Done: true, Duration: time.Since(docsStart)})
	r.Messages.Add(msgs...)
	r.Messages.Add(clashes...)
	r.Messages.Sort()
	r.Files = nil
	if createErr != nil {
		err = createErr
	}
	if err != nil {
		r.Messages.Add(diag.Errorf("write-failed", diag.Location{File: out}, "cannot write the output: %v", err))
	}
	if r.Failed() {
		return r
	}
	commitStart := time.Now()
	tell(opts, compiler.Progress{Stage: "commit"})
	err = dir.Commit()
	r.Stats.Phases = append(r.Stats.Phases, compiler.Phase{Name: "commit", Duration: time.Since(commitStart)})
	tell(opts, compiler.Progress{Stage: "commit", Done: true, Duration: time.Since(commitStart)})
	if err != nil {
		r.Messages.Add(diag.Errorf("write-failed", diag.Location{File: out}, "cannot write the output: %v", err))
		return r
	}
	r.OutDir = out
	r.Stats.Output = compiler.OutputStats(dir.Stats())
	r.Stats.Pages = pages
	r.Stats.Files = len(names) + files
	return r
}

// writer writes files into an output directory from a few goroutines, so
// that rendering does not wait on the disk. Without a directory it drops
// them.
type writer struct {
	dir   *output.Dir
	queue chan outFile
	done  sync.WaitGroup
	bufs  sync.Pool // of *[]byte, for copies of data the caller keeps

	mu  sync.Mutex
	err error
}

type outFile struct {
	path string
	data *[]byte
	copy bool // data is from bufs
}

// writers is how many files are written at once: the disk, not the CPU,
// is what they wait on.
const writers = 4

func newWriter(dir *output.Dir) *writer {
	w := &writer{dir: dir, queue: make(chan outFile, 64)}
	for range writers {
		w.done.Go(func() {
			for f := range w.queue {
				if w.failed() == nil && dir != nil {
					write := dir.WriteShared // the build's files: the same bundle in dist/, latest/ and npm/ is linked
					if f.copy {
						write = dir.WriteFile
					}
					if err := write(f.path, *f.data); err != nil {
						w.mu.Lock()
						if w.err == nil {
							w.err = err
						}
						w.mu.Unlock()
					}
				}
				if f.copy {
					*f.data = (*f.data)[:0]
					w.bufs.Put(f.data)
				}
			}
		})
	}
	return w
}

// add queues the file p; with copy, data is copied first (the caller may
// reuse it), else it must not change until written.
func (w *writer) add(p string, data []byte, copy bool) {
	f := outFile{path: p, data: &data, copy: copy}
	if copy {
		buf, _ := w.bufs.Get().(*[]byte)
		if buf == nil {
			buf = new([]byte)
		}
		*buf = append(*buf, data...)
		f.data = buf
	}
	w.queue <- f
}

// failed returns the first error writing a file.
func (w *writer) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// close waits for the queued files to be written and returns the first
// error.
func (w *writer) close() error {
	close(w.queue)
	w.done.Wait()
	return w.failed()
}

// clashError is the error of a docs page at the output path p of a file
// the build makes.
func clashError(p string) diag.Message {
	return diag.Errorf("docs-overwrites-output", diag.Location{File: "content/" + p}, "this page would overwrite the build output %s", p)
}

// tell passes p to opts.Progress, when set.
func tell(opts compiler.Options, p compiler.Progress) {
	if opts.Progress != nil {
		opts.Progress(p)
	}
}
