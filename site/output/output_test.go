package output

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// tree returns every regular file under dir, relative slash path → content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// site makes a file set whose every file names its writer, plus a stale
// file only that writer has.
func site(id string, n int) map[string][]byte {
	files := map[string][]byte{
		"index.html":          []byte("<h1>" + id + "</h1>"),
		"css/site.css":        []byte("/* " + id + " */"),
		"only-" + id + ".txt": []byte(id),
	}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("pages/p%03d/index.html", i)] = []byte(id)
	}
	return files
}

// siblings lists the entries of dir's parent other than dir itself and
// its spare (the previous output kept for the next write, recycle.go).
func siblings(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != filepath.Base(dir) && e.Name() != spareName(filepath.Base(dir)) {
			out = append(out, e.Name())
		}
	}
	return out
}

// wantSite checks that dir holds exactly site(id, n) and the marker.
func wantSite(t *testing.T, dir, id string, n int) {
	t.Helper()
	got := tree(t, dir)
	want := map[string]string{Marker: markerText}
	for p, b := range site(id, n) {
		want[p] = string(b)
	}
	if len(got) != len(want) {
		t.Errorf("%s has %d files, want %d (site %q)", dir, len(got), len(want), id)
	}
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%s/%s = %q, want %q", dir, p, got[p], w)
		}
	}
}

func TestWriteCreatesThenSwaps(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := Write(dir, site("one", 3)); err != nil {
		t.Fatal(err)
	}
	wantSite(t, dir, "one", 3)
	if err := Write(dir, site("two", 2)); err != nil {
		t.Fatal(err)
	}
	wantSite(t, dir, "two", 2) // only-one.txt and pages/p002 are gone
	if s := siblings(t, dir); len(s) != 0 {
		t.Errorf("Write left %v next to the output", s)
	}
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("output dir mode = %v (%v), want 0755", fi.Mode().Perm(), err)
	}
}

func TestWriteCreatesMissingParents(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b", "out")
	if err := Write(dir, site("x", 1)); err != nil {
		t.Fatal(err)
	}
	wantSite(t, dir, "x", 1)
}

func TestFailedWriteLeavesPreviousOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := Write(dir, site("good", 2)); err != nil {
		t.Fatal(err)
	}
	bad := []map[string][]byte{
		// A path that is both a file and a directory.
		{"index.html": nil, "docs": []byte("x"), "docs/a.html": []byte("y")},
		// Paths that escape or are not clean.
		{"../escape.txt": []byte("x")},
		{"/abs.txt": []byte("x")},
		{"a/./b.txt": []byte("x")},
		{Marker: []byte("x")},
		// Fails half-way: the file system rejects a 300-byte name after
		// other files were written to the temporary directory.
		func() map[string][]byte {
			m := site("bad", 50)
			m["zzz/"+strings.Repeat("n", 300)] = []byte("x")
			return m
		}(),
	}
	for i, files := range bad {
		if err := Write(dir, files); err == nil {
			t.Errorf("bad file set %d: Write succeeded", i)
		}
		wantSite(t, dir, "good", 2)
		if s := siblings(t, dir); len(s) != 0 {
			t.Errorf("bad file set %d: Write left %v next to the output", i, s)
		}
	}
}

func TestWriteRefusesDangerousTargets(t *testing.T) {
	root := t.TempDir()
	ws := filepath.Join(root, "ws")
	if err := os.MkdirAll(filepath.Join(ws, "modules", "auth"), 0o755); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(root, "mine")
	if err := os.MkdirAll(mine, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mine, "thesis.tex"), []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(root, "file")
	if err := os.WriteFile(file, []byte("f"), 0o644); err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, dir string
		opts      []Option
	}{
		{"filesystem root", "/", nil},
		{"empty", "", nil},
		{"current directory", ".", nil},
		{"parent of the current directory", filepath.Dir(wd), nil},
		{"workspace root", ws, []Option{Protect(ws)}},
		{"parent of the workspace root", root, []Option{Protect(ws)}},
		{"workspace root through ..", filepath.Join(ws, "modules", ".."), []Option{Protect(ws)}},
		{"directory not written by modc", mine, nil},
		{"a file", file, nil},
	} {
		if err := Write(tc.dir, site("x", 1), tc.opts...); err == nil {
			t.Errorf("%s: Write(%q) succeeded", tc.name, tc.dir)
		}
	}
	if b, err := os.ReadFile(filepath.Join(mine, "thesis.tex")); err != nil || string(b) != "years of work" {
		t.Error("a refused Write touched the directory")
	}
	if _, err := os.Stat(filepath.Join(ws, "modules", "auth")); err != nil {
		t.Error("a refused Write touched the workspace")
	}
	// Inside the protected workspace is fine: that is where out/ lives.
	if err := Write(filepath.Join(ws, "out"), site("x", 1), Protect(ws)); err != nil {
		t.Errorf("Write(ws/out, Protect(ws)) = %v", err)
	}
	// An empty existing directory is fine too.
	empty := filepath.Join(root, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Write(empty, site("x", 1)); err != nil {
		t.Errorf("Write(empty dir) = %v", err)
	}
}

func TestWriteThroughSymlink(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "real")
	link := filepath.Join(root, "link")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	for _, id := range []string{"a", "b"} {
		if err := Write(link, site(id, 1)); err != nil {
			t.Fatal(err)
		}
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the symlink was replaced: %v %v", fi, err)
	}
	wantSite(t, real, "b", 1)
}

func TestWriteRemovesLeftoversOfAKilledWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := Write(dir, site("good", 1)); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(filepath.Dir(dir), ".other.tmp-1") // not ours
	for _, p := range []string{filepath.Join(filepath.Dir(dir), ".out.tmp-123", "x"), filepath.Join(other, "x")} {
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := Write(dir, site("next", 1)); err != nil {
		t.Fatal(err)
	}
	wantSite(t, dir, "next", 1)
	if s := siblings(t, dir); len(s) != 1 || s[0] != ".other.tmp-1" {
		t.Errorf("siblings after Write = %v, want only .other.tmp-1", s)
	}
}

// TestHelperProcess is not a test: the tests below run the test binary as a
// separate process that calls Write, to check locking across processes and
// a Write killed with SIGKILL.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv("MODC_OUTPUT_HELPER")
	if mode == "" {
		return
	}
	dir, id := os.Getenv("MODC_OUTPUT_DIR"), os.Getenv("MODC_OUTPUT_ID")
	switch mode {
	case "write":
		n, _ := strconv.Atoi(os.Getenv("MODC_OUTPUT_N"))
		for i := 0; i < n; i++ {
			if err := Write(dir, site(id, 5)); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
	case "hang":
		beforeSwap = func(tmp string) {
			announce(dir, tmp)
			time.Sleep(time.Hour)
		}
		_ = Write(dir, site(id, 20))
	case "hang-warm": // rewrites site(id, 20) but index.html
		beforeSwap = func(tmp string) {
			announce(dir, tmp)
			time.Sleep(time.Hour)
		}
		files := site(id, 20)
		files["index.html"] = []byte("changed")
		_ = Write(dir, files)
	}
	os.Exit(0)
}

func helper(t *testing.T, mode, dir, id string, n int) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "MODC_OUTPUT_HELPER="+mode, "MODC_OUTPUT_DIR="+dir,
		"MODC_OUTPUT_ID="+id, "MODC_OUTPUT_N="+strconv.Itoa(n))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

func TestKilledWriteLeavesPreviousOutput(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGKILL")
	}
	dir := filepath.Join(t.TempDir(), "out")
	if err := Write(dir, site("previous", 2)); err != nil {
		t.Fatal(err)
	}
	cmd := helper(t, "hang", dir, "killed", 0)
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
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	_ = os.Remove(dir + ".ready")
	wantSite(t, dir, "previous", 2)
	// The next Write succeeds and removes the killed one's temporary directory.
	if err := Write(dir, site("after", 1)); err != nil {
		t.Fatal(err)
	}
	wantSite(t, dir, "after", 1)
	if s := siblings(t, dir); len(s) != 0 {
		t.Errorf("leftovers after the next Write: %v", s)
	}
}

func TestConcurrentWritesDoNotCorrupt(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := Write(dir, site("first", 5)); err != nil {
		t.Fatal(err)
	}
	// Two other processes and three goroutines write at once, while a reader
	// keeps reading the home page.
	var procs []*exec.Cmd
	for _, id := range []string{"proc1", "proc2"} {
		procs = append(procs, helper(t, "write", dir, id, 4))
	}
	stop := make(chan struct{})
	var readErr error
	var readers sync.WaitGroup
	readers.Add(1)
	go func() {
		defer readers.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			b, err := os.ReadFile(filepath.Join(dir, "index.html"))
			if runtime.GOOS == "linux" && err != nil { // the swap is atomic there
				readErr = err
				return
			}
			if err == nil && !strings.HasPrefix(string(b), "<h1>") {
				readErr = fmt.Errorf("torn index.html: %q", b)
				return
			}
			time.Sleep(200 * time.Microsecond)
		}
	}()
	var writers sync.WaitGroup
	errs := make([]error, 3)
	for g := range errs {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for i := 0; i < 4 && errs[g] == nil; i++ {
				errs[g] = Write(dir, site("goroutine"+strconv.Itoa(g), 5))
			}
		}()
	}
	writers.Wait()
	for _, p := range procs {
		if err := p.Wait(); err != nil {
			t.Errorf("helper process: %v", err)
		}
	}
	close(stop)
	readers.Wait()
	for g, err := range errs {
		if err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
	}
	if readErr != nil {
		t.Errorf("reader: %v", readErr)
	}
	// Whoever wrote last, the output is exactly one writer's site.
	got := tree(t, dir)
	id := strings.TrimSuffix(strings.TrimPrefix(got["index.html"], "<h1>"), "</h1>")
	wantSite(t, dir, id, 5)
	if s := siblings(t, dir); len(s) != 0 {
		sort.Strings(s)
		t.Errorf("leftovers: %v", s)
	}
}

func TestDirStreamsFilesThenSwaps(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := Write(dir, site("old", 2)); err != nil {
		t.Fatal(err)
	}
	d, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for p, b := range site("new", 40) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- d.WriteFile(p, b)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	wantSite(t, dir, "old", 2) // nothing shows before Commit
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	wantSite(t, dir, "new", 40)
	d.Abort() // a no-op after Commit
	wantSite(t, dir, "new", 40)
	if s := siblings(t, dir); len(s) != 0 {
		t.Errorf("Dir left %v next to the output", s)
	}
}

func TestDirAbortLeavesPreviousOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := Write(dir, site("good", 2)); err != nil {
		t.Fatal(err)
	}
	d, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []struct {
		path string
		ok   bool
	}{
		{"a/b/index.html", true},
		{"a/b/index.html", false}, // twice
		{"a/b", false},            // a directory already
		{"a/b/index.html/x", false},
		{"../x", false},
		{Marker, false},
	} {
		if err := d.WriteFile(w.path, []byte("x")); (err == nil) != w.ok {
			t.Errorf("WriteFile(%q) = %v, want ok=%v", w.path, err, w.ok)
		}
	}
	d.Abort()
	if err := d.WriteFile("late.txt", nil); err == nil {
		t.Error("WriteFile after Abort succeeded")
	}
	if err := d.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
	wantSite(t, dir, "good", 2)
	if s := siblings(t, dir); len(s) != 0 {
		t.Errorf("Abort left %v next to the output", s)
	}
	// The lock was released: the next write goes through.
	if err := Write(dir, site("next", 1)); err != nil {
		t.Fatal(err)
	}
	wantSite(t, dir, "next", 1)
}

// TestCommitWaitsForWritesInFlight commits while files are being written
// from several goroutines: every WriteFile that returned nil has its file
// in the committed output, and the others say that the output was
// finished (none fails because the directory went away under it).
func TestCommitWaitsForWritesInFlight(t *testing.T) {
	for round := range 5 {
		out := filepath.Join(t.TempDir(), "out")
		d, err := Create(out)
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var written []string
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Go(func() {
				for i := 0; ; i++ {
					p := fmt.Sprintf("g%d/f%04d.html", g, i)
					if err := d.WriteFile(p, []byte(strings.Repeat("x", 4096))); err != nil {
						if !strings.Contains(err.Error(), "after the output was finished") {
							t.Errorf("round %d: %s: %v", round, p, err) // the commit went on under a write
						}
						return
					}
					mu.Lock()
					written = append(written, p)
					mu.Unlock()
				}
			})
		}
		time.Sleep(time.Duration(5+round) * time.Millisecond)
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		if len(written) == 0 {
			t.Fatal("nothing was written before the commit")
		}
		for _, p := range written {
			if _, err := os.Stat(filepath.Join(out, p)); err != nil {
				t.Fatalf("round %d: %s was written (WriteFile returned nil) but is not in the output: %v", round, p, err)
			}
		}
	}
}

// announce tells the test, through dir+".ready", that the helper reached
// the swap with its temporary output in tmp: written apart and renamed, so
// that the test never reads the file half written.
func announce(dir, tmp string) {
	_ = os.WriteFile(dir+".ready.part", []byte(tmp), 0o644)
	_ = os.Rename(dir+".ready.part", dir+".ready")
}
