package output

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestWriteSharedLinks: the very same slice written again is a hard link
// to the first file, also when the writes race; an equal copy, a small
// slice and a WriteFile are written apart. Every file reads back its
// content after the swap.
func TestWriteSharedLinks(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	d, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("bundle "), 2000)
	small := []byte("tiny")
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for _, p := range []string{"dist/p/1.0.0/p.mjs", "dist/p/latest/p.mjs", "npm/p/1.0.0/p.mjs", "npm/p/1.0.0/p.d.mts"} {
		wg.Go(func() { errs <- d.WriteShared(p, big) })
	}
	wg.Go(func() { errs <- d.WriteShared("copy/p.mjs", bytes.Clone(big)) })
	wg.Go(func() { errs <- d.WriteShared("small/a", small) })
	wg.Go(func() { errs <- d.WriteShared("small/b", small) })
	wg.Wait()
	if err := d.WriteFile("plain/p.mjs", big); err != nil {
		t.Fatal(err)
	}
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := d.WriteShared("dist/p/latest/p.mjs", big); err == nil {
		t.Error("a path written twice through a link is not refused")
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	stat := func(p string) os.FileInfo {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		want := big
		if filepath.Dir(p) == "small" {
			want = small
		}
		if !bytes.Equal(data, want) {
			t.Errorf("%s: wrong content", p)
		}
		fi, err := os.Stat(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	first := stat("dist/p/1.0.0/p.mjs")
	for _, p := range []string{"dist/p/latest/p.mjs", "npm/p/1.0.0/p.mjs", "npm/p/1.0.0/p.d.mts"} {
		if !os.SameFile(first, stat(p)) {
			t.Errorf("%s is not a link to the first file of the same slice", p)
		}
	}
	for _, p := range []string{"copy/p.mjs", "plain/p.mjs"} {
		if os.SameFile(first, stat(p)) {
			t.Errorf("%s is a link, though written from another slice or by WriteFile", p)
		}
	}
	if os.SameFile(stat("small/a"), stat("small/b")) {
		t.Error("a small file is linked")
	}
}
