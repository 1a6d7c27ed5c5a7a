package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/internal/gittest"
)

// TestBrokenWorkspacesWriteNothing builds every workspace of the compiler's
// broken corpus into an output directory holding a previous build: each
// build must fail and leave that output exactly as it was.
func TestBrokenWorkspacesWriteNothing(t *testing.T) {
	dirs, err := filepath.Glob("../compiler/testdata/broken/*")
	if err != nil || len(dirs) < 40 {
		t.Fatalf("corpus: %d dirs, %v", len(dirs), err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			out := t.TempDir()
			sentinel := filepath.Join(out, "previous.txt")
			if err := os.WriteFile(sentinel, []byte("previous build"), 0o644); err != nil {
				t.Fatal(err)
			}
			r := Build(compiler.Options{Root: dir, Out: out})
			if !r.Failed() || r.OutDir != "" {
				t.Fatalf("build of a broken workspace did not fail")
			}
			entries, _ := os.ReadDir(out)
			if data, err := os.ReadFile(sentinel); err != nil || string(data) != "previous build" || len(entries) != 1 {
				t.Errorf("build of a broken workspace touched the output: %v", entries)
			}
		})
	}
}

// TestBuildWritesAndReplaces builds the example workspace twice into the
// same directory: the second build replaces the first whole.
func TestBuildWritesAndReplaces(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	for i := 0; i < 2; i++ {
		r := Build(compiler.Options{Root: "..", Out: out})
		if r.Failed() || r.OutDir != out || r.Stats.Files == 0 {
			t.Fatalf("build %d: %s (out %q, %d files)", i, r.Messages, r.OutDir, r.Stats.Files)
		}
	}
	r := Build(compiler.Options{Root: "..", Out: out})
	var auth string
	for _, pv := range r.Versions {
		if pv.Package == "auth" {
			auth = "dist/auth/" + pv.Current + "/"
		}
	}
	for _, p := range []string{auth + "auth.mjs", auth + "meta.json", ".modc-output"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Error(err)
		}
	}
}

// TestBadDocsWriteNothing: a broken link, bad front matter, a template
// syntax error and a template reading a missing field each fail the build
// with the error at its position, and leave the previous output intact.
func TestBadDocsWriteNothing(t *testing.T) {
	for _, c := range []struct {
		name, path, text, want string
	}{
		{"broken link", "content/guide.md", "---\ntitle: Guide\n---\n\nSee [the setup](setup.md).\n", "content/guide.md:5:"},
		{"bad front matter", "content/guide.md", "---\ntitle: [unclosed\n---\n\nText.\n", "content/guide.md:2:"},
		{"template syntax", "templates/page.html", "{{define \"main\"}}{{if .Title}}{{end}\n", "templates/page.html:1:"},
		{"missing field", "templates/page.html", "{{define \"main\"}}{{.NoSuchField}}{{end}}\n", "templates/page.html:1:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(filepath.Join(dir, "modules/format"), os.DirFS("../modules/format")); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, c.path)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(c.text), 0o644); err != nil {
				t.Fatal(err)
			}
			if c.path != "content/guide.md" {
				os.MkdirAll(filepath.Join(dir, "content"), 0o755)
				os.WriteFile(filepath.Join(dir, "content/guide.md"), []byte("---\ntitle: Guide\n---\n\nText.\n"), 0o644)
			}
			out := t.TempDir()
			sentinel := filepath.Join(out, "previous.txt")
			os.WriteFile(sentinel, []byte("previous build"), 0o644)
			r := Build(compiler.Options{Root: dir, Out: out})
			if !r.Failed() || !strings.Contains(r.Messages.String(), c.want) {
				t.Fatalf("want an error at %s, got:\n%s", c.want, r.Messages)
			}
			entries, _ := os.ReadDir(out)
			if data, err := os.ReadFile(sentinel); err != nil || string(data) != "previous build" || len(entries) != 1 {
				t.Errorf("a failed build touched the output: %v", entries)
			}
		})
	}
}

// TestReleasedVersionPages builds a repository with a release and later
// changes: the release gets its own docs pages, built from the tag.
func TestReleasedVersionPages(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "modules/auth"), os.DirFS("../modules/auth")); err != nil {
		t.Fatal(err)
	}
	gittest.Isolate(t)
	git := func(args ...string) { gittest.Run(t, dir, args...) }
	git("init", "-q", "-b", "main")
	git("add", "-A")
	git("commit", "-q", "-m", "first")
	git("tag", "-a", "auth/v1.0.0", "-m", "auth v1.0.0")
	main := filepath.Join(dir, "modules/auth/manage_tokens/main.js")
	src, _ := os.ReadFile(main)
	os.WriteFile(main, []byte(strings.Replace(string(src), "async getAccessToken() {", "/** Added later. */\n  newFunction() { return 1; },\n\n  async getAccessToken() {", 1)), 0o644)
	git("commit", "-q", "-am", "add newFunction")

	out := filepath.Join(t.TempDir(), "out")
	r := Build(compiler.Options{Root: dir, Out: out, CacheDir: "-"})
	if r.Failed() {
		t.Fatal(r.Messages)
	}
	released, err := os.ReadFile(filepath.Join(out, "packages/auth/1.0.0/manage_tokens/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	current, err := os.ReadFile(filepath.Join(out, "packages/auth/manage_tokens/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(released), "newFunction") || !strings.Contains(string(current), "newFunction") {
		t.Error("the release's page does not show the release's code")
	}
	if !strings.Contains(string(current), "1.0.0/") {
		t.Error("no version switcher link to the release on the current page")
	}
	for _, p := range []string{"dist/auth/1.0.0/auth.mjs", "dist/auth/latest/auth.mjs"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Error(err)
		}
	}
}

// TestFailedBuildAfterWritesKeepsTheOutput: a build that fails in its dry
// runs, after its packages were bundled and their files written into the
// new output as they were built (compiler.Options.Write; the compiler's
// TestFailedBuildAfterWrites sees them written), leaves the previous output
// exactly as it was, the same files on disk, and nothing of its own beside
// it; the next good build writes the output whole.
func TestFailedBuildAfterWritesKeepsTheOutput(t *testing.T) {
	dir := copyExample(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if r := Build(compiler.Options{Root: dir, Out: out}); r.Failed() {
		t.Fatal(r.Messages)
	}
	before := readOut(t, out)
	p := "modules/format/dates/examples.json"
	good := readFile(t, dir, p)
	writeFile(t, dir, p, replace(t, good, `"expect": "`, `"expect": "not `))
	r := Build(compiler.Options{Root: dir, Out: out})
	if !r.Failed() || !strings.Contains(r.Messages.String(), "example-failed") || r.OutDir != "" {
		t.Fatalf("want a failed example and no output, got %q:\n%s", r.OutDir, r.Messages)
	}
	after := readOut(t, out)
	if len(after) != len(before) {
		t.Errorf("the output has %d files after the failed build, %d before", len(after), len(before))
	}
	for name, f := range before {
		if g, ok := after[name]; !ok || g.content != f.content || !os.SameFile(g.info, f.info) {
			t.Errorf("%s changed", name)
		}
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "out" {
			t.Errorf("the failed build left %s beside the output", e.Name())
		}
	}
	writeFile(t, dir, p, good)
	if r := Build(compiler.Options{Root: dir, Out: out}); r.Failed() {
		t.Fatal(r.Messages)
	}
	again := readOut(t, out)
	for name, f := range before {
		if again[name].content != f.content {
			t.Errorf("%s differs after the good build", name)
		}
	}
}
