package gitver

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/internal/gittest"
)

// copyDir copies the directory tree src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeFile(t, filepath.Join(dst, rel), string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// summary is what a loaded workspace holds, for comparisons.
func summary(t *testing.T, fsys fs.FS) map[string]string {
	t.Helper()
	ws, msgs := workspace.Load(fsys)
	if len(msgs) > 0 {
		t.Fatalf("load: %s", msgs)
	}
	out := map[string]string{"title": ws.Config.Title}
	for _, p := range ws.Packages {
		out[p.Dir] = p.Description
		for _, m := range p.Modules {
			out[m.Dir+"/module.json"] = m.Manifest.Text
			out[m.Dir+"/README.md"] = m.README
			if m.Main != nil {
				out[m.Dir+"/main.js"] = m.Main.Text
			}
			for _, q := range m.Queries {
				out[m.Dir+"/"+q.Name] = q.Source.Text
			}
		}
	}
	return out
}

func TestTreeFS(t *testing.T) {
	gittest.Isolate(t)
	g := newGitRepo(t, "")
	copyDir(t, "testdata/workspace", g.dir)
	want := summary(t, os.DirFS("testdata/workspace"))
	c1 := g.commit("the example workspace")
	g.tag("auth/v1.0.0", "release")

	// The work tree moves on: a commit, and uncommitted changes.
	g.write("modules/auth/manage_tokens/main.js", "export default { changed: 1 }\n")
	g.write("modules/format/dates/README.md", "changed\n")
	g.commit("change auth and format")
	os.RemoveAll(filepath.Join(g.dir, "modules/users"))
	g.write("modules/auth/manage_tokens/main.js", "export default { dirty: 1 }\n")

	r, _ := Open(g.dir)
	defer r.Close()
	for _, rev := range []string{"auth/v1.0.0", c1, c1[:7], "HEAD~1", "main^"} {
		fsys, err := r.TreeFS(rev)
		if err != nil {
			t.Fatalf("%s: %v", rev, err)
		}
		if got := summary(t, fsys); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the workspace differs from the one committed:\n got %v\nwant %v", rev, got, want)
		}
	}
	fsys, err := r.TreeFS("auth/v1.0.0")
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(fsys, "modc.json", "modules/auth/manage_tokens/main.js", "modules/auth/manage_tokens/queries/api_authToken.json", "modules/users/get_users/module.json"); err != nil {
		t.Error(err)
	}
	fi, err := fs.Stat(fsys, "modules/auth/manage_tokens/main.js")
	if err != nil || !fi.ModTime().Equal(date(0)) || fi.Mode() != 0o644 || fi.IsDir() {
		t.Errorf("stat: %v %v", fi, err)
	}
	head, err := r.TreeFS("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := fsReadFile(head, "modules/auth/manage_tokens/main.js"); data != "export default { changed: 1 }\n" {
		t.Errorf("HEAD: %q", data)
	}
	if _, err := r.TreeFS("nope"); err == nil || !strings.Contains(err.Error(), `unknown revision "nope"`) {
		t.Errorf("unknown revision: %v", err)
	}

	// Concurrent readers take turns.
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f, err := r.TreeFS("auth/v1.0.0")
			if err == nil {
				_, err = fs.ReadFile(f, "modules/format/dates/main.js")
			}
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}

func TestTreeFSEntries(t *testing.T) {
	gittest.Isolate(t)
	g := newGitRepo(t, "")
	g.write("x.js", "file before the directory in git's order\n")
	g.write("x/a.txt", "a\n")
	g.write("run.sh", "#!/bin/sh\n")
	os.Chmod(filepath.Join(g.dir, "run.sh"), 0o755)
	os.Symlink("x/a.txt", filepath.Join(g.dir, "file-link"))
	os.Symlink("x", filepath.Join(g.dir, "dir-link"))
	os.Symlink("../../outside", filepath.Join(g.dir, "x/escape"))
	os.Symlink("loop", filepath.Join(g.dir, "loop"))
	g.git("add", "-A")
	g.git("update-index", "--add", "--cacheinfo", "160000,"+strings.Repeat("12", 20)+",sub")
	g.git("commit", "-q", "-m", "entries of every kind") // not g.commit: add -A would drop the submodule

	r, _ := Open(g.dir)
	defer r.Close()
	fsys, err := r.TreeFS("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	des, err := fs.ReadDir(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		names = append(names, de.Name()+":"+de.Type().String())
	}
	equal(t, "entries", names, []string{"dir-link:L---------", "file-link:L---------", "loop:L---------", "run.sh:----------", "sub:d---------", "x:d---------", "x.js:----------"})

	if fi, err := fs.Stat(fsys, "run.sh"); err != nil || fi.Mode() != 0o755 || fi.Size() != 10 {
		t.Errorf("run.sh: %v %v", fi, err)
	}
	if data, err := fsReadFile(fsys, "file-link"); err != nil || data != "a\n" {
		t.Errorf("file-link: %q %v", data, err)
	}
	if data, err := fsReadFile(fsys, "dir-link/a.txt"); err != nil || data != "a\n" {
		t.Errorf("dir-link/a.txt: %q %v", data, err)
	}
	if fi, err := fs.Stat(fsys, "dir-link"); err != nil || !fi.IsDir() {
		t.Errorf("dir-link: %v %v", fi, err)
	}
	if target, err := fs.ReadLink(fsys, "dir-link"); err != nil || target != "x" {
		t.Errorf("ReadLink(dir-link): %q %v", target, err)
	}
	if _, err := fs.ReadLink(fsys, "x.js"); err == nil {
		t.Errorf("ReadLink of a file: no error")
	}
	if fi, err := fs.Lstat(fsys, "file-link"); err != nil || fi.Mode().Type() != fs.ModeSymlink || fi.Size() != int64(len("x/a.txt")) {
		t.Errorf("Lstat(file-link): %v %v", fi, err)
	}
	if des, err := fs.ReadDir(fsys, "sub"); err != nil || len(des) != 0 {
		t.Errorf("submodule: %v %v", des, err)
	}
	for name, want := range map[string]string{
		"x/escape":  "leaves the workspace",
		"loop":      "too many levels of symbolic links",
		"nope":      "file does not exist",
		"x.js/a":    "not a directory",
		"../x.js":   "invalid argument",
		"/x.js":     "invalid argument",
		"sub/inner": "file does not exist",
	} {
		_, err := fsys.Open(name)
		var pe *fs.PathError
		if err == nil || !strings.Contains(err.Error(), want) || !errors.As(err, &pe) {
			t.Errorf("open %s: %v, want %q", name, err, want)
		}
	}
	if _, err := fs.ReadFile(fsys, "x"); err == nil {
		t.Errorf("ReadFile of a directory: no error")
	}
	if _, err := fs.ReadDir(fsys, "x.js"); err == nil {
		t.Errorf("ReadDir of a file: no error")
	}

	// An open directory lists its entries in pages.
	f, err := fsys.Open(".")
	if err != nil {
		t.Fatal(err)
	}
	d := f.(fs.ReadDirFile)
	var paged []string
	for {
		des, err := d.ReadDir(3)
		for _, de := range des {
			paged = append(paged, de.Name())
		}
		if err == io.EOF {
			break
		}
		if err != nil || len(des) == 0 {
			t.Fatalf("ReadDir(3): %v %v", des, err)
		}
	}
	equal(t, "paged", paged, []string{"dir-link", "file-link", "loop", "run.sh", "sub", "x", "x.js"})
	if _, err := f.Read(make([]byte, 1)); err == nil {
		t.Errorf("Read of a directory: no error")
	}
}

func TestResolveRef(t *testing.T) {
	g, c := threePackages(t)
	r, _ := Open(g.dir)
	defer r.Close()
	for rev, want := range map[string]string{
		"main":                  c[6],
		"HEAD":                  c[6],
		"HEAD~2":                c[4],
		"main^":                 c[5],
		"auth/v1.0.0":           c[1], // annotated: the commit, not the tag object
		"refs/tags/auth/v1.0.0": c[1],
		"billing/v0.1.0":        c[1],
		c[3]:                    c[3],
		c[3][:8]:                c[3],
	} {
		got, err := r.ResolveRef(rev)
		if err != nil || got != want {
			t.Errorf("ResolveRef(%q) = %s, %v; want %s", rev, got, err, want)
		}
	}
	for _, rev := range []string{"nope", "HEAD~99", ""} {
		if got, err := r.ResolveRef(rev); err == nil {
			t.Errorf("ResolveRef(%q) = %s, want an error", rev, got)
		}
	}
}
