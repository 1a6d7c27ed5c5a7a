package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/internal/heapsize"
	"github.com/modc-dev/modc/internal/pretouch"
	"github.com/modc-dev/modc/internal/schedbatch"
)

func (c *cli) checkCommand() *cobra.Command {
	var (
		root    string
		jsonOut bool
		timings bool
		strict  bool
		timeout time.Duration
	)
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Validate the workspace: parse, check and dry-run every module",
		Long: `Check loads the workspace, parses every main.js, module.json, query, app.json and
content page, runs the static checks, and dry-runs every module and its examples.
It reports every problem as path:line:col (with a code frame on a terminal),
writes nothing, and exits with status 1 if there are errors.`,
		Example: `  modc check
  modc check --json | jq '.errors[] | .location.file'
  modc check --root path/to/workspace --timings
  modc -q check && echo ok     # only errors, or nothing`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := c.findRoot(cmd, &root); err != nil {
				return err
			}
			if timeout <= 0 {
				return usageErrorf("--dry-run-timeout must be positive, not %s", timeout)
			}
			c.workspaceLine(root)
			defer heapsize.Tune()() // a one-shot run
			defer pretouch.Start()()
			defer schedbatch.Enter()()
			progress, endProgress := c.startProgress("checking", jsonOut)
			res := compiler.Check(compiler.Options{Root: root, DryRunTimeout: timeout, Strict: strict, Progress: progress})
			endProgress()
			msgs := c.relocate(root, res.Messages)
			if jsonOut {
				b, err := msgs.JSON()
				if err != nil {
					return failure(fmt.Errorf("encode messages: %w", err))
				}
				fmt.Fprintf(c.stdout, "%s\n", b)
			} else {
				c.report(msgs)
				s := stats(res)
				counts := fmt.Sprintf("%s, %s, %s in %s",
					plural(s.Packages, "package"), plural(s.Modules, "module"), plural(s.Examples, "example"), round(s.Duration))
				line := "modc: checked " + counts
				if p := problems(msgs); res.Failed() {
					line = "modc: check failed with " + p + " (checked " + counts + ")"
				} else if p != "" {
					line += " (" + p + ")"
				}
				c.summary(line)
				if timings || c.verbose {
					c.timings(s)
				}
			}
			if res.Failed() {
				return failed
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&root, "root", ".", "workspace `directory`")
	completeRoot(cmd)
	f.BoolVar(&jsonOut, "json", false, `print the messages as JSON on stdout ({"errors": [...], "warnings": [...]})`)
	f.DurationVar(&timeout, "dry-run-timeout", time.Second, "time budget of each dry-run evaluation")
	f.BoolVar(&timings, "timings", false, "print how long each stage took, and what the collector cost")
	f.BoolVar(&strict, "strict", false, "also warn of what Appsmith accepts but plain JS reads otherwise (this in arrow-function members and variable initializers)")
	return cmd
}

// findRoot sets *root to the workspace root for a command: the nearest
// directory with a modc.json, from the current directory up or, when
// --root is given, from there up (see compiler.FindRoot). When modc found
// the root itself, paths print relative to it, exactly as when run there.
func (c *cli) findRoot(cmd *cobra.Command, root *string) error {
	named := cmd.Flags().Changed("root")
	if named {
		if err := checkRoot(*root); err != nil {
			return err
		}
	}
	found, err := compiler.FindRoot(*root, named)
	if nw := (*compiler.NoWorkspaceError)(nil); errors.As(err, &nw) {
		if named {
			return failure(fmt.Errorf("%w; run \"modc init\" there to make a workspace, or pass the --root of one", err))
		}
		return failure(fmt.Errorf("%w; run \"modc init\" to make a workspace, or pass --root", err))
	}
	if err != nil {
		return failure(err)
	}
	if !named && found != *root {
		if abs, err := filepath.Abs(found); err == nil {
			c.base = abs
		}
	}
	*root = found
	return nil
}

// checkRoot makes sure --root names a directory.
func checkRoot(root string) error {
	fi, err := os.Stat(root)
	if errors.Is(err, fs.ErrNotExist) {
		return usageErrorf("--root %s: no such directory", root)
	}
	if err != nil {
		return usageErrorf("--root %s: %v", root, err)
	}
	if !fi.IsDir() {
		return usageErrorf("--root %s: not a directory", root)
	}
	return nil
}
