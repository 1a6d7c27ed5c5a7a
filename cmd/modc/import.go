package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/appsmith"
	"github.com/modc-dev/modc/compiler/diag"
)

func (c *cli) importCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "import appsmith SRC",
		Short:   "Turn an app from another tool into modules of this workspace",
		Example: "  modc import appsmith ../my-app-export --into . --package crm",
		RunE: func(_ *cobra.Command, a []string) error {
			if len(a) == 0 {
				return usageErrorf("say what to import from: modc import appsmith SRC")
			}
			return usageErrorf("unknown tool %q to import from: use appsmith", a[0])
		},
	}
	cmd.AddCommand(c.importAppsmithCommand())
	return cmd
}

func (c *cli) importAppsmithCommand() *cobra.Command {
	var (
		o       appsmith.Options
		pages   []string
		objects []string
		jsonOut bool
	)
	cmd := &cobra.Command{
		Use:   "appsmith SRC",
		Short: "Import an Appsmith app's git export: a JS module per JS object, an app per app",
		Long: `Import reads an Appsmith app connected to git (the directory of its export, or a
git repository with --ref) and writes into the workspace --into:

  modules/<package>/<object>/   a JS module per JS object: main.js byte for byte,
                                the page queries it uses as private queries (with a
                                mock each), its function settings, and the widgets it
                                reads as inputs
  apps/<package>/app.json       the app's pages, with the widgets modc has a type for,
                                binding each module's inputs back to them
  package.json, modc.json       the installed libraries the objects use (and
                                modc.json, the workspace's root, made when missing)

It then runs modc check and reports, per object, whether it imported as is,
with inputs made from widget reads, or needs work (with check's messages).

Importing again updates the generated files and never overwrites README.md,
examples.json or the queries' mocks. Bad input (not an export, a JSON file that
does not parse, two objects that map to one module) is reported at its place and
nothing is written. Exit status: 0 imported (even when objects need work), 1 bad
input or a failure, 2 wrong usage.`,
		Example: "  modc import appsmith ../my-app-export --into . --package crm\n" +
			"  modc import appsmith ../repo --ref main --pages Home,Orders --json",
		Args: args(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, a []string) error {
			o.Source = a[0]
			if o.Package != "" && !compiler.IsName(o.Package) {
				return usageErrorf("--package %q is not a package name: lowercase letters, digits and _, starting with a letter", o.Package)
			}
			if o.DryRunTimeout <= 0 {
				return usageErrorf("--dry-run-timeout must be positive, not %s", o.DryRunTimeout)
			}
			o.Pages, o.Objects = splitList(pages), splitList(objects)
			rep, msgs, err := appsmith.Import(o)
			if errors.Is(err, appsmith.ErrSelection) {
				return &exitError{code: exitUsage, err: err}
			}
			if err != nil && !errors.Is(err, appsmith.ErrInput) {
				c.report(msgs)
				return failure(err)
			}
			if err != nil {
				if jsonOut {
					b, jerr := msgs.JSON()
					if jerr != nil {
						return failure(fmt.Errorf("encode messages: %w", jerr))
					}
					fmt.Fprintf(c.stdout, "%s\n", b)
				} else {
					c.report(msgs)
					fmt.Fprintf(c.stderr, "modc: nothing imported: %s\n", strings.TrimPrefix(err.Error(), appsmith.ErrInput.Error()+": "))
				}
				return failed
			}
			if jsonOut {
				b, err := json.MarshalIndent(rep, "", "  ")
				if err != nil {
					return failure(fmt.Errorf("encode the report: %w", err))
				}
				fmt.Fprintf(c.stdout, "%s\n", b)
				return nil
			}
			c.importReport(rep)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Into, "into", ".", "workspace `directory` to import into (made when missing)")
	f.StringVar(&o.Package, "package", "", "package `name` for the app's modules and app (default: the source directory's name)")
	f.StringVar(&o.Ref, "ref", "", "read SRC's git repository at this `revision` (branch, tag, commit) instead of its files")
	f.StringSliceVar(&pages, "pages", nil, "import only these `pages` (comma-separated names)")
	f.StringSliceVar(&objects, "objects", nil, "import only these JS `objects` (Name or Page/Name, comma-separated)")
	f.BoolVar(&jsonOut, "json", false, "print the report as JSON on stdout")
	f.BoolVar(&o.NoCheck, "no-check", false, "do not run modc check on the result")
	f.DurationVar(&o.DryRunTimeout, "dry-run-timeout", time.Second, "time budget of each dry-run evaluation of the check")
	return cmd
}

func splitList(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// importReport prints the report: warnings, one line per object (with
// check's messages for those that need work), the app's messages, totals.
func (c *cli) importReport(r *appsmith.Report) {
	c.report(r.Warnings)
	label := map[appsmith.Status]string{appsmith.AsIs: "as is", appsmith.WithInputs: "with inputs",
		appsmith.NeedsWork: "needs work", appsmith.Unchecked: "not checked"}
	for _, o := range r.Objects {
		line := fmt.Sprintf("  %-11s %s/%s → %s", label[o.Status], o.Page, o.Name, o.Dir)
		var notes []string
		if len(o.Inputs) > 0 {
			notes = append(notes, "inputs: "+strings.Join(o.Inputs, ", "))
		}
		if len(o.Placeholders) > 0 {
			notes = append(notes, "placeholder queries: "+strings.Join(o.Placeholders, ", "))
		}
		if n := len(o.Messages.Errors()); n > 0 {
			notes = append(notes, plural(n, "error"))
		}
		if len(notes) > 0 {
			line += " (" + strings.Join(notes, "; ") + ")"
		}
		fmt.Fprintln(c.stderr, diag.EscapeText(line))
	}
	for _, o := range r.Objects {
		if o.Status == appsmith.NeedsWork {
			c.report(o.Messages.Errors())
		}
	}
	c.report(r.AppMessages)
	c.report(r.Other)
	t := r.Totals
	fmt.Fprintf(c.stderr, "modc: imported %s from %s into %s (%d as is, %d with inputs, %d need work), %s (%s), %s; app %s with %s",
		plural(t.Objects, "JS object"), plural(t.Pages, "page"), r.Package, t.AsIs, t.WithInputs, t.NeedsWork,
		count(t.Queries, "query", "queries"), count(t.Placeholders, "placeholder", "placeholders"), count(t.Libraries, "library", "libraries"), r.App, plural(t.Widgets, "widget"))
	if t.SkippedWidgets > 0 {
		fmt.Fprintf(c.stderr, " (%d of types modc lacks left out)", t.SkippedWidgets)
	}
	fmt.Fprintf(c.stderr, " in %s\n", round(r.Duration))
	if f := r.Files; f != nil {
		fmt.Fprintf(c.stderr, "modc: %d files created, %d updated, %d unchanged, %d of yours kept\n", len(f.Created), len(f.Updated), len(f.Unchanged), len(f.Kept))
	}
	if len(r.Libraries) > 0 {
		var names []string
		for _, l := range r.Libraries {
			names = append(names, l.Package)
		}
		sort.Strings(names)
		fmt.Fprintf(c.stderr, "modc: the objects use npm packages (%s): run npm install in %s\n", strings.Join(names, ", "), r.Workspace)
	}
}

// count says "1 query" or "2 queries".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
