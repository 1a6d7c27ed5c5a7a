package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/modc-dev/modc/internal/golden"
)

// copyWorkspace copies testdata/NAME into a new directory and returns it.
func copyWorkspace(t *testing.T, name string) string {
	t.Helper()
	ws := filepath.Join(t.TempDir(), name)
	if err := os.CopyFS(ws, os.DirFS(filepath.Join("testdata", name))); err != nil {
		t.Fatal(err)
	}
	return ws
}

// durations matches the run times of summary lines, which differ run to run.
var durations = regexp.MustCompile(` in [0-9.]+[µmn]?s\b`)

// TestSubdirectoryAsRoot: modc run in a subdirectory of a workspace finds
// the workspace up from there, and prints the same bytes as at its root.
func TestSubdirectoryAsRoot(t *testing.T) {
	ws, good := copyWorkspace(t, "broken"), copyWorkspace(t, "good")
	for _, args := range [][]string{{"check"}, {"check", "--json"}, {"build"}, {"versions", "--json"}} {
		var outs [2]string
		for i, dir := range []string{ws, filepath.Join(ws, "modules/shop/cart")} {
			t.Chdir(dir)
			code, stdout, stderr := modc(t, false, args...)
			outs[i] = strings.Join([]string{stdout, durations.ReplaceAllString(stderr, " in T"), string(rune('0' + code))}, "\x00")
		}
		if outs[0] != outs[1] {
			t.Errorf("modc %s in modules/shop/cart differs from at the root:\n%s\nat the root:\n%s", strings.Join(args, " "), outs[1], outs[0])
		}
		if len(args) == 1 && args[0] == "check" && !strings.Contains(outs[0], "modules/shop/cart/module.json:3:3") {
			t.Errorf("modc %s: no workspace-relative path in:\n%s", strings.Join(args, " "), outs[0])
		}
	}

	// A build from inside modules/ writes the workspace's out/, not one
	// of its own (nor a package named out).
	ws = good
	sub := filepath.Join(ws, "modules/shop")
	t.Chdir(sub)
	code, _, stderr := modc(t, false, "build")
	wantCode(t, []string{"build"}, code, 0, stderr)
	if !strings.Contains(stderr, " → out ") {
		t.Errorf("build should name out as at the root, got:\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(ws, "out/index.html")); err != nil {
		t.Errorf("build from modules/shop did not write the workspace's out/: %v", err)
	}
	if _, err := os.Stat(filepath.Join(sub, "out")); err == nil {
		t.Errorf("build from modules/shop wrote modules/shop/out")
	}
	// new finds the root too.
	code, _, stderr = modc(t, false, "new", "package", "billing")
	wantCode(t, []string{"new", "package", "billing"}, code, 0, stderr)
	if _, err := os.Stat(filepath.Join(ws, "modules/billing/modc-package.json")); err != nil {
		t.Errorf("new package from modules/shop: %v", err)
	}
}

// TestNoWorkspace: outside any workspace every command that reads one
// fails with exit status 1 and says how to make one
// (testdata/no-workspace.golden); none reports "0 packages".
func TestNoWorkspace(t *testing.T) {
	want, err := filepath.Abs("testdata/no-workspace.golden")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "a/b"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(dir, "a"))
	var got strings.Builder
	for _, args := range [][]string{
		{"check"},
		{"check", "--json"},
		{"build"},
		{"versions"},
		{"release", "shop", "patch"},
		{"devserver"},
		{"new", "package", "billing"},
		{"check", "--root", "b"},
	} {
		code, stdout, stderr := modc(t, false, args...)
		if code != 1 || stdout != "" {
			t.Errorf("modc %s: status %d, stdout %q, want 1 and nothing", strings.Join(args, " "), code, stdout)
		}
		got.WriteString("$ modc " + strings.Join(args, " ") + "\n" + strings.ReplaceAll(stderr, dir, "$DIR"))
	}
	golden.Check(t, want, got.String())
	if _, err := os.Stat(filepath.Join(dir, "a/modules")); err == nil {
		t.Error("new package outside a workspace made modules/")
	}
}

// TestRootWithoutConfig: a directory given as --root that has modules/ is
// a workspace even without modc.json; found up from the current
// directory, it is not.
func TestRootWithoutConfig(t *testing.T) {
	ws := copyWorkspace(t, "good")
	if err := os.Remove(filepath.Join(ws, "modc.json")); err != nil {
		t.Fatal(err)
	}
	args := []string{"check", "--root", ws}
	code, _, stderr := modc(t, false, args...)
	wantCode(t, args, code, 0, stderr)
	t.Chdir(ws)
	if code, _, stderr := modc(t, false, "check"); code != 1 || !strings.Contains(stderr, "no modc.json in") {
		t.Errorf("check without modc.json nor --root: status %d\n%s", code, stderr)
	}
}
