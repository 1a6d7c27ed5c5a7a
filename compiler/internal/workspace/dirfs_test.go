package workspace

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

const secret = "SECRET-MARKER-dirfs"

// linkTree makes a workspace directory and, beside it, a directory outside
// holding a secret file and a secret directory; links maps workspace paths
// to link targets ($OUT is the outside directory, $WS the workspace's).
func linkTree(t *testing.T, files, links map[string]string) (ws, out string) {
	t.Helper()
	base := t.TempDir()
	ws, out = filepath.Join(base, "ws"), filepath.Join(base, "out")
	for p, text := range map[string]string{"secret.txt": secret, "dir/secret.md": secret} {
		write(t, filepath.Join(out, p), text)
	}
	for p, text := range files {
		write(t, filepath.Join(ws, filepath.FromSlash(p)), text)
	}
	for p, target := range links {
		target = strings.NewReplacer("$OUT", out, "$WS", ws).Replace(target)
		name := filepath.Join(ws, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.FromSlash(target), name); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	return ws, out
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDirFSRefusesLinksLeaving reads through every kind of link that leaves
// the workspace: each read fails with a LinkError naming the link, and the
// secret is never returned. Links that stay inside are followed.
func TestDirFSRefusesLinksLeaving(t *testing.T) {
	ws, out := linkTree(t, map[string]string{
		"docs/inside.md": "inside",
		"sub/file.txt":   "in sub",
	}, map[string]string{
		"abs.md":       "$OUT/secret.txt",
		"rel.md":       "../out/secret.txt",
		"deep/rel.md":  "../../out/secret.txt",
		"outdir":       "$OUT/dir",
		"chain.md":     "hop.md",
		"hop.md":       "../out/secret.txt",
		"absinside.md": "$WS/docs/inside.md",
		"inside.md":    "docs/inside.md",
		"subdir":       "sub",
		"dangling.md":  "docs/none.md",
		"dots.md":      "sub/../../ws/docs/inside.md",
	})
	d := DirFS(ws)
	defer d.Close()
	for name, want := range map[string]*LinkError{
		"abs.md":           {Link: "abs.md", Target: filepath.Join(out, "secret.txt")},
		"rel.md":           {Link: "rel.md", Target: "../out/secret.txt"},
		"deep/rel.md":      {Link: "deep/rel.md", Target: "../../out/secret.txt"},
		"outdir/secret.md": {Link: "outdir", Target: filepath.Join(out, "dir")},
		"chain.md":         {Link: "hop.md", Target: "../out/secret.txt"},
		"absinside.md":     {Link: "absinside.md", Target: filepath.Join(ws, "docs/inside.md"), Inside: true},
		"dots.md":          {Link: "dots.md", Target: "sub/../../ws/docs/inside.md"},
	} {
		for op, read := range map[string]func() ([]byte, error){
			"ReadFile": func() ([]byte, error) { return fs.ReadFile(d, name) },
			"Open": func() ([]byte, error) {
				f, err := d.Open(name)
				if err != nil {
					return nil, err
				}
				defer f.Close()
				buf := make([]byte, 100)
				n, _ := f.Read(buf)
				return buf[:n], nil
			},
			"Stat": func() ([]byte, error) { _, err := fs.Stat(d, name); return nil, err },
		} {
			data, err := read()
			var le *LinkError
			var pe *fs.PathError
			if !errors.As(err, &le) || !errors.As(err, &pe) || *le != *want {
				t.Errorf("%s(%s): %q %v, want the link error %+v", op, name, data, err, want)
			}
			if strings.Contains(string(data), secret) {
				t.Errorf("%s(%s) read the file outside", op, name)
			}
		}
	}
	if _, err := fs.ReadDir(d, "outdir"); err == nil || !strings.Contains(err.Error(), "symbolic link to "+filepath.Join(out, "dir")+" leaves the workspace; modc reads no file outside it") {
		t.Errorf("ReadDir(outdir): %v", err)
	}
	for name, want := range map[string]string{"inside.md": "inside", "subdir/file.txt": "in sub"} {
		if data, err := fs.ReadFile(d, name); err != nil || string(data) != want {
			t.Errorf("ReadFile(%s), a link inside: %q %v", name, data, err)
		}
	}
	if _, err := fs.ReadFile(d, "dangling.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile(dangling.md): %v, want not exist", err)
	}
	entries, err := fs.ReadDir(d, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == "abs.md" && e.Type() != fs.ModeSymlink {
			t.Errorf("ReadDir lists abs.md as %v, want a symbolic link", e.Type())
		}
	}
	if err := fstest.TestFS(DirFS(filepath.Join(ws, "docs")), "inside.md"); err != nil {
		t.Error(err)
	}
}

// TestFollowLink: what a walk does with each link it meets.
func TestFollowLink(t *testing.T) {
	ws, out := linkTree(t, map[string]string{"docs/inside.md": "inside"}, map[string]string{
		"abs.md":      "$OUT/secret.txt",
		"outdir":      "../out/dir",
		"inside.md":   "docs/inside.md",
		"docsdir":     "docs",
		"dangling.md": "docs/none.md",
	})
	d := DirFS(ws)
	for p, want := range map[string]string{
		"abs.md":      "abs.md: error: symbolic link to " + filepath.Join(out, "secret.txt") + " leaves the workspace; modc reads no file outside it [link-outside-workspace]\n",
		"outdir":      "outdir: error: symbolic link to ../out/dir leaves the workspace; modc reads no file outside it [link-outside-workspace]\n",
		"inside.md":   "",
		"docsdir":     "docsdir: warning: symbolic link to a directory skipped; modc follows links to files only [link-to-directory]\n",
		"dangling.md": "dangling.md: error: symbolic link to docs/none.md cannot be followed: no such file or directory [link-broken]\n",
	} {
		file, m := FollowLink(d, p)
		got := ""
		if m != nil {
			got = m.Error() + "\n"
		}
		if file != (want == "") || got != want {
			t.Errorf("FollowLink(%s): %v %q, want %q", p, file, got, want)
		}
	}
}

// TestDirFSMissingRoot: a workspace directory that does not exist reads as
// an empty one, as with os.DirFS.
func TestDirFSMissingRoot(t *testing.T) {
	d := DirFS(filepath.Join(t.TempDir(), "none"))
	if _, err := fs.ReadFile(d, "modc.json"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile: %v", err)
	}
	ws, msgs := Load(d)
	if len(msgs) != 0 || len(ws.Packages) != 0 {
		t.Errorf("Load: %v %s", ws.Packages, msgs)
	}
}

// TestLoadLinks loads a workspace whose files are links out of it, in every
// place the loader reads: each is an error at the link, the secret is in no
// source, and a link inside the workspace is read as its target.
func TestLoadLinks(t *testing.T) {
	ws, _ := linkTree(t, map[string]string{
		"modules/p/m/module.json":  `{"kind": "js"}`,
		"modules/p/m/main.js":      "export default {};\n",
		"modules/p/q/module.json":  `{"kind": "js"}`,
		"modules/p/in/module.json": `{"kind": "js"}`,
		"modules/p/in/main.js":     "export default {};\n",
		"docs/readme.md":           "# Shared readme\n",
	}, map[string]string{
		"modc.json":                   "../out/secret.txt",
		"modules/p/modc-package.json": "$OUT/secret.txt",
		"modules/p/m/README.md":       "$OUT/secret.txt",
		"modules/p/m/examples.json":   "../../../../out/secret.txt",
		"modules/p/m/queries/q.json":  "$OUT/secret.txt",
		"modules/p/q/main.js":         "$OUT/secret.txt",
		"modules/p/q/queries":         "$OUT/dir",
		"modules/p/out":               "$OUT/dir",
		"modules/evil":                "../../out/dir",
		"modules/p/in/README.md":      "../../../docs/readme.md",
		"modules/p/linked":            "in",
		"modules/p/x/module.json":     "$OUT/secret.txt",
	})
	w, msgs := Load(DirFS(ws))
	msgs.Sort()
	got := strings.ReplaceAll(msgs.String(), filepath.Dir(ws), "$BASE")
	want := `modc.json: error: symbolic link to ../out/secret.txt leaves the workspace; modc reads no file outside it [link-outside-workspace]
modules/evil: error: symbolic link to ../../out/dir leaves the workspace; modc reads no file outside it [link-outside-workspace]
modules/p/linked: warning: symbolic link to a directory skipped; modc follows links to files only [link-to-directory]
modules/p/m/README.md: error: symbolic link to $BASE/out/secret.txt leaves the workspace; modc reads no file outside it [link-outside-workspace]
modules/p/m/examples.json: error: symbolic link to ../../../../out/secret.txt leaves the workspace; modc reads no file outside it [link-outside-workspace]
modules/p/m/queries/q.json: error: symbolic link to $BASE/out/secret.txt leaves the workspace; modc reads no file outside it [link-outside-workspace]
modules/p/modc-package.json: error: symbolic link to $BASE/out/secret.txt leaves the workspace; modc reads no file outside it [link-outside-workspace]
modules/p/out: error: symbolic link to $BASE/out/dir leaves the workspace; modc reads no file outside it [link-outside-workspace]
modules/p/q/main.js: error: symbolic link to $BASE/out/secret.txt leaves the workspace; modc reads no file outside it [link-outside-workspace]
modules/p/q/queries: error: symbolic link to $BASE/out/dir leaves the workspace; modc reads no file outside it [link-outside-workspace]
modules/p/x/module.json: error: symbolic link to $BASE/out/secret.txt leaves the workspace; modc reads no file outside it [link-outside-workspace]
`
	if got != want {
		t.Errorf("messages:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(got, secret) {
		t.Errorf("the secret is in the messages:\n%s", got)
	}
	for p, src := range w.Sources {
		if strings.Contains(src.Text, secret) {
			t.Errorf("%s: the secret was read", p)
		}
	}
	var readme string
	for _, p := range w.Packages {
		for _, m := range p.Modules {
			if m.Name == "in" {
				readme = m.README
			}
		}
	}
	if readme != "# Shared readme\n" {
		t.Errorf("the README linked inside the workspace: %q", readme)
	}
}

// TestDirReadDirAsRoot checks that Dir.ReadDir (one openat2 on Linux)
// lists what os.Root lists, with the same types and the same Info, on
// directories reached directly and through relative links inside the
// workspace, and that it refuses a link out of it, or an absolute one, as
// reading through os.Root does.
func TestDirReadDirAsRoot(t *testing.T) {
	ws, _ := linkTree(t, map[string]string{
		"a.txt": "a", "sub/b.js": "b", "sub/deep/c.json": "{}", "sub/.hidden": "h", "Z.md": "z",
	}, map[string]string{
		"sub/link.txt": "../a.txt", "sublink": "sub", "sub/deeplink": "$WS/sub/deep", "out": "$OUT/dir", "sub/dangling": "nowhere",
	})
	d := DirFS(ws)
	defer d.Close()
	root, err := os.OpenRoot(ws)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for _, name := range []string{".", "sub", "sub/deep", "sublink", "sublink/deep"} {
		got, err := d.ReadDir(name)
		if err != nil {
			t.Errorf("ReadDir(%s): %v", name, err)
			continue
		}
		want, err := fs.ReadDir(root.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Errorf("ReadDir(%s): %d entries, os.Root lists %d", name, len(got), len(want))
			continue
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.Name() != w.Name() || g.IsDir() != w.IsDir() || g.Type() != w.Type() {
				t.Errorf("ReadDir(%s)[%d] = %s, os.Root: %s", name, i, fs.FormatDirEntry(g), fs.FormatDirEntry(w))
			}
			gi, gerr := g.Info()
			wi, werr := w.Info()
			if (gerr == nil) != (werr == nil) || gerr == nil && (gi.Name() != wi.Name() || gi.Mode() != wi.Mode() || gi.Size() != wi.Size()) {
				t.Errorf("ReadDir(%s)[%d].Info() = %v %v, os.Root: %v %v", name, i, gi, gerr, wi, werr)
			}
		}
	}
	if _, err := d.ReadDir("out"); err == nil {
		t.Error("ReadDir(out), a link out of the workspace: no error")
	}
	if _, err := d.ReadDir("sub/deeplink"); err == nil || !strings.Contains(err.Error(), "is absolute") {
		t.Errorf("ReadDir(sub/deeplink), an absolute link: %v, want modc's refusal", err)
	}
	if _, err := d.ReadDir("a.txt"); err == nil {
		t.Error("ReadDir(a.txt), a file: no error")
	}
	if _, err := d.ReadDir("missing"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadDir(missing): %v, want not exist", err)
	}
}
