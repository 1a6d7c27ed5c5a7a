package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
)

// report prints every message to stderr: one "path:line:col: error: text"
// line each, with a code frame and colour on a terminal. --quiet leaves
// out the warnings.
func (c *cli) report(msgs diag.List) {
	for _, m := range msgs {
		if c.quiet && m.Severity != diag.Error {
			continue
		}
		fmt.Fprint(c.stderr, diag.Format(m, diag.FormatOptions{CodeFrame: c.frame, Color: c.color}))
	}
}

// relocate rewrites the workspace-relative paths in msgs to paths relative
// to the directory paths are shown from (see cli.base), so that an editor
// or terminal can open them when --root is not ".".
func (c *cli) relocate(root string, msgs diag.List) diag.List {
	if filepath.Clean(root) == "." || (c.base != "" && root == c.base) {
		return msgs
	}
	fix := func(l *diag.Location) {
		if l.File == "" || filepath.IsAbs(l.File) || strings.HasPrefix(l.File, "refs/") {
			return // refs/tags/… names a git reference, not a file
		}
		p := filepath.Join(root, filepath.FromSlash(l.File))
		if abs, err := filepath.Abs(p); err == nil {
			p = c.fromBase(abs)
		}
		l.File = p
	}
	out := make(diag.List, len(msgs))
	for i, m := range msgs {
		fix(&m.Location)
		if len(m.Notes) > 0 {
			notes := append([]diag.Note(nil), m.Notes...)
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

// fromBase returns the absolute path abs relative to the directory paths
// are shown from (the workspace root when modc found it, else the current
// directory) when it is below it, else abs.
func (c *cli) fromBase(abs string) string {
	base := c.base
	if base == "" {
		wd, err := os.Getwd()
		if err != nil {
			return abs
		}
		base = wd
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return abs
	}
	return rel
}

// summary prints a command's closing line to stderr, unless --quiet.
func (c *cli) summary(line string) {
	if !c.quiet {
		fmt.Fprintln(c.stderr, line)
	}
}

// workspaceLine tells, with --verbose, which workspace a command runs on.
func (c *cli) workspaceLine(root string) {
	if !c.verbose {
		return
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		abs = root
	}
	fmt.Fprintf(c.stderr, "modc: workspace %s\n", diag.Escape(abs))
}

// stats returns the run's counts, counting from the loaded workspace where
// the engine left them zero.
func stats(res *compiler.Result) compiler.Stats { return res.Stats }

// problems says "2 errors and 1 warning", or "" when msgs is empty.
func problems(msgs diag.List) string {
	var parts []string
	if n := len(msgs.Errors()); n > 0 {
		parts = append(parts, plural(n, "error"))
	}
	if n := len(msgs.Warnings()); n > 0 {
		parts = append(parts, plural(n, "warning"))
	}
	return strings.Join(parts, " and ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// round shortens a duration for a summary line.
func round(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}
