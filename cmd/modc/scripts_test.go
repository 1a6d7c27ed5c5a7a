package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestBuildJSON: build --json prints the result on stdout — the output
// directory, its files, the versions built, timings and the messages in
// check --json's form — and nothing on stderr.
func TestBuildJSON(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	args := []string{"build", "--json", "--root", "testdata/good", "--out", out}
	code, stdout, stderr := modc(t, true, args...)
	wantCode(t, args, code, 0, stderr)
	if stderr != "" {
		t.Errorf("build --json wrote to stderr: %q", stderr)
	}
	var res struct {
		OK       bool
		Out      string
		Files    []string
		Packages []struct{ Package, Version string }
		Versions []struct{ Package, Version, Dir, Npm string }
		Stats    struct {
			Modules int
			Phases  []struct {
				Name       string
				DurationMS *float64
			}
		}
		Errors   []json.RawMessage
		Warnings []json.RawMessage
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, stdout)
	}
	if !res.OK || res.Out != out || res.Errors == nil || len(res.Errors) != 0 || res.Warnings == nil || res.Stats.Modules != 1 {
		t.Errorf("result: %+v", res)
	}
	if len(res.Packages) != 1 || res.Packages[0].Package != "shop" || len(res.Versions) == 0 {
		t.Fatalf("packages %+v, versions %+v", res.Packages, res.Versions)
	}
	v := res.Versions[0]
	files := strings.Join(res.Files, "\n") + "\n"
	for _, want := range []string{v.Dir + "/shop.js\n", v.Dir + "/shop.mjs\n", v.Npm + "package.json\n", "index.html\n"} {
		if v.Package != "shop" || !strings.Contains(files, want) {
			t.Errorf("files lack %q (version %+v):\n%s", want, v, files)
		}
	}
	if strings.Contains(files, ".modc-output") {
		t.Error("files list the output's marker")
	}
	phases := map[string]bool{}
	for _, p := range res.Stats.Phases {
		phases[p.Name] = p.DurationMS != nil
	}
	for _, want := range []string{"load", "dry runs", "bundle", "docs and write"} {
		if !phases[want] {
			t.Errorf("no timing of %q in %+v", want, res.Stats.Phases)
		}
	}

	args = []string{"build", "--json", "--root", "testdata/broken"}
	code, stdout, stderr = modc(t, false, args...)
	wantCode(t, args, code, 1, stderr)
	res.Errors, res.Files = nil, nil
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || res.OK || len(res.Errors) != 3 || res.Out != "" || len(res.Files) != 0 {
		t.Errorf("broken build --json (%v): %s", err, stdout)
	}
	if !strings.Contains(stdout, `"file": "testdata/broken/modules/shop/cart/module.json"`) {
		t.Errorf("messages are not located as check --json locates them:\n%s", stdout)
	}
}

// TestQuietAndVerbose: --quiet prints nothing on success and only errors
// on failure; --verbose adds the workspace and the stages; both at once
// is wrong usage.
func TestQuietAndVerbose(t *testing.T) {
	for _, args := range [][]string{
		{"-q", "build", "--root", "testdata/good", "--out", filepath.Join(t.TempDir(), "out")},
		{"check", "--quiet", "--root", "testdata/good"},
		{"-q", "new", "package", "billing", "--root", copyWorkspace(t, "good")},
		{"-q", "init", filepath.Join(t.TempDir(), "ws")},
	} {
		code, stdout, stderr := modc(t, true, args...)
		if code != 0 || stdout != "" || stderr != "" {
			t.Errorf("modc %s: status %d, stdout %q, stderr %q; want 0 and nothing", strings.Join(args, " "), code, stdout, stderr)
		}
	}
	code, _, stderr := modc(t, false, "-q", "check", "--root", "testdata/broken")
	if code != 1 || strings.Count(stderr, ": error: ") != 3 || strings.Contains(stderr, "modc: check failed") {
		t.Errorf("quiet failed check: status %d, want the 3 errors and no summary:\n%s", code, stderr)
	}
	abs, _ := filepath.Abs("testdata/good")
	code, _, stderr = modc(t, false, "check", "-v", "--root", "testdata/good")
	if code != 0 || !strings.HasPrefix(stderr, "modc: workspace "+abs+"\n") || !regexp.MustCompile(`(?m)^  dry runs +\S+$`).MatchString(stderr) {
		t.Errorf("verbose check: status %d\n%s", code, stderr)
	}
	code, _, stderr = modc(t, false, "-q", "-v", "check", "--root", "testdata/good")
	if code != 2 || !strings.Contains(stderr, "--quiet and --verbose") {
		t.Errorf("-q -v: status %d %q", code, stderr)
	}
}

// TestProgress: on a terminal a build draws its stages on one line of
// stderr, redrawn in place and cleared before the summary; off a terminal
// (or with --json, or --quiet) it draws nothing.
func TestProgress(t *testing.T) {
	run := func(terminal bool, args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		c := newCLI(&stdout, &stderr, terminal, func(string) string { return "" })
		c.progressDelay = 0 // draw from the start; testdata/good builds in well under the real delay
		args = append(args, "--root", "testdata/good")
		if args[len(args)-3] != "check" {
			args = append(args, "--out", filepath.Join(t.TempDir(), "out"))
		}
		if code := c.execute(args); code != 0 {
			t.Fatalf("modc %s: status %d\n%s", strings.Join(args, " "), code, stderr.String())
		}
		return stderr.String()
	}
	got := run(true, "build")
	for _, want := range []string{"\r\x1b[Kmodc: building ", " · load ", " · bundle ", " · dry runs of 1 module ", "\r\x1b[Kmodc: built 1 package"} {
		if !strings.Contains(got, want) {
			t.Errorf("terminal build: no %q in %q", want, got)
		}
	}
	if strings.Count(got, "\n") != 1 {
		t.Errorf("the progress line is not redrawn in place: %q", got)
	}
	if got := run(true, "check"); !strings.Contains(got, "\r\x1b[Kmodc: checking ") {
		t.Errorf("terminal check: no progress in %q", got)
	}
	for _, args := range [][]string{{"build"}, {"-q", "build"}, {"build", "--json"}} {
		if got := run(false, args...); strings.Contains(got, "\r") || strings.Contains(got, "building") {
			t.Errorf("modc %s off a terminal drew progress: %q", strings.Join(args, " "), got)
		}
	}
	for _, args := range [][]string{{"-q", "build"}, {"build", "--json"}} {
		if got := run(true, args...); strings.Contains(got, "\r") {
			t.Errorf("modc %s on a terminal drew progress: %q", strings.Join(args, " "), got)
		}
	}
}

// TestCompletion: modc completion writes each shell's script, and the
// script's completions include the workspace's package names.
func TestCompletion(t *testing.T) {
	for shell, want := range map[string]string{"bash": "__start_modc", "zsh": "#compdef modc", "fish": "complete -c modc", "powershell": "Register-ArgumentCompleter"} {
		code, stdout, stderr := modc(t, false, "completion", shell)
		if code != 0 || !strings.Contains(stdout, want) || stderr != "" {
			t.Errorf("completion %s: status %d, %q in stdout: %v, stderr %q", shell, code, want, strings.Contains(stdout, want), stderr)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"__complete", "release", "--root", "testdata/good", ""}, "shop\n:4\n"},
		{[]string{"__complete", "release", "--root", "testdata/good", "shop", ""}, "patch\nminor\nmajor\n:4\n"},
		{[]string{"__complete", "new", "module", "--root", "testdata/good", ""}, "shop/\n:6\n"},
	} {
		code, stdout, _ := modc(t, false, tc.args...)
		if code != 0 || stdout != tc.want {
			t.Errorf("modc %s: status %d, stdout %q, want %q", strings.Join(tc.args, " "), code, stdout, tc.want)
		}
	}
}

// TestVersionFlag: modc --version prints what modc version prints.
func TestVersionFlag(t *testing.T) {
	_, want, _ := modc(t, false, "version")
	code, stdout, _ := modc(t, false, "--version")
	if code != 0 || stdout != want || !regexp.MustCompile(`^modc \S+( commit \S+)? go\S+ \w+/\w+\n$`).MatchString(stdout) {
		t.Errorf("--version: %d %q, version: %q", code, stdout, want)
	}
}

// TestEveryCommandHasExample: --help shows examples for every command.
func TestEveryCommandHasExample(t *testing.T) {
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		if cmd.Example == "" {
			t.Errorf("%s has no Example", cmd.CommandPath())
		}
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk((&cli{}).rootCommand())
}
