package appsmith

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/gitver"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// Options configures Import.
type Options struct {
	// Source is the export: a directory, or a git repository when Ref is
	// set (or when it is a bare repository, read at HEAD).
	Source string
	// Ref is the revision of the repository to read (a branch, tag or
	// commit); "" reads the directory as it is.
	Ref string
	// Into is the workspace directory (default "."); it is made when missing.
	Into string
	// Package is the package name (default: the source directory's name,
	// made a package name).
	Package string
	// Pages and Objects select what to import (see PlanOptions).
	Pages, Objects []string
	// NoCheck skips modc check on the result: the report then says nothing
	// of the modules' state.
	NoCheck bool
	// DryRunTimeout is the dry runs' time budget (default 1s).
	DryRunTimeout time.Duration
}

// Status is how an object imported.
type Status string

// The statuses of an imported object.
const (
	AsIs       Status = "as-is"       // modc check is clean, no widget read
	WithInputs Status = "with-inputs" // clean; widget reads became inputs
	NeedsWork  Status = "needs-work"  // modc check has errors in the module
	Unchecked  Status = "not-checked" // NoCheck
)

// Report is the outcome of an import.
type Report struct {
	Source    string `json:"source"`
	Ref       string `json:"ref,omitempty"`
	Workspace string `json:"workspace"`
	Package   string `json:"package"`
	App       string `json:"app"`
	// Objects are the imported JS objects, each with its status and the
	// messages of modc check about its module.
	Objects   []*ObjectReport `json:"objects"`
	Libraries []*LibraryPlan  `json:"libraries"`
	// AppMessages are modc check's messages about the app; Other the rest
	// (modc.json, other modules of the workspace).
	AppMessages diag.List `json:"appMessages"`
	Other       diag.List `json:"otherMessages"`
	// Warnings are the import's own (a library it could not place…).
	Warnings diag.List     `json:"warnings"`
	Files    *Written      `json:"files"`
	Totals   Totals        `json:"totals"`
	Duration time.Duration `json:"duration"`
}

// ObjectReport is one imported object.
type ObjectReport struct {
	*ObjectPlan
	Status   Status    `json:"status"`
	Messages diag.List `json:"messages"`
}

// Totals counts what an import did.
type Totals struct {
	Pages        int `json:"pages"`
	Objects      int `json:"objects"`
	AsIs         int `json:"asIs"`
	WithInputs   int `json:"withInputs"`
	NeedsWork    int `json:"needsWork"`
	Queries      int `json:"queries"`
	Placeholders int `json:"placeholders"`
	Libraries    int `json:"libraries"`
	Widgets      int `json:"widgets"`
	// SkippedWidgets are widgets of types modc does not have; DroppedBindings
	// the widget bindings the app leaves out.
	SkippedWidgets  int `json:"skippedWidgets"`
	DroppedBindings int `json:"droppedBindings"`
}

// ErrSelection is wrapped by the error of an import whose --pages or
// --objects name something the export does not have.
var ErrSelection = errors.New("nothing to import by that name")

// ErrInput is wrapped by the error of an import whose input is bad (the
// messages say where); nothing was written.
var ErrInput = errors.New("the export cannot be imported")

// Import reads the export, maps it, writes the workspace (all or nothing)
// and checks it. The messages are the bad input's, located; when they hold
// an error, nothing was written and the error wraps ErrInput. Paths in
// messages are relative to the current directory: the source's files under
// Source (or as "<ref>:<path>" in a repository), the workspace's under Into.
func Import(opts Options) (*Report, diag.List, error) {
	start := time.Now()
	if opts.Into == "" {
		opts.Into = "."
	}
	fsys, label, closeFS, err := Open(opts.Source, opts.Ref)
	if err != nil {
		return nil, nil, err
	}
	defer closeFS()
	ex, msgs := Read(fsys)
	msgs = prefix(msgs, label)
	if msgs.HasErrors() {
		return nil, msgs, fmt.Errorf("%w: %s", ErrInput, plural(len(msgs.Errors()), "error"))
	}
	if err := ex.checkSelection(opts.Pages, opts.Objects); err != nil {
		return nil, msgs, err
	}
	pkg := opts.Package
	if pkg == "" {
		pkg = DefaultPackage(opts.Source)
	}
	if !workspace.IsName(pkg) {
		return nil, msgs, fmt.Errorf("invalid package name %q: lowercase letters, digits and _, starting with a letter", pkg)
	}
	var ws fs.FS
	if fi, err := os.Stat(opts.Into); err == nil && fi.IsDir() {
		d := workspace.DirFS(opts.Into)
		defer d.Close()
		ws = d
	} else if err == nil {
		return nil, msgs, fmt.Errorf("--into %s is not a directory", opts.Into)
	}
	plan, pmsgs := MakePlan(ex, ws, PlanOptions{Package: pkg, Title: pkg, Pages: opts.Pages, Objects: opts.Objects})
	for _, m := range pmsgs {
		if isSourcePath(m.Location.File) {
			msgs = append(msgs, prefix(diag.List{m}, label)...)
		} else {
			msgs = append(msgs, prefix(diag.List{m}, opts.Into)...)
		}
	}
	if msgs.HasErrors() {
		return nil, msgs, fmt.Errorf("%w: %s", ErrInput, plural(len(msgs.Errors()), "error"))
	}
	// modc check reads the workspace as the import leaves it (the plan over
	// the files there) while Apply writes it: the dry runs overlap the disk.
	var checked chan *compiler.Result
	if !opts.NoCheck {
		checked = make(chan *compiler.Result, 1)
		view := newOverlay(ws, plan.Files)
		go func() {
			checked <- compiler.Check(compiler.Options{Root: opts.Into, FS: view, DryRunTimeout: opts.DryRunTimeout})
		}()
	}
	written, err := Apply(opts.Into, plan.Files)
	var res *compiler.Result
	if checked != nil {
		res = <-checked
	}
	if err != nil {
		return nil, msgs, fmt.Errorf("nothing was written: %w", err)
	}
	rep := &Report{Source: opts.Source, Ref: opts.Ref, Workspace: opts.Into, Package: pkg, App: path.Join(opts.Into, plan.App),
		Libraries: plan.Libraries, Warnings: msgs, Files: written}
	if rep.Libraries == nil {
		rep.Libraries = []*LibraryPlan{}
	}
	rep.check(plan, opts, res)
	rep.Duration = time.Since(start)
	return rep, msgs, nil
}

// isSourcePath reports whether a plan's message is about the export (its
// pages/…, jslibs/…) rather than the workspace.
func isSourcePath(p string) bool {
	return p == "pages" || strings.HasPrefix(p, "pages/") || strings.HasPrefix(p, "jslibs/") || strings.HasPrefix(p, "datasources/")
}

// check sorts the messages of modc check on the workspace by object.
func (r *Report) check(plan *Plan, opts Options, res *compiler.Result) {
	byModule := map[string]*ObjectReport{}
	for _, op := range plan.Objects {
		or := &ObjectReport{ObjectPlan: op, Status: Unchecked, Messages: diag.List{}}
		r.Objects = append(r.Objects, or)
		byModule[op.Module] = or
	}
	r.AppMessages, r.Other = diag.List{}, diag.List{}
	t := &r.Totals
	t.Pages, t.Objects, t.Libraries, t.Widgets = plan.Pages, len(plan.Objects), len(plan.Libraries), plan.Widgets
	t.DroppedBindings = plan.Dropped
	for _, n := range plan.Skipped {
		t.SkippedWidgets += n
	}
	for _, op := range plan.Objects {
		t.Queries += len(op.Queries)
		t.Placeholders += len(op.Placeholders)
	}
	if res == nil {
		return
	}
	for _, m := range prefix(res.Messages, opts.Into) {
		switch or := byModule[m.Module]; {
		case or != nil:
			or.Messages = append(or.Messages, m)
		case strings.HasSuffix(filepath.ToSlash(m.Location.File), plan.App):
			r.AppMessages = append(r.AppMessages, m)
		default:
			if m.Severity == diag.Warning && strings.Contains(m.Text, "not in a git repository") {
				continue // an import is committed by its user, after it
			}
			r.Other = append(r.Other, m)
		}
	}
	for _, or := range r.Objects {
		switch {
		case or.Messages.HasErrors():
			or.Status = NeedsWork
			t.NeedsWork++
		case len(or.Inputs) > 0:
			or.Status = WithInputs
			t.WithInputs++
		default:
			or.Status = AsIs
			t.AsIs++
		}
	}
}

// Open returns the export's files: the directory src, or src's git
// repository at ref (a bare repository without ref is read at HEAD). label
// is what message paths start with; done releases the repository.
func Open(src, ref string) (fsys fs.FS, label string, done func(), err error) {
	fi, err := os.Stat(src)
	if err != nil {
		return nil, "", nil, fmt.Errorf("source %s: %w", src, unwrapPath(err))
	}
	if !fi.IsDir() {
		return nil, "", nil, fmt.Errorf("source %s is not a directory (give the directory of an Appsmith git export, or a repository with --ref)", src)
	}
	if ref == "" && !isBare(src) {
		return workspace.DirFS(src), src, func() {}, nil
	}
	if ref == "" {
		ref = "HEAD"
	}
	repo, msgs := gitver.Open(src)
	if !repo.IsRepo() {
		why := "not a git repository"
		if len(msgs) > 0 {
			why = msgs[0].Text
		}
		return nil, "", nil, fmt.Errorf("source %s: --ref %s needs a git repository: %s", src, ref, why)
	}
	t, err := repo.TreeFS(ref)
	if err != nil {
		repo.Close()
		return nil, "", nil, fmt.Errorf("source %s: %w", src, err)
	}
	return t, ref + ":", func() { repo.Close() }, nil
}

// isBare reports whether dir is a bare git repository (or a .git directory).
func isBare(dir string) bool {
	for _, f := range []string{"HEAD", "objects", "refs"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return false
		}
	}
	return true
}

// DefaultPackage names the package after the export's directory (or its
// repository's, for a bare repository called repo or x.git).
func DefaultPackage(src string) string {
	abs, err := filepath.Abs(src)
	if err != nil {
		abs = src
	}
	base := filepath.Base(abs)
	if base == "repo" || base == ".git" {
		base = filepath.Base(filepath.Dir(abs))
	}
	base = strings.TrimSuffix(base, ".git")
	if i := strings.LastIndexAny(base, "+"); i >= 0 { // owner+name
		base = base[i+1:]
	}
	return SnakeName(base, "app")
}

// prefix puts dir in front of the paths of msgs (and of their notes'): a
// directory, or a revision label ending in ":".
func prefix(msgs diag.List, dir string) diag.List {
	if dir == "" || dir == "." {
		return msgs
	}
	fix := func(l *diag.Location) {
		if l.File == "" || filepath.IsAbs(l.File) {
			return
		}
		if strings.HasSuffix(dir, ":") {
			l.File = dir + l.File
		} else if l.File == "." {
			l.File = dir
		} else {
			l.File = filepath.Join(dir, filepath.FromSlash(l.File))
		}
	}
	out := make(diag.List, len(msgs))
	for i, m := range msgs {
		fix(&m.Location)
		if len(m.Notes) > 0 {
			notes := slices.Clone(m.Notes)
			for j := range notes {
				if notes[j].Location != nil {
					l := *notes[j].Location
					fix(&l)
					notes[j].Location = &l
				}
			}
			m.Notes = notes
		}
		out[i] = m
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
