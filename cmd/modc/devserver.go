package main

import (
	"fmt"
	"time"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/site"
	"github.com/modc-dev/modc/site/devserver"
	"github.com/spf13/cobra"
)

// stopGrace is how long the devserver may take to stop cleanly after
// SIGINT or SIGTERM before it exits anyway.
const stopGrace = 500 * time.Millisecond

func (c *cli) devserverCommand() *cobra.Command {
	var (
		opts     site.ServeOptions
		mock     bool
		noMinify bool
		timeout  time.Duration
	)
	cmd := &cobra.Command{
		Use:   "devserver",
		Short: "Build, serve the output, rebuild on every save and live-reload the browser",
		Long: `Devserver builds the workspace, serves the output from memory on
http://127.0.0.1:1313/, and watches modules/, content/, templates/, apps/ and
modc.json. A save rebuilds only what it touches and open pages reload (a CSS-only
change swaps the stylesheet instead). A broken build keeps the last good output
served and shows the errors on every open page and in the terminal. Ctrl-C stops.`,
		Example: "  modc devserver\n  modc devserver --port 8080 --mock\n  modc devserver --poll 500ms   # file systems without events (WSL, network mounts)\n  modc devserver --cors-origin http://localhost:5173   # a Vite dev server may fetch bundles",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := c.findRoot(cmd, &opts.Compiler.Root); err != nil {
				return err
			}
			if opts.Port < 1 || opts.Port > 65535 {
				return usageErrorf("--port must be between 1 and 65535, not %d", opts.Port)
			}
			if opts.Write && mock {
				return usageErrorf("--write cannot be used with --mock: out/ would get apps that answer from mocks")
			}
			if err := devserver.CheckOrigins(opts.CORSOrigins); err != nil {
				return usageErrorf("--cors-origin: %v", err)
			}
			if opts.Poll < 0 {
				return usageErrorf("--poll must be positive, not %s", opts.Poll)
			}
			if timeout <= 0 {
				return usageErrorf("--dry-run-timeout must be positive, not %s", timeout)
			}
			// The bundles are modc build's bytes (minified unless
			// --no-minify), so their integrity hashes hold in production.
			opts.Compiler = compiler.Options{Root: opts.Compiler.Root, Mock: mock, NoMinify: noMinify, DryRunTimeout: timeout}
			opts.Log = c.stderr
			opts.Color = c.color
			opts.Ready = func(url string) { fmt.Fprintf(c.stderr, "modc: serving %s (Ctrl-C to stop)\n", url) }
			// Ctrl-C stops at once, whatever the devserver is doing: a build
			// under way is abandoned (nothing is written to disk).
			ctx, stop := c.interruptible()
			defer stop()
			if err := site.Serve(ctx, opts); err != nil {
				return failure(err)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Compiler.Root, "root", ".", "workspace `directory`")
	completeRoot(cmd)
	f.StringVar(&opts.Bind, "bind", "127.0.0.1", "`address` to listen on")
	f.IntVar(&opts.Port, "port", 1313, "`port` to listen on")
	f.DurationVar(&opts.Poll, "poll", 0, "poll for changes every `interval` instead of using file system events")
	f.BoolVar(&mock, "mock", false, "answer queries from their mock, so apps run offline")
	f.BoolVar(&opts.Write, "write", false, "also write the output directory after every good build, as build --watch does (out/npm/<package>/current/ for frontends)")
	f.DurationVar(&timeout, "dry-run-timeout", time.Second, "time budget of each dry-run evaluation")
	f.BoolVar(&noMinify, "no-minify", false, "serve unminified bundles (their integrity hashes then differ from modc build's)")
	f.StringArrayVar(&opts.CORSOrigins, "cors-origin", nil, "let pages of `origin` (such as http://localhost:5173, or * for any) read the served files; repeatable")
	return cmd
}
