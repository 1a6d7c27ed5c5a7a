package gitver

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// gitBase is the date of the first commit of every test repository; each
// commit or tag made through a gitRepo is one minute later than the last.
var gitBase = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// gitRepo drives the git command in a test repository with fixed names,
// dates and no user or system configuration, so hashes are reproducible.
type gitRepo struct {
	t     *testing.T
	dir   string
	clock int
}

// newGitRepo runs git init in a new directory (dir "" for a temp dir).
func newGitRepo(t *testing.T, dir string, args ...string) *gitRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	if dir == "" {
		dir = t.TempDir()
	}
	g := &gitRepo{t: t, dir: dir}
	g.git(append([]string{"init", "-q", "-b", "main"}, args...)...)
	return g
}

func (g *gitRepo) env() []string {
	date := fmt.Sprintf("%d +0000", gitBase.Add(time.Duration(g.clock)*time.Minute).Unix())
	return append(os.Environ(),
		"GIT_AUTHOR_NAME=Ada", "GIT_AUTHOR_EMAIL=ada@example.com", "GIT_AUTHOR_DATE="+date,
		"GIT_COMMITTER_NAME=Ada", "GIT_COMMITTER_EMAIL=ada@example.com", "GIT_COMMITTER_DATE="+date,
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_TERMINAL_PROMPT=0",
	)
}

// git runs a git command in the repository and returns its trimmed output.
func (g *gitRepo) git(args ...string) string {
	g.t.Helper()
	return gitIn(g.t, g.dir, g.env(), args...)
}

func gitIn(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// write writes a file under the repository, creating directories.
func (g *gitRepo) write(path, content string) {
	g.t.Helper()
	writeFile(g.t, filepath.Join(g.dir, filepath.FromSlash(path)), content)
}

// module writes a small JS module modules/<pkg>/<mod> whose main.js holds body.
func (g *gitRepo) module(pkg, mod, body string) {
	g.t.Helper()
	g.write("modules/"+pkg+"/"+mod+"/module.json", `{"kind": "js", "description": "test module"}`+"\n")
	g.write("modules/"+pkg+"/"+mod+"/main.js", "export default {\n  value: "+body+",\n}\n")
}

// commit stages everything and commits; it returns the commit hash.
func (g *gitRepo) commit(msg string) string {
	g.t.Helper()
	g.git("add", "-A")
	g.git("commit", "-q", "-m", msg)
	g.clock++
	return g.git("rev-parse", "HEAD")
}

// tag creates a lightweight tag, or an annotated one when msg is not "".
func (g *gitRepo) tag(name, msg string) {
	g.t.Helper()
	if msg == "" {
		g.git("tag", name)
	} else {
		g.git("tag", "-a", "-m", msg, name)
	}
	g.clock++
}

// date is the date of the n-th commit or tag (counting from 0).
func date(n int) time.Time { return gitBase.Add(time.Duration(n) * time.Minute) }

// versions opens dir and computes the versions of packages, failing the
// test on errors.
func versions(t *testing.T, dir string, opts Options, packages ...string) ([]PackageVersions, diag.List) {
	t.Helper()
	r, msgs := Open(dir)
	t.Cleanup(func() { r.Close() })
	pvs, more := r.Versions(packages, opts)
	msgs = append(msgs, more...)
	if msgs.HasErrors() {
		t.Fatalf("errors:\n%s", msgs)
	}
	return pvs, msgs
}

// releaseTags lists the tags of a package's releases, newest first.
func releaseTags(pv PackageVersions) []string {
	var out []string
	for _, r := range pv.Releases {
		out = append(out, r.Tag)
	}
	return out
}

// subjects lists the subjects of changes.
func subjects(cs []Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Subject)
	}
	return out
}

// messages renders messages one per line without notes, for comparisons.
func messages(l diag.List) string {
	var b strings.Builder
	for _, m := range l {
		b.WriteString(m.Error())
		b.WriteByte('\n')
	}
	return b.String()
}

func equal[T comparable](t *testing.T, what string, got, want []T) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) || len(got) != len(want) {
		t.Errorf("%s:\n got %v\nwant %v", what, got, want)
	}
}

// fsReadFile reads a file through fs.ReadFile.
func fsReadFile(fsys fs.FS, name string) (string, error) {
	data, err := fs.ReadFile(fsys, name)
	return string(data), err
}

// loadSnapshot loads the workspace at dir as a build does and returns what
// the load saw (workspace.Snapshot).
func loadSnapshot(t *testing.T, dir string) Snapshot {
	t.Helper()
	fsys := workspace.DirFS(dir)
	t.Cleanup(func() { fsys.Close() })
	ws, _ := workspace.Load(fsys) // a broken module is still listed and read
	return ws.Snapshot()
}
