package main

import (
	"fmt"
	"path/filepath"

	"github.com/modc-dev/modc/compiler/scaffold"
	"github.com/spf13/cobra"
)

func (c *cli) initCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Create a workspace with a working example module",
		Long: `Init writes a starter workspace into DIR (default: the current directory): modc.json,
a package with one JS module (main.js, module.json, a private query, examples and
a README), a home page in content/ and an app in apps/. DIR must be empty or not
exist yet; a .git directory is allowed.`,
		Example: "  modc init my-modules",
		Args:    args(cobra.MaximumNArgs(1)),
		RunE: func(_ *cobra.Command, a []string) error {
			dir := "."
			if len(a) == 1 {
				dir = a[0]
			}
			if err := scaffold.Init(dir); err != nil {
				return failure(err)
			}
			if c.quiet {
				return nil
			}
			fmt.Fprintf(c.stdout, "Created a modc workspace in %s.\nNext:\n", filepath.Clean(dir))
			if filepath.Clean(dir) != "." {
				fmt.Fprintf(c.stdout, "  cd %s\n", dir)
			}
			fmt.Fprintf(c.stdout, "  modc check    # validate and dry-run the example module\n  modc build    # write bundles and docs to out/\n")
			return nil
		},
	}
}
