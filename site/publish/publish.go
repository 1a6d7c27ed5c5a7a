// Package publish publishes a workspace by git push: Install writes a bare
// repository's pre-receive and post-receive hooks, which run modc; Check is
// the pre-receive side (a pushed release tag whose package fails the
// checks at its commit is rejected) and Publish the post-receive side (the
// repository's current state is built into the output directory and
// swapped in whole, one build at a time).
//
// # Reading pushed objects
//
// During pre-receive git keeps the pushed objects in a quarantine
// directory that only the environment names (GIT_OBJECT_DIRECTORY,
// GIT_ALTERNATE_OBJECT_DIRECTORIES); go-git reads neither. Check therefore
// reads the pushed commit with git itself: `git ls-tree` lists the
// workspace's files (modc.json, modules/, apps/, content/, templates/) and
// one `git cat-file --batch` reads them, byte for byte (no attributes or
// filters apply, unlike git archive or checkout-index), into a temporary
// directory that is checked through an os.Root, so a symbolic link in the
// pushed tree cannot reach outside it. Everything after the push (Publish)
// reads the repository with go-git, through compiler.Build.
package publish

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
)

// Update is one reference update as git gives it to the pre-receive and
// post-receive hooks: "<old> <new> <ref>" on standard input.
type Update struct {
	// Old and New are object names; all zeros for a created (Old) or
	// deleted (New) reference.
	Old, New string
	// Ref is the full reference name, e.g. refs/tags/auth/v1.0.0.
	Ref string
}

// Created reports whether the update creates the reference.
func (u Update) Created() bool { return isZero(u.Old) }

// Deleted reports whether the update deletes the reference.
func (u Update) Deleted() bool { return isZero(u.New) }

// Tag is the tag name of a refs/tags/ update, "" for other references.
func (u Update) Tag() string {
	t, ok := strings.CutPrefix(u.Ref, "refs/tags/")
	if !ok {
		return ""
	}
	return t
}

func isZero(hash string) bool { return strings.Trim(hash, "0") == "" }

// ParseUpdates reads a hook's standard input: one "<old> <new> <ref>" per line.
func ParseUpdates(r io.Reader) ([]Update, error) {
	var out []Update
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 || !isHex(f[0]) || !isHex(f[1]) || !strings.HasPrefix(f[2], "refs/") && f[2] != "HEAD" {
			return nil, fmt.Errorf("reference update line %d: want \"<old> <new> <ref>\", got %q", n, line)
		}
		out = append(out, Update{Old: f[0], New: f[1], Ref: f[2]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read reference updates: %w", err)
	}
	return out, nil
}

// isHex reports whether s is a full object name (SHA-1 or SHA-256).
func isHex(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// Options configures Check and Publish.
type Options struct {
	// Repo is the bare repository's directory.
	Repo string
	// Out is the output directory Publish writes (absolute, or relative to
	// the current directory).
	Out string
	// DryRunTimeout is the time budget of each dry-run evaluation (default 1s).
	DryRunTimeout time.Duration
	// CacheDir is compiler.Options.CacheDir: where the outputs of released
	// versions are kept (default: $MODC_CACHE_DIR, else the user cache dir).
	CacheDir string
	// TempDir is where Check writes each pushed tree it checks, in a
	// directory it removes once done (default: the system's temporary
	// directory). A caller that may give up on a Check before it ends (the
	// pre-receive hook's --timeout) makes one of its own and removes it as
	// it exits, so that nothing of the pushed tree is left behind.
	TempDir string
}
