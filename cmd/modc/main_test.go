package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// modc runs the command line in process, as main does, with diagnostics as
// on a terminal when term is set.
func modc(t *testing.T, term bool, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	c := &cli{stdout: &out, stderr: &errb, frame: term, color: term}
	code = c.execute(args)
	return code, out.String(), errb.String()
}

func wantCode(t *testing.T, args []string, code, want int, stderr string) {
	t.Helper()
	if code != want {
		t.Fatalf("modc %s: exit status %d, want %d\nstderr:\n%s", strings.Join(args, " "), code, want, stderr)
	}
}

func TestCheckGoodWorkspace(t *testing.T) {
	args := []string{"check", "--root", "testdata/good"}
	code, stdout, stderr := modc(t, false, args...)
	wantCode(t, args, code, 0, stderr)
	if stdout != "" {
		t.Errorf("stdout = %q, want nothing", stdout)
	}
	if !regexp.MustCompile(`^modc: checked 1 package, 1 module, 2 examples in \S+\n$`).MatchString(stderr) {
		t.Errorf("stderr = %q, want one summary line", stderr)
	}
}

// brokenErrors are the errors testdata/broken has, as printed from the
// package directory.
var brokenErrors = []string{
	"testdata/broken/modules/shop/cart/main.js:3:23: error: ",
	"testdata/broken/modules/shop/cart/module.json:3:3: error: unknown field \"descripton\" in module.json",
	"testdata/broken/modules/shop/prices/module.json:4:1: error: invalid JSON",
}

func TestCheckBrokenWorkspacePlain(t *testing.T) {
	args := []string{"check", "--root", "testdata/broken"}
	code, stdout, stderr := modc(t, false, args...)
	wantCode(t, args, code, 1, stderr)
	if stdout != "" {
		t.Errorf("stdout = %q, want nothing", stdout)
	}
	lines := strings.Split(stderr, "\n")
	for _, want := range brokenErrors {
		found := false
		for _, l := range lines {
			found = found || strings.HasPrefix(l, want)
		}
		if !found {
			t.Errorf("no line starting %q in:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "\x1b[") || strings.Contains(stderr, " | ") {
		t.Errorf("plain output has colour or a code frame:\n%s", stderr)
	}
	if !strings.Contains(stderr, `hint: did you mean "description"?`) {
		t.Errorf("the hint is missing:\n%s", stderr)
	}
	if !strings.HasSuffix(stderr, "\n") || !strings.Contains(lines[len(lines)-2], "check failed with 3 errors") {
		t.Errorf("last line should count the errors:\n%s", stderr)
	}
}

func TestCheckBrokenWorkspaceOnATerminal(t *testing.T) {
	code, _, stderr := modc(t, true, "check", "--root", "testdata/broken")
	if code != 1 {
		t.Fatalf("exit status %d, want 1", code)
	}
	// The code frame: the line, then a caret under column 3 spanning "descripton" with its quotes.
	frame := "    3\x1b[0m |   \"descripton\": \"A shopping cart\"\n      | \x1b[32m  ^" + strings.Repeat("~", 11) + "\x1b[0m\n"
	if !strings.Contains(stderr, frame) {
		t.Errorf("no code frame %q in:\n%s", frame, stderr)
	}
	if !strings.Contains(stderr, "\x1b[31;1merror:\x1b[0m") {
		t.Errorf("errors are not red:\n%q", stderr)
	}
}

func TestCheckJSON(t *testing.T) {
	type doc struct {
		Errors []struct {
			Severity string
			Text     string
			Location struct {
				File         string
				Line, Column int
			}
		}
		Warnings []json.RawMessage
	}
	args := []string{"check", "--json", "--root", "testdata/broken"}
	code, stdout, stderr := modc(t, true, args...)
	wantCode(t, args, code, 1, stderr)
	if stderr != "" {
		t.Errorf("--json wrote to stderr: %q", stderr)
	}
	var d doc
	if err := json.Unmarshal([]byte(stdout), &d); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, stdout)
	}
	if len(d.Errors) != 3 || d.Warnings == nil {
		t.Fatalf("want 3 errors and a warnings array, got %+v", d)
	}
	e := d.Errors[1].Location
	if e.File != "testdata/broken/modules/shop/cart/module.json" || e.Line != 3 || e.Column != 3 || d.Errors[1].Severity != "error" {
		t.Errorf("second error at %+v, want testdata/broken/modules/shop/cart/module.json:3:3", e)
	}

	args = []string{"check", "--json", "--root", "testdata/good"}
	code, stdout, stderr = modc(t, false, args...)
	wantCode(t, args, code, 0, stderr)
	d = doc{}
	if err := json.Unmarshal([]byte(stdout), &d); err != nil || d.Errors == nil || len(d.Errors) != 0 {
		t.Errorf("good workspace --json = %s (%v), want empty errors array", stdout, err)
	}
}

func TestPathsRelativeToWorkingDirectory(t *testing.T) {
	t.Chdir("testdata/broken")
	code, stdout, _ := modc(t, false, "check", "--json")
	if code != 1 || !strings.Contains(stdout, `"file": "modules/shop/cart/module.json"`) {
		t.Errorf("from the workspace root, paths should be workspace-relative; got %d\n%s", code, stdout)
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"chek"},
		{"check", "--bogus"},
		{"check", "extra-argument"},
		{"check", "--root", "testdata/does-not-exist"},
		{"check", "--root", "main.go"},
		{"check", "--dry-run-timeout", "soon"},
		{"check", "--dry-run-timeout", "0s"},
		{"devserver", "--root", "testdata/good", "--dry-run-timeout", "-1s"},
		{"build", "--no-minify=maybe"},
		{"init", "a", "b"},
		{"new"},
		{"new", "widget", "x"},
		{"new", "package"},
		{"new", "package", "Bad-Name"},
		{"new", "module", "no_slash"},
		{"new", "module", "shop/x", "--kind", "sql", "--root", "testdata/good"},
		{"release", "auth"},
		{"version", "now"},
	} {
		code, stdout, stderr := modc(t, false, args...)
		if code != 2 {
			t.Errorf("modc %s: exit status %d, want 2\n%s", strings.Join(args, " "), code, stderr)
			continue
		}
		if !strings.HasPrefix(stderr, "modc: ") || !strings.Contains(stderr, "--help' for usage.") {
			t.Errorf("modc %s: stderr = %q, want an error and a pointer to --help", strings.Join(args, " "), stderr)
		}
		if stdout != "" {
			t.Errorf("modc %s: usage error wrote to stdout: %q", strings.Join(args, " "), stdout)
		}
	}
}

func TestHelpOnEveryCommand(t *testing.T) {
	var paths [][]string
	var walk func(cmd *cobra.Command, path []string)
	walk = func(cmd *cobra.Command, path []string) {
		paths = append(paths, path)
		for _, sub := range cmd.Commands() {
			walk(sub, append(append([]string(nil), path...), sub.Name()))
		}
	}
	walk((&cli{}).rootCommand(), nil)
	if len(paths) < 12 {
		t.Fatalf("only %d commands found", len(paths))
	}
	for _, p := range paths {
		for _, flag := range []string{"--help", "-h"} {
			args := append(append([]string(nil), p...), flag)
			code, stdout, stderr := modc(t, false, args...)
			if code != 0 || !strings.Contains(stdout, "Usage:") || stderr != "" {
				t.Errorf("modc %s: status %d, stdout %q, stderr %q", strings.Join(args, " "), code, stdout, stderr)
			}
		}
	}
}

func TestBuildGoodAndBroken(t *testing.T) {
	args := []string{"build", "--root", "testdata/good", "--out", t.TempDir()}
	code, _, stderr := modc(t, false, args...)
	wantCode(t, args, code, 0, stderr)
	if n := strings.Count(stderr, "\n"); n != 1 || !regexp.MustCompile(`1 package, 1 module, 2 examples, \d+ pages?, 0 apps, 0 bindings, \d+ files? in `).MatchString(stderr) {
		t.Errorf("build should print one summary line, got:\n%s", stderr)
	}
	code, _, stderr = modc(t, false, "build", "--root", "testdata/broken")
	if code != 1 || !strings.Contains(stderr, brokenErrors[1]) || !strings.Contains(stderr, "build failed: 3 errors; nothing written") {
		t.Errorf("broken build: status %d\n%s", code, stderr)
	}
}

func TestInitThenNewThenCheck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	code, stdout, stderr := modc(t, false, "init", dir)
	wantCode(t, []string{"init"}, code, 0, stderr)
	if !strings.Contains(stdout, "modc check") {
		t.Errorf("init should say what to do next: %q", stdout)
	}
	if code, _, stderr := modc(t, false, "init", dir); code != 1 || !strings.Contains(stderr, "not empty") {
		t.Errorf("init into a non-empty directory: %d %q", code, stderr)
	}
	steps := [][]string{
		{"new", "package", "billing", "--root", dir},
		{"new", "module", "billing/invoices", "--root", dir},
		{"new", "module", "billing/list_invoices", "--kind", "query", "--root", dir},
		{"check", "--root", dir},
	}
	for _, args := range steps {
		code, _, stderr := modc(t, false, args...)
		wantCode(t, args, code, 0, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "modules/billing/list_invoices/module.json")); err != nil {
		t.Error(err)
	}
	if code, _, stderr := modc(t, false, "new", "module", "billing/invoices", "--root", dir); code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("new module over an existing one: %d %q", code, stderr)
	}
	if code, _, stderr := modc(t, false, "new", "module", "nothere/x", "--root", dir); code != 1 || !strings.Contains(stderr, "modc new package nothere") {
		t.Errorf("new module in a missing package: %d %q", code, stderr)
	}
}

func TestColourAndFrames(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, tc := range []struct {
		name         string
		terminal     bool
		getenv       func(string) string
		frame, color bool
	}{
		{"terminal", true, env("TERM", "xterm-256color"), true, true},
		{"terminal with NO_COLOR", true, env("NO_COLOR", "1"), true, false},
		{"dumb terminal", true, env("TERM", "dumb"), true, false},
		{"pipe", false, env(), false, false},
	} {
		c := newCLI(nil, nil, tc.terminal, tc.getenv)
		if c.frame != tc.frame || c.color != tc.color {
			t.Errorf("%s: frame %v color %v, want %v %v", tc.name, c.frame, c.color, tc.frame, tc.color)
		}
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if isTerminal(w) || isTerminal(&bytes.Buffer{}) {
		t.Error("a pipe or a buffer is not a terminal")
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := modc(t, false, "version")
	if code != 0 || !regexp.MustCompile(`^modc \S+( commit \S+)? go\S+ \w+/\w+\n$`).MatchString(stdout) {
		t.Errorf("version: %d %q", code, stdout)
	}
}

// TestBinary builds the real binary and checks the exit statuses a shell
// sees, and that output without a terminal is plain.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "modc")
	build := exec.Command("go", "build", "-ldflags", "-X main.version=v9.9.9-test -X main.commit=abc1234", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string // in stdout+stderr
	}{
		{[]string{"version"}, 0, "modc v9.9.9-test commit abc1234 go"},
		{[]string{"--version"}, 0, "modc v9.9.9-test commit abc1234 go"},
		{[]string{"check", "--root", "testdata/good"}, 0, "modc: checked 1 package"},
		{[]string{"check", "--root", "testdata/broken"}, 1, brokenErrors[1]},
		{[]string{"check", "--frobnicate"}, 2, "unknown flag: --frobnicate"},
		{[]string{"--help"}, 0, "Usage:"},
	} {
		cmd := exec.Command(bin, tc.args...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != tc.code || !strings.Contains(out.String(), tc.want) {
			t.Errorf("modc %s: status %d, want %d; output:\n%s", strings.Join(tc.args, " "), code, tc.code, out.String())
		}
		if strings.Contains(out.String(), "\x1b[") {
			t.Errorf("modc %s: colour without a terminal", strings.Join(tc.args, " "))
		}
	}
}

// TestBuildRefusesLinksOutside: a README linked to a file outside the
// workspace fails `modc build` (exit status 1) with the error at the link,
// and the file is written nowhere.
func TestBuildRefusesLinksOutside(t *testing.T) {
	base := t.TempDir()
	ws, out := filepath.Join(base, "ws"), filepath.Join(base, "out")
	if err := os.CopyFS(ws, os.DirFS("testdata/good")); err != nil {
		t.Fatal(err)
	}
	const secret = "SECRET-MARKER-cli"
	outside := filepath.Join(base, "secret.txt")
	if err := os.WriteFile(outside, []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(ws, "modules/shop/cart/README.md")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	args := []string{"build", "--root", ws, "--out", out}
	code, _, stderr := modc(t, false, args...)
	wantCode(t, args, code, 1, stderr)
	want := filepath.Join(ws, "modules/shop/cart/README.md") + ": error: symbolic link to " + outside + " leaves the workspace; modc reads no file outside it [link-outside-workspace]\n"
	if !strings.Contains(stderr, want) || !strings.Contains(stderr, "nothing written") || strings.Contains(stderr, secret) {
		t.Errorf("want\n%sgot:\n%s", want, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("the failed build wrote %s", out)
	}
}

// TestTimings: --timings prints each stage of the run after the summary,
// then what the collector cost.
func TestTimings(t *testing.T) {
	args := []string{"check", "--timings", "--root", "testdata/good"}
	code, _, stderr := modc(t, false, args...)
	wantCode(t, args, code, 0, stderr)
	for _, stage := range []string{"load", "analyse", "dry runs", "compile apps"} {
		if !regexp.MustCompile(`(?m)^  ` + stage + ` +\S+$`).MatchString(stderr) {
			t.Errorf("no line for the stage %q in:\n%s", stage, stderr)
		}
	}
	if !regexp.MustCompile(`(?m)^  collector +[\d,]+ collections, about \S+ of CPU( of the \S+ this process used)?$`).MatchString(stderr) {
		t.Errorf("no line for the collector in:\n%s", stderr)
	}
}

// TestBuildTimingsCountFiles: build --timings says how many files the
// build wrote and kept; a second build of the same workspace writes none.
func TestBuildTimingsCountFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	line := regexp.MustCompile(`(?m)^  output files +(\d+) written \([^)]*\), (\d+) unchanged, (\d+) linked, (\d+) removed$`)
	for i, want := range []func(written, unchanged string) bool{
		func(w, u string) bool { return w != "0" && u == "0" },
		func(w, u string) bool { return w == "0" && u != "0" },
	} {
		args := []string{"build", "--timings", "--root", "testdata/good", "--out", out}
		code, _, stderr := modc(t, false, args...)
		wantCode(t, args, code, 0, stderr)
		m := line.FindStringSubmatch(stderr)
		if m == nil || !want(m[1], m[2]) || m[4] != "0" {
			t.Errorf("build %d: want the files it wrote, got:\n%s", i+1, stderr)
		}
	}
}
