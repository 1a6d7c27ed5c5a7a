package output

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// dirsOf lists the directories under dir (not dir itself), by slash path.
func dirsOf(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// writeLikeFresh writes files over dir and into a directory of their
// own, and reports (as what) whether dir then holds the same files, bytes
// and directories as the fresh one.
func writeLikeFresh(t *testing.T, dir string, files map[string][]byte, what string) bool {
	t.Helper()
	if err := Write(dir, files); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	fresh := filepath.Join(t.TempDir(), "out")
	if err := Write(fresh, files); err != nil {
		t.Fatal(err)
	}
	ok := true
	if got, want := tree(t, dir), stringsOf(files); !maps.Equal(got, want) {
		t.Errorf("%s: files %v, want %v", what, got, want)
		ok = false
	}
	if got, want := dirsOf(t, dir), dirsOf(t, fresh); !slices.Equal(got, want) {
		t.Errorf("%s: directories %v, want %v", what, got, want)
		ok = false
	}
	return ok
}

// stringsOf converts a file set to what tree returns, with the marker.
func stringsOf(files map[string][]byte) map[string]string {
	out := map[string]string{Marker: markerText}
	for p, b := range files {
		out[p] = string(b)
	}
	return out
}

// TestRecycledWritesEqualFreshOnes writes a run of outputs of different
// shapes (files changed, removed and added, a file turned into a
// directory and back, a deep tree emptied) over one directory, each
// starting from the spare the write before left, and checks each result
// equals the same files written into a directory of their own: the same
// files, bytes and directories, nothing left over.
func TestRecycledWritesEqualFreshOnes(t *testing.T) {
	runs := []map[string][]byte{
		{"index.html": []byte("a"), "css/site.css": []byte("a"), "pages/one/index.html": []byte("a"), "deep/x/y/z.txt": []byte("a")},
		{"index.html": []byte("b"), "css/site.css": []byte("a"), "pages/two/index.html": []byte("b"), "deep": []byte("now a file")},
		{"index.html": []byte("a"), "css/site.css": []byte("a"), "pages/one/index.html": []byte("a"), "deep/x/y/z.txt": []byte("a")},
		{"css": []byte("a file where a directory was"), "pages/one/index.html": []byte("c"), "pages/one/extra.js": []byte("c")},
		{"index.html": []byte("d")},
		{"index.html": []byte("d"), "css/site.css": []byte("d"), "pages/one/index.html": []byte("d")},
		{"index.html": []byte("d"), "css/site.css": []byte("d"), "pages/one/index.html": []byte("d")},
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	for i, files := range runs {
		writeLikeFresh(t, dir, files, fmt.Sprintf("run %d", i))
		spare := filepath.Join(parent, spareName("out"))
		if _, err := os.Stat(spare); (i > 0) != (err == nil) {
			t.Errorf("run %d: spare there: %v, want %v", i, err == nil, i > 0)
		}
		if i > 0 {
			wantSpareOf(t, dir)
		}
	}
}

// wantSpareOf checks that the spare of dir holds only files of dir itself
// (the same inodes), and only directories that dir has too.
func wantSpareOf(t *testing.T, dir string) {
	t.Helper()
	spare := Spare(dir)
	out, kept := infos(t, dir), infos(t, spare)
	for p, fi := range kept {
		if o := out[p]; o == nil || (!fi.IsDir() && !os.SameFile(o, fi)) {
			t.Errorf("the spare has %s, which the output does not", p)
		}
	}
}

// TestRecycledTreeIsReused: once a spare exists, an unchanged write makes
// no directory (they are the spare's, same inodes) and keeps every file's
// inode, and the output it swaps out becomes the next spare.
func TestRecycledTreeIsReused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	files := site("x", 20)
	for range 2 {
		if err := Write(dir, files); err != nil {
			t.Fatal(err)
		}
	}
	before := infos(t, filepath.Dir(dir)) // the output and its spare
	if s := commit(t, dir, files); s.Unchanged != len(files) || s.Written != 0 {
		t.Errorf("stats %+v, want all %d unchanged", s, len(files))
	}
	after := infos(t, filepath.Dir(dir))
	spare := spareName("out")
	same := func(a, b fs.FileInfo) bool { return a != nil && b != nil && os.SameFile(a, b) }
	for p, fi := range before {
		rel, ok := cutFirst(p, spare)
		if !ok {
			continue
		}
		// the spare's directories are the new output's, and its files are
		// the output's unchanged files
		if !same(after["out/"+rel], fi) {
			t.Errorf("out/%s is not the spare's", rel)
		}
	}
	for p, fi := range before {
		if rel, ok := cutFirst(p, "out"); ok && !same(after[spare+"/"+rel], fi) {
			t.Errorf("%s/%s: not the output swapped out", spare, rel)
		}
	}
}

// infos maps every path under dir (slash, relative) to its Lstat.
func infos(t *testing.T, dir string) map[string]fs.FileInfo {
	t.Helper()
	out := map[string]fs.FileInfo{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = fi
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// cutFirst cuts the first path element first off p.
func cutFirst(p, first string) (string, bool) {
	if len(p) > len(first) && p[:len(first)] == first && p[len(first)] == '/' {
		return p[len(first)+1:], true
	}
	return "", false
}

// TestRecycledFilesAreNotWrittenInPlace: files of the spare share inodes
// with the output (unchanged ones) and the output before it; a write that
// changes them must replace them, never write into them. Before the swap,
// the output still holds its own bytes; after it, the spare does.
func TestRecycledFilesAreNotWrittenInPlace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	a := map[string][]byte{"same.txt": []byte("same"), "x.txt": []byte("x1"), "y.txt": []byte("y1")}
	b := map[string][]byte{"same.txt": []byte("same"), "x.txt": []byte("x2"), "y.txt": []byte("y1")}
	c := map[string][]byte{"same.txt": []byte("changed at last"), "x.txt": []byte("x1"), "y.txt": []byte("y3")}
	for _, files := range []map[string][]byte{a, b} {
		if err := Write(dir, files); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { beforeSwap = nil })
	beforeSwap = func(string) {
		if got := tree(t, dir); !maps.Equal(got, stringsOf(b)) {
			t.Errorf("the output changed before the swap: %v", got)
		}
	}
	if err := Write(dir, c); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir); !maps.Equal(got, stringsOf(c)) {
		t.Errorf("output %v", got)
	}
	wantSpareOf(t, dir)
	if got := tree(t, Spare(dir)); len(got) != 1 || got[Marker] != markerText {
		t.Errorf("spare %v, want only the marker: every file changed", got)
	}
}

// TestSpareWithLinksOut: symbolic links planted in the spare (to a
// directory outside, and as a file) are removed before anything is
// written: nothing lands outside, and the output is exactly its files.
func TestSpareWithLinksOut(t *testing.T) {
	parent := t.TempDir()
	outside := t.TempDir()
	dir := filepath.Join(parent, "out")
	files := map[string][]byte{"pages/one/index.html": []byte("one"), "index.html": []byte("home"), "x.txt": []byte("x")}
	if err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, files); err != nil { // leaves a spare
		t.Fatal(err)
	}
	spare := filepath.Join(parent, spareName("out"))
	if err := os.RemoveAll(filepath.Join(spare, "pages")); err != nil {
		t.Fatal(err)
	}
	for link, to := range map[string]string{"pages": outside, "index.html": filepath.Join(outside, "index.html"), "x.txt": "/etc/passwd"} {
		_ = os.Remove(filepath.Join(spare, link))
		if err := os.Symlink(to, filepath.Join(spare, link)); err != nil {
			t.Fatal(err)
		}
	}
	if err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("written outside the output: %v", entries)
	}
	if got := tree(t, dir); !maps.Equal(got, stringsOf(files)) {
		t.Errorf("output %v", got)
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s is a link", p)
		}
		return err
	})
	if err != nil {
		t.Error(err)
	}
}

// TestSpareThatIsNotADirectory: a file in the spare's place is removed and
// the write goes on from an empty directory.
func TestSpareThatIsNotADirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	files := site("x", 3)
	if err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(Spare(dir), []byte("not a tree"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir); !maps.Equal(got, stringsOf(files)) {
		t.Errorf("output %v", got)
	}
	if fi, err := os.Lstat(Spare(dir)); err != nil || !fi.IsDir() {
		t.Errorf("the spare is not the output swapped out: %v", err)
	}
}

// FuzzRecycledWrites writes a sequence of file sets that data describes
// (paths of up to three levels over a tiny alphabet, so that files turn
// into directories and back) over one output directory, each write
// starting from the spare of the one before, and checks every result
// against the same files written fresh: the same files and bytes, the
// same directories, and a spare holding only the output's own files.
func FuzzRecycledWrites(f *testing.F) {
	f.Add([]byte{0x11, 0x22, 0x33, 0xff, 0x11, 0x23, 0xff, 0x12, 0x21, 0x33})
	f.Add([]byte{0x01, 0xff, 0x15, 0xff, 0x01, 0x05, 0x09})
	f.Fuzz(func(t *testing.T, data []byte) {
		parent := t.TempDir()
		dir := filepath.Join(parent, "out")
		for i, files := range fileSets(data) {
			if err := validate(files); err != nil {
				continue // a file that is also a directory: Write refuses it
			}
			if !writeLikeFresh(t, dir, files, fmt.Sprintf("write %d", i)) {
				t.FailNow()
			}
			if _, err := os.Stat(Spare(dir)); err == nil {
				wantSpareOf(t, dir)
			}
		}
	})
}

// fileSets reads file sets from data: 0xff ends a set; any other byte is
// a file whose path is one to three of the letters a-c (its bits) and whose
// content is its high bits.
func fileSets(data []byte) []map[string][]byte {
	sets := []map[string][]byte{{}}
	for _, b := range data {
		if b == 0xff {
			sets = append(sets, map[string][]byte{})
			continue
		}
		depth := int(b&3)%3 + 1
		var parts []string
		for i := range depth {
			parts = append(parts, string(rune('a'+int(b>>(2+2*i))%3)))
		}
		sets[len(sets)-1][filepath.ToSlash(filepath.Join(parts...))] = []byte{'v', '0' + b>>6}
	}
	return sets
}
