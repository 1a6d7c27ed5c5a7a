package main

import "github.com/spf13/cobra"

// notYet is the RunE of the commands that are registered with their final
// flags, so that --help documents them, but are not implemented yet: they
// exit with status 2.
func notYet(name string) func(*cobra.Command, []string) error {
	return func(*cobra.Command, []string) error {
		return usageErrorf("%s is not implemented yet", name)
	}
}
