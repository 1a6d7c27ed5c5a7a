package main

import (
	"errors"
	"fmt"

	"github.com/modc-dev/modc/compiler/scaffold"
	"github.com/spf13/cobra"
)

func (c *cli) newCommand() *cobra.Command {
	var root string
	cmd := &cobra.Command{
		Use:   "new package NAME | new module PACKAGE/NAME",
		Short: "Create a package or a module from a template",
		Example: "  modc new package billing\n  modc new module billing/invoices\n" +
			"  modc new module billing/list_invoices --kind query",
		RunE: func(_ *cobra.Command, a []string) error {
			if len(a) == 0 {
				return usageErrorf("say what to create: modc new package NAME, or modc new module PACKAGE/NAME")
			}
			return usageErrorf("unknown kind of thing to create %q: use package or module", a[0])
		},
	}
	cmd.PersistentFlags().StringVar(&root, "root", ".", "workspace `directory`")
	_ = cmd.MarkPersistentFlagDirname("root")

	pkg := &cobra.Command{
		Use:               "package NAME",
		Short:             "Create modules/NAME/ with a modc-package.json",
		Example:           "  modc new package billing",
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, a []string) error {
			if err := c.findRoot(cmd, &root); err != nil {
				return err
			}
			if err := scaffoldError(scaffold.NewPackage(root, a[0])); err != nil || c.quiet {
				return err
			}
			fmt.Fprintf(c.stdout, "Created package %s in modules/%s/.\nAdd a module with: modc new module %s/NAME\n", a[0], a[0], a[0])
			return nil
		},
	}

	var kind string
	mod := &cobra.Command{
		Use:   "module PACKAGE/NAME",
		Short: "Create a JS module (main.js, module.json, examples.json, README.md) or a query module",
		Long: `Create a module in an existing package. A JS module (--kind js, the default) gets
main.js with one documented function, module.json, examples.json and README.md;
a query module (--kind query) gets module.json with a request and a mock answer,
and README.md.`,
		Example:           "  modc new module billing/invoices\n  modc new module billing/list_invoices --kind query",
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: completeModulePath,
		RunE: func(cmd *cobra.Command, a []string) error {
			if err := c.findRoot(cmd, &root); err != nil {
				return err
			}
			if err := scaffoldError(scaffold.NewModule(root, a[0], kind)); err != nil || c.quiet {
				return err
			}
			fmt.Fprintf(c.stdout, "Created %s module %s in modules/%s/.\n", kind, a[0], a[0])
			return nil
		},
	}
	mod.Flags().StringVar(&kind, "kind", scaffold.KindJS, "module kind: js or query")

	cmd.AddCommand(pkg, mod)
	return cmd
}

// scaffoldError maps a scaffold error to an exit status: a bad name is
// wrong usage, anything else a failure.
func scaffoldError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, scaffold.ErrInvalidName):
		return &exitError{code: exitUsage, err: err}
	}
	return failure(err)
}
