package docs

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"

	"github.com/modc-dev/modc/internal/golden"
)

// edit is one step of TestRendererEqualsRender: files to write (an empty
// text removes the file) and what to expect of the rendering.
type edit struct {
	name  string
	files map[string]string
	// rendered is how many pages the Renderer must render (execute their
	// templates): -1 for every page; markdown, when not 0, how many of them
	// it must render the markdown of.
	rendered, markdown int
	// errors are texts the messages must hold (none: no errors).
	errors []string
}

// TestRendererEqualsRender edits a workspace step by step, building it with
// a compiler session as the devserver does, and checks after each step that
// the Renderer's incremental output equals a cold Render's byte for byte
// and message for message, that it rendered only the pages the edit
// touches, and that every unchanged output file kept its []byte.
func TestRendererEqualsRender(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/ws")); err != nil {
		t.Fatal(err)
	}
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	mainJS := read("modules/shop/cart/main.js")
	install := read("content/guide/install.md")
	features := read("content/features.md")
	readme := read("modules/shop/cart/README.md")
	moduleJSON := read("modules/shop/cart/module.json")
	withFn := strings.Replace(mainJS, "  async load() {", "  /**\n   * Says hello.\n   * @returns {string}\n   */\n  hello() {\n    return \"hello\";\n  },\n\n  async load() {", 1)
	if withFn == mainJS {
		t.Fatal("testdata changed: the edit of main.js does not apply")
	}
	featuresT := strings.Replace(features, "title: Markdown features", "title: Features of markdown", 1)
	featuresTW := strings.Replace(featuresT, "weight: 20", "weight: 5", 1) // before the guide
	all := -1
	steps := []edit{
		// A module edit changes its package's bundle, whose integrity hash
		// the package's pages show (embed.html): the module page, the
		// package page and the other module's page are rendered again, but
		// only the edited module's markdown.
		{name: "module edit", files: map[string]string{"modules/shop/cart/main.js": withFn}, rendered: 3, markdown: 1},
		{name: "module README edit", files: map[string]string{"modules/shop/cart/README.md": readme + "\nMore about [install](../../../content/guide/install.md#steps).\n"}, rendered: 1},
		{name: "content edit", files: map[string]string{"content/guide/install.md": install + "\nOne more line.\n"}, rendered: 1},
		{name: "title change", files: map[string]string{"content/features.md": featuresT}, rendered: all},
		{name: "weight change", files: map[string]string{"content/features.md": featuresTW}, rendered: all},
		{name: "new page", files: map[string]string{"content/guide/faq.md": "# FAQ\n\n## Why?\n\nBecause. See [install](install.md#steps).\n"}, rendered: all},
		{name: "removed page", files: map[string]string{"content/guide/faq.md": ""}, rendered: all},
		{name: "new draft", files: map[string]string{"content/guide/later.md": "---\ndraft: true\n---\n# Later\n"}, rendered: 0},
		{name: "broken links", files: map[string]string{"content/guide/install.md": install + "\nSee [nothing](nothing.md), [a draft](../draft.md), [a page](/nowhere/) and [an anchor](../features.md#nope).\n"},
			rendered: 1, errors: []string{"broken link: content/guide/nothing.md does not exist", "link to content/draft.md, a draft", "the site has no page /nowhere/", "/features/ has no anchor #nope"}},
		{name: "the missing file appears", files: map[string]string{"content/guide/nothing.md": "---\ndraft: true\n---\n"},
			rendered: 1, errors: []string{"link to content/guide/nothing.md, a draft", "link to content/draft.md, a draft", "the site has no page /nowhere/", "/features/ has no anchor #nope"}},
		{name: "the draft goes", files: map[string]string{"content/draft.md": ""},
			rendered: 1, errors: []string{"link to content/guide/nothing.md, a draft", "broken link: content/draft.md does not exist", "the site has no page /nowhere/", "/features/ has no anchor #nope"}},
		{name: "the anchor appears on the other page", files: map[string]string{"content/features.md": featuresTW + "\n## Nope\n"},
			rendered: 1, errors: []string{"link to content/guide/nothing.md, a draft", "broken link: content/draft.md does not exist", "the site has no page /nowhere/"}},
		{name: "an anchor goes from the other page", files: map[string]string{"content/features.md": strings.Replace(featuresTW, "## Links", "## Other links", 1)},
			rendered: 1, errors: []string{"link to content/guide/nothing.md, a draft", "broken link: content/draft.md does not exist", "the site has no page /nowhere/", "/features/ has no anchor #nope", "/features/ has no anchor #links"}},
		{name: "links fixed", files: map[string]string{"content/guide/install.md": install, "content/features.md": featuresTW, "content/guide/nothing.md": ""}, rendered: 2},
		{name: "template override", files: map[string]string{"templates/page.html": "{{define \"main\"}}<div class=\"mine\">{{.Title}}: {{.Content}}</div>{{end}}\n"}, rendered: all},
		{name: "template syntax error", files: map[string]string{"templates/page.html": "{{define \"main\"}}{{if .Title}}{{end}\n"}, rendered: 0, errors: []string{"template error"}},
		{name: "template fixed", files: map[string]string{"templates/page.html": "{{define \"main\"}}<div class=\"yours\">{{.Content}}</div>{{end}}\n"}, rendered: all},
		{name: "template error while executing", files: map[string]string{"templates/page.html": "{{define \"main\"}}{{.Nope}}{{end}}\n"}, rendered: all, errors: []string{"can't evaluate field Nope"}},
		{name: "template override removed", files: map[string]string{"templates/page.html": ""}, rendered: all},
		{name: "stylesheet only", files: map[string]string{"templates/assets/site.css": "body { color: red }\n"}, rendered: 0},
		{name: "module description", files: map[string]string{"modules/shop/cart/module.json": strings.Replace(moduleJSON, "A shopping cart kept in the store", "A new description", 1)}, rendered: all},
		{name: "module edit again", files: map[string]string{"modules/shop/cart/main.js": mainJS}, rendered: 3, markdown: 1},
		{name: "content file copied", files: map[string]string{"content/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n"}, rendered: 0},
		{name: "nothing", files: map[string]string{}, rendered: 0},
	}
	if featuresTW == featuresT || featuresT == features {
		t.Fatal("testdata changed: the edits of features.md do not apply")
	}
	if !strings.Contains(moduleJSON, "A shopping cart kept in the store") {
		t.Fatal("testdata changed: the edit of module.json does not apply")
	}

	s := compiler.NewSession(compiler.Options{Root: dir, NoReleases: true})
	rd := NewRenderer(Options{})
	r := s.Build(nil)
	if r.Failed() {
		t.Fatal(r.Messages)
	}
	prev, _ := compare(t, "first rendering", rd, r, nil)
	if rd.executed != len(rd.prev.pages) || rd.rendered != len(rd.prev.pages) {
		t.Errorf("first rendering: %d pages rendered (%d markdown), want all %d", rd.executed, rd.rendered, len(rd.prev.pages))
	}
	for _, st := range steps {
		var changed []string
		for rel, text := range st.files {
			changed = append(changed, rel)
			full := filepath.Join(dir, filepath.FromSlash(rel))
			if text == "" {
				if err := os.Remove(full); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		slices.Sort(changed)
		changed = append([]string{}, changed...) // not nil: nothing changed
		r := s.Build(changed)
		if r.Failed() {
			t.Fatalf("%s: %s", st.name, r.Messages)
		}
		files, msgs := compare(t, st.name, rd, r, changed)
		want := st.rendered
		if want == all {
			want = len(rd.prev.pages)
		}
		if rd.executed != want {
			t.Errorf("%s: %d pages rendered, want %d", st.name, rd.executed, want)
		}
		if st.markdown != 0 && rd.rendered != st.markdown {
			t.Errorf("%s: the markdown of %d pages rendered, want %d", st.name, rd.rendered, st.markdown)
		}
		var errs []string
		for _, m := range msgs.Errors() {
			errs = append(errs, m.Text)
		}
		for _, e := range st.errors {
			if !slices.ContainsFunc(errs, func(m string) bool { return strings.Contains(m, e) }) {
				t.Errorf("%s: no error %q in\n%s", st.name, e, msgs)
			}
		}
		if len(errs) != len(st.errors) {
			t.Errorf("%s: %d errors, want %d:\n%s", st.name, len(errs), len(st.errors), msgs)
		}
		// Unchanged files keep their []byte.
		for p, data := range files {
			if old, ok := prev[p]; ok && string(old) == string(data) && len(data) > 0 && &old[0] != &data[0] {
				t.Errorf("%s: %s did not change but is a new []byte", st.name, p)
			}
		}
		if files != nil {
			prev = files
		}
	}
}

// compare renders r incrementally with rd and cold with Render, and fails
// unless both give the same files and messages.
func compare(t *testing.T, step string, rd *Renderer, r *compiler.Result, changed []string) (map[string][]byte, diag.List) {
	t.Helper()
	files, msgs := rd.Render(r, r.Workspace.FS, changed)
	coldFiles, coldMsgs := Render(r, r.Workspace.FS, Options{})
	if !reflect.DeepEqual(msgs, coldMsgs) {
		t.Errorf("%s: messages differ from a cold rendering's:\n%s\ncold:\n%s", step, msgs, coldMsgs)
	}
	var diffs []string
	for p, data := range coldFiles {
		if got, ok := files[p]; !ok {
			diffs = append(diffs, "missing "+p)
		} else if string(got) != string(data) {
			diffs = append(diffs, fmt.Sprintf("%s differs:\n%s", p, golden.FirstDiff(string(data), string(got))))
		}
	}
	for p := range files {
		if _, ok := coldFiles[p]; !ok {
			diffs = append(diffs, "extra "+p)
		}
	}
	slices.Sort(diffs)
	if len(diffs) > 0 {
		t.Errorf("%s: the files differ from a cold rendering's:\n%s", step, strings.Join(diffs, "\n"))
	}
	return files, msgs
}

// TestChanges checks which paths a change touches.
func TestChanges(t *testing.T) {
	c := newChanges([]string{"content/guide", "templates/assets/site.css", "./modc.json"})
	for p, want := range map[string]bool{
		"content/guide/install.md": true, "content/guide": true, "content/guidebook.md": false,
		"content/features.md": false, "templates/assets/site.css": true, "modc.json": true, "templates": false,
	} {
		if got := c.touches(p); got != want {
			t.Errorf("touches(%q) = %v, want %v", p, got, want)
		}
	}
	if !c.within("templates") || c.within("apps") || !c.within("content") {
		t.Error("within")
	}
	if all := newChanges(nil); !all.touches("x") || !all.within("y") {
		t.Error("nil changes should touch everything")
	}
	if all := newChanges([]string{"."}); !all.all {
		t.Error("a change of the root should touch everything")
	}
}
