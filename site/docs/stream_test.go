package docs

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/modc-dev/modc/compiler"

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
