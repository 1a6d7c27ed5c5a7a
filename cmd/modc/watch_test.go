package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBuildWatchCommand runs `modc build --watch` (the real binary) on a
// copy of the example workspace: it builds out/npm/<package>/current/,
// prints one line per rebuild after a save, and exits 0 on Ctrl-C.
func TestBuildWatchCommand(t *testing.T) {
	bin := modcBinary(t)
	root := t.TempDir()
	for _, p := range []string{"modules", "content", "apps"} {
		if err := os.CopyFS(filepath.Join(root, p), os.DirFS(filepath.Join("../..", p))); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin, "build", "--watch", "--root", root)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string, 100)
	go func() {
		s := bufio.NewScanner(stderr)
		for s.Scan() {
			lines <- s.Text()
		}
		close(lines)
	}()
	waitLine := func(prefix string) string {
		t.Helper()
		timeout := time.After(30 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("modc exited before printing %q", prefix)
				}
				if strings.HasPrefix(l, prefix) {
					return l
				}
			case <-timeout:
				t.Fatalf("no line %q within 30 s", prefix)
			}
		}
	}
	waitLine("Built in ")
	waitLine("Watching ")
	current := filepath.Join(root, "out", "npm", "format", "current", "format.mjs")
	before, err := os.ReadFile(current)
	if err != nil {
		t.Fatal(err)
	}
	main := filepath.Join(root, "modules/format/dates/main.js")
	src, _ := os.ReadFile(main)
	os.WriteFile(main, []byte(strings.Replace(string(src), "export default {", "export default {\n  /** Added while watching. */\n  addedWhileWatching() { return 1; },", 1)), 0o644)
	if l := waitLine("Rebuilt in "); !strings.Contains(l, "files written") {
		t.Errorf("rebuild line %q", l)
	}
	after, _ := os.ReadFile(current)
	if string(after) == string(before) || !strings.Contains(string(after), "addedWhileWatching") {
		t.Errorf("out/npm/format/current/format.mjs was not rebuilt:\n%.300s", after)
	}
	cmd.Process.Signal(syscall.SIGINT)
	go func() {
		for range lines {
		}
	}()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("modc build --watch did not exit 0 on SIGINT: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("modc build --watch did not stop on SIGINT")
	}
}

// TestWatchAndCORSUsage: wrong uses of the new flags are usage errors.
func TestWatchAndCORSUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"build", "--watch", "--ref", "HEAD"}, "cannot be used with --ref"},
		{[]string{"devserver", "--cors-origin", "localhost:5173"}, `--cors-origin: "localhost:5173" is not an origin`},
	} {
		var out, errb strings.Builder
		if code := run(c.args, &out, &errb); code != exitUsage || !strings.Contains(errb.String(), c.want) {
			t.Errorf("modc %s: exit %d, stderr:\n%s", strings.Join(c.args, " "), code, errb.String())
		}
	}
}
