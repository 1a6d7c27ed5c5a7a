package output

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// fileState is what identifies a file on disk and when it was written.
type fileState struct {
	info    os.FileInfo
	mtime   time.Time
	content string
}

// states returns the state of every regular file under dir, by slash path.
func states(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = fileState{fi, fi.ModTime(), string(b)}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// commit writes files through Create, WriteFile and Commit and returns the
// counts.
func commit(t *testing.T, dir string, files map[string][]byte) Stats {
	t.Helper()
	d, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	for p, b := range files {
		if err := d.WriteFile(p, b); err != nil {
			d.Abort()
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	return d.Stats()
}

// TestWarmWriteWritesOnlyChanges rewrites an output with one file changed,
// one changed to other bytes of the same size, one new and one gone: only
// the changed and new files are written (new inodes); the others are the
// previous output's files (same inode, same mtime); the output is
// byte-identical to a cold write of the same files.
func TestWarmWriteWritesOnlyChanges(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	first := site("a", 20)
	if s := commit(t, dir, first); s.Written != len(first) || s.Unchanged != 0 || s.Removed != 0 {
		t.Errorf("cold write: %+v, want %d written", s, len(first))
	}
	before := states(t, dir)
	time.Sleep(20 * time.Millisecond) // so that a rewrite would show in the mtime

	next := maps.Clone(first)
	next["pages/p003/index.html"] = []byte("changed, and longer")
	next["pages/p004/index.html"] = []byte("b") // same size as "a"
	next["new/file.txt"] = []byte("new")
	delete(next, "only-a.txt")
	s := commit(t, dir, next)
	want := Stats{Written: 3, WrittenBytes: int64(len("changed, and longer") + 1 + 3), Unchanged: len(next) - 3, Removed: 1}
	if s != want {
		t.Errorf("warm write: %+v, want %+v", s, want)
	}
	if s.Files() != len(next) {
		t.Errorf("Files() = %d, want %d", s.Files(), len(next))
	}
	after := states(t, dir)
	for p, a := range after {
		b, existed := before[p]
		changed := !existed || b.content != a.content
		switch {
		case changed && existed && os.SameFile(a.info, b.info):
			t.Errorf("%s changed in place (same inode)", p)
		case !changed && (!os.SameFile(a.info, b.info) || !a.mtime.Equal(b.mtime)):
			t.Errorf("%s is unchanged but was rewritten (inode or mtime differ)", p)
		}
	}
	// The previous output's files, and the marker, are not written again.
	if !os.SameFile(before[Marker].info, after[Marker].info) {
		t.Error("the marker was rewritten")
	}

	cold := filepath.Join(root, "cold")
	commit(t, cold, next)
	if got, want := tree(t, dir), tree(t, cold); !maps.Equal(got, want) {
		t.Errorf("warm output differs from a cold write: %d files vs %d", len(got), len(want))
	}
	if s := siblings(t, dir); len(s) != 1 || s[0] != "cold" {
		t.Errorf("siblings %v", s)
	}
}

// TestWarmWriteNeverModifiesInPlace keeps a hard link to every file of
// each output (as a reader holding it open would see it) across writes
// that change, keep, share and drop files: every such file keeps the bytes
// it had when it was written.
func TestWarmWriteNeverModifiesInPlace(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	witness := filepath.Join(root, "witness")
	big := func(id string) []byte { return bytes.Repeat([]byte(id), shareMin) }
	var kept []string // witness paths
	want := map[string]string{}
	for round := range 6 {
		files := site(fmt.Sprint(round%2), 10) // half the files change each round
		files["pages/p001/index.html"] = []byte("always the same")
		shared := big(fmt.Sprint(round / 3)) // changes once
		d, err := Create(dir)
		if err != nil {
			t.Fatal(err)
		}
		for p, b := range files {
			if err := d.WriteFile(p, b); err != nil {
				t.Fatal(err)
			}
		}
		for _, p := range []string{"dist/p.mjs", "latest/p.mjs", "npm/p.mjs"} {
			if err := d.WriteShared(p, shared); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		for p, st := range states(t, dir) {
			w := filepath.Join(witness, fmt.Sprint(round), filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(w), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Link(filepath.Join(dir, filepath.FromSlash(p)), w); err != nil {
				t.Fatal(err)
			}
			kept = append(kept, w)
			want[w] = st.content
		}
		for _, w := range kept {
			if b, err := os.ReadFile(w); err != nil || string(b) != want[w] {
				t.Fatalf("round %d: %s was modified in place: %q, want %q (%v)", round, w, b, want[w], err)
			}
		}
	}
}

// TestWarmWriteKeepsOnlyPlainFiles: a file of the previous output that is
// executable, a symbolic link or a directory is not linked into the next
// output but written anew, and what it pointed to is left alone.
func TestWarmWriteKeepsOnlyPlainFiles(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	files := site("a", 3)
	commit(t, dir, files)
	outside := filepath.Join(root, "outside.txt")
	if err := os.WriteFile(outside, files["index.html"], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "index.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "index.html")); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := os.Chmod(filepath.Join(dir, "css/site.css"), 0o755); err != nil {
		t.Fatal(err)
	}
	s := commit(t, dir, files)
	if s.Written != 2 || s.Unchanged != len(files)-2 {
		t.Errorf("stats %+v, want 2 written", s)
	}
	for _, p := range []string{"index.html", "css/site.css"} {
		fi, err := os.Lstat(filepath.Join(dir, p))
		if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o111 != 0 {
			t.Errorf("%s: %v %v, want a plain file", p, fi.Mode(), err)
		}
	}
	outFi, _ := os.Stat(outside)
	newFi, _ := os.Stat(filepath.Join(dir, "index.html"))
	if os.SameFile(outFi, newFi) {
		t.Error("the output links a file outside it")
	}
	wantSite(t, dir, "a", 3)
}

// TestWarmWriteSharedKeepsTheBundle: a bundle written with WriteShared
// under several names, unchanged, is kept once and linked under the
// others: nothing is written.
func TestWarmWriteSharedKeepsTheBundle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	paths := []string{"dist/p/1.0.0/p.mjs", "dist/p/latest/p.mjs", "npm/p/1.0.0/p.mjs"}
	write := func(content []byte) Stats {
		t.Helper()
		d, err := Create(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			if err := d.WriteShared(p, content); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		return d.Stats()
	}
	one := bytes.Repeat([]byte("bundle 1 "), shareMin)
	if s := write(one); s != (Stats{Written: 1, WrittenBytes: int64(len(one)), Linked: 2}) {
		t.Errorf("cold: %+v", s)
	}
	before := states(t, dir)
	if s := write(bytes.Clone(one)); s != (Stats{Unchanged: 1, Linked: 2}) {
		t.Errorf("warm, same bundle: %+v", s)
	}
	after := states(t, dir)
	for _, p := range paths {
		if !os.SameFile(before[p].info, after[p].info) || !os.SameFile(after[p].info, after[paths[0]].info) {
			t.Errorf("%s is not the previous output's file", p)
		}
	}
	two := bytes.Repeat([]byte("bundle 2 "), shareMin)
	if s := write(two); s != (Stats{Written: 1, WrittenBytes: int64(len(two)), Linked: 2}) {
		t.Errorf("warm, new bundle: %+v", s)
	}
	for p, b := range tree(t, dir) {
		if p != Marker && b != string(two) {
			t.Errorf("%s: wrong content", p)
		}
	}
}

// TestFailedWarmWriteLeavesPreviousOutput: a write that links most files
// from the previous output and then fails or is aborted leaves that
// output as it was, down to its inodes and mtimes.
func TestFailedWarmWriteLeavesPreviousOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	commit(t, dir, site("good", 30))
	before := states(t, dir)
	check := func(what string) {
		t.Helper()
		after := states(t, dir)
		if len(after) != len(before) {
			t.Errorf("%s: %d files, want %d", what, len(after), len(before))
		}
		for p, b := range before {
			a, ok := after[p]
			if !ok || a.content != b.content || !os.SameFile(a.info, b.info) || !a.mtime.Equal(b.mtime) {
				t.Errorf("%s: %s was touched", what, p)
			}
		}
		if s := siblings(t, dir); len(s) != 0 {
			t.Errorf("%s: left %v next to the output", what, s)
		}
	}
	// Fails half-way, after linking the unchanged files.
	bad := site("good", 30)
	bad["index.html"] = []byte("changed")
	bad["zzz/"+strings.Repeat("n", 300)] = []byte("x")
	if err := Write(dir, bad); err == nil {
		t.Error("Write of a 300-byte name succeeded")
	}
	check("failed Write")
	// Aborted after linking and writing.
	d, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	for p, b := range site("good", 30) {
		if p == "index.html" {
			b = []byte("changed")
		}
		if err := d.WriteFile(p, b); err != nil {
			t.Fatal(err)
		}
	}
	if s := d.Stats(); s.Unchanged != len(before)-2 || s.Written != 1 {
		t.Errorf("before the abort: %+v", s)
	}
	d.Abort()
	check("Abort")
}

// TestKilledWarmWriteLeavesPreviousOutput kills a process whose write
// linked the unchanged files of the previous output, just before its
// swap: the previous output is as it was, and the next write cleans up.
func TestKilledWarmWriteLeavesPreviousOutput(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGKILL")
	}
	dir := filepath.Join(t.TempDir(), "out")
	commit(t, dir, site("previous", 20)) // what the helper writes, but index.html
	before := states(t, dir)
	cmd := helper(t, "hang-warm", dir, "previous", 0)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(dir + ".ready"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatal("helper never reached the swap")
		}
		time.Sleep(5 * time.Millisecond)
	}
	tmp, err := os.ReadFile(dir + ".ready")
	if err != nil {
		t.Fatal(err)
	}
	// The helper linked the unchanged files: they are the previous output's.
	linked, err := os.Stat(filepath.Join(string(tmp), "pages/p007/index.html"))
	if err != nil || !os.SameFile(linked, before["pages/p007/index.html"].info) {
		t.Errorf("the helper's temporary output does not link the unchanged file (%v)", err)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	_ = os.Remove(dir + ".ready")
	after := states(t, dir)
	for p, b := range before {
		if a := after[p]; a.content != b.content || !os.SameFile(a.info, b.info) || !a.mtime.Equal(b.mtime) {
			t.Errorf("%s was touched by the killed write", p)
		}
	}
	wantSite(t, dir, "previous", 20)
	if s := commit(t, dir, site("previous", 20)); s.Written != 0 || s.Unchanged != len(site("previous", 20)) {
		t.Errorf("next write: %+v, want all unchanged", s)
	}
	if s := siblings(t, dir); len(s) != 0 {
		t.Errorf("leftovers after the next write: %v", s)
	}
}
