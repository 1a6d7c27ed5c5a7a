package app

import (
	"fmt"
	"os"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/modc-dev/modc/compiler/scaffold"
	"github.com/modc-dev/modc/internal/browsertest"
	"github.com/modc-dev/modc/internal/webtest"
)

// buildDir builds the workspace in dir: package bundles and apps.
func buildDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	ws, mains := analyze(t, os.DirFS(dir))
	files := bundles(t, ws, mains)
	out, msgs := Build(ws, mains, files, Options{Minify: true})
	if len(msgs) > 0 {
		t.Fatalf("apps:\n%s", msgs)
	}
	for k, v := range out.Files {
		files[k] = v
	}
	return files
}

// TestBrowserScaffoldTyping builds the app `modc init` writes and types
// into its input with real key events, as a person does (issue 15): the
// keys reach the field, Backspace deletes, Tab moves on to the button,
// Ctrl+A and Delete clear, a paste-like insertion (CDP Input.insertText:
// input events without key events, no clipboard needed) and characters
// beyond ASCII work. Each step reads the greeting the Greet button shows.
func TestBrowserScaffoldTyping(t *testing.T) {
	dir := t.TempDir()
	if err := scaffold.Init(dir); err != nil {
		t.Fatal(err)
	}
	srv := webtest.Serve(t, buildDir(t, dir), webtest.Options{Header: strictCSP})
	b := newBrowser(t)
	b.do(t,
		chromedp.Navigate(srv.URL+"/apps/demo/index.html?mock=1"),
		chromedp.WaitVisible(chromedp.CSS(`[data-modc-app][data-modc-state=ready]`)),
	)
	const field = `[data-widget=Name1] input`
	value := func() string { return eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).value`, field)) }
	// greet clicks Greet (or presses keys that should) and returns the alert it shows.
	greet := func(keys ...chromedp.Action[chromedp.Void]) string {
		t.Helper()
		eval[any](t, b, `document.querySelectorAll('.modc-alert').forEach((a) => a.remove())`)
		if len(keys) == 0 {
			b.click(t, `[data-widget=Greet] button`)
		} else {
			b.do(t, keys...)
		}
		var got string
		b.waitFor(t, func() bool {
			got = eval[string](t, b, `document.querySelector('.modc-alert')?.innerText ?? ""`)
			return got != ""
		}, "want an alert")
		return got
	}
	step := func(what, wantValue, wantAlert string, keys ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		b.do(t, keys...)
		if got := value(); got != wantValue {
			t.Errorf("%s: the field holds %q, want %q", what, got, wantValue)
		}
		if got := greet(); got != wantAlert {
			t.Errorf("%s: Greet shows %q, want %q", what, got, wantAlert)
		}
	}

	b.click(t, field)
	step("typing Ada", "Ada", "Hello, Ada!", browsertest.Type("Ada"))
	b.click(t, field)
	step("Backspace", "Ad", "Hello, Ad!", browsertest.Press(kb.End), browsertest.Press(kb.Backspace))

	// Tab moves the focus from the field to the Greet button, Enter presses it.
	b.click(t, field)
	b.do(t, browsertest.Press(kb.Tab))
	if got := eval[string](t, b, `document.activeElement.closest('[data-widget]')?.dataset.widget + " " + document.activeElement.tagName`); got != "Greet BUTTON" {
		t.Errorf("after Tab the focus is on %q, want the Greet button", got)
	}
	if got := greet(browsertest.Press(kb.Enter)); got != "Hello, Ad!" {
		t.Errorf("Enter on the focused button shows %q, want %q", got, "Hello, Ad!")
	}

	b.click(t, field)
	step("Ctrl+A, Delete", "", "Hello, !", browsertest.Press("a", chromedp.ModifierCtrl), browsertest.Press(kb.Delete))
	b.click(t, field)
	step("paste (Input.insertText)", "Grace Hopper", "Hello, Grace Hopper!", browsertest.InsertText("Grace Hopper"))
	b.click(t, field)
	step("typing over a selection, beyond ASCII", "Zoë 日本", "Hello, Zoë 日本!", browsertest.Press("a", chromedp.ModifierCtrl), browsertest.Type("Zoë 日本"))
	b.checkProblems(t)
	b.checkErrors(t)
}
