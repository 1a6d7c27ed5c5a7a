package main

import "github.com/spf13/cobra"

func (c *cli) releaseCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "release PACKAGE patch|minor|major|X.Y.Z",
		Short: "Check a package as committed and tag a new release (not implemented yet)",
		Args:  args(cobra.ExactArgs(2)),
		RunE:  notYet("release"),
	}
	cmd.Flags().String("root", ".", "workspace `directory`")
	cmd.Flags().StringP("message", "m", "", "tag `message` (default: the commits since the previous release)")
	return cmd
}
