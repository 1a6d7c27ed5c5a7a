package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// timeout bounds every wait for a batch; it is generous because the
// machine may be busy, and is never reached when the watcher works.
const timeout = 10 * time.Second

// write creates or replaces a file below dir (slash path), with its folders.
func write(t *testing.T, dir, rel, text string) {
	t.Helper()
	name := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, dir, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(dir, from), filepath.Join(dir, to)); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, dir, rel string) {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, rel)); err != nil {
		t.Fatal(err)
	}
}

// workspace makes a small workspace: two packages, three modules.
func workspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, "modc.json", `{"title": "t"}`)
	write(t, dir, "modules/auth/modc-package.json", `{}`)
	write(t, dir, "modules/auth/login/main.js", "export default {}\n")
	write(t, dir, "modules/auth/login/module.json", `{"kind": "js"}`)
	write(t, dir, "modules/auth/tokens/main.js", "export default {}\n")
	write(t, dir, "modules/shop/modc-package.json", `{}`)
	write(t, dir, "modules/shop/cart/main.js", "export default {}\n")
	write(t, dir, "content/index.md", "# Hi\n")
	write(t, dir, "README.md", "not watched\n")
	return dir
}

// modes runs a test with file system events and with polling.
func modes(t *testing.T, opts Options, test func(t *testing.T, dir string, w *Watcher)) {
	for _, mode := range []string{"events", "poll"} {
		t.Run(mode, func(t *testing.T) {
			o := opts
			if mode == "poll" {
				o.Poll = 20 * time.Millisecond
			}
			dir := workspace(t)
			w := start(t, dir, o)
			test(t, dir, w)
		})
	}
}

func start(t *testing.T, dir string, opts Options) *Watcher {
	t.Helper()
	w, err := New(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// next waits for the next batch.
func next(t *testing.T, w *Watcher) Batch {
	t.Helper()
	select {
	case b, ok := <-w.Events():
		if !ok {
			t.Fatal("Events closed")
		}
		return b
	case <-time.After(timeout):
		t.Fatalf("no batch within %v", timeout)
	}
	return Batch{}
}

// collect reads batches until their union holds want (polling may split a
// burst across two polls), and returns the union.
func collect(t *testing.T, w *Watcher, want ...string) []string {
	t.Helper()
	seen := map[string]bool{}
	deadline := time.After(timeout)
	for {
		missing := false
		for _, p := range want {
			if !seen[p] {
				missing = true
			}
		}
		if !missing {
			break
		}
		select {
		case b := <-w.Events():
			for _, p := range b.Paths {
				seen[p] = true
			}
		case <-deadline:
			t.Fatalf("within %v, saw %v, want %v", timeout, keys(seen), want)
		}
	}
	return keys(seen)
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// quiet checks that no batch comes for a while (after the expected ones).
func quiet(t *testing.T, w *Watcher, d time.Duration) {
	t.Helper()
	select {
	case b := <-w.Events():
		t.Fatalf("unexpected batch %v", b.Paths)
	case <-time.After(d):
	}
}

func TestAtomicRenameSave(t *testing.T) {
	modes(t, Options{}, func(t *testing.T, dir string, w *Watcher) {
		// What most editors and tools do: write a temporary file next to
		// the original, then rename it over the original.
		write(t, dir, "modules/auth/login/.main.js.tmp.4821", "export default { a: 1 }\n")
		rename(t, dir, "modules/auth/login/.main.js.tmp.4821", "modules/auth/login/main.js")
		got := collect(t, w, "modules/auth/login/main.js")
		if want := []string{"modules/auth/login/main.js"}; !slices.Equal(got, want) {
			t.Errorf("paths %v, want %v", got, want)
		}
		// The file is still watched after being replaced by another inode.
		write(t, dir, "modules/auth/login/main.js", "export default { a: 2 }\n")
		collect(t, w, "modules/auth/login/main.js")
	})
}

func TestVimSave(t *testing.T) {
	modes(t, Options{}, func(t *testing.T, dir string, w *Watcher) {
		// vim (backupcopy=auto, writebackup): probe the directory with
		// 4913, keep a swap file, rename the original to a backup, write
		// the new file, delete the backup.
		d := "modules/auth/login/"
		write(t, dir, d+".main.js.swp", "swap")
		write(t, dir, d+"4913", "")
		remove(t, dir, d+"4913")
		rename(t, dir, d+"main.js", d+"main.js~")
		write(t, dir, d+"main.js", "export default { saved: true }\n")
		remove(t, dir, d+"main.js~")
		write(t, dir, d+".main.js.swp", "swap again")
		got := collect(t, w, d+"main.js")
		if want := []string{d + "main.js"}; !slices.Equal(got, want) {
			t.Errorf("paths %v, want %v", got, want)
		}
	})
}

func TestNewFolderThenFilled(t *testing.T) {
	modes(t, Options{}, func(t *testing.T, dir string, w *Watcher) {
		// A new package: folders made at once and filled right away, faster
		// than a watch can be added on each.
		write(t, dir, "modules/billing/modc-package.json", `{}`)
		write(t, dir, "modules/billing/invoices/main.js", "export default {}\n")
		write(t, dir, "modules/billing/invoices/module.json", `{"kind": "js"}`)
		collect(t, w, "modules/billing/modc-package.json",
			"modules/billing/invoices/main.js", "modules/billing/invoices/module.json")
		// The new folders are watched from now on.
		write(t, dir, "modules/billing/invoices/README.md", "# Invoices\n")
		got := collect(t, w, "modules/billing/invoices/README.md")
		if want := []string{"modules/billing/invoices/README.md"}; !slices.Equal(got, want) {
			t.Errorf("paths %v, want %v", got, want)
		}
		// A folder that arrives full (moved in from elsewhere).
		write(t, dir, "staging/crm/modc-package.json", `{}`)
		write(t, dir, "staging/crm/leads/main.js", "export default {}\n")
		rename(t, dir, "staging/crm", "modules/crm")
		want := []string{"modules/crm/leads/main.js", "modules/crm/modc-package.json"}
		if got := collect(t, w, want...); !slices.Equal(got, want) {
			t.Errorf("moved in: paths %v, want %v", got, want)
		}
		write(t, dir, "modules/crm/leads/main.js", "export default { v: 2 }\n")
		collect(t, w, "modules/crm/leads/main.js")
	})
}

func TestEmptyFolderThenFilled(t *testing.T) {
	modes(t, Options{}, func(t *testing.T, dir string, w *Watcher) {
		if err := os.MkdirAll(filepath.Join(dir, "apps", "portal", "pages"), 0o755); err != nil {
			t.Fatal(err)
		}
		write(t, dir, "modules/auth/login/main.js", "export default { x: 1 }\n") // a marker
		collect(t, w, "modules/auth/login/main.js")
		write(t, dir, "apps/portal/pages/home.json", "{}")
		got := collect(t, w, "apps/portal/pages/home.json")
		if want := []string{"apps/portal/pages/home.json"}; !slices.Equal(got, want) {
			t.Errorf("paths %v, want %v", got, want)
		}
	})
}

func TestFolderRenamed(t *testing.T) {
	modes(t, Options{}, func(t *testing.T, dir string, w *Watcher) {
		rename(t, dir, "modules/auth", "modules/identity")
		want := []string{
			"modules/auth/login/main.js", "modules/auth/login/module.json",
			"modules/auth/modc-package.json", "modules/auth/tokens/main.js",
			"modules/identity/login/main.js", "modules/identity/login/module.json",
			"modules/identity/modc-package.json", "modules/identity/tokens/main.js",
		}
		if got := collect(t, w, want...); !slices.Equal(got, want) {
			t.Errorf("paths %v, want %v", got, want)
		}
		// Changes below the new name come under the new name.
		write(t, dir, "modules/identity/login/main.js", "export default { moved: true }\n")
		got := collect(t, w, "modules/identity/login/main.js")
		if want := []string{"modules/identity/login/main.js"}; !slices.Equal(got, want) {
			t.Errorf("after the rename: paths %v, want %v", got, want)
		}
	})
}

func TestFolderRemoved(t *testing.T) {
	modes(t, Options{}, func(t *testing.T, dir string, w *Watcher) {
		if err := os.RemoveAll(filepath.Join(dir, "modules", "shop")); err != nil {
			t.Fatal(err)
		}
		want := []string{"modules/shop/cart/main.js", "modules/shop/modc-package.json"}
		if got := collect(t, w, want...); !slices.Equal(got, want) {
			t.Errorf("paths %v, want %v", got, want)
		}
	})
}

func TestTopLevel(t *testing.T) {
	modes(t, Options{Ignore: []string{"content/out"}}, func(t *testing.T, dir string, w *Watcher) {
		// Outside the watched paths, or ignored: no change.
		write(t, dir, "README.md", "changed\n")
		write(t, dir, "out/index.html", "<p>")
		write(t, dir, "content/out/index.html", "<p>")
		write(t, dir, "modules/shop/node_modules/x/index.js", "")
		write(t, dir, "modules/shop/.git/HEAD", "")
		// A top-level file, and a watched folder created later.
		write(t, dir, "modc.json", `{"title": "u"}`)
		write(t, dir, "templates/page.html", "<html>")
		got := collect(t, w, "modc.json", "templates/page.html")
		if want := []string{"modc.json", "templates/page.html"}; !slices.Equal(got, want) {
			t.Errorf("paths %v, want %v", got, want)
		}
	})
}

func TestIgnoredTempFiles(t *testing.T) {
	modes(t, Options{}, func(t *testing.T, dir string, w *Watcher) {
		d := "modules/auth/login/"
		for _, name := range []string{
			"4913", "5036", ".main.js.swp", ".main.js.swx", ".main.js.swo", "main.js~",
			".#main.js", "#main.js#", "main.js___jb_tmp___", "main.js___jb_old___",
			".goutputstream-ABC123", "main.js.bck", ".DS_Store",
		} {
			write(t, dir, d+name, "x")
		}
		// The first batch that comes holds only the real change.
		write(t, dir, d+"module.json", `{"kind": "js", "description": "x"}`)
		b := next(t, w)
		if want := []string{d + "module.json"}; !slices.Equal(b.Paths, want) {
			t.Errorf("paths %v, want %v", b.Paths, want)
		}
	})
}

func TestBurstIsOneBatch(t *testing.T) {
	// A git checkout of 500 files gives one batch. The quiet period is
	// longer than the default so that a busy test machine pausing the
	// writer cannot split the burst.
	dir := workspace(t)
	var want []string
	for i := range 500 {
		p := fmt.Sprintf("modules/gen/m%03d/main.js", i)
		write(t, dir, p, "export default {}\n")
		want = append(want, p)
	}
	w := start(t, dir, Options{Debounce: 150 * time.Millisecond, MaxWait: time.Minute})
	for i, p := range want {
		text := fmt.Sprintf("export default { v: %d }\n", i)
		if i%2 == 0 { // half saved in place, half by rename
			write(t, dir, p, text)
			continue
		}
		write(t, dir, p+".tmp", text)
		rename(t, dir, p+".tmp", p)
	}
	write(t, dir, "modules/gen/new/main.js", "export default {}\n")
	want = append(want, "modules/gen/new/main.js")
	slices.Sort(want)
	b := next(t, w)
	if !slices.Equal(b.Paths, want) {
		t.Errorf("one batch of %d paths, want %d", len(b.Paths), len(want))
	}
	if b.Start.IsZero() {
		t.Error("Batch.Start not set")
	}
	quiet(t, w, 400*time.Millisecond)
}

func TestBurstPolling(t *testing.T) {
	dir := workspace(t)
	var want []string
	for i := range 500 {
		p := fmt.Sprintf("modules/gen/m%03d/main.js", i)
		write(t, dir, p, "export default {}\n")
		want = append(want, p)
	}
	w := start(t, dir, Options{Poll: 30 * time.Millisecond})
	for _, p := range want {
		write(t, dir, p, "export default { changed: true }\n") // same size not needed: mtime
	}
	if got := collect(t, w, want...); len(got) != len(want) {
		t.Errorf("%d paths, want %d", len(got), len(want))
	}
}

func TestMaxWait(t *testing.T) {
	// A stream of changes that never goes quiet still flushes.
	dir := workspace(t)
	w := start(t, dir, Options{Debounce: 50 * time.Millisecond, MaxWait: 200 * time.Millisecond})
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			os.WriteFile(filepath.Join(dir, "modules", "shop", "cart", "main.js"), fmt.Appendf(nil, "// %d\n", i), 0o644)
		}
	}()
	b := next(t, w)
	close(stop)
	<-done
	if !slices.Equal(b.Paths, []string{"modules/shop/cart/main.js"}) {
		t.Errorf("paths %v", b.Paths)
	}
}

func TestAccumulatesWhileNotRead(t *testing.T) {
	// Changes made while the reader is busy come as one batch when it
	// reads again.
	dir := workspace(t)
	w := start(t, dir, Options{})
	write(t, dir, "modules/shop/cart/main.js", "export default { a: 1 }\n")
	time.Sleep(100 * time.Millisecond) // the first batch is ready and waiting
	write(t, dir, "modules/auth/tokens/main.js", "export default { b: 1 }\n")
	want := []string{"modules/auth/tokens/main.js", "modules/shop/cart/main.js"}
	got := collect(t, w, want...)
	if !slices.Equal(got, want) {
		t.Errorf("paths %v, want %v", got, want)
	}
}

func TestClose(t *testing.T) {
	for _, poll := range []time.Duration{0, 10 * time.Millisecond} {
		w, err := New(workspace(t), Options{Poll: poll})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if _, ok := <-w.Events(); ok {
			t.Error("Events not closed")
		}
		w.Close() // twice is fine
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New(filepath.Join(t.TempDir(), "missing"), Options{}); err == nil {
		t.Error("no error for a missing root")
	}
	if _, err := New(t.TempDir(), Options{Paths: []string{"modules/auth"}}); err == nil || !strings.Contains(err.Error(), "top-level") {
		t.Errorf("nested path: %v", err)
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"4913": true, "5036": true, "5159": true, "4914": false, "04913": false, "123": false,
		".main.js.swp": true, ".main.js.swx": true, ".main.js.swo": true, "main.js~": true,
		".#main.js": true, "#main.js#": true, "main.js___jb_tmp___": true, "main.js___jb_old___": true,
		".goutputstream-XYZ": true, "main.js.bck": true, ".DS_Store": true, ".git": true,
		"node_modules": true, "main.js": false, "module.json": false, "README.md": false,
		"app.swift": false, "#": false, ".env": false, "examples.json": false,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}
