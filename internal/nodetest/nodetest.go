// Package nodetest runs JavaScript in node from tests: the browser
// runtime, the bundles modc builds, the tools of npm packages (tsc).
// Tests need a real node: .ci/run installs it.
package nodetest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Path returns the path of node. The test fails when node is not
// installed.
func Path(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is required for this test (apt-get install nodejs): ", err)
	}
	return p
}

// SkipIfMissing skips the test when node is not installed, except on CI
// (the CI variable set), where .ci/run installs node and the test fails
// instead.
func SkipIfMissing(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("node"); err == nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal("node is not installed; on CI, .ci/run installs it")
	}
	t.Skip("node is not installed (apt-get install nodejs)")
}

// limit bounds a node run: code under test that never lets node exit
// (an interval left running, a loop) fails its test then, instead of
// holding the package to go test's timeout.
const limit = 2 * time.Minute

// Command returns the command that runs node with args in dir (the
// current directory when ""), with env added to the test's environment,
// for a caller that reads node's output and exit status itself, such as
// tsc's type errors. The test fails when node is not installed. Node is
// killed after two minutes, or when the test ends.
func Command(t testing.TB, dir string, env []string, args ...string) *exec.Cmd {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, Path(t), args...)
	cmd.WaitDelay = 5 * time.Second
	cmd.Dir = dir
	if len(env) > 0 {
		cmd.Env = append(os.Environ(), env...)
	}
	return cmd
}

// Run runs node with args in dir (the current directory when ""), with
// env added to the environment, and returns what it wrote to standard
// output. The test fails, showing both outputs, when node exits with an
// error or writes anything to standard error: an uncaught error, a
// warning, a console.error or console.warn of the code under test.
func Run(t testing.TB, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := Command(t, dir, env, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil || stderr.Len() > 0 {
		if err == nil {
			err = errStderr
		}
		t.Fatalf("node %s: %v\nstdout:\n%s\nstderr:\n%s", show(args), err, stdout.Bytes(), stderr.Bytes())
	}
	return stdout.String()
}

// Test runs node's test runner on file in dir (node --test
// --test-reporter=spec file), with env added to the environment, and logs
// its report. The test fails when a test of file does, with the report.
func Test(t testing.TB, dir string, env []string, file string) {
	t.Helper()
	out, err := Command(t, dir, env, "--test", "--test-reporter=spec", file).CombinedOutput()
	if err != nil {
		t.Fatalf("node --test %s failed: %v\n%s", file, err, out)
	}
	t.Logf("%s", out)
}

var errStderr = errors.New("wrote to standard error")

// show abbreviates a command line for a message: a script given with -e
// can be long.
func show(args []string) string {
	s := strings.Join(args, " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
