package main

import "github.com/spf13/cobra"

func (c *cli) hookCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "hook",
		Short: "Publish on push: git hooks for a bare repository (not implemented yet)",
		Args:  args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			return usageErrorf("say which hook command: modc hook install --repo BARE_REPO --out DIR")
		},
	}
	install := &cobra.Command{
		Use:   "install --repo BARE_REPO --out DIR",
		Short: "Install pre-receive and post-receive hooks that check and build pushed releases (not implemented yet)",
		Args:  args(cobra.NoArgs),
		RunE:  notYet("hook install"),
	}
	install.Flags().String("repo", "", "bare repository `directory`")
	install.Flags().String("out", "", "output `directory` to publish into")
	cmd.AddCommand(install)
	return cmd
}
