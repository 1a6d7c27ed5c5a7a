package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// addRunaways commits n modules to package auth of clone whose top level
// does not end: a backtracking regular expression, which the VM cannot
// interrupt (it ran for minutes before dry runs had hard limits). Each
// takes its whole dry-run budget (1 s by default).
func addRunaways(t *testing.T, clone string, n int) {
	t.Helper()
	for i := range n {
		dir := filepath.Join(clone, "modules", "auth", fmt.Sprintf("spin%d", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "module.json"), []byte(`{ "kind": "js" }`+"\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "main.js"), []byte("const slow = /^(a|aa)+(?=c)/.test('a'.repeat(40));\n\nexport default {\n  ok() {\n    return 1;\n  },\n};\n"), 0o644)
	}
	mustRun(t, clone, "git", "add", "-A")
	mustRun(t, clone, "git", "commit", "-q", "-m", "Spin")
}

// TestHooksEndWithinLimits is issue 12's item 2: a module that never ends
// neither hangs git push nor blocks later pushes. A release tag of it is
// rejected with a located error, and a pushed branch fails to publish
// with that error, leaving the publish lock free.
func TestHooksEndWithinLimits(t *testing.T) {
	_, out, clone := publishSetup(t)
	addRunaways(t, clone, 1)
	mustRun(t, clone, "git", "tag", "-a", "auth/v1.0.0", "-m", "auth v1.0.0")
	start := time.Now()
	code, msg := runCmd(t, clone, "git", "push", "origin", "main", "auth/v1.0.0")
	t.Logf("push took %v", time.Since(start))
	if code == 0 || !strings.Contains(msg, "remote: modules/auth/spin0/main.js:1:") ||
		!strings.Contains(msg, "error: dry run of auth/spin0: evaluating main.js did not finish within 1s") ||
		!strings.Contains(msg, "rejected tag auth/v1.0.0") {
		t.Errorf("push of a release tag of a module that never ends: status %d\n%s", code, msg)
	}
	code, msg = runCmd(t, clone, "git", "push", "origin", "main")
	if code != 0 || !strings.Contains(msg, "error: dry run of auth/spin0: evaluating main.js did not finish within 1s") ||
		!strings.Contains(msg, "failed (1 error); "+out+" left as it was") {
		t.Errorf("push of a branch with a module that never ends: status %d\n%s", code, msg)
	}
}

// TestHookTimeout: a hook that cannot finish in its --timeout says so and
// exits, which frees the publish lock: the next push publishes. The
// pre-receive hook leaves nothing of the pushed tree in the temporary
// directory.
func TestHookTimeout(t *testing.T) {
	bare, out, clone := publishSetup(t)
	const timeout = 3 * time.Second
	msg := mustRun(t, clone, modcBinary(t), "hook", "install", "--repo", bare, "--out", out, "--timeout", timeout.String())
	if !strings.Contains(msg, "Installed ") {
		t.Fatalf("install: %s", msg)
	}
	// Enough modules that never end, on every core, to take four budgets.
	addRunaways(t, clone, 4*runtime.NumCPU())

	mustRun(t, clone, "git", "tag", "-a", "auth/v1.0.0", "-m", "auth v1.0.0")
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // the hook's, through git
	start := time.Now()
	code, msg := runCmd(t, clone, "git", "push", "origin", "auth/v1.0.0")
	took := time.Since(start)
	if code == 0 || !strings.Contains(msg, "remote: modc: the check of the pushed tags did not finish within 3s, so the push is refused") {
		t.Errorf("pre-receive past its time: status %d after %v\n%s", code, took, msg)
	}
	// The pushed tree it was checking is not left behind.
	if left, err := os.ReadDir(tmp); err != nil || len(left) > 0 {
		var names []string
		for _, e := range left {
			names = append(names, e.Name())
		}
		t.Errorf("the timed-out pre-receive left %v in its temporary directory (%v)", names, err)
	}
	// The bound leaves room for a busy machine: git's own work and the
	// hook's start come on top of the timeout.
	if took > timeout+6*time.Second {
		t.Errorf("the refused push took %v", took)
	}

	start = time.Now()
	code, msg = runCmd(t, clone, "git", "push", "origin", "main")
	took = time.Since(start)
	if code != 0 || !strings.Contains(msg, "remote: modc: publish did not finish within 3s and was stopped; "+out+" left as it was") {
		t.Errorf("post-receive past its time: status %d after %v\n%s", code, took, msg)
	}
	if took > timeout+6*time.Second {
		t.Errorf("the push took %v", took)
	}

	// The lock is free: the fixed branch publishes.
	mustRun(t, clone, "git", "rm", "-q", "-r", "modules/auth/spin*")
	mustRun(t, clone, "git", "commit", "-q", "-m", "No spin")
	code, msg = runCmd(t, clone, "git", "push", "origin", "main")
	if code != 0 || !strings.Contains(msg, "remote: modc: published main at ") || strings.Contains(msg, "after waiting") {
		t.Errorf("push after a timed-out publish: status %d\n%s", code, msg)
	}
	if _, err := os.Stat(filepath.Join(out, "dist/auth")); err != nil {
		t.Errorf("not published: %v", err)
	}
}
