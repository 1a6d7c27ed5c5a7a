package site

import (
	"context"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler"
)

// secret is the content of the files outside the workspace that links
// point at: it must never reach an output.
const secret = "SECRET-MARKER-site"

// linkedWorkspace makes base/ws, a workspace holding the example's format
// package and a content page, and base/out, a directory outside it with
// secret files; then it writes files and makes links in the workspace.
func linkedWorkspace(t *testing.T, files, links map[string]string) (base, ws string) {
	t.Helper()
	base = t.TempDir()
	ws = filepath.Join(base, "ws")
	if err := os.CopyFS(filepath.Join(ws, "modules/format"), os.DirFS("../modules/format")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(base, "out")
	for p, text := range map[string]string{
		"secret.txt":  secret + "\n",
		"page.md":     "---\ntitle: Outside\n---\n\n" + secret + "\n",
		"dir/page.md": "---\ntitle: Outside\n---\n\n" + secret + "\n",
		"dir/x.css":   "/* " + secret + " */\n",
		"page.html":   `{{define "main"}}` + secret + `{{end}}`,
		"modc.json":   `{"title": "` + secret + `"}`,
	} {
		writeFile(t, out, p, text)
	}
	writeFile(t, ws, "content/guide.md", "---\ntitle: Guide\n---\n\nText.\n")
	for p, text := range files {
		writeFile(t, ws, p, text)
	}
	makeLinks(t, base, ws, links)
	return base, ws
}

// makeLinks makes links in the workspace ws ($OUT and $WS in a target are
// base/out's and the workspace's paths).
func makeLinks(t *testing.T, base, ws string, links map[string]string) {
	t.Helper()
	out := filepath.Join(base, "out")
	for p, target := range links {
		name := filepath.Join(ws, filepath.FromSlash(p))
		os.RemoveAll(name) // what the link replaces
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		target = strings.NewReplacer("$OUT", out, "$WS", ws).Replace(target)
		if err := os.Symlink(filepath.FromSlash(target), name); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
}

// snapshot returns the files under dir by path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// secretIn returns the files under dir holding the secret.
func secretIn(t *testing.T, dir string) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Type()&fs.ModeSymlink != 0 || d.IsDir() {
			return err
		}
		if data, err := os.ReadFile(p); err == nil && strings.Contains(string(data), secret) {
			found = append(found, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestLinksOutsideFailTheBuild builds a workspace, then adds a symbolic
// link out of it in one of the places the build reads (a README, a content
// page, a content directory, LICENSE, the theme's templates and assets,
// modc.json) and builds again: the build fails with the error at the link,
// leaves the first build's output as it was, and no file anywhere holds the
// secret.
func TestLinksOutsideFailTheBuild(t *testing.T) {
	const leaves = " leaves the workspace; modc reads no file outside it [link-outside-workspace]\n"
	cases := []struct {
		name, link, target, want string
	}{
		{"README", "modules/format/dates/README.md", "$OUT/secret.txt", "modules/format/dates/README.md: error: symbolic link to $OUT/secret.txt" + leaves},
		{"README to the environment", "modules/format/dates/README.md", "/proc/self/environ", "modules/format/dates/README.md: error: symbolic link to /proc/self/environ" + leaves},
		{"content page", "content/leak.md", "$OUT/page.md", "content/leak.md: error: symbolic link to $OUT/page.md" + leaves},
		{"content page, relative", "content/leak.md", "../../out/page.md", "content/leak.md: error: symbolic link to ../../out/page.md" + leaves},
		{"content directory", "content/ext", "$OUT/dir", "content/ext: error: symbolic link to $OUT/dir" + leaves},
		{"content", "content", "$OUT/dir", "content: error: symbolic link to $OUT/dir" + leaves},
		{"templates", "templates", "../out/dir", "templates: error: symbolic link to ../out/dir" + leaves},
		{"LICENSE", "LICENSE", "../out/secret.txt", "LICENSE: error: symbolic link to ../out/secret.txt" + leaves},
		{"theme asset", "templates/assets/x.css", "../../../out/dir/x.css", "templates/assets/x.css: error: symbolic link to ../../../out/dir/x.css" + leaves},
		{"theme assets directory", "templates/assets", "$OUT/dir", "templates/assets: error: symbolic link to $OUT/dir" + leaves},
		{"template", "templates/page.html", "$OUT/page.html", "templates/page.html: error: symbolic link to $OUT/page.html" + leaves},
		{"modc.json", "modc.json", "$OUT/modc.json", "modc.json: error: symbolic link to $OUT/modc.json" + leaves},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.target == "/proc/self/environ" {
				if _, err := os.ReadFile(c.target); err != nil {
					t.Skipf("no %s here", c.target)
				}
				t.Setenv("MODC_TEST_CI_TOKEN", secret) // what a CI job's secrets look like
			}
			base, ws := linkedWorkspace(t, nil, nil)
			out := filepath.Join(base, "site")
			if r := Build(compiler.Options{Root: ws, Out: out, CacheDir: "-"}); r.Failed() {
				t.Fatal(r.Messages)
			}
			previous := snapshot(t, out)
			makeLinks(t, base, ws, map[string]string{c.link: c.target})
			r := Build(compiler.Options{Root: ws, Out: out, CacheDir: "-"})
			got := strings.ReplaceAll(r.Messages.String(), filepath.Join(base, "out"), "$OUT")
			if !r.Failed() || r.OutDir != "" || !strings.Contains(got, c.want) {
				t.Errorf("want the error\n%sgot:\n%s", c.want, got)
			}
			if strings.Contains(got, secret) {
				t.Errorf("the secret is in the messages:\n%s", got)
			}
			if now := snapshot(t, out); !reflect.DeepEqual(now, previous) {
				t.Errorf("the failed build changed the output: %d files, %d before", len(now), len(previous))
			}
			for _, f := range secretIn(t, base) {
				if !strings.HasPrefix(f, filepath.Join(base, "out")+string(filepath.Separator)) {
					t.Errorf("%s holds the secret", f)
				}
			}
		})
	}
}

// TestLinksInsideAreFollowed: links that stay inside the workspace are
// followed to files (a README, a content page, a theme asset, LICENSE),
// and a link to a directory is skipped with a warning.
func TestLinksInsideAreFollowed(t *testing.T) {
	base, ws := linkedWorkspace(t, map[string]string{
		"docs/dates.md":     "# Dates\n\nINSIDE-README\n",
		"shared/page.md":    "---\ntitle: Shared page\n---\n\nINSIDE-PAGE\n",
		"style/x.css":       "/* INSIDE-CSS */\n",
		"docs/LICENSE.txt":  "INSIDE-LICENSE\n",
		"content/real.md":   "---\ntitle: Real\n---\n\nSee [the shared page](alias.md).\n",
		"content/dir/a.md":  "---\ntitle: A\n---\n\nA.\n",
		"shared/sub/sub.md": "# Sub\n",
	}, map[string]string{
		"modules/format/dates/README.md": "../../../docs/dates.md",
		"content/alias.md":               "../shared/page.md",
		"templates/assets/x.css":         "../../style/x.css",
		"LICENSE":                        "docs/LICENSE.txt",
		"content/linkdir":                "../shared",
	})
	out := filepath.Join(base, "site")
	r := Build(compiler.Options{Root: ws, Out: out, CacheDir: "-"})
	if r.Failed() {
		t.Fatal(r.Messages)
	}
	if !strings.Contains(r.Messages.String(), "content/linkdir: warning: symbolic link to a directory skipped; modc follows links to files only [link-to-directory]\n") {
		t.Errorf("no warning for the link to a directory:\n%s", r.Messages)
	}
	read := func(p string) string {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Error(err)
		}
		return string(data)
	}
	for p, want := range map[string]string{
		"packages/format/dates/index.html": "INSIDE-README",
		"alias/index.html":                 "INSIDE-PAGE",
		"assets/x.css":                     "INSIDE-CSS",
	} {
		if !strings.Contains(read(p), want) {
			t.Errorf("%s: no %s", p, want)
		}
	}
	if !strings.Contains(read("alias/index.html"), "<title>Shared page") {
		t.Errorf("alias/index.html: not titled from the linked page's front matter")
	}
	licenses, _ := filepath.Glob(filepath.Join(out, "npm", "format", "*", "LICENSE"))
	if len(licenses) == 0 {
		t.Fatalf("no npm LICENSE")
	}
	for _, l := range licenses {
		if data, _ := os.ReadFile(l); !strings.Contains(string(data), "INSIDE-LICENSE") {
			t.Errorf("%s: %q", l, data)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "linkdir")); err == nil {
		t.Errorf("the linked directory was rendered")
	}
}

// TestDevserverServesNothingFromOutside runs the devserver on a workspace,
// then links its README and a content page out of it: each rebuild reports
// the error at the link and nothing served holds the secret. A builder
// started on the linked workspace reports the errors too.
func TestDevserverServesNothingFromOutside(t *testing.T) {
	base, ws := linkedWorkspace(t, nil, nil)
	d := serveDev(t, ws, false)
	d.waitFor("/packages/format/dates/", http.StatusOK)
	d.drain()
	paths := []string{"/", "/packages/format/dates/", "/guide/", "/leak/", "/search-index.json", "/search-index.js"}
	noSecret := func(when string) {
		t.Helper()
		for _, p := range paths {
			if status, body := d.get(p); strings.Contains(string(body), secret) {
				t.Errorf("%s: %s (status %d) serves the secret", when, p, status)
			}
		}
	}
	until := func(ok func(string) bool) {
		t.Helper()
		for !ok(d.rebuild().Messages.String()) {
		}
	}
	outside := filepath.Join(base, "out")
	readme := readFile(t, ws, "modules/format/dates/README.md")
	for _, c := range []struct{ link, target string }{
		{"modules/format/dates/README.md", filepath.Join(outside, "secret.txt")},
		{"content/leak.md", filepath.Join(outside, "page.md")},
	} {
		name := filepath.Join(ws, filepath.FromSlash(c.link))
		os.Remove(name)
		if err := os.Symlink(c.target, name); err != nil {
			t.Fatal(err)
		}
		want := c.link + ": error: symbolic link to " + c.target + " leaves the workspace; modc reads no file outside it"
		until(func(msgs string) bool { return strings.Contains(msgs, want) })
		noSecret("after linking " + c.link)
		if c.link == "modules/format/dates/README.md" {
			os.Remove(name)
			writeFile(t, ws, c.link, readme)
			until(func(msgs string) bool { return !strings.Contains(msgs, "error") })
		}
	}

	out, err := NewDevBuilder(compiler.Options{Root: ws, NoMinify: true, CacheDir: "-"}).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := out.Messages.String(); !strings.Contains(got, "content/leak.md: error: symbolic link to "+filepath.Join(outside, "page.md")+" leaves the workspace") {
		t.Errorf("a cold devserver build: %s", got)
	}
	for p, data := range out.Files {
		if strings.Contains(string(data), secret) {
			t.Errorf("a cold devserver build serves the secret in %s", p)
		}
	}
}

// TestBOMsAccepted builds the example workspace with a UTF-8 byte order
// mark at the start of every JSON, JS and markdown file: the build is as
// without them, and a page's front matter still gives its title.
func TestBOMsAccepted(t *testing.T) {
	dir := copyExample(t)
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(p) {
		case ".json", ".js", ".md":
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			n++
			return os.WriteFile(p, append([]byte("\uFEFF"), data...), 0o644)
		}
		return nil
	})
	if err != nil || n < 10 {
		t.Fatalf("%d files: %v", n, err)
	}
	out := filepath.Join(t.TempDir(), "out")
	r := Build(compiler.Options{Root: dir, Out: out, CacheDir: "-"})
	if r.Failed() || len(r.Messages.Errors()) != 0 {
		t.Fatal(r.Messages)
	}
	page, err := os.ReadFile(filepath.Join(out, "cli", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "<title>The command line") || strings.Contains(string(page), "\uFEFF") {
		t.Errorf("cli/index.html: the front matter after a BOM was not read")
	}
	if apps, err := os.ReadFile(filepath.Join(out, "apps", "portal", "index.html")); err != nil || !strings.Contains(string(apps), "Portal") {
		t.Errorf("apps/portal: %v", err)
	}
}
