package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/modc-dev/modc/internal/gittest"
	"github.com/modc-dev/modc/site/publish"
)

var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// modcBinary builds the modc binary once per test run.
func modcBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	binOnce.Do(func() {
		if binDir, binErr = os.MkdirTemp("", "modc-bin-"); binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "modc")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// isolateGit is gittest.Isolate with modc's release cache in the new home
// directory, away from the machine's.
func isolateGit(t *testing.T) {
	t.Helper()
	t.Setenv("MODC_CACHE_DIR", filepath.Join(gittest.Isolate(t), "cache"))
}

// runCmd runs a command in dir and returns its exit status and combined output.
func runCmd(t *testing.T, dir string, name string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), string(out)
	}
	if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return 0, string(out)
}

func mustRun(t *testing.T, dir string, name string, args ...string) string {
	t.Helper()
	code, out := runCmd(t, dir, name, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit status %d\n%s", name, strings.Join(args, " "), code, out)
	}
	return strings.TrimSpace(out)
}

// replaceIn replaces old by new in a file of a clone.
func replaceIn(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(src, []byte(old)) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(p, bytes.Replace(src, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot hashes every file under dir, by relative path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = fmt.Sprintf("%x", sha256.Sum256(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameFiles(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

const authMainJS = "modules/auth/manage_tokens/main.js"

// publishSetup makes a bare repository with the hooks installed by the
// real binary, and a clone of it holding the example workspace's auth and
// format packages, committed but not pushed.
func publishSetup(t *testing.T) (bare, out, clone string) {
	t.Helper()
	bin := modcBinary(t)
	isolateGit(t)
	tmp := t.TempDir()
	bare, out, clone = filepath.Join(tmp, "modules.git"), filepath.Join(tmp, "www", "modules"), filepath.Join(tmp, "clone")
	mustRun(t, tmp, "git", "init", "-q", "--bare", "-b", "main", bare)
	msg := mustRun(t, tmp, bin, "hook", "install", "--repo", bare, "--out", out)
	if !strings.Contains(msg, "Installed "+filepath.Join(bare, "hooks", "pre-receive")+" and ") {
		t.Errorf("install said:\n%s", msg)
	}
	for _, h := range []string{"pre-receive", "post-receive"} {
		fi, err := os.Stat(filepath.Join(bare, "hooks", h))
		if err != nil || fi.Mode()&0o111 == 0 {
			t.Fatalf("hook %s: %v, mode %v", h, err, fi)
		}
	}
	mustRun(t, tmp, "git", "clone", "-q", bare, clone)
	for _, p := range []string{"auth", "format"} {
		if err := os.CopyFS(filepath.Join(clone, "modules", p), os.DirFS(filepath.Join("..", "..", "modules", p))); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(t, clone, "git", "add", "-A")
	mustRun(t, clone, "git", "commit", "-q", "-m", "first")
	return bare, out, clone
}

// TestPublishByPush is issue 3's acceptance: a good release tag is
// published, a broken one is rejected with its errors in git push's output
// and the output unchanged, a broken branch is pushed but not published,
// and two concurrent pushes both end published.
func TestPublishByPush(t *testing.T) {
	bare, out, clone := publishSetup(t)

	// A good release, pushed with its branch.
	mustRun(t, clone, "git", "tag", "-a", "auth/v1.0.0", "-m", "auth v1.0.0")
	code, msg := runCmd(t, clone, "git", "push", "origin", "main", "auth/v1.0.0")
	if code != 0 || !strings.Contains(msg, "remote: modc: checked release auth 1.0.0 at commit ") || !strings.Contains(msg, "remote: modc: published main at ") {
		t.Fatalf("push of a good release: status %d\n%s", code, msg)
	}
	release, err := os.ReadFile(filepath.Join(out, "dist/auth/1.0.0/auth.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	if latest, err := os.ReadFile(filepath.Join(out, "dist/auth/latest/auth.mjs")); err != nil || !bytes.Equal(latest, release) {
		t.Errorf("latest/ is not 1.0.0: %v", err)
	}
	if meta, err := os.ReadFile(filepath.Join(out, "dist/auth/1.0.0/meta.json")); err != nil || !bytes.Contains(meta, []byte(`"released":true`)) {
		t.Errorf("meta.json: %v\n%s", err, meta)
	}
	if _, err := os.Stat(filepath.Join(out, "dist/format")); err != nil {
		t.Errorf("the unreleased package is not published at its pseudo-version: %v", err)
	}
	before := snapshot(t, out)

	// A release of a broken module: rejected, with the error in file:line:col form.
	replaceIn(t, clone, authMainJS, `await storeValue("authAccessToken"`, `await storValue("authAccessToken"`)
	mustRun(t, clone, "git", "commit", "-q", "-am", "Typo")
	mustRun(t, clone, "git", "tag", "-a", "auth/v1.0.1", "-m", "auth v1.0.1")
	code, msg = runCmd(t, clone, "git", "push", "origin", "auth/v1.0.1")
	for _, want := range []string{
		`remote: modules/auth/manage_tokens/main.js:60:11: error: unknown identifier "storValue"`,
		`remote:   hint: did you mean "storeValue"?`,
		"remote: modc: rejected tag auth/v1.0.1 at commit ",
		"[remote rejected] auth/v1.0.1 -> auth/v1.0.1 (pre-receive hook declined)",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("push of a broken release: no %q in:\n%s", want, msg)
		}
	}
	if code == 0 {
		t.Errorf("push of a broken release succeeded")
	}
	if tags := mustRun(t, bare, "git", "tag", "-l"); tags != "auth/v1.0.0" {
		t.Errorf("tags in the bare repository: %q", tags)
	}
	if !sameFiles(before, snapshot(t, out)) {
		t.Errorf("the output changed after a rejected push")
	}

	// A malformed release tag is rejected too.
	mustRun(t, clone, "git", "tag", "auth/v1.1", "HEAD~1")
	code, msg = runCmd(t, clone, "git", "push", "origin", "auth/v1.1")
	if code == 0 || !strings.Contains(msg, "remote: refs/tags/auth/v1.1: error: tag auth/v1.1 is not a release tag") || !strings.Contains(msg, "hint: name it auth/v1.1.0") {
		t.Errorf("push of a malformed release tag: status %d\n%s", code, msg)
	}

	// A broken branch is accepted (only release tags are checked), but its
	// build fails: the output stays as it was, and the pusher is told.
	code, msg = runCmd(t, clone, "git", "push", "origin", "main")
	if code != 0 || !strings.Contains(msg, `remote: modules/auth/manage_tokens/main.js:60:11: error: unknown identifier "storValue"`) ||
		!strings.Contains(msg, "failed (1 error); "+out+" left as it was") {
		t.Errorf("push of a broken branch: status %d\n%s", code, msg)
	}
	if !sameFiles(before, snapshot(t, out)) {
		t.Errorf("the output changed after a failed build")
	}
	replaceIn(t, clone, authMainJS, `await storValue("authAccessToken"`, `await storeValue("authAccessToken"`)
	mustRun(t, clone, "git", "commit", "-q", "-am", "Fix the typo")
	mustRun(t, clone, "git", "push", "-q", "origin", "main")

	// Two clones push two releases at the same time: both end published.
	other := filepath.Join(filepath.Dir(clone), "other")
	mustRun(t, filepath.Dir(clone), "git", "clone", "-q", bare, other)
	replaceIn(t, clone, authMainJS, "expiryLeewaySeconds: 30", "expiryLeewaySeconds: 60")
	mustRun(t, clone, "git", "commit", "-q", "-am", "Longer leeway")
	mustRun(t, clone, "git", "tag", "-a", "auth/v1.1.0", "-m", "auth v1.1.0")
	replaceIn(t, other, "modules/format/dates/main.js", "export default", "// Dates.\nexport default")
	mustRun(t, other, "git", "commit", "-q", "-am", "Comment dates")
	mustRun(t, other, "git", "tag", "-a", "format/v1.0.0", "-m", "format v1.0.0")
	var wg sync.WaitGroup
	results := make([]string, 2)
	codes := make([]int, 2)
	for i, push := range [][]string{{clone, "auth/v1.1.0"}, {other, "format/v1.0.0"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command("git", "push", "origin", push[1])
			cmd.Dir = push[0]
			b, err := cmd.CombinedOutput()
			results[i] = string(b)
			if err != nil {
				codes[i] = 1
			}
		}()
	}
	wg.Wait()
	for i := range results {
		if codes[i] != 0 {
			t.Errorf("concurrent push %d failed:\n%s", i, results[i])
		}
	}
	for _, f := range []string{"dist/auth/1.0.0/auth.mjs", "dist/auth/1.1.0/auth.mjs", "dist/format/1.0.0/format.mjs", "dist/format/latest/format.mjs"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("after both pushes: %v\npush outputs:\n%s\n%s", err, results[0], results[1])
		}
	}
	latest, _ := os.ReadFile(filepath.Join(out, "dist/auth/latest/auth.mjs"))
	v110, _ := os.ReadFile(filepath.Join(out, "dist/auth/1.1.0/auth.mjs"))
	if !bytes.Equal(latest, v110) {
		t.Errorf("auth's latest/ is not 1.1.0")
	}
	// The previous output is kept as .modules.old-spare, for the next
	// publish to recycle; nothing else is left.
	if entries, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".modules.*")); len(entries) != 1 || filepath.Base(entries[0]) != ".modules.old-spare" {
		t.Errorf("temporary directories left next to the output: %v", entries)
	}
}

func TestHookInstallRefusals(t *testing.T) {
	isolateGit(t)
	tmp := t.TempDir()
	bare := filepath.Join(tmp, "r.git")
	work := filepath.Join(tmp, "work")
	mustRun(t, tmp, "git", "init", "-q", "--bare", bare)
	mustRun(t, tmp, "git", "init", "-q", work)
	out := filepath.Join(tmp, "out")

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"hook", "install", "--repo", bare}, 2, "both --repo BARE_REPO and --out DIR are required"},
		{[]string{"hook", "install", "--repo", filepath.Join(tmp, "nope"), "--out", out}, 2, "no such directory"},
		{[]string{"hook", "install", "--repo", work, "--out", out}, 1, "not a bare git repository: it has a work tree"},
		{[]string{"hook", "install", "--repo", filepath.Join(work, ".git"), "--out", out}, 1, "not a bare git repository: core.bare is false"},
		{[]string{"hook", "install", "--repo", tmp, "--out", out}, 1, "not a bare git repository"},
		{[]string{"hook", "install", "--repo", bare, "--out", tmp}, 1, "is or contains the repository"},
		{[]string{"hook", "post-receive"}, 2, "--out DIR is required"},
		{[]string{"hook"}, 2, "say which hook command"},
	} {
		code, _, stderr := modc(t, false, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("modc %s: status %d, want %d and %q:\n%s", strings.Join(tc.args, " "), code, tc.code, tc.want, stderr)
		}
	}

	// A foreign hook is kept unless --force; modc's own hooks are replaced.
	foreign := "#!/bin/sh\necho mine\n"
	hook := filepath.Join(bare, "hooks", "post-receive")
	if err := os.WriteFile(hook, []byte(foreign), 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := modc(t, false, "hook", "install", "--repo", bare, "--out", out)
	if code != 1 || !strings.Contains(stderr, "hook exists and was not written by modc (use --force to replace it)") {
		t.Errorf("over a foreign hook: %d\n%s", code, stderr)
	}
	if data, _ := os.ReadFile(hook); string(data) != foreign {
		t.Errorf("the foreign hook was changed:\n%s", data)
	}
	if _, err := os.Stat(filepath.Join(bare, "hooks", "pre-receive")); err == nil {
		t.Errorf("a hook was written although the install was refused")
	}
	for _, args := range [][]string{
		{"hook", "install", "--repo", bare, "--out", out, "--force"},
		{"hook", "install", "--repo", bare, "--out", filepath.Join(tmp, "elsewhere")},
	} {
		code, stdout, stderr := modc(t, false, args...)
		if code != 0 || !strings.Contains(stdout, "Installed ") {
			t.Fatalf("modc %s: %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
		}
	}
	data, _ := os.ReadFile(hook)
	if !strings.Contains(string(data), publish.HookMarker) || !strings.Contains(string(data), "'"+filepath.Join(tmp, "elsewhere")+"'") {
		t.Errorf("post-receive hook:\n%s", data)
	}
}

// TestPreReceiveInProcess feeds the pre-receive command updates as git
// would, in a bare repository whose objects are already in place.
func TestPreReceiveInProcess(t *testing.T) {
	isolateGit(t)
	tmp := t.TempDir()
	bare, clone := filepath.Join(tmp, "r.git"), filepath.Join(tmp, "clone")
	mustRun(t, tmp, "git", "init", "-q", "--bare", "-b", "main", bare)
	mustRun(t, tmp, "git", "clone", "-q", bare, clone)
	if err := os.CopyFS(filepath.Join(clone, "modules", "auth"), os.DirFS("../../modules/auth")); err != nil {
		t.Fatal(err)
	}
	mustRun(t, clone, "git", "add", "-A")
	mustRun(t, clone, "git", "commit", "-q", "-m", "first")
	good := mustRun(t, clone, "git", "rev-parse", "HEAD")
	mustRun(t, clone, "git", "tag", "auth/v1.0.0")
	mustRun(t, clone, "git", "push", "-q", "origin", "main", "auth/v1.0.0") // no hooks installed
	zero := strings.Repeat("0", 40)

	for _, tc := range []struct {
		name, stdin string
		code        int
		want        string
	}{
		{"branch", zero + " " + good + " refs/heads/topic\n", 0, ""},
		{"other tag", zero + " " + good + " refs/tags/auth/stable\n", 0, ""},
		{"good release", zero + " " + good + " refs/tags/auth/v1.0.1\n", 0, "modc: checked release auth 1.0.1 at commit " + good[:12] + ": ok"},
		{"plain tag of a one-package workspace", zero + " " + good + " refs/tags/v2.0.0\n", 0, "checked release auth 2.0.0"},
		{"duplicate version", zero + " " + good + " refs/tags/v1.0.0\n", 1, "version 1.0.0 of auth is already released as tag auth/v1.0.0"},
		{"moved release", good + " " + good + " refs/tags/auth/v1.0.0\n", 1, "release tag auth/v1.0.0 already exists: a published release does not change"},
		{"one version twice", zero + " " + good + " refs/tags/v3.0.0\n" + zero + " " + good + " refs/tags/auth/v3.0.0\n", 1, "version 3.0.0 of auth is pushed twice, as tags v3.0.0 and auth/v3.0.0"},
		{"deleted release", good + " " + zero + " refs/tags/auth/v1.0.0\n", 0, "warning: deleting release tag auth/v1.0.0"},
		{"misspelt package", zero + " " + good + " refs/tags/atuh/v1.0.0\n", 1, "hint: did you mean auth/v1.0.0?"},
		{"unknown object", zero + " " + strings.Repeat("1", 40) + " refs/tags/auth/v3.0.0\n", 1, "names no commit"},
		{"bad input", "hello\n", 1, "want \"<old> <new> <ref>\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hookStdin = strings.NewReader(tc.stdin)
			defer func() { hookStdin = os.Stdin }()
			code, _, stderr := modc(t, false, "hook", "pre-receive", "--repo", bare)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("status %d, want %d and %q:\n%s", code, tc.code, tc.want, stderr)
			}
		})
	}
}
