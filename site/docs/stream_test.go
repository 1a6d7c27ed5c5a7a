package docs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"

	"github.com/modc-dev/modc/internal/golden"
)

// TestRenderToEqualsRender checks that RenderTo hands the sink exactly the
// files Render returns, with the same messages, also when pages have broken
// anchors or a template fails on some pages.
func TestRenderToEqualsRender(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
	}{
		{"clean", nil},
		{"broken anchors", map[string]string{"content/guide/faq.md": "# FAQ\n\nSee [install](install.md#nope), [steps](install.md#steps) and [cart](/packages/shop/cart/#nope).\n"}},
		{"template error on some pages", map[string]string{"templates/page.html": "{{define \"main\"}}{{if eq .URL \"features/\"}}{{.Nope}}{{end}}{{.Content}}{{end}}\n"}},
		// RenderTo executes each content page right after its markdown;
		// what rendering the module pages fills in must be there already.
		{"content pages read the modules' docs", map[string]string{"templates/page.html": "{{define \"main\"}}{{range .Site.Packages}}{{range .Modules}}<i>{{.Name}} {{.ExamplesPassed}}/{{.ExamplesTotal}}</i>{{end}}{{end}}{{.Content}}{{end}}\n"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS("testdata/ws")); err != nil {
				t.Fatal(err)
			}
			for rel, text := range c.files {
				full := filepath.Join(dir, filepath.FromSlash(rel))
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			r := compiler.Build(compiler.Options{Root: dir, NoReleases: true})
			if r.Failed() {
				t.Fatal(r.Messages)
			}
			want, wantMsgs := Render(r, os.DirFS(dir), Options{})
			var mu sync.Mutex
			got := map[string][]byte{}
			msgs, err := RenderTo(r, os.DirFS(dir), Options{}, func(p string, data []byte) error {
				mu.Lock()
				defer mu.Unlock()
				if _, twice := got[p]; twice {
					t.Errorf("%s written twice", p)
				}
				got[p] = append([]byte{}, data...)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(msgs, wantMsgs) {
				t.Errorf("messages differ from Render's:\n%s\nRender:\n%s", msgs, wantMsgs)
			}
			if c.name != "clean" && !strings.HasPrefix(c.name, "content pages") && !msgs.HasErrors() {
				t.Errorf("no errors")
			}
			if strings.HasPrefix(c.name, "content pages") && !strings.Contains(string(got["features/index.html"]), "<i>cart 4/4</i>") {
				t.Errorf("the content page does not show the modules' examples passed:\n%s", got["features/index.html"])
			}
			for p, data := range want {
				if string(got[p]) != string(data) {
					t.Errorf("%s differs from Render's:\n%s", p, golden.FirstDiff(string(data), string(got[p])))
				}
			}
			for p := range got {
				if _, ok := want[p]; !ok {
					t.Errorf("extra file %s", p)
				}
			}
		})
	}
}

// TestRenderToStopsAtAWriteError checks that the sink's first error is
// returned and that nothing is written after it.
func TestRenderToStopsAtAWriteError(t *testing.T) {
	r := check(t, "testdata/ws")
	full := errors.New("disk full")
	var mu sync.Mutex
	failed, after := false, 0
	_, err := RenderTo(r, os.DirFS("testdata/ws"), Options{}, func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if failed {
			after++
		}
		if strings.HasSuffix(p, ".html") {
			failed = true
			return full
		}
		return nil
	})
	if !errors.Is(err, full) {
		t.Errorf("RenderTo = %v, want %v", err, full)
	}
	// Only writes already under way when the first failed may follow it.
	if after >= runtime.GOMAXPROCS(0) {
		t.Errorf("%d writes after a failed one", after)
	}
}

// rereadFS serves the files of fsys, but the second and later opens of
// path get then instead (nil: the file is gone).
type rereadFS struct {
	fs.FS
	path string
	then []byte

	mu    sync.Mutex
	opens int
}

func (f *rereadFS) Open(name string) (fs.File, error) {
	if name != f.path {
		return f.FS.Open(name)
	}
	f.mu.Lock()
	f.opens++
	later := f.opens > 1
	f.mu.Unlock()
	if !later {
		return f.FS.Open(name)
	}
	if f.then == nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return fstest.MapFS{name: {Data: f.then}}.Open(name)
}

// TestRenderToReadsContentWhenItRendersIt checks that RenderTo lets a
// content page's text go once its front matter is read, and reads it again
// when it renders the page (a page's text is not held while the others
// render): the page shows the text of the second read under the title of
// the first, and a file gone by then is an error (which fails the build).
// A file to copy (not markdown) is read only when it is written.
func TestRenderToReadsContentWhenItRendersIt(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/ws")); err != nil {
		t.Fatal(err)
	}
	r := compiler.Build(compiler.Options{Root: dir, NoReleases: true})
	if r.Failed() {
		t.Fatal(r.Messages)
	}
	const page = "content/guide/install.md"
	render := func(fsys *rereadFS) (map[string][]byte, diag.List) {
		var mu sync.Mutex
		got := map[string][]byte{}
		msgs, err := RenderTo(r, fsys, Options{}, func(p string, data []byte) error {
			mu.Lock()
			defer mu.Unlock()
			got[p] = append([]byte{}, data...)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got, msgs
	}

	changed := &rereadFS{FS: os.DirFS(dir), path: page, then: []byte("---\ntitle: Changed\n---\n\nThe text of the second read.\n\n## Requirements\n\n## Steps\n")}
	got, msgs := render(changed)
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	if changed.opens != 2 {
		t.Errorf("%s opened %d times, want 2 (its front matter, then its text when its page renders)", page, changed.opens)
	}
	html := string(got["guide/install/index.html"])
	if !strings.Contains(html, "The text of the second read.") || !strings.Contains(html, "<title>Install · ") {
		t.Errorf("the page does not show the second read's text under the first read's title:\n%s", html)
	}

	gone := &rereadFS{FS: os.DirFS(dir), path: page}
	_, msgs = render(gone)
	want := page + ": error: cannot read"
	if !msgs.HasErrors() || !strings.Contains(msgs.Errors().String(), want) {
		t.Errorf("messages do not say %q:\n%s", want, msgs)
	}

	// A file to copy is read when it is written: one that cannot be read
	// is an error there.
	const logo = "content/logo.svg"
	unreadable := &rereadFS{FS: os.DirFS(dir), path: logo, opens: 1} // every open is a later one
	got, msgs = render(unreadable)
	want = logo + ": error: cannot read"
	if !msgs.HasErrors() || !strings.Contains(msgs.Errors().String(), want) {
		t.Errorf("messages do not say %q:\n%s", want, msgs)
	}
	if _, ok := got["logo.svg"]; ok {
		t.Errorf("an unreadable file was copied")
	}
	if unreadable.opens != 2 {
		t.Errorf("%s opened %d times, want once", logo, unreadable.opens-1)
	}
}
