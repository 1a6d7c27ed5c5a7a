package main

import "github.com/spf13/cobra"

func (c *cli) devserverCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "devserver",
		Short: "Build, serve out/, rebuild on every save and live-reload the browser (not implemented yet)",
		Args:  args(cobra.NoArgs),
		RunE:  notYet("devserver"),
	}
	f := cmd.Flags()
	f.String("root", ".", "workspace `directory`")
	f.String("bind", "127.0.0.1", "`address` to listen on")
	f.Int("port", 1313, "`port` to listen on")
	f.Duration("poll", 0, "poll for changes every `interval` instead of using file system events")
	f.Bool("mock", false, "answer queries from their mock, so apps run offline")
	return cmd
}
