package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/internal/treetest"
	"github.com/modc-dev/modc/internal/webtest"
)

// lookApp is an app with a theme, a style sheet of its own and widgets
// placed on the grid: Name and Go side by side on one row, Notes under
// them, and Plain (no place) on a row of its own.
const lookApp = `{
  "title": "Look & feel",
  "theme": { "primaryColor": "rgb(200, 30, 60)", "backgroundColor": "#fafafa", "fontFamily": "Georgia, serif", "borderRadius": "12px" },
  "css": "styles/extra.css",
  "pages": [ { "name": "Home", "widgets": [
    { "name": "Name", "type": "input", "label": "Name", "leftColumn": 0, "rightColumn": 32, "topRow": 0, "bottomRow": 7 },
    { "name": "Go", "type": "button", "label": "Go", "leftColumn": 32, "rightColumn": 48, "topRow": 0, "bottomRow": 7 },
    { "name": "Notes", "type": "text", "text": "Notes", "leftColumn": 0, "rightColumn": 64, "topRow": 7, "bottomRow": 11 },
    { "name": "Plain", "type": "text", "text": "No place" }
  ] } ]
}`

// TestBrowserLook: in Chromium, the app shows its title, its theme reaches
// the widgets (the button's colour and corners, the font), its own style
// sheet applies, and placed widgets sit side by side on a wide screen and
// one under the other on a phone's.
func TestBrowserLook(t *testing.T) {
	dir := t.TempDir()
	treetest.Write(t, dir, map[string]string{
		"modc.json":                   `{}`,
		"apps/look/app.json":          lookApp,
		"apps/look/styles/extra.css":  ".modc-text span { letter-spacing: 3px; }\n",
		"apps/look/styles/unused.css": "",
	})
	files := buildDir(t, dir)
	if got := string(files["apps/look/custom.css"]); !strings.Contains(got, "letter-spacing") {
		t.Fatalf("custom.css = %q, want the app's style sheet", got)
	}
	if html := string(files["apps/look/index.html"]); !strings.Contains(html, `<link rel="stylesheet" href="custom.css">`) {
		t.Fatalf("index.html does not load custom.css:\n%s", html)
	}
	srv := webtest.Serve(t, files, webtest.Options{Header: strictCSP})
	b := newBrowser(t)
	b.do(t,
		chromedp.EmulateViewport(1200, 800),
		chromedp.Navigate(srv.URL+"/apps/look/index.html"),
		chromedp.WaitVisible(chromedp.CSS(`[data-modc-app][data-modc-state=ready]`)),
	)
	style := func(sel, prop string) string {
		return eval[string](t, b, fmt.Sprintf("getComputedStyle(document.querySelector(%q)).%s", sel, prop))
	}
	for _, c := range []struct{ sel, prop, want string }{
		{"[data-widget=Go] button", "backgroundColor", "rgb(200, 30, 60)"},
		{"[data-widget=Go] button", "borderTopLeftRadius", "12px"},
		{".modc-app", "backgroundColor", "rgb(250, 250, 250)"},
		{".modc-app", "fontFamily", "Georgia, serif"},
		{"[data-widget=Notes] span", "letterSpacing", "3px"},
	} {
		if got := style(c.sel, c.prop); got != c.want {
			t.Errorf("%s %s = %q, want %q", c.sel, c.prop, got, c.want)
		}
	}
	if got := eval[string](t, b, `document.querySelector(".modc-title").textContent`); got != "Look & feel" {
		t.Errorf("the title shows %q", got)
	}
	type box struct{ Left, Top, Width float64 }
	boxes := func() map[string]box {
		return eval[map[string]box](t, b, `Object.fromEntries(["Name", "Go", "Notes", "Plain"].map((n) => {
			const r = document.querySelector("[data-widget=" + n + "]").getBoundingClientRect();
			return [n, { Left: r.left, Top: r.top, Width: r.width }];
		}))`)
	}
	wide := boxes()
	if !(wide["Name"].Top == wide["Go"].Top && wide["Go"].Left > wide["Name"].Left+wide["Name"].Width/2) {
		t.Errorf("on a wide screen Name and Go should share a row, Go to the right: %+v", wide)
	}
	if !(wide["Notes"].Top > wide["Name"].Top && wide["Plain"].Top > wide["Notes"].Top) {
		t.Errorf("Notes should be under Name, Plain under Notes: %+v", wide)
	}
	if ratio := wide["Name"].Width / wide["Notes"].Width; ratio < 0.45 || ratio > 0.55 {
		t.Errorf("Name spans half the grid, Notes all of it: widths %v and %v", wide["Name"].Width, wide["Notes"].Width)
	}
	b.do(t, chromedp.EmulateViewport(390, 800))
	phone := boxes()
	if !(phone["Go"].Top > phone["Name"].Top && phone["Go"].Left == phone["Name"].Left && phone["Notes"].Top > phone["Go"].Top) {
		t.Errorf("on a phone the widgets should stack in app.json order: %+v", phone)
	}
	b.checkProblems(t)
}

// TestStyleSheetLinkOut: an app's style sheet may not be a link that
// leaves the workspace; the error points at "css" in app.json.
func TestStyleSheetLinkOut(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "apps", "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	app := `{ "css": "evil.css", "pages": [ { "name": "Home", "widgets": [] } ] }`
	if err := os.WriteFile(filepath.Join(dir, "apps", "a", "app.json"), []byte(app), 0o644); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "secret.css")
	if err := os.WriteFile(outside, []byte("body{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "apps", "a", "evil.css")); err != nil {
		t.Fatal(err)
	}
	ws, mains := analyze(t, workspace.DirFS(dir))
	out, msgs := Build(ws, mains, map[string][]byte{}, Options{})
	if !strings.Contains(msgs.String(), "apps/a/app.json:1:10: error:") || !strings.Contains(msgs.String(), "leaves the workspace") {
		t.Errorf("want an error at \"css\" about the link leaving the workspace, got:\n%s", msgs)
	}
	for p, data := range out.Files {
		if strings.Contains(string(data), "body{}") {
			t.Errorf("%s holds the outside file", p)
		}
	}
}

// TestKeySeesStyleSheets: an edit of an app's style sheet changes the key
// a session keeps compiled apps by, so the devserver serves the new one.
func TestKeySeesStyleSheets(t *testing.T) {
	fsys := fstest.MapFS{
		"apps/a/app.json":   {Data: []byte(`{ "css": "s/a.css", "pages": [ { "name": "Home", "widgets": [] } ] }`)},
		"apps/a/s/a.css":    {Data: []byte("b { color: red }")},
		"modules/.keep/x.t": {Data: nil},
	}
	ws, mains := analyze(t, fsys)
	before := Key(ws, mains, Options{})
	fsys["apps/a/s/a.css"] = &fstest.MapFile{Data: []byte("b { color: blue }")}
	ws, mains = analyze(t, fsys)
	if Key(ws, mains, Options{}) == before {
		t.Error("the key did not change with the style sheet")
	}
}
