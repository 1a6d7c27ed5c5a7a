package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/site"
	"github.com/modc-dev/modc/site/filelock"
	"github.com/modc-dev/modc/site/output"
)

// StateDir is the directory, inside the bare repository, where Publish
// keeps its lock file and the state it last published.
const StateDir = "modc"

// Published is what Publish did.
type Published struct {
	// Result is the build's, nil when nothing was built (Skipped, or no
	// branch to build).
	Result *compiler.Result
	// Branch is the branch that was built (HEAD's, else main, master or
	// the first), "" when the repository has none.
	Branch string
	// Commit is the built commit.
	Commit string
	// Skipped is set when the output already holds this state of the
	// repository (an earlier Publish that waited built it).
	Skipped bool
	// Waited is how long Publish waited for other publishes to finish.
	Waited time.Duration
}

// Publish builds the repository's current state (the post-receive hook):
// the workspace of HEAD's branch, and every release from its tag, as
// compiler.Build does with Root = the bare repository, into opts.Out,
// swapped in whole (package site/output), so a failed build leaves the
// output as it was.
//
// Publishes of one repository run one at a time (a lock file in StateDir,
// across processes): one that has to wait builds the state it finds once
// it has the lock, which includes every push before it, so concurrent
// pushes queue and the last one publishes them all. When the repository's
// references are what the output was last built from, it does nothing.
func Publish(opts Options) (*Published, error) {
	repoDir, err := filepath.Abs(opts.Repo)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	out, err := filepath.Abs(opts.Out)
	if err != nil || opts.Out == "" {
		return nil, fmt.Errorf("publish: no output directory")
	}
	state := filepath.Join(repoDir, StateDir)
	if err := os.MkdirAll(state, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	start := time.Now()
	unlock, err := filelock.Lock(filepath.Join(state, "publish.lock"))
	if err != nil {
		return nil, fmt.Errorf("publish: lock: %w", err)
	}
	defer unlock()
	p := &Published{Waited: time.Since(start)}

	branch, commit, fingerprint, err := current(repoDir, out, opts)
	if err != nil {
		return nil, err
	}
	p.Branch, p.Commit = branch, commit
	if commit == "" {
		return p, nil
	}
	stateFile := filepath.Join(state, "published")
	if last, err := os.ReadFile(stateFile); err == nil && string(last) == fingerprint {
		if _, err := os.Stat(filepath.Join(out, output.Marker)); err == nil {
			p.Skipped = true
			return p, nil
		}
	}
	p.Result = site.Build(compiler.Options{Root: repoDir, Ref: commit, Out: out, DryRunTimeout: opts.DryRunTimeout, CacheDir: opts.CacheDir})
	if !p.Result.Failed() {
		if err := os.WriteFile(stateFile, []byte(fingerprint), 0o644); err != nil {
			return p, fmt.Errorf("publish: record the published state: %w", err)
		}
	}
	return p, nil
}

// current reads the repository's state: the branch to build and its
// commit, and a fingerprint of everything a build depends on (every
// reference, the output directory, the options and this modc binary).
func current(repoDir, out string, opts Options) (branch, commit, fingerprint string, err error) {
	g, closeRepo, msgs := compiler.OpenGit(repoDir)
	defer closeRepo()
	if msgs.HasErrors() || g == nil {
		return "", "", "", fmt.Errorf("publish: %s", strings.TrimSpace(msgs.String()))
	}
	iter, err := g.References()
	if err != nil {
		return "", "", "", fmt.Errorf("publish: read references: %w", err)
	}
	var refs, branches []string
	err = iter.ForEach(func(r *plumbing.Reference) error {
		if r.Type() == plumbing.HashReference {
			refs = append(refs, r.Name().String()+" "+r.Hash().String())
			if r.Name().IsBranch() {
				branches = append(branches, r.Name().Short())
			}
		}
		return nil
	})
	if err != nil {
		return "", "", "", fmt.Errorf("publish: read references: %w", err)
	}
	if head, err := g.Head(); err == nil && head.Name().IsBranch() {
		branch = head.Name().Short()
	} else if err != nil && !errors.Is(err, plumbing.ErrReferenceNotFound) {
		return "", "", "", fmt.Errorf("publish: HEAD: %w", err)
	}
	if branch == "" && len(branches) > 0 { // HEAD names a branch nobody pushed
		sort.Strings(branches)
		branch = branches[0]
		for _, pref := range []string{"master", "main"} {
			for _, b := range branches {
				if b == pref {
					branch = b
				}
			}
		}
	}
	if branch == "" {
		return "", "", "", nil
	}
	ref, err := g.Reference(plumbing.NewBranchReferenceName(branch), true)
	if err != nil {
		return "", "", "", fmt.Errorf("publish: branch %s: %w", branch, err)
	}
	commit = ref.Hash().String()
	sort.Strings(refs)
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00", commit, out, opts.DryRunTimeout, opts.CacheDir, compiler.BuildID())
	for _, r := range refs {
		fmt.Fprintf(h, "%s\x00", r)
	}
	return branch, commit, hex.EncodeToString(h.Sum(nil)), nil
}
