package compiler

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/modc-dev/modc/internal/gittest"
)

// exampleRepo is a git repository holding the example workspace: its
// three packages and its app.
func exampleRepo(t *testing.T) string {
	return repoOf(t, "modules", "apps", "modc.json")
}

// capture is an Options.Write that keeps what it gets.
type capture struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (c *capture) write(p string, data []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.files == nil {
		c.files = map[string][]byte{}
	}
	if _, twice := c.files[p]; twice {
		return errors.New("written twice: " + p)
	}
	c.files[p] = data
	return nil
}

// TestBuildWritesEachPackageAsBuilt: with Options.Write, a Build hands
// each package's files to Write once the package is built — its bundles
// and meta.json, embed.json, npm folder and the folder's current/ copy —
// and lists them in Written, not Files; together they are the files of a
// build without Write, byte for byte (the app's manifest, which lists the
// bundles' sha256, among them). A package at a released version is left
// to the releases stage, which builds it again from git.
func TestBuildWritesEachPackageAsBuilt(t *testing.T) {
	dir := exampleRepo(t)
	gittest.Run(t, dir, "tag", "-a", "format/v1.0.0", "-m", "r")
	want := Build(Options{Root: dir, CacheDir: "-"})
	if want.Failed() || len(want.Written) != 0 {
		t.Fatalf("build without Write: %s, %d written", want.Messages, len(want.Written))
	}
	var c capture
	got := Build(Options{Root: dir, CacheDir: "-", Write: c.write})
	if got.Failed() {
		t.Fatal(got.Messages)
	}
	if !slices.Equal(got.Written, slices.Sorted(maps.Keys(c.files))) {
		t.Errorf("Written lists %d files, Write got %d", len(got.Written), len(c.files))
	}
	for _, prefix := range []string{"dist/auth/", "dist/users/", "npm/auth/current/", "npm/users/"} {
		if !slices.ContainsFunc(got.Written, func(p string) bool { return strings.HasPrefix(p, prefix) }) {
			t.Errorf("nothing under %s was written as built", prefix)
		}
	}
	for _, p := range got.Written {
		if strings.HasPrefix(p, "dist/format/") || strings.HasPrefix(p, "npm/format/") {
			t.Errorf("%s of the released package was written before the releases stage", p)
		}
		if _, ok := got.Files[p]; ok {
			t.Errorf("%s is both written and in Files", p)
		}
	}
	all := maps.Clone(got.Files)
	maps.Copy(all, c.files)
	if len(all) != len(want.Files) || got.Stats.Files != want.Stats.Files {
		t.Errorf("%d files (%d counted), want %d (%d)", len(all), got.Stats.Files, len(want.Files), want.Stats.Files)
	}
	for p, data := range want.Files {
		if !bytes.Equal(all[p], data) {
			t.Errorf("%s differs from a build without Write", p)
		}
	}
}

// TestBuildKeepsNothingItWrote: the bytes Write gets are garbage once it
// has them (the Result, its outputs and models hold none), and Write's
// errors do not stop the build (the caller reports them).
func TestBuildKeepsNothingItWrote(t *testing.T) {
	dir := exampleRepo(t)
	freed := make(chan string, 64)
	var mu sync.Mutex
	watched := 0
	write := func(p string, data []byte) error {
		if strings.HasSuffix(p, ".mjs") && strings.HasPrefix(p, "dist/") {
			mu.Lock()
			watched++
			mu.Unlock()
			runtime.AddCleanup(unsafe.SliceData(data), func(p string) { freed <- p }, p)
		}
		return errors.New("disk full")
	}
	r := Build(Options{Root: dir, CacheDir: "-", NoReleases: true, Write: write})
	if r.Failed() || len(r.Written) == 0 || watched != 3 {
		t.Fatalf("%s; %d written, %d bundles watched, want 3", r.Messages, len(r.Written), watched)
	}
	r.Model()
	waitFreed(t, freed, watched, "written bundles")
	runtime.KeepAlive(r)
}

// TestFailedBuildAfterWrites: a dry run that fails ends the build after
// the packages were bundled and written: the result says so (it has no
// files, and lists none written), and the caller discards what it wrote.
func TestFailedBuildAfterWrites(t *testing.T) {
	dir := exampleRepo(t)
	p := filepath.Join(dir, "modules/format/dates/examples.json")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	broken := bytes.Replace(data, []byte(`"expect": "`), []byte(`"expect": "not `), 1)
	if bytes.Equal(broken, data) {
		t.Fatal("no expectation to break in format/dates")
	}
	if err := os.WriteFile(p, broken, 0o644); err != nil {
		t.Fatal(err)
	}
	var c capture
	r := Build(Options{Root: dir, CacheDir: "-", Write: c.write})
	if !r.Failed() || !strings.Contains(r.Messages.String(), "example-failed") {
		t.Fatalf("want a failed example, got:\n%s", r.Messages)
	}
	if r.Files != nil || r.Written != nil || len(c.files) == 0 {
		t.Errorf("failed build: %d files, %d listed written, %d written (want 0, 0, some)", len(r.Files), len(r.Written), len(c.files))
	}
}
