package release

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/internal/gittest"
)

// newWorkspace makes a repository holding copies of the example workspace's
// packages (none: auth and format), committed as "first".
func newWorkspace(t *testing.T, packages ...string) string {
	t.Helper()
	gittest.Isolate(t)
	if len(packages) == 0 {
		packages = []string{"auth", "format"}
	}
	dir := t.TempDir()
	for _, p := range packages {
		if err := os.CopyFS(filepath.Join(dir, "modules", p), os.DirFS(filepath.Join("..", "..", "modules", p))); err != nil {
			t.Fatal(err)
		}
	}
	gittest.Run(t, dir, "init", "-q", "-b", "main")
	commit(t, dir, "first")
	return dir
}

func commit(t *testing.T, dir, msg string) {
	t.Helper()
	gittest.Run(t, dir, "add", "-A")
	gittest.Run(t, dir, "commit", "-q", "-m", msg)
}

// edit replaces old by new in a workspace file.
func edit(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(src), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

const authMain = "modules/auth/manage_tokens/main.js"

func create(t *testing.T, dir, pkg, version, msg string) *Result {
	t.Helper()
	return Create(Options{Root: dir, Package: pkg, Version: version, Message: msg})
}

func mustCreate(t *testing.T, dir, pkg, version, msg string) *Result {
	t.Helper()
	r := create(t, dir, pkg, version, msg)
	if r.Failed() {
		t.Fatalf("release %s %s:\n%s", pkg, version, r.Messages)
	}
	return r
}

// tagObject returns `git cat-file -p` of a tag: its header and message.
func tagObject(t *testing.T, dir, tag string) (header, message string) {
	t.Helper()
	if typ := gittest.Run(t, dir, "cat-file", "-t", tag); typ != "tag" {
		t.Fatalf("%s is a %s, not an annotated tag", tag, typ)
	}
	raw := gittest.Run(t, dir, "cat-file", "-p", tag)
	header, message, _ = strings.Cut(raw, "\n\n")
	return header, message
}

func TestFirstReleaseAndTheNext(t *testing.T) {
	dir := newWorkspace(t)
	r := mustCreate(t, dir, "auth", "minor", "")
	if r.Tag != "auth/v0.1.0" || r.Previous != "" || r.Since != "" || r.Commit != gittest.Run(t, dir, "rev-parse", "HEAD") {
		t.Errorf("result: tag %q previous %q since %q commit %q", r.Tag, r.Previous, r.Since, r.Commit)
	}
	header, msg := tagObject(t, dir, "auth/v0.1.0")
	if !strings.Contains(header, "object "+r.Commit) || !strings.Contains(header, "type commit") || !strings.Contains(header, "tagger Ada <ada@example.com>") {
		t.Errorf("tag header:\n%s", header)
	}
	if want := "auth v0.1.0\n\nChanges:\n\n- first"; msg != want {
		t.Errorf("tag message:\n%s\nwant:\n%s", msg, want)
	}

	// Two changes to auth, one to format only, then a release with a message.
	edit(t, dir, authMain, "expiryLeewaySeconds: 30", "expiryLeewaySeconds: 60")
	commit(t, dir, "Longer expiry leeway")
	edit(t, dir, "modules/format/dates/main.js", "export default", "// dates\nexport default")
	commit(t, dir, "Comment the dates module")
	edit(t, dir, authMain, "expiryLeewaySeconds: 60", "expiryLeewaySeconds: 45")
	commit(t, dir, "Shorter expiry leeway\n\nWith a body that is not listed.")
	r = mustCreate(t, dir, "auth", "patch", "Token fixes")
	if r.Tag != "auth/v0.1.1" || r.Previous != "auth/v0.1.0" || r.Since != "auth/v0.1.0" || len(r.Changes) != 2 {
		t.Errorf("result: tag %q previous %q since %q changes %v", r.Tag, r.Previous, r.Since, r.Changes)
	}
	_, msg = tagObject(t, dir, "auth/v0.1.1")
	if want := "Token fixes\n\nChanges since auth/v0.1.0:\n\n- Shorter expiry leeway\n- Longer expiry leeway"; msg != want {
		t.Errorf("tag message:\n%s\nwant:\n%s", msg, want)
	}

	// format was never released: its first release lists every change.
	r = mustCreate(t, dir, "format", "major", "")
	_, msg = tagObject(t, dir, "format/v1.0.0")
	if want := "format v1.0.0\n\nChanges:\n\n- Comment the dates module\n- first"; msg != want {
		t.Errorf("tag message:\n%s\nwant:\n%s", msg, want)
	}
	if got := gittest.Run(t, dir, "tag", "-l"); got != "auth/v0.1.0\nauth/v0.1.1\nformat/v1.0.0" {
		t.Errorf("tags:\n%s", got)
	}
	// The versions modc reads agree.
	if got := gittest.Run(t, dir, "describe", "--tags", "--match", "auth/*"); got != "auth/v0.1.1" {
		t.Errorf("git describe = %q", got)
	}
}

func TestPreReleaseThenFinal(t *testing.T) {
	dir := newWorkspace(t, "auth")
	mustCreate(t, dir, "auth", "0.9.0", "")
	edit(t, dir, authMain, "expiryLeewaySeconds: 30", "expiryLeewaySeconds: 60")
	commit(t, dir, "Towards 1.0")
	r := mustCreate(t, dir, "auth", "1.0.0-rc.1", "")
	if r.Tag != "auth/v1.0.0-rc.1" {
		t.Fatalf("tag %q", r.Tag)
	}
	// Promoting the release candidate as is: no changes since it.
	r = mustCreate(t, dir, "auth", "patch", "")
	if r.Tag != "auth/v1.0.0" || len(r.Changes) != 0 {
		t.Errorf("tag %q, changes %v", r.Tag, r.Changes)
	}
	if _, msg := tagObject(t, dir, "auth/v1.0.0"); msg != "auth v1.0.0\n\nNo changes to modules/auth since auth/v1.0.0-rc.1." {
		t.Errorf("tag message:\n%s", msg)
	}
	if r := create(t, dir, "auth", "1.0.0-rc.2", ""); !hasError(r, "version 1.0.0-rc.2 is not greater than the last release 1.0.0") {
		t.Errorf("a pre-release below the release: %s", r.Messages)
	}
}

// TestPlainTags keeps plain vX.Y.Z tags in a one-package repository that uses them.
func TestPlainTags(t *testing.T) {
	dir := newWorkspace(t, "auth")
	gittest.Run(t, dir, "tag", "v1.0.0")
	edit(t, dir, authMain, "expiryLeewaySeconds: 30", "expiryLeewaySeconds: 60")
	commit(t, dir, "Longer leeway")
	r := mustCreate(t, dir, "auth", "minor", "")
	if r.Tag != "v1.1.0" || r.Previous != "v1.0.0" {
		t.Errorf("tag %q after %q, want v1.1.0 after v1.0.0", r.Tag, r.Previous)
	}
	if _, msg := tagObject(t, dir, "v1.1.0"); msg != "auth v1.1.0\n\nChanges since v1.0.0:\n\n- Longer leeway" {
		t.Errorf("tag message:\n%s", msg)
	}
}

// TestWorkspaceInASubdirectory releases from a workspace below the repository root.
func TestWorkspaceInASubdirectory(t *testing.T) {
	gittest.Isolate(t)
	repo := t.TempDir()
	ws := filepath.Join(repo, "site")
	if err := os.CopyFS(filepath.Join(ws, "modules", "auth"), os.DirFS("../../modules/auth")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "README"), []byte("hi\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gittest.Run(t, repo, "init", "-q", "-b", "main")
	commit(t, repo, "first")
	r := mustCreate(t, ws, "auth", "patch", "")
	if r.Tag != "auth/v0.0.1" {
		t.Errorf("tag %q", r.Tag)
	}
	// A change outside the package is not the package's, and leaves it clean.
	if err := os.WriteFile(filepath.Join(repo, "README"), []byte("changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, ws, "auth", "patch", "")
}

func hasError(r *Result, text string) bool {
	for _, m := range r.Messages.Errors() {
		s := diag.Format(m, diag.FormatOptions{})
		if strings.Contains(s, text) {
			return true
		}
	}
	return false
}

func TestRefusals(t *testing.T) {
	dir := newWorkspace(t)
	mustCreate(t, dir, "auth", "1.0.0", "")
	tags := gittest.Run(t, dir, "tag", "-l")

	for _, tc := range []struct {
		name    string
		setup   func(dir string) func()
		pkg     string
		version string
		want    string
	}{
		{"equal version", nil, "auth", "1.0.0", "version 1.0.0 is not greater than the last release 1.0.0"},
		{"lower version", nil, "auth", "0.9.9", "hint: the last release of auth is 1.0.0 (tag auth/v1.0.0)"},
		{"unknown package", nil, "auht", "patch", `modules: error: unknown package "auht" [unknown-package]` + "\n  hint: did you mean \"auth\"?"},
		{"unrelated package", nil, "billing", "patch", "hint: the packages are auth, format"},
		{"modified file", func(dir string) func() {
			edit(t, dir, authMain, "expiryLeewaySeconds: 30", "expiryLeewaySeconds: 60")
			return func() { gittest.Run(t, dir, "checkout", "-q", "--", ".") }
		}, "auth", "patch", "modules/auth: error: modules/auth has changes that are not committed"},
		{"deleted file", func(dir string) func() {
			os.Remove(filepath.Join(dir, "modules/auth/manage_tokens/README.md"))
			return func() { gittest.Run(t, dir, "checkout", "-q", "--", ".") }
		}, "auth", "patch", "has changes that are not committed"},
		{"untracked file", func(dir string) func() {
			p := filepath.Join(dir, "modules/auth/manage_tokens/notes.txt")
			os.WriteFile(p, []byte("todo\n"), 0o644)
			return func() { os.Remove(p) }
		}, "auth", "patch", "has changes that are not committed"},
		{"uncommitted package", func(dir string) func() {
			p := filepath.Join(dir, "modules/billing")
			os.CopyFS(p, os.DirFS("../../modules/format"))
			return func() { os.RemoveAll(p) }
		}, "billing", "patch", `package "billing" is not committed: HEAD has no modules/billing`},
		{"failing check", func(dir string) func() {
			edit(t, dir, authMain, `await storeValue("authAccessToken"`, `await storValue("authAccessToken"`)
			commit(t, dir, "typo")
			return func() { gittest.Run(t, dir, "reset", "-q", "--hard", "HEAD~1") }
		}, "auth", "patch", "modules/auth/manage_tokens/main.js:60:11: error: unknown identifier \"storValue\""},
		{"failing check, committed but fixed in the work tree", func(dir string) func() {
			// The work tree is fine, but what would be tagged is not; and the
			// work tree differs, so it is refused as dirty before any check.
			edit(t, dir, authMain, `await storeValue("authAccessToken"`, `await storValue("authAccessToken"`)
			commit(t, dir, "typo")
			edit(t, dir, authMain, `await storValue("authAccessToken"`, `await storeValue("authAccessToken"`)
			return func() { gittest.Run(t, dir, "reset", "-q", "--hard", "HEAD~1") }
		}, "auth", "patch", "has changes that are not committed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.setup != nil {
				defer tc.setup(dir)()
			}
			r := create(t, dir, tc.pkg, tc.version, "")
			if !hasError(r, tc.want) {
				t.Errorf("want an error with %q, got:\n%s", tc.want, r.Messages)
			}
			if got := gittest.Run(t, dir, "tag", "-l"); got != tags {
				t.Errorf("tags changed:\n%s", got)
			}
		})
	}
}

// TestOtherPackagesErrorsDoNotBlock releases auth while format is broken.
func TestOtherPackagesErrorsDoNotBlock(t *testing.T) {
	dir := newWorkspace(t)
	edit(t, dir, "modules/format/dates/main.js", "export default {", "export default {\n  broken: undefinedThing,")
	commit(t, dir, "break format")
	r := mustCreate(t, dir, "auth", "patch", "")
	if r.OtherErrors == 0 {
		t.Errorf("OtherErrors = 0, want format's errors counted")
	}
	for _, m := range r.Messages {
		if strings.HasPrefix(m.Location.File, "modules/format") {
			t.Errorf("a message about format: %s", m.Error())
		}
	}
	if r := create(t, dir, "format", "patch", ""); !hasError(r, "modules/format/dates/main.js:") {
		t.Errorf("format itself is refused: %s", r.Messages)
	}
}

func TestNoRepositoryNoCommits(t *testing.T) {
	gittest.Isolate(t)
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "modules", "auth"), os.DirFS("../../modules/auth")); err != nil {
		t.Fatal(err)
	}
	if r := create(t, dir, "auth", "patch", ""); !hasError(r, "not in a git repository") {
		t.Errorf("outside git: %s", r.Messages)
	}
	gittest.Run(t, dir, "init", "-q", "-b", "main")
	if r := create(t, dir, "auth", "patch", ""); !hasError(r, "no commits yet") || !hasError(r, "hint: commit modules/auth first") {
		t.Errorf("no commits: %s", r.Messages)
	}
}

func TestTaggerIdentity(t *testing.T) {
	dir := newWorkspace(t, "auth")
	for _, k := range []string{"GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"} {
		t.Setenv(k, "")
	}
	if sys, err := os.ReadFile("/etc/gitconfig"); err == nil && (strings.Contains(string(sys), "[user]") || strings.Contains(string(sys), "[committer]")) {
		t.Skip("/etc/gitconfig sets an identity") // go-git always reads it
	}
	r := create(t, dir, "auth", "patch", "")
	if !hasError(r, "no tagger identity: git config user.name and user.email are not set") || !hasError(r, "git config --global user.name") {
		t.Fatalf("without an identity: %s", r.Messages)
	}
	if got := gittest.Run(t, dir, "tag", "-l"); got != "" {
		t.Errorf("tagged without an identity: %s", got)
	}
	// The repository's config, then the environment, as git does.
	gittest.Run(t, dir, "config", "user.name", "Grace")
	gittest.Run(t, dir, "config", "user.email", "grace@example.com")
	mustCreate(t, dir, "auth", "patch", "")
	if h, _ := tagObject(t, dir, "auth/v0.0.1"); !strings.Contains(h, "tagger Grace <grace@example.com>") {
		t.Errorf("tag header:\n%s", h)
	}
	t.Setenv("GIT_COMMITTER_NAME", "Lin")
	t.Setenv("GIT_COMMITTER_EMAIL", "lin@example.com")
	edit(t, dir, authMain, "expiryLeewaySeconds: 30", "expiryLeewaySeconds: 60")
	commit(t, dir, "change")
	mustCreate(t, dir, "auth", "patch", "")
	if h, _ := tagObject(t, dir, "auth/v0.0.2"); !strings.Contains(h, "tagger Lin <lin@example.com>") {
		t.Errorf("tag header:\n%s", h)
	}
	// An explicit tagger wins.
	edit(t, dir, authMain, "expiryLeewaySeconds: 60", "expiryLeewaySeconds: 90")
	commit(t, dir, "change again")
	when := time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC)
	r = Create(Options{Root: dir, Package: "auth", Version: "patch", Tagger: &object.Signature{Name: "Bot", Email: "bot@example.com", When: when}})
	if r.Failed() {
		t.Fatal(r.Messages)
	}
	if h, _ := tagObject(t, dir, "auth/v0.0.3"); !strings.Contains(h, "tagger Bot <bot@example.com> 1770091506 +0000") {
		t.Errorf("tag header:\n%s", h)
	}
}
