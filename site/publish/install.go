package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
)

// HookMarker is in every hook Install writes: a hook without it is
// someone else's, and Install replaces it only when forced.
const HookMarker = "# modc-hook: written by modc hook install"

// ErrForeignHook is wrapped by Install's error for an existing hook that
// modc did not write.
var ErrForeignHook = errors.New("hook exists and was not written by modc")

// ErrNotBare is wrapped by Install's error for a repository that has a
// work tree, or a directory that is no repository.
var ErrNotBare = errors.New("not a bare git repository")

// InstallOptions configures Install.
type InstallOptions struct {
	// Repo is the bare repository's directory.
	Repo string
	// Out is the output directory the post-receive hook publishes into.
	Out string
	// Exe is the modc binary the hooks run (an absolute path).
	Exe string
	// Force replaces hooks modc did not write.
	Force bool
	// Timeout is how long each hook may run before it gives up (its
	// --timeout); zero leaves the hook's default.
	Timeout time.Duration
}

// Install writes the pre-receive and post-receive hooks of a bare
// repository (into its hooks directory, or core.hooksPath when set): shell
// scripts that run `Exe hook pre-receive --repo REPO` and `Exe hook
// post-receive --repo REPO --out OUT`, by absolute paths. It refuses a
// missing or non-bare repository, an output directory that is or contains
// the repository, and existing hooks modc did not write unless Force. It
// returns the paths written.
func Install(opts InstallOptions) ([]string, error) {
	repo, err := filepath.Abs(opts.Repo)
	if err != nil {
		return nil, err
	}
	if err := checkBare(repo); err != nil {
		return nil, err
	}
	out, err := filepath.Abs(opts.Out)
	if err != nil || strings.TrimSpace(opts.Out) == "" {
		return nil, errors.New("no output directory")
	}
	if within(repo, out) {
		return nil, fmt.Errorf("output %s is or contains the repository %s", out, repo)
	}
	if !filepath.IsAbs(opts.Exe) {
		return nil, fmt.Errorf("the modc binary %q is not an absolute path", opts.Exe)
	}
	dir, err := hooksDir(repo)
	if err != nil {
		return nil, err
	}
	var timeout []string
	if opts.Timeout > 0 {
		timeout = []string{"--timeout", opts.Timeout.String()}
	}
	scripts := map[string]string{
		"pre-receive":  script("check pushed release tags", append([]string{opts.Exe, "hook", "pre-receive", "--repo", repo}, timeout...)...),
		"post-receive": script("build and publish what was pushed", append([]string{opts.Exe, "hook", "post-receive", "--repo", repo, "--out", out}, timeout...)...),
	}
	names := []string{"pre-receive", "post-receive"}
	if !opts.Force {
		for _, name := range names {
			p := filepath.Join(dir, name)
			data, err := os.ReadFile(p)
			if err == nil && !strings.Contains(string(data), HookMarker) {
				return nil, fmt.Errorf("%s: %w (use --force to replace it)", p, ErrForeignHook)
			}
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var written []string
	for _, name := range names {
		p := filepath.Join(dir, name)
		if err := writeExecutable(p, scripts[name]); err != nil {
			return written, err
		}
		written = append(written, p)
	}
	return written, nil
}

// checkBare accepts a bare repository only.
func checkBare(repo string) error {
	fi, err := os.Stat(repo)
	if err != nil {
		return fmt.Errorf("repository %s: %w", repo, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("repository %s: %w (a file)", repo, ErrNotBare)
	}
	if _, err := os.Stat(filepath.Join(repo, ".git")); err == nil {
		return fmt.Errorf("%s: %w: it has a work tree (.git); push to a bare clone instead: git clone --bare %s %s.git", repo, ErrNotBare, repo, repo)
	}
	g, err := git.PlainOpen(repo)
	if err != nil {
		return fmt.Errorf("%s: %w: %v (create one with git init --bare %s)", repo, ErrNotBare, err, repo)
	}
	cfg, err := g.Config()
	if err != nil {
		return fmt.Errorf("%s: read config: %w", repo, err)
	}
	if !cfg.Core.IsBare {
		return fmt.Errorf("%s: %w: core.bare is false", repo, ErrNotBare)
	}
	return nil
}

// hooksDir is where git looks for the repository's hooks.
func hooksDir(repo string) (string, error) {
	g, err := git.PlainOpen(repo)
	if err != nil {
		return "", err
	}
	cfg, err := g.Config()
	if err != nil {
		return "", err
	}
	if p := cfg.Raw.Section("core").Option("hooksPath"); p != "" {
		if strings.HasPrefix(p, "~/") {
			if home, err := os.UserHomeDir(); err == nil {
				p = filepath.Join(home, p[2:])
			}
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(repo, p) // git runs hooks of a bare repository from it
		}
		return p, nil
	}
	return filepath.Join(repo, "hooks"), nil
}

// script is a hook running a command line, with what it is for.
func script(what string, args ...string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = shellQuote(a)
	}
	return "#!/bin/sh\n" + HookMarker + " (" + what + ").\n" +
		"# Run modc hook install again to change it: it is replaced, not edited.\n" +
		"exec " + strings.Join(quoted, " ") + "\n"
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// writeExecutable replaces p with an executable file holding content, in
// one rename.
func writeExecutable(p, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(content); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o755); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), p)
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
