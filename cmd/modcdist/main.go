// Command modcdist is `make dist`'s driver: it cross-compiles modc for
// every release platform into release archives and a SHA256SUMS file (see
// package internal/dist).
//
//	modcdist -version v1.2.0 [-commit HASH] [-date RFC3339] [-out dist] [-targets linux/amd64,...]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/modc-dev/modc/internal/dist"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("modcdist", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		opts          dist.Options
		date, targets string
	)
	fs.StringVar(&opts.Version, "version", "", "version to stamp and name the archives with, such as v1.2.0 (required)")
	fs.StringVar(&opts.Commit, "commit", "", "commit to stamp into the binaries")
	fs.StringVar(&date, "date", "", "modification time of the archives' files, RFC 3339 (the commit's date makes them reproducible)")
	fs.StringVar(&opts.Out, "out", "dist", "output directory")
	fs.StringVar(&targets, "targets", "", "comma-separated os/arch list (default: every release platform)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if opts.Version == "" {
		fmt.Fprintln(stderr, "modcdist: -version is required, such as -version v1.2.0")
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "modcdist: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	var err error
	if opts.Targets, err = dist.ParseTargets(targets); err != nil {
		fmt.Fprintf(stderr, "modcdist: -targets: %v\n", err)
		return 2
	}
	if date != "" {
		if opts.Date, err = time.Parse(time.RFC3339, date); err != nil {
			fmt.Fprintf(stderr, "modcdist: -date: %v\n", err)
			return 2
		}
	}
	opts.Log = stderr
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	names, err := dist.Build(ctx, opts)
	if err != nil {
		fmt.Fprintf(stderr, "modcdist: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "modcdist: %d archives and %s in %s\n", len(names), dist.SumsFile, opts.Out)
	return 0
}
