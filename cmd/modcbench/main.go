// Command modcbench is `make bench`'s driver. It has two subcommands:
//
//	modcbench gen [flags] DIR   write a synthetic workspace (SPEC 11's by default)
//	modcbench run [flags]       build generated workspaces with modc, esbuild
//	                            and Hugo side by side and write bench/RESULTS.md
//
// Run `modcbench gen -h` or `modcbench run -h` for the flags. bench/run
// installs esbuild and Hugo, builds modc and calls `modcbench run`.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/modc-dev/modc/compiler/gen"
	"github.com/modc-dev/modc/internal/sidebyside"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage:
  modcbench gen [flags] DIR   write a synthetic workspace into DIR
  modcbench run [flags]       measure modc, esbuild and Hugo side by side`

// run executes the command line and returns the exit status: 0, 1 when the
// work failed, 2 for wrong usage.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "gen":
		err = genCommand(args[1:], stdout, stderr)
	case "run":
		err = runCommand(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "modcbench: unknown command %q\n%s\n", args[0], usage)
		return 2
	}
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "modcbench: %v\n", err)
		return 2
	default:
		fmt.Fprintf(stderr, "modcbench: %v\n", err)
		return 1
	}
}

// usageError is wrong usage: exit status 2.
type usageError struct{ error }

func genCommand(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("modcbench gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := gen.Spec11
	fs.IntVar(&o.Packages, "packages", o.Packages, "packages")
	fs.IntVar(&o.Modules, "modules", o.Modules, "JS modules per package")
	fs.IntVar(&o.Pages, "pages", o.Pages, "content pages")
	fs.IntVar(&o.Bindings, "bindings", o.Bindings, "bindings in the app apps/bench (none when 0)")
	fs.Uint64Var(&o.Seed, "seed", o.Seed, "seed of the pages' and modules' text")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() != 1 {
		return usageError{errors.New("gen takes one directory")}
	}
	if err := gen.Write(fs.Arg(0), o); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d packages × %d modules, %d pages, %d bindings (seed %d) to %s\n", o.Packages, o.Modules, o.Pages, o.Bindings, o.Seed, fs.Arg(0))
	return nil
}

func runCommand(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("modcbench run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o sidebyside.Options
	var sizes, results string
	var noGo, noProfile bool
	fs.StringVar(&o.Modc, "modc", "modc", "the modc executable to measure")
	fs.StringVar(&o.Esbuild, "esbuild", "esbuild", "the esbuild executable")
	fs.StringVar(&o.Hugo, "hugo", "hugo", "the hugo executable")
	fs.StringVar(&sizes, "sizes", "100,1000,5000", "workspace sizes in modules (pages and bindings as many), comma-separated")
	fs.IntVar(&o.Main, "main", 1000, "the size SPEC 11's targets are about")
	fs.IntVar(&o.Runs, "runs", 5, "runs of each tool at sizes up to -main")
	fs.IntVar(&o.Large, "large-runs", 1, "runs of each tool at sizes above -main")
	fs.Uint64Var(&o.Seed, "seed", 1, "the generator's seed")
	fs.BoolVar(&o.NoReleases, "no-releases", false, "skip the builds after tagging every package v1.0.0")
	fs.StringVar(&o.Work, "work", "", "scratch directory (default: a temporary one, removed after)")
	fs.BoolVar(&noGo, "no-go-bench", false, "skip the Go benchmarks (devserver, dry runs, versions)")
	fs.BoolVar(&noProfile, "no-profile", false, "skip the CPU profile of the largest build")
	fs.StringVar(&results, "results", "bench/RESULTS.md", "where to write the report (- for standard output)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() != 0 {
		return usageError{fmt.Errorf("run takes no arguments, got %q", fs.Args())}
	}
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return usageError{fmt.Errorf("-sizes: %q is not a positive number", s)}
		}
		o.Sizes = append(o.Sizes, n)
	}
	o.GoBench, o.Profile, o.Log = !noGo, !noProfile, stderr
	rep, err := sidebyside.Run(o)
	if err != nil {
		return err
	}
	md := rep.Markdown()
	if results == "-" {
		_, err = io.WriteString(stdout, md)
		return err
	}
	if err := os.WriteFile(results, []byte(md), 0o644); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	fmt.Fprintf(stderr, "wrote %s\n", results)
	return nil
}
