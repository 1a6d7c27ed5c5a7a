// Package gittest runs git in tests away from the machine's configuration
// and with a fixed identity, so that what a test commits and tags does not
// depend on who runs it or where.
package gittest

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Isolate points HOME and XDG_CONFIG_HOME at a new empty directory and
// turns off git's system configuration, so that neither git nor go-git
// reads the machine's configuration or ignore rules; gives commits and
// tags the author and committer Ada <ada@example.com> through the
// environment (EMAIL is emptied); and keeps git from prompting. It returns
// the new home directory. It skips the test when git is not installed. The
// environment is restored when the test ends (t.Setenv: the test cannot be
// parallel).
func Isolate(t testing.TB) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	home := t.TempDir()
	for k, v := range map[string]string{
		"HOME":                home,
		"XDG_CONFIG_HOME":     filepath.Join(home, ".config"),
		"GIT_CONFIG_NOSYSTEM": "1",
		"GIT_AUTHOR_NAME":     "Ada",
		"GIT_AUTHOR_EMAIL":    "ada@example.com",
		"GIT_COMMITTER_NAME":  "Ada",
		"GIT_COMMITTER_EMAIL": "ada@example.com",
		"EMAIL":               "",
		"GIT_TERMINAL_PROMPT": "0",
	} {
		t.Setenv(k, v)
	}
	return home
}

// Run runs git with args in dir and returns its output (standard output
// and error), trimmed. The test fails when git does.
func Run(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}
