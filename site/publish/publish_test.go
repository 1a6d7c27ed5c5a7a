package publish

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/modc-dev/modc/internal/gittest"
)

// pushed makes a bare repository (HEAD on branch head) without hooks, and
// pushes the example workspace's auth package to its branch main with the
// release tag auth/v1.0.0. It returns the bare repository and the clone.
func pushed(t *testing.T, head string) (bare, clone string) {
	t.Helper()
	gittest.Isolate(t)
	tmp := t.TempDir()
	bare, clone = filepath.Join(tmp, "r.git"), filepath.Join(tmp, "clone")
	gittest.Run(t, tmp, "init", "-q", "--bare", "-b", head, bare)
	gittest.Run(t, tmp, "init", "-q", "-b", "main", clone)
	if err := os.CopyFS(filepath.Join(clone, "modules", "auth"), os.DirFS("../../modules/auth")); err != nil {
		t.Fatal(err)
	}
	gittest.Run(t, clone, "add", "-A")
	gittest.Run(t, clone, "commit", "-q", "-m", "first")
	gittest.Run(t, clone, "tag", "-a", "-m", "first release", "auth/v1.0.0")
	gittest.Run(t, clone, "push", "-q", bare, "main", "auth/v1.0.0")
	return bare, clone
}

func TestParseUpdates(t *testing.T) {
	a, b := strings.Repeat("a", 40), strings.Repeat("0", 40)
	long := strings.Repeat("c", 64)
	got, err := ParseUpdates(strings.NewReader(b + " " + a + " refs/tags/auth/v1.0.0\n" + a + " " + b + " refs/heads/x\r\n\n" + long + " " + long + " refs/heads/y\n"))
	if err != nil || len(got) != 3 {
		t.Fatalf("ParseUpdates = %v, %v", got, err)
	}
	if !got[0].Created() || got[0].Deleted() || got[0].Tag() != "auth/v1.0.0" {
		t.Errorf("first update: %+v", got[0])
	}
	if got[1].Created() || !got[1].Deleted() || got[1].Tag() != "" || got[1].Ref != "refs/heads/x" {
		t.Errorf("second update: %+v", got[1])
	}
	if got[2].Created() || got[2].Deleted() {
		t.Errorf("third update: %+v", got[2])
	}
	for _, bad := range []string{"x y z\n", a + " " + a + "\n", a + " " + a + " main\n", strings.ToUpper(a) + " " + a + " refs/heads/x\n"} {
		if _, err := ParseUpdates(strings.NewReader(bad)); err == nil {
			t.Errorf("ParseUpdates(%q) accepted it", bad)
		}
	}
}

// TestPublishQueuesAndSkips runs two publishes at once: one builds, the
// other waits and finds the output already holds the same state. A new tag
// makes the next one build again.
func TestPublishQueuesAndSkips(t *testing.T) {
	bare, clone := pushed(t, "main")
	out := filepath.Join(t.TempDir(), "out")
	opts := Options{Repo: bare, Out: out, CacheDir: t.TempDir()}
	results := make([]*Published, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = Publish(opts)
		}()
	}
	wg.Wait()
	built, skipped := 0, 0
	for i, p := range results {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if p.Branch != "main" || p.Commit != gittest.Run(t, bare, "rev-parse", "main") {
			t.Errorf("publish %d built %s at %s", i, p.Branch, p.Commit)
		}
		switch {
		case p.Skipped:
			skipped++
		case p.Result != nil && !p.Result.Failed():
			built++
		default:
			t.Errorf("publish %d: %+v", i, p)
		}
	}
	if built != 1 || skipped != 1 {
		t.Errorf("built %d, skipped %d; want one of each", built, skipped)
	}
	if _, err := os.Stat(filepath.Join(out, "dist/auth/1.0.0/auth.mjs")); err != nil {
		t.Error(err)
	}

	// A new release tag, on a commit off the branch: the next publish builds it.
	if err := os.WriteFile(filepath.Join(clone, "modules/auth/manage_tokens/README.md"), []byte("# Tokens\n\nChanged.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gittest.Run(t, clone, "commit", "-q", "-am", "Docs")
	gittest.Run(t, clone, "tag", "auth/v1.0.1")
	gittest.Run(t, clone, "push", "-q", bare, "auth/v1.0.1")
	p, err := Publish(opts)
	if err != nil || p.Skipped || p.Result == nil || p.Result.Failed() {
		t.Fatalf("publish after a new tag: %+v, %v", p, err)
	}
	if _, err := os.Stat(filepath.Join(out, "dist/auth/1.0.1/auth.mjs")); err != nil {
		t.Error(err)
	}
	// If the output disappears, the same state is built again.
	if err := os.RemoveAll(out); err != nil {
		t.Fatal(err)
	}
	if p, err := Publish(opts); err != nil || p.Skipped {
		t.Errorf("publish into a removed output: %+v, %v", p, err)
	}
	if _, err := os.Stat(filepath.Join(bare, StateDir, "published")); err != nil {
		t.Error(err)
	}
}

// TestPublishBranch builds main when HEAD names a branch nobody pushed, and
// nothing when there is no branch at all.
func TestPublishBranch(t *testing.T) {
	bare, _ := pushed(t, "master")
	out := filepath.Join(t.TempDir(), "out")
	p, err := Publish(Options{Repo: bare, Out: out, CacheDir: "-"})
	if err != nil || p.Branch != "main" || p.Result == nil || p.Result.Failed() {
		t.Fatalf("publish: %+v, %v", p, err)
	}

	gittest.Isolate(t)
	empty := filepath.Join(t.TempDir(), "e.git")
	gittest.Run(t, filepath.Dir(empty), "init", "-q", "--bare", empty)
	p, err = Publish(Options{Repo: empty, Out: out, CacheDir: "-"})
	if err != nil || p.Commit != "" || p.Result != nil {
		t.Errorf("publish of an empty repository: %+v, %v", p, err)
	}
	if _, err := Publish(Options{Repo: t.TempDir(), Out: out}); err == nil {
		t.Errorf("publish of a directory that is no repository succeeded")
	}
}

func TestInstallHooksPath(t *testing.T) {
	gittest.Isolate(t)
	tmp := t.TempDir()
	bare := filepath.Join(tmp, "r.git")
	gittest.Run(t, tmp, "init", "-q", "--bare", bare)
	gittest.Run(t, bare, "config", "core.hooksPath", "shared-hooks")
	written, err := Install(InstallOptions{Repo: bare, Out: filepath.Join(tmp, "out"), Exe: "/usr/local/bin/modc"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(bare, "shared-hooks", "pre-receive"), filepath.Join(bare, "shared-hooks", "post-receive")}
	if strings.Join(written, " ") != strings.Join(want, " ") {
		t.Errorf("written %v, want %v", written, want)
	}
	data, _ := os.ReadFile(want[0])
	if !strings.HasPrefix(string(data), "#!/bin/sh\n") || !strings.Contains(string(data), "exec '/usr/local/bin/modc' 'hook' 'pre-receive' '--repo' '"+bare+"'\n") {
		t.Errorf("pre-receive:\n%s", data)
	}
	if _, err := Install(InstallOptions{Repo: bare, Out: filepath.Join(tmp, "out"), Exe: "modc"}); err == nil {
		t.Error("a relative binary path was accepted")
	}
	if _, err := Install(InstallOptions{Repo: tmp, Out: filepath.Join(tmp, "out"), Exe: "/m"}); !errors.Is(err, ErrNotBare) {
		t.Errorf("install into a plain directory: %v", err)
	}
}

func TestShellQuote(t *testing.T) {
	dir := t.TempDir()
	odd := filepath.Join(dir, "it's a $dir `x`")
	if err := os.Mkdir(odd, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("sh", "-c", "cd "+shellQuote(odd)+" && pwd").Output()
	if err != nil || strings.TrimSpace(string(out)) != odd {
		t.Errorf("sh saw %q, %v; want %q", out, err, odd)
	}
}

func TestReleaseLike(t *testing.T) {
	for name, want := range map[string]bool{
		"auth/v1.0.0": true, "v1": true, "auth/1.2.3": true, "auth/V1": true,
		"auth/stable": false, "release-2024": false, "auth/": false,
	} {
		if got := releaseLike(name); got != want {
			t.Errorf("releaseLike(%q) = %v", name, got)
		}
	}
	for name, want := range map[string]bool{
		"auth/v1.0.0": true, "v1.0.0": true, "auth/v1.0": false, "auth/stable": false, "a/b/v1.0.0": true,
	} {
		if got := isRelease(name); got != want {
			t.Errorf("isRelease(%q) = %v", name, got)
		}
	}
}
