package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/release"
	"github.com/spf13/cobra"
)

func (c *cli) releaseCommand() *cobra.Command {
	var (
		opts release.Options
		root string
	)
	cmd := &cobra.Command{
		Use:   "release PACKAGE patch|minor|major|X.Y.Z",
		Short: "Check a package as committed and tag its next release",
		Long: `Release checks modules/PACKAGE as committed in HEAD (never the work tree) and
creates the annotated tag PACKAGE/vX.Y.Z (vX.Y.Z in a one-package repository
that already uses plain tags). The tag message is -m MESSAGE (default
"PACKAGE vX.Y.Z") followed by the subjects of the commits that changed the
package since its previous release.

The version is a bump of the highest release, as npm version does (no release
yet: patch 0.0.1, minor 0.1.0, major 1.0.0; a pre-release is finished first:
1.3.0-rc.1 → patch or minor 1.3.0), or an explicit version, pre-releases
included (1.0.0-rc.1), greater than every release.

Release refuses, tagging nothing, when the package has uncommitted changes
(untracked files count), the version is not greater, or the package (or
modc.json) has errors; errors in other packages do not block it. Push the tag
to publish it (see modc hook install).`,
		Example:           "  modc release auth minor\n  modc release auth 1.0.0-rc.1 -m \"First release candidate\"",
		Args:              args(cobra.ExactArgs(2)),
		ValidArgsFunction: completeRelease,
		RunE: func(cmd *cobra.Command, a []string) error {
			if err := c.findRoot(cmd, &root); err != nil {
				return err
			}
			if opts.DryRunTimeout <= 0 {
				return usageErrorf("--dry-run-timeout must be positive, not %s", opts.DryRunTimeout)
			}
			if _, err := release.ParseSpec(a[1]); err != nil {
				return usageErrorf("%v", err)
			}
			opts.Root, opts.Package, opts.Version = root, a[0], a[1]
			res := release.Create(opts)
			msgs := c.relocate(root, res.Messages)
			c.report(msgs)
			if res.Failed() {
				fmt.Fprintf(c.stderr, "modc: release of %s refused (%s); nothing tagged\n", opts.Package, problems(msgs))
				return failed
			}
			if res.OtherErrors > 0 && !c.quiet {
				fmt.Fprintf(c.stderr, "modc: note: %s in other packages (see modc check) do not block this release\n", plural(res.OtherErrors, "error"))
			}
			if c.quiet {
				return nil
			}
			fmt.Fprintf(c.stdout, "Tagged %s at commit %.12s:\n\n", res.Tag, res.Commit)
			for _, line := range strings.Split(strings.TrimRight(res.Message, "\n"), "\n") {
				if line == "" {
					fmt.Fprintln(c.stdout)
					continue
				}
				fmt.Fprintf(c.stdout, "    %s\n", diag.Escape(line))
			}
			fmt.Fprintf(c.stdout, "\nPublish it with: git push origin %s\n", res.Tag)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&root, "root", ".", "workspace `directory`")
	completeRoot(cmd)
	f.StringVarP(&opts.Message, "message", "m", "", "tag `message`, before the list of changes (default \"PACKAGE vX.Y.Z\")")
	f.DurationVar(&opts.DryRunTimeout, "dry-run-timeout", time.Second, "time budget of each dry-run evaluation")
	return cmd
}
