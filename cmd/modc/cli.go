package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/modc-dev/modc/compiler/diag"
)

// Exit statuses (SPEC 9).
const (
	exitOK     = 0
	exitFailed = 1 // the workspace has errors, or the command failed
	exitUsage  = 2 // wrong usage: unknown command or flag, bad arguments
)

// cli is one invocation's environment.
type cli struct {
	stdout, stderr io.Writer
	// frame and color control how diagnostics look: code frames and colour
	// on a terminal, plain lines otherwise.
	frame, color bool
	profile      profiler
	// terminal is set when stderr is a terminal: builds draw their progress
	// there, after progressDelay.
	terminal      bool
	progressDelay time.Duration
	// quiet prints only errors (and what was asked for on stdout); verbose
	// adds the workspace root and every stage's time (--quiet, --verbose).
	quiet, verbose bool
	// base is the directory paths in messages are shown relative to: the
	// workspace root when modc found it up from the current directory
	// (output as when run at the root), else "" for the current directory.
	base string
}

// exitError ends a command with a status. A nil err means everything was
// already printed.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageErrorf reports wrong usage (exit status 2).
func usageErrorf(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// failure reports a failed command (exit status 1).
func failure(err error) error { return &exitError{code: exitFailed, err: err} }

// failed is the error of a command that already printed why it failed.
var failed = &exitError{code: exitFailed}

// run executes the command line args and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	return newCLI(stdout, stderr, isTerminal(stderr), os.Getenv).execute(args)
}

// newCLI sets up an invocation: diagnostics get code frames when stderr is
// a terminal, and colour too unless NO_COLOR is set or TERM is dumb.
func newCLI(stdout, stderr io.Writer, terminal bool, getenv func(string) string) *cli {
	return &cli{
		stdout:        stdout,
		stderr:        stderr,
		frame:         terminal,
		color:         terminal && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb",
		terminal:      terminal,
		progressDelay: progressDelay,
	}
}

func (c *cli) execute(args []string) int {
	root := c.rootCommand()
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if perr := c.profile.stop(); perr != nil && err == nil {
		err = failure(perr)
	}
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		// Everything cobra reports itself (unknown command or flag, bad
		// arguments) is wrong usage.
		ee = &exitError{code: exitUsage, err: err}
	}
	if ee.err != nil {
		fmt.Fprintf(c.stderr, "modc: %s\n", diag.EscapeText(ee.err.Error()))
	}
	if ee.code == exitUsage && cmd != nil {
		fmt.Fprintf(c.stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return ee.code
}

func (c *cli) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "modc",
		Short: "Check, build and serve a workspace of reusable JS modules",
		Long: `modc turns a git repository of JS modules (a Main object "export default { … }"
with private API queries) into validated, versioned, documented, browser-ready output.

Run it anywhere in a workspace: the directory with modc.json, with
modules/<package>/<module>/ and optionally content/ and apps/. modc finds
modc.json from the current directory up. Exit status: 0 success, 1 the
workspace has errors, 2 wrong usage.`,
		Example: `  modc init shop && cd shop   # a workspace with a working example
  modc check                   # validate and dry-run every module
  modc build --json | jq .files
  modc completion bash > /etc/bash_completion.d/modc`,
		Version:       versionString(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetVersionTemplate("{{.Name}} " + versionDetails() + "\n")
	root.Flags().Bool("version", false, "print modc's version and commit (as modc version does)")
	c.profile.register(root)
	pf := root.PersistentFlags()
	pf.BoolVarP(&c.quiet, "quiet", "q", false, "print only errors (and what --json or the command's output asks for)")
	pf.BoolVarP(&c.verbose, "verbose", "v", false, "also print the workspace root and how long each stage took")
	profile := root.PersistentPreRunE
	root.PersistentPreRunE = func(cmd *cobra.Command, a []string) error {
		if c.quiet && c.verbose {
			return usageErrorf("--quiet and --verbose cannot go together")
		}
		return profile(cmd, a)
	}
	root.SetOut(c.stdout)
	root.SetErr(c.stderr)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &exitError{code: exitUsage, err: err}
	})
	root.AddCommand(
		c.checkCommand(),
		c.buildCommand(),
		c.initCommand(),
		c.newCommand(),
		c.devserverCommand(),
		c.versionsCommand(),
		c.releaseCommand(),
		c.hookCommand(),
		c.importCommand(),
		c.versionCommand(),
	)
	return root
}

// args wraps a cobra argument validator so that its errors are usage errors.
func args(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := v(cmd, a); err != nil {
			return &exitError{code: exitUsage, err: err}
		}
		return nil
	}
}
