package main

import "github.com/spf13/cobra"

func (c *cli) versionsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "versions",
		Short: "List each package's releases and working-tree version from git tags (not implemented yet)",
		Args:  args(cobra.NoArgs),
		RunE:  notYet("versions"),
	}
	cmd.Flags().String("root", ".", "workspace `directory`")
	cmd.Flags().Bool("json", false, "print JSON")
	return cmd
}
