package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/site/publish"
	"github.com/spf13/cobra"
)

// hookStdin is where the hooks read git's reference updates (a variable so
// tests can swap it).
var hookStdin io.Reader = os.Stdin

func (c *cli) hookCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "hook",
		Short: "Publish on push: git hooks for a bare repository",
		Long: `Hook installs git hooks that publish a workspace when it is pushed to a bare
repository (see modc hook install --help).`,
		Example: "  modc hook install --repo /srv/git/modules.git --out /srv/www/modules",
		Args:    args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			return usageErrorf("say which hook command: modc hook install --repo BARE_REPO --out DIR")
		},
	}
	cmd.AddCommand(c.hookInstallCommand(), c.preReceiveCommand(), c.postReceiveCommand())
	return cmd
}

func (c *cli) hookInstallCommand() *cobra.Command {
	var (
		opts  publish.InstallOptions
		force bool
	)
	cmd := &cobra.Command{
		Use:   "install --repo BARE_REPO --out DIR",
		Short: "Install pre-receive and post-receive hooks that check and publish pushed releases",
		Long: `Install writes two hooks into the bare repository BARE_REPO (its hooks/
directory, or core.hooksPath), which run this modc binary by its absolute path:

  pre-receive   rejects a pushed release tag (PACKAGE/vX.Y.Z, or vX.Y.Z in a
                one-package workspace) whose package fails modc check at the
                tagged commit, and malformed or duplicate release tags; the
                errors appear in git push's output. Other refs pass.
  post-receive  builds the repository as pushed (HEAD's branch, and every
                release from its tag, read from git objects) and swaps the
                output into DIR whole; a failed build leaves DIR as it was.
                Concurrent pushes take turns; the last one publishes all.

Each hook gives up after --timeout (default 2m): pre-receive then refuses the
push, post-receive leaves DIR as it was and frees the publish lock for the next
push. It refuses a missing or non-bare repository, and hooks it did not write
unless --force. Run it again after moving the modc binary.`,
		Example: "  git init --bare /srv/git/modules.git\n  modc hook install --repo /srv/git/modules.git --out /srv/www/modules",
		Args:    args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			if opts.Repo == "" || opts.Out == "" {
				return usageErrorf("both --repo BARE_REPO and --out DIR are required")
			}
			if opts.Timeout <= 0 {
				return usageErrorf("--timeout must be positive, not %s", opts.Timeout)
			}
			if _, err := os.Stat(opts.Repo); errors.Is(err, fs.ErrNotExist) {
				return usageErrorf("--repo %s: no such directory (create a bare repository with git init --bare %s)", opts.Repo, opts.Repo)
			}
			exe, err := os.Executable()
			if err != nil {
				return failure(fmt.Errorf("cannot find the modc binary for the hooks to run: %w", err))
			}
			if resolved, err := filepath.EvalSymlinks(exe); err == nil {
				exe = resolved
			}
			opts.Exe, opts.Force = exe, force
			written, err := publish.Install(opts)
			if err != nil {
				return failure(err)
			}
			out, _ := filepath.Abs(opts.Out)
			fmt.Fprintf(c.stdout, "Installed %s.\nPushed release tags are checked, and every push is published into %s.\n", strings.Join(written, " and "), out)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Repo, "repo", "", "bare repository `directory`")
	f.StringVar(&opts.Out, "out", "", "output `directory` to publish into")
	f.BoolVar(&force, "force", false, "replace existing hooks that modc did not write")
	f.DurationVar(&opts.Timeout, "timeout", defaultHookTimeout, "how long each hook may run before it gives up (and frees the publish lock)")
	return cmd
}

// defaultHookTimeout is how long a hook may run unless told otherwise.
const defaultHookTimeout = 2 * time.Minute

// withTimeout runs f and returns its error, or errTimedOut once timeout
// has passed. f then goes on in the background until the process exits
// (which the hook does right away): nothing it holds outlives the process,
// the publish lock included.
func withTimeout(timeout time.Duration, f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-t.C:
		return errTimedOut
	}
}

var errTimedOut = errors.New("timed out")

// hookRepo is the repository a hook runs in: --repo, else GIT_DIR (set by
// git for hooks), else the current directory.
func hookRepo(flag string) string {
	if flag != "" {
		return flag
	}
	if d := os.Getenv("GIT_DIR"); d != "" {
		return d
	}
	return "."
}

// hookFormat prints messages for the pusher: git shows them as "remote:"
// lines, not on a terminal of ours, so code frames but no colour.
var hookFormat = diag.FormatOptions{CodeFrame: true}

func (c *cli) hookReport(msgs diag.List) {
	for _, m := range msgs {
		fmt.Fprint(c.stderr, diag.Format(m, hookFormat))
	}
}

func (c *cli) preReceiveCommand() *cobra.Command {
	var (
		opts    publish.Options
		timeout time.Duration
	)
	cmd := &cobra.Command{
		Use:   "pre-receive [--repo BARE_REPO]",
		Short: "The pre-receive hook: check pushed release tags (reads git's updates on stdin)",
		Long: `Pre-receive reads the reference updates of a push on standard input, as git
gives them to the pre-receive hook, and exits 1 (git then refuses the whole push)
if a pushed release tag's package fails modc check at the tagged commit, or a
release tag is malformed, a duplicate version, or moves an existing release.
Written into the repository by modc hook install.`,
		Example: "  git push   # git runs: modc hook pre-receive --repo /srv/git/modules.git",
		Hidden:  true,
		Args:    args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			opts.Repo = hookRepo(opts.Repo)
			if opts.DryRunTimeout <= 0 {
				return usageErrorf("--dry-run-timeout must be positive, not %s", opts.DryRunTimeout)
			}
			if timeout <= 0 {
				return usageErrorf("--timeout must be positive, not %s", timeout)
			}
			updates, err := publish.ParseUpdates(hookStdin)
			if err != nil {
				return failure(err)
			}
			// The pushed trees are written under a directory of this run's,
			// removed as it returns: a check given up at --timeout goes on
			// until the process exits, and its own removal would never run.
			tmp, err := os.MkdirTemp("", "modc-hook-")
			if err != nil {
				return failure(fmt.Errorf("cannot check the pushed tags, so the push is refused: %w", err))
			}
			defer os.RemoveAll(tmp)
			opts.TempDir = tmp
			var checks []publish.TagCheck
			err = withTimeout(timeout, func() (err error) {
				checks, err = publish.Check(opts, updates)
				return err
			})
			if errors.Is(err, errTimedOut) {
				fmt.Fprintf(c.stderr, "modc: the check of the pushed tags did not finish within %s, so the push is refused (a hook's time is set by modc hook install --timeout)\n", timeout)
				return failed
			}
			if err != nil {
				return failure(fmt.Errorf("cannot check the pushed tags, so the push is refused: %w", err))
			}
			rejected := 0
			for _, ch := range checks {
				c.hookReport(ch.Messages)
				name := diag.Escape(ch.Update.Tag())
				switch {
				case ch.Rejected():
					rejected++
					what := "is not a valid release tag"
					if ch.Release.Package != "" {
						what = fmt.Sprintf("fails the checks of package %s", diag.Escape(ch.Release.Package))
					}
					fmt.Fprintf(c.stderr, "modc: rejected tag %s%s: %s (%s)\n", name, at(ch.Commit), what, problems(ch.Messages))
				case ch.Release.Package != "":
					line := fmt.Sprintf("modc: checked release %s %s%s: ok", diag.Escape(ch.Release.Package), ch.Release.Version, at(ch.Commit))
					if ch.OtherErrors > 0 {
						line += fmt.Sprintf(" (%s in other packages do not block it)", plural(ch.OtherErrors, "error"))
					}
					fmt.Fprintln(c.stderr, line)
				}
			}
			if rejected > 0 {
				fmt.Fprintf(c.stderr, "modc: push refused: fix the errors, move the tag to a good commit (git tag -f) and push again\n")
				return failed
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Repo, "repo", "", "bare repository `directory` (default: $GIT_DIR, else .)")
	f.DurationVar(&opts.DryRunTimeout, "dry-run-timeout", time.Second, "time budget of each dry-run evaluation")
	f.DurationVar(&timeout, "timeout", defaultHookTimeout, "give up after this long")
	return cmd
}

// at says " at commit <short>" for a known commit.
func at(commit string) string {
	if commit == "" {
		return ""
	}
	return fmt.Sprintf(" at commit %.12s", commit)
}

func (c *cli) postReceiveCommand() *cobra.Command {
	var (
		opts    publish.Options
		timeout time.Duration
	)
	cmd := &cobra.Command{
		Use:   "post-receive --out DIR [--repo BARE_REPO]",
		Short: "The post-receive hook: build the pushed repository into DIR",
		Long: `Post-receive builds the repository as it is now (HEAD's branch, and every
release from its tag) into DIR, swapped in whole, one build at a time. It reads
and ignores git's updates on standard input, reports to the pusher on stderr,
and exits 0 even when the build fails (the push has happened; DIR is then left
as it was). Written into the repository by modc hook install.`,
		Example: "  git push   # git runs: modc hook post-receive --repo /srv/git/modules.git --out /srv/www/modules",
		Hidden:  true,
		Args:    args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			opts.Repo = hookRepo(opts.Repo)
			if opts.Out == "" {
				return usageErrorf("--out DIR is required")
			}
			if opts.DryRunTimeout <= 0 {
				return usageErrorf("--dry-run-timeout must be positive, not %s", opts.DryRunTimeout)
			}
			if timeout <= 0 {
				return usageErrorf("--timeout must be positive, not %s", timeout)
			}
			_, _ = io.Copy(io.Discard, hookStdin) // git wants its updates read
			out, _ := filepath.Abs(opts.Out)
			out = diag.Escape(out)
			start := time.Now()
			var p *publish.Published
			err := withTimeout(timeout, func() (err error) {
				p, err = publish.Publish(opts)
				return err
			})
			if errors.Is(err, errTimedOut) {
				fmt.Fprintf(c.stderr, "modc: publish did not finish within %s and was stopped; %s left as it was (a hook's time is set by modc hook install --timeout)\n", timeout, out)
				return failed
			}
			if err != nil {
				fmt.Fprintf(c.stderr, "modc: publish failed: %s; %s left as it was\n", diag.EscapeText(err.Error()), out)
				return nil
			}
			branch := diag.Escape(p.Branch)
			waited := ""
			if p.Waited >= 100*time.Millisecond {
				waited = fmt.Sprintf(" (after waiting %s for another publish)", round(p.Waited))
			}
			switch {
			case p.Commit == "":
				fmt.Fprintf(c.stderr, "modc: nothing to publish yet: the repository has no branch (push one, e.g. git push origin main)\n")
			case p.Skipped:
				fmt.Fprintf(c.stderr, "modc: %s already has %s at %.12s and every tag%s\n", out, branch, p.Commit, waited)
			case p.Result.Failed():
				c.hookReport(p.Result.Messages)
				fmt.Fprintf(c.stderr, "modc: publish of %s at %.12s failed (%s); %s left as it was\n", branch, p.Commit, problems(p.Result.Messages), out)
			default:
				c.hookReport(p.Result.Messages.Warnings())
				s := stats(p.Result)
				fmt.Fprintf(c.stderr, "modc: published %s at %.12s: %s, %s, %s (releases: %d built, %d cached) in %s → %s%s\n",
					branch, p.Commit, plural(s.Packages, "package"), plural(s.Modules, "module"), plural(s.Files, "file"),
					s.BuiltReleases, s.CachedReleases, round(time.Since(start)), out, waited)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Repo, "repo", "", "bare repository `directory` (default: $GIT_DIR, else .)")
	f.StringVar(&opts.Out, "out", "", "output `directory` to publish into")
	f.DurationVar(&opts.DryRunTimeout, "dry-run-timeout", time.Second, "time budget of each dry-run evaluation")
	f.DurationVar(&timeout, "timeout", defaultHookTimeout, "give up after this long")
	return cmd
}
