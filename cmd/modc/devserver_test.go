package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// TestDevserverCommand runs the real binary on a copy of the example
// workspace: it serves the docs with the live-reload script and the
// bundles, rebuilds on a save, refuses a busy port, and stops cleanly on
// an interrupt.
func TestDevserverCommand(t *testing.T) {
	bin := modcBinary(t)
	root := t.TempDir()
	for _, p := range []string{"modules", "content", "apps"} {
		if err := os.CopyFS(filepath.Join(root, p), os.DirFS(filepath.Join("../..", p))); err != nil {
			t.Fatal(err)
		}
	}
	port := strconv.Itoa(freePort(t))
	// Every wait below ends: the devserver is killed after two minutes,
	// which ends the read of its log too.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "devserver", "--root", root, "--port", port, "--mock")
	cmd.WaitDelay = 5 * time.Second
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(stderr)
	var log []string
	for lines.Scan() {
		log = append(log, lines.Text())
		if strings.Contains(lines.Text(), "serving http://127.0.0.1:"+port) {
			break
		}
	}
	go io.Copy(io.Discard, stderr)
	base := "http://127.0.0.1:" + port
	client := &http.Client{Timeout: 30 * time.Second}
	get := func(path string) (int, string) {
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatalf("GET %s: %v (log: %q)", path, err, log)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	code, home := get("/packages/auth/manage_tokens/")
	if code != 200 || !strings.Contains(home, "getAccessToken") || !strings.Contains(home, "livereload") {
		t.Fatalf("module page: %d\n%.300s", code, home)
	}
	if code, app := get("/apps/portal/manifest.json"); code != 200 || !strings.Contains(app, `"mock":true`) {
		t.Errorf("--mock app manifest: %d %.200s", code, app)
	}

	// A save is rebuilt and served.
	main := filepath.Join(root, "modules/format/dates/main.js")
	src, _ := os.ReadFile(main)
	os.WriteFile(main, []byte(strings.Replace(string(src), "export default {", "export default {\n  /** Added while serving. */\n  addedWhileServing() { return 1; },", 1)), 0o644)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, page := get("/packages/format/dates/"); strings.Contains(page, "addedWhileServing") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the save was not rebuilt")
		}
		time.Sleep(50 * time.Millisecond)
	}

	// A second devserver on the same port says so.
	second := exec.CommandContext(ctx, bin, "devserver", "--root", root, "--port", port)
	second.WaitDelay = 5 * time.Second
	out, err := second.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "already in use") {
		t.Errorf("busy port: %v\n%s", err, out)
	}

	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("devserver did not stop cleanly: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("devserver did not stop on SIGINT")
	}
}

// TestDevserverStopsAtOnce: SIGINT or SIGTERM stops the devserver at once,
// even in the middle of a build whose modules spend their whole dry-run
// budget (a minute here) in a call the VM cannot interrupt. The bound is
// loose on purpose (10 s, a sixth of the budget): the test tells a stop
// that ends the evaluations from one that waits for them, not how fast.
func TestDevserverStopsAtOnce(t *testing.T) {
	bin := modcBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			root := t.TempDir()
			for i := range 4 * runtime.NumCPU() {
				dir := filepath.Join(root, "modules", "slow", fmt.Sprintf("m%d", i))
				os.MkdirAll(dir, 0o755)
				os.WriteFile(filepath.Join(dir, "module.json"), []byte(`{ "kind": "js" }`), 0o644)
				os.WriteFile(filepath.Join(dir, "main.js"), []byte("const slow = /^(a|aa)+(?=c)/.test('a'.repeat(60));\nexport default { slow };\n"), 0o644)
			}
			// Each top level backtracks for far longer than its time
			// budget, a minute: a devserver that waited for the evaluations
			// under way would take that long to stop.
			cmd := exec.Command(bin, "devserver", "--root", root, "--port", strconv.Itoa(freePort(t)), "--dry-run-timeout", "1m")
			var log strings.Builder
			cmd.Stderr = &log
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			time.Sleep(700 * time.Millisecond) // the first build is dry-running
			cmd.Process.Signal(sig)
			start := time.Now()
			select {
			case err := <-done:
				// Far under the minute the evaluations would take, and
				// far over what a loaded machine adds to a prompt stop.
				if took := time.Since(start); took > 10*time.Second {
					t.Errorf("stopped %v after %v: it waited for the dry runs", took, sig)
				}
				if err != nil {
					t.Errorf("devserver did not stop cleanly: %v\n%s", err, log.String())
				}
			case <-time.After(30 * time.Second):
				t.Fatalf("devserver did not stop within 30 s of %v", sig)
			}
		})
	}
}
