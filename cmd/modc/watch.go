package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/site"
)

// watchBuild runs `modc build --watch`: builds, then rebuilds into the
// output on every save until Ctrl-C, which exits 0.
func (c *cli) watchBuild(opts compiler.Options, poll time.Duration) error {
	if opts.Ref != "" {
		return usageErrorf("--watch builds the work tree; it cannot be used with --ref")
	}
	if poll < 0 {
		return usageErrorf("--poll must be positive, not %s", poll)
	}
	// A build under way is abandoned after a moment: the output is swapped
	// in whole, so it stays as the last build left it.
	ctx, stop := c.interruptible()
	defer stop()
	err := site.Watch(ctx, site.WatchOptions{Compiler: opts, Poll: poll, Log: c.stderr, Color: c.color})
	if err != nil {
		return failure(err)
	}
	return nil
}

// interruptible returns a context that Ctrl-C (or SIGTERM) cancels, for a
// command that runs until then. A command still busy stopGrace after the
// signal is ended with status 0, as if it had stopped itself. Call stop
// when the command returns.
func (c *cli) interruptible() (ctx context.Context, stop func()) {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
		case <-ctx.Done():
			select {
			case <-done:
			case <-time.After(stopGrace):
				fmt.Fprintln(c.stderr, "modc: stopped")
				os.Exit(exitOK)
			}
		}
	}()
	return ctx, func() {
		close(done)
		cancel()
	}
}
