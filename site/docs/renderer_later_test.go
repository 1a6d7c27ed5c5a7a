package docs

import (
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/modc-dev/modc/compiler"

	"github.com/modc-dev/modc/internal/golden"
)

// TestRenderFirstLater edits a workspace as the devserver does and checks
// that RenderFirst leaves for Later exactly the pages whose only change is
// the bundle's integrity hash, and then the search index too, and that its
// files with Later's equal a cold Render's, messages included, even when
// Later is skipped between edits.
func TestRenderFirstLater(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/ws")); err != nil {
		t.Fatal(err)
	}
	mainJS, err := os.ReadFile(filepath.Join(dir, "modules/shop/cart/main.js"))
	if err != nil {
		t.Fatal(err)
	}
	edit := func(rel, old, new string, text []byte) string {
		s := strings.Replace(string(text), old, new, 1)
		if s == string(text) {
			t.Fatalf("testdata changed: the edit of %s does not apply", rel)
		}
		return s
	}
	steps := []struct {
		name       string
		files      map[string]string
		later      []string
		skipLater  bool // do not call Later: the next rendering must
		wantErrors int
	}{
		{name: "module edit", files: map[string]string{"modules/shop/cart/main.js": edit("cart", "return api_getCart.data.items;", "return api_getCart.data.items || [];", mainJS)},
			later: []string{"packages/shop/index.html", "packages/shop/prices/index.html", SearchIndexJS, SearchIndexFile}},
		{name: "second edit, Later skipped", files: map[string]string{"modules/shop/cart/main.js": string(mainJS) + "\n// edited\n"},
			later: []string{"packages/shop/index.html", "packages/shop/prices/index.html", SearchIndexJS, SearchIndexFile}, skipLater: true},
		{name: "content edit", files: map[string]string{"content/features.md": "# Features\n\nSee [addItem](/packages/shop/cart/#addItem) and [nope](/packages/shop/cart/#nope).\n"},
			wantErrors: 1},
		{name: "module edit again", files: map[string]string{"modules/shop/cart/main.js": edit("cart", "return api_getCart.data.items;", "return api_getCart.data.items.slice();", mainJS)},
			later: []string{"packages/shop/index.html", "packages/shop/prices/index.html", SearchIndexJS, SearchIndexFile}, wantErrors: 1},
	}
	s := compiler.NewSession(compiler.Options{Root: dir, NoReleases: true})
	rd := NewRenderer(Options{})
	r := s.Build(nil)
	if r.Failed() {
		t.Fatal(r.Messages)
	}
	if _, later, _ := rd.RenderFirst(r, r.Workspace.FS, nil); later != nil {
		t.Fatalf("first rendering: %v left for later", later)
	}
	for _, st := range steps {
		var changed []string
		for rel, text := range st.files {
			changed = append(changed, rel)
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		slices.Sort(changed)
		r := s.Build(changed)
		if r.Failed() {
			t.Fatalf("%s: %s", st.name, r.Messages)
		}
		files, later, msgs := rd.RenderFirst(r, r.Workspace.FS, changed)
		if !slices.Equal(later, st.later) {
			t.Errorf("%s: left for later %v, want %v", st.name, later, st.later)
		}
		for _, p := range later {
			if _, ok := files[p]; ok {
				t.Errorf("%s: %s is both in the files and left for later", st.name, p)
			}
		}
		if st.skipLater {
			continue
		}
		rest, restMsgs := rd.Later()
		if len(restMsgs) > 0 {
			t.Errorf("%s: Later: %s", st.name, restMsgs)
		}
		if !slices.Equal(slices.Sorted(maps.Keys(rest)), later) {
			t.Errorf("%s: Later rendered %v, want %v", st.name, slices.Sorted(maps.Keys(rest)), later)
		}
		all := map[string][]byte{}
		for p, data := range files {
			all[p] = data
		}
		for p, data := range rest {
			all[p] = data
		}
		coldFiles, coldMsgs := Render(r, r.Workspace.FS, Options{})
		if !reflect.DeepEqual(msgs, coldMsgs) {
			t.Errorf("%s: messages differ from a cold rendering's:\n%s\ncold:\n%s", st.name, msgs, coldMsgs)
		}
		if n := len(msgs.Errors()); n != st.wantErrors {
			t.Errorf("%s: %d errors, want %d:\n%s", st.name, n, st.wantErrors, msgs)
		}
		for p, data := range coldFiles {
			if got, ok := all[p]; !ok {
				t.Errorf("%s: missing %s", st.name, p)
			} else if string(got) != string(data) {
				t.Errorf("%s: %s differs:\n%s", st.name, p, golden.FirstDiff(string(data), string(got)))
			}
		}
		if len(all) != len(coldFiles) {
			t.Errorf("%s: %d files, a cold rendering has %d", st.name, len(all), len(coldFiles))
		}
	}
}

// TestKeyWriter checks that a key written against a previous one is what
// writing it afresh gives, and is the previous string when equal.
func TestKeyWriter(t *testing.T) {
	write := func(prev string, fields ...[]string) string {
		k := keyWriter{prev: prev}
		for _, f := range fields {
			k.add(f...)
		}
		return k.String()
	}
	a := []string{"page", "a/", "A"}
	b := []string{"page", "b/", "B"}
	long := []string{"page", strings.Repeat("x", 123), ""}
	fresh := write("", a, b)
	if fresh != "4:page2:a/1:A\n4:page2:b/1:B\n" {
		t.Fatalf("key %q", fresh)
	}
	if same := write(fresh, a, b); same != fresh || unsafe.StringData(same) != unsafe.StringData(fresh) {
		t.Error("an unchanged key is not the previous string")
	}
	for _, fields := range [][][]string{{a}, {b, a}, {a, b, a}, {a, long}, {long}, {}} {
		want := write("", fields...)
		if got := write(fresh, fields...); got != want {
			t.Errorf("against a previous key: %q, want %q", got, want)
		}
	}
}
