package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReleaseCommand(t *testing.T) {
	isolateGit(t)
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "modules", "auth"), os.DirFS("../../modules/auth")); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, "git", "init", "-q", "-b", "main")
	mustRun(t, dir, "git", "add", "-A")
	mustRun(t, dir, "git", "commit", "-q", "-m", "First version")

	code, stdout, stderr := modc(t, false, "release", "auth", "1.0.0-rc.1", "--root", dir, "-m", "Release candidate")
	wantCode(t, []string{"release"}, code, 0, stderr)
	head := mustRun(t, dir, "git", "rev-parse", "HEAD")
	want := "Tagged auth/v1.0.0-rc.1 at commit " + head[:12] + ":\n\n    Release candidate\n\n    Changes:\n\n    - First version\n\nPublish it with: git push origin auth/v1.0.0-rc.1\n"
	if stdout != want || stderr != "" {
		t.Errorf("stdout:\n%s\nwant:\n%s\nstderr:\n%s", stdout, want, stderr)
	}
	if typ := mustRun(t, dir, "git", "cat-file", "-t", "auth/v1.0.0-rc.1"); typ != "tag" {
		t.Errorf("the tag is a %s, not annotated", typ)
	}

	// Refused: paths are shown from the current directory, exit status 1.
	if err := os.WriteFile(filepath.Join(dir, "modules/auth/new.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = modc(t, false, "release", "auth", "patch", "--root", dir)
	if code != 1 || stdout != "" || !strings.Contains(stderr, filepath.Join(dir, "modules/auth")+": error: modules/auth has changes that are not committed") ||
		!strings.HasSuffix(stderr, "modc: release of auth refused (1 error); nothing tagged\n") {
		t.Errorf("dirty package: status %d\nstdout %q\nstderr:\n%s", code, stdout, stderr)
	}

	// Wrong usage: exit status 2.
	for _, args := range [][]string{
		{"release", "auth", "pach", "--root", dir},
		{"release", "auth", "1.2", "--root", dir},
		{"release", "auth"},
	} {
		code, _, stderr := modc(t, false, args...)
		if code != 2 || !strings.Contains(stderr, "--help' for usage.") {
			t.Errorf("modc %s: status %d\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	if _, _, stderr := modc(t, false, "release", "auth", "pach", "--root", dir); !strings.Contains(stderr, "did you mean patch?") {
		t.Errorf("no suggestion:\n%s", stderr)
	}
}
