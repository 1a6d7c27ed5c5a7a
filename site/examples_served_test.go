package site

import (
	"strings"
	"testing"

	"github.com/modc-dev/modc/internal/browsertest"
)

// TestDevserverServesCodeWhoseExamplesFail: an edit that compiles but
// breaks examples is served all the same (the app re-mounts with the new
// code), and the page shows the failing examples in a panel at the
// bottom that leaves the page usable; fixing the examples removes it.
func TestDevserverServesCodeWhoseExamplesFail(t *testing.T) {
	dir := copyExample(t)
	d := serveDev(t, dir, true)
	if rb := d.rebuild(); rb.Messages.HasErrors() {
		t.Fatalf("first build: %s", rb.Messages)
	}
	portal := openTab(t, browsertest.New(t, nil), d.url+"apps/portal/")
	portal.until("the app", `/as of \d\d\/\d\d\/\d{4}/.test(document.querySelector("[data-widget=Title]")?.innerText)`)

	const main, examples = "modules/format/dates/main.js", "modules/format/dates/examples.json"
	portal.mark()
	writeFile(t, dir, main, replace(t, readFile(t, dir, main), `separator: "/"`, `separator: "."`))
	portal.until("the app with the new code and the failing examples listed",
		`/as of \d\d\.\d\d\.\d{4}/.test(document.querySelector("[data-widget=Title]")?.innerText) &&
		document.querySelector("modc-error-overlay")?.shadowRoot.querySelector(".backdrop.served")`)
	if !portal.marked() {
		t.Error("the app page reloaded instead of re-mounting the app")
	}
	locs := portal.overlayLocations()
	if len(locs) != 2 {
		t.Errorf("the panel lists %q, want the two failing examples", locs)
	}
	for _, l := range locs {
		if !strings.HasPrefix(l, examples+":") {
			t.Errorf("the panel lists %s, not an example of %s", l, examples)
		}
	}
	var title string
	if err := portal.eval(`document.querySelector("modc-error-overlay").shadowRoot.querySelector("h1").textContent`, &title); err != nil || title != "2 examples fail" {
		t.Errorf("panel title %q (%v)", title, err)
	}
	// The page stays usable: what is at the top of the window is the app.
	var top string
	if err := portal.eval(`document.elementFromPoint(innerWidth / 2, 20)?.tagName`, &top); err != nil || top == "MODC-ERROR-OVERLAY" {
		t.Errorf("the top of the page is covered by %q (%v)", top, err)
	}
	if log := d.log.String(); !strings.Contains(log, "served with 2 errors") || !strings.Contains(log, examples+":") {
		t.Errorf("the terminal does not list the failing examples:\n%s", log)
	}

	writeFile(t, dir, examples, strings.ReplaceAll(readFile(t, dir, examples), "/", "."))
	portal.until("the panel gone", `!document.querySelector("modc-error-overlay") && window.__modcLiveReload.connected`)
}
