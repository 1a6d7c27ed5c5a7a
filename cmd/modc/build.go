package main

import (
	"fmt"
	"path/filepath"
	"strconv"
	"time"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/internal/heapsize"
	"github.com/modc-dev/modc/internal/pretouch"
	"github.com/modc-dev/modc/internal/schedbatch"
	"github.com/modc-dev/modc/site"
	"github.com/spf13/cobra"
)

// buildWorkspace runs a build and writes the output (a variable so tests can swap it).
var buildWorkspace = site.Build

func (c *cli) buildCommand() *cobra.Command {
	var (
		opts    compiler.Options
		ref     string
		timings bool
		jsonOut bool
		watch   bool
		poll    time.Duration
	)
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Check the workspace and write bundles, docs site and apps to the output directory",
		Long: `Build runs every check of "modc check" and, if there are no errors, writes the
output directory (modc.json's "out", default out/): a browser bundle per
package, the docs site and the apps. The output is written next to the old one
and swapped in whole, so a failed or interrupted build leaves the previous
output as it was. A file whose bytes did not change is kept from the previous
output (hard-linked), not written again; --timings counts the files written,
kept and removed.

On a terminal, a build that takes more than a second shows its stages on one
line of stderr as they run; --json prints the result for scripts instead.`,
		Example: `  modc build
  modc build --out public --base-url /docs/
  modc build --ref v1.2.0            # a commit, from git objects
  modc build --json | jq -r '.files[]'
  modc build -q || exit 1            # only errors
  modc build --watch                 # rebuild out/ on every save; out/npm/<package>/current/ for frontends`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := c.findRoot(cmd, &opts.Root); err != nil {
				return err
			}
			opts.Ref = ref
			if opts.DryRunTimeout <= 0 {
				return usageErrorf("--dry-run-timeout must be positive, not %s", opts.DryRunTimeout)
			}
			c.workspaceLine(opts.Root)
			if watch {
				if jsonOut {
					return usageErrorf("--watch prints a line per build; it cannot be used with --json")
				}
				return c.watchBuild(opts, poll)
			}
			defer heapsize.Tune()() // a one-shot run, unlike --watch
			defer pretouch.Start()()
			defer schedbatch.Enter()()
			var endProgress func()
			opts.Progress, endProgress = c.startProgress("building", jsonOut)
			res := buildWorkspace(opts)
			endProgress()
			msgs := c.relocate(opts.Root, res.Messages)
			if jsonOut {
				b, err := c.buildJSON(res, msgs)
				if err != nil {
					return failure(err)
				}
				fmt.Fprintf(c.stdout, "%s\n", b)
				if res.Failed() {
					return failed
				}
				return nil
			}
			c.report(msgs)
			s := stats(res)
			counts := fmt.Sprintf("%s, %s, %s, %s, %s, %s, %s in %s",
				plural(s.Packages, "package"), plural(s.Modules, "module"), plural(s.Examples, "example"), plural(s.Pages, "page"),
				plural(s.Apps, "app"), plural(s.Bindings, "binding"), plural(s.Files, "file"), round(s.Duration))
			var line string
			switch {
			case res.Failed():
				line = "modc: build failed: " + problems(msgs) + "; nothing written"
			case res.OutDir != "":
				line = fmt.Sprintf("modc: built %s → %s", counts, c.displayPath(res.OutDir))
			default:
				line = "modc: checked " + counts + "; nothing written (bundles and site are not built yet)"
			}
			if !res.Failed() {
				if p := problems(msgs); p != "" {
					line += " (" + p + ")"
				}
			}
			c.summary(line)
			if timings || c.verbose {
				c.timings(s)
				if res.OutDir != "" {
					o := s.Output
					fmt.Fprintf(c.stderr, "  %-16s %s written (%s), %s unchanged, %s linked, %s removed\n", "output files",
						thousands(o.Written), bytesize(o.WrittenBytes), thousands(o.Unchanged), thousands(o.Linked), thousands(o.Removed))
				}
			}
			if res.Failed() {
				return failed
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Root, "root", ".", "workspace `directory`")
	completeRoot(cmd)
	f.StringVar(&opts.Out, "out", "", "output `directory`, relative to the workspace (default: modc.json's \"out\", else out)")
	f.StringVar(&opts.BaseURL, "base-url", "", "`URL` path the site is served under (default: modc.json's \"baseURL\", else /)")
	f.BoolVar(&opts.NoMinify, "no-minify", false, "write unminified bundles")
	f.StringVar(&ref, "ref", "", "build the git `revision` REV (read from git objects) instead of the working tree")
	f.DurationVar(&opts.DryRunTimeout, "dry-run-timeout", time.Second, "time budget of each dry-run evaluation")
	f.BoolVar(&timings, "timings", false, "print how long each stage took, the files written, kept and removed, and what the collector cost")
	f.BoolVar(&jsonOut, "json", false, "print the result as JSON on stdout: output directory, files, versions, timings, and the messages as check --json has them")
	f.BoolVar(&watch, "watch", false, "keep the output current: rebuild on every save until Ctrl-C (no server)")
	f.DurationVar(&poll, "poll", 0, "with --watch, poll for changes every `interval` instead of using file system events")
	return cmd
}

// timings prints how long each stage of a run took, one line each, and
// what the collector cost the process (the dry runs' workers apart): how
// much of a one-shot run's CPU goes to keeping it within its memory
// budget (internal/heapsize).
func (c *cli) timings(s compiler.Stats) {
	for _, p := range s.Phases {
		fmt.Fprintf(c.stderr, "  %-16s %s\n", p.Name, round(p.Duration))
	}
	g := heapsize.Collector()
	of := ""
	if g.Used > 0 {
		of = fmt.Sprintf(" of the %s this process used", round(g.Used))
	}
	fmt.Fprintf(c.stderr, "  %-16s %s collections, about %s of CPU%s\n", "collector", thousands(int(g.Cycles)), round(g.CPU), of)
}

// displayPath shows p relative to the directory paths are shown from (see
// cli.fromBase) when it is below it, escaped for the terminal (see
// diag.Escape).
func (c *cli) displayPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return diag.Escape(p)
	}
	return diag.Escape(c.fromBase(abs))
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	for i := len(s) - 3; i > start; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// bytesize writes n bytes in B, kB or MB (powers of 1,000, as du -h --si).
func bytesize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
