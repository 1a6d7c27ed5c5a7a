package compiler

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modc-dev/modc/internal/gittest"
	"github.com/modc-dev/modc/internal/golden"
)

// secret is the content of the files outside the workspace that links
// point at: it must never show in a result.
const secret = "SECRET-MARKER-compiler"

// linkWorkspace makes base/ws, a git repository holding a copy of the
// example workspace's packages (committed), and base/out, a directory
// outside it with secret files. files are written into the workspace and
// links made in it ($OUT and $WS in a target are the two directories'
// paths), uncommitted.
func linkWorkspace(t *testing.T, files, links map[string]string) (base, ws string) {
	t.Helper()
	isolateGit(t)
	base = t.TempDir()
	ws = filepath.Join(base, "ws")
	for _, p := range []string{"auth", "format", "users"} {
		if err := os.CopyFS(filepath.Join(ws, "modules", p), os.DirFS(filepath.Join("..", "modules", p))); err != nil {
			t.Fatal(err)
		}
	}
	gittest.Run(t, ws, "init", "-q", "-b", "main")
	gittest.Run(t, ws, "add", "-A")
	gittest.Run(t, ws, "commit", "-q", "-m", "first")
	out := filepath.Join(base, "out")
	for p, text := range map[string]string{
		"secret.txt":        secret + "\n",
		"secret.json":       `{"title": "` + secret + `", "description": "` + secret + `"}`,
		"pkg/m/module.json": `{"kind": "js", "description": "` + secret + `"}`,
		"pkg/m/main.js":     "/** " + secret + " */\nexport default { f() { return 1; } };\n",
		"app/app.json":      `{"title": "` + secret + `"}`,
	} {
		writeTestFile(t, filepath.Join(out, filepath.FromSlash(p)), text)
	}
	for p, text := range files {
		writeTestFile(t, filepath.Join(ws, filepath.FromSlash(p)), text)
	}
	for p, target := range links {
		name := filepath.Join(ws, filepath.FromSlash(p))
		os.Remove(name) // a file of the copy the link replaces
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		target = strings.NewReplacer("$OUT", out, "$WS", ws).Replace(target)
		if err := os.Symlink(filepath.FromSlash(target), name); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	return base, ws
}

func writeTestFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// noSecret fails the test when the secret is in r's messages, sources or
// files: then a file outside the workspace was read.
func noSecret(t *testing.T, what string, r *Result) {
	t.Helper()
	if strings.Contains(r.Messages.String(), secret) {
		t.Errorf("%s: the secret is in the messages", what)
	}
	if r.Workspace != nil {
		for p, src := range r.Workspace.Sources {
			if strings.Contains(src.Text, secret) {
				t.Errorf("%s: %s holds the secret", what, p)
			}
		}
	}
	for p, data := range r.Files {
		if strings.Contains(string(data), secret) {
			t.Errorf("%s: output file %s holds the secret", what, p)
		}
	}
}

// TestLinksLeavingTheWorkspace builds a workspace whose every kind of file
// is, somewhere, a symbolic link out of it: each is an error at the link
// (testdata/links.txt), nothing outside is read, and the build fails. The
// same links committed and built with --ref give the same messages.
func TestLinksLeavingTheWorkspace(t *testing.T) {
	base, ws := linkWorkspace(t, map[string]string{
		"modules/format/jsmod/module.json":   `{"kind": "js"}`,
		"modules/format/badjson/main.js":     "export default {};\n",
		"modules/format/inside/module.json":  `{"kind": "js"}`,
		"modules/format/inside/main.js":      "export default {\n  /** @returns {number} */\n  f() { return 1; },\n};\n",
		"modules/format/inside/README.md.md": "# Inside\n",
	}, map[string]string{
		"modc.json":                                       "../out/secret.json",
		"modules/format/modc-package.json":                "$OUT/secret.json",
		"modules/format/dates/README.md":                  "$OUT/secret.txt",
		"modules/format/dates/examples.json":              "../../../../out/secret.json",
		"modules/auth/manage_tokens/queries/refresh.json": "$OUT/secret.json",
		"modules/format/jsmod/main.js":                    "../../../../out/secret.txt",
		"modules/format/badjson/module.json":              "$OUT/secret.json",
		"modules/format/outmod":                           "$OUT/pkg/m",
		"modules/leak":                                    "../../out/pkg",
		"apps/portal/app.json":                            "$OUT/app/app.json",
		"apps/evil":                                       "$OUT/app",
		"modules/format/inside/README.md":                 "README.md.md",
	})
	r := Build(Options{Root: ws, CacheDir: "-"})
	if !r.Failed() || r.Files != nil {
		t.Fatalf("the build did not fail:\n%s", r.Messages)
	}
	noSecret(t, "work tree", r)
	got := strings.ReplaceAll(withoutGit(r.Messages).String(), base, "$BASE")
	golden.Check(t, filepath.Join("testdata", "links.txt"), got)

	gittest.Run(t, ws, "add", "-A")
	gittest.Run(t, ws, "commit", "-q", "-m", "links")
	r = Build(Options{Root: ws, Ref: "HEAD", CacheDir: "-"})
	if !r.Failed() {
		t.Fatalf("the build of HEAD did not fail:\n%s", r.Messages)
	}
	noSecret(t, "--ref HEAD", r)
	if ref := strings.ReplaceAll(withoutGit(r.Messages).String(), base, "$BASE"); ref != got {
		t.Errorf("--ref HEAD gives other messages than the work tree:\n--- ref\n%s--- work tree\n%s", ref, got)
	}
}

// TestLinksInsideTheWorkspace: links that stay inside the workspace are
// followed when they lead to files (README, main.js, examples); a link to
// a directory is skipped with a warning.
func TestLinksInsideTheWorkspace(t *testing.T) {
	main, err := os.ReadFile("../modules/format/dates/main.js")
	if err != nil {
		t.Fatal(err)
	}
	_, ws := linkWorkspace(t, map[string]string{
		"docs/dates.md":   "# Dates\n\nINSIDE-MARKER\n",
		"shared/dates.js": string(main),
	}, map[string]string{
		"modules/format/dates/README.md": "../../../docs/dates.md",
		"modules/format/dates/main.js":   "../../../shared/dates.js",
		"modules/format/alias":           "dates",
	})
	r := Build(Options{Root: ws, CacheDir: "-"})
	if r.Failed() {
		t.Fatal(r.Messages)
	}
	if got := withoutGit(r.Messages).String(); got != "modules/format/alias: warning: symbolic link to a directory skipped; modc follows links to files only [link-to-directory]\n" {
		t.Errorf("messages:\n%s", got)
	}
	var readme string
	for _, p := range r.Workspace.Packages {
		for _, m := range p.Modules {
			if m.ID() == "format/dates" {
				readme = m.README
			}
		}
	}
	if !strings.Contains(readme, "INSIDE-MARKER") {
		t.Errorf("the README linked inside the workspace was not read: %q", readme)
	}
	if r.DryRuns["format/dates"] == nil {
		t.Errorf("the linked main.js was not dry-run: %v", r.DryRuns)
	}
}

// TestBOMKeepsPositions: a UTF-8 byte order mark at the start of main.js
// and of the JSON files is dropped, and the messages' positions are those
// of the same files without it.
func TestBOMKeepsPositions(t *testing.T) {
	files := map[string]string{
		"modc.json":                   `{"title": "T", "bogus": 1}`,
		"modules/p/modc-package.json": `{"description": "P"}`,
		"modules/p/m/module.json":     `{"kind": "js", "unknown": 1}`,
		"modules/p/m/main.js":         "export default {\n  f() { return nope + q.data; },\n};\n",
		"modules/p/m/queries/q.json":  `{"request": {"url": "https://example.io"}, "mock": {"data": 1}, "extra": 1}`,
		"modules/p/m/examples.json":   `[{"call": "f", "expect": 1, "what": 2}]`,
		"modules/p/ok/module.json":    `{"kind": "js"}`,
		"modules/p/ok/main.js":        "export default { /** @returns {number} */ f() { return 1; } };\n",
		"modules/p/ok/examples.json":  `[{"call": "f", "expect": 1}]`,
	}
	check := func(bom string) string {
		dir := t.TempDir()
		for p, text := range files {
			writeTestFile(t, filepath.Join(dir, filepath.FromSlash(p)), bom+text)
		}
		r := Check(Options{Root: dir})
		return withoutGit(r.Messages).String()
	}
	plain, withBOM := check(""), check("\uFEFF")
	if plain != withBOM {
		t.Errorf("with a BOM:\n%s\nwithout:\n%s", withBOM, plain)
	}
	for _, want := range []string{"modules/p/m/main.js:2:16: error: unknown identifier \"nope\"", "modc.json:1:16: error: unknown field \"bogus\"", "modules/p/m/examples.json:1:"} {
		if !strings.Contains(withBOM, want) {
			t.Errorf("no %q in:\n%s", want, withBOM)
		}
	}
	if strings.Contains(withBOM, "ok/") || strings.Contains(withBOM, "invalid JSON") {
		t.Errorf("a file with a BOM is refused:\n%s", withBOM)
	}
}
