package site

import (
	"testing"

	"github.com/modc-dev/modc/internal/browsertest"
	"github.com/modc-dev/modc/site/devserver"
)

// TestDevserverSwapsAppCSS: an edit of the style sheet app.json's "css"
// names swaps it in the open app without reloading the page.
func TestDevserverSwapsAppCSS(t *testing.T) {
	dir := copyExample(t)
	app := readFile(t, dir, "apps/portal/app.json")
	writeFile(t, dir, "apps/portal/app.json", replace(t, app, `"packages":`, `"css": "style.css",
  "packages":`))
	writeFile(t, dir, "apps/portal/style.css", "[data-widget=Title] { outline: 3px solid rgb(4, 5, 6); }\n")
	d := serveDev(t, dir, true)
	if rb := d.rebuild(); rb.Messages.HasErrors() {
		t.Fatalf("first build: %s", rb.Messages)
	}
	portal := openTab(t, browsertest.New(t, nil), d.url+"apps/portal/")
	portal.until("the app with its style sheet", `getComputedStyle(document.querySelector("[data-widget=Title]")).outlineColor === "rgb(4, 5, 6)"`)
	portal.mark()
	d.drain()
	writeFile(t, dir, "apps/portal/style.css", "[data-widget=Title] { outline: 3px solid rgb(7, 8, 9); }\n")
	for {
		rb := d.rebuild()
		if rb.Event == devserver.EventNone {
			continue
		}
		if rb.Event != devserver.EventCSS {
			t.Fatalf("after an edit of the app's style sheet: event %q, files %q", rb.Event, rb.Files)
		}
		break
	}
	portal.until("the new style", `getComputedStyle(document.querySelector("[data-widget=Title]")).outlineColor === "rgb(7, 8, 9)"`)
	if !portal.marked() {
		t.Error("a style sheet edit reloaded the app")
	}
}
