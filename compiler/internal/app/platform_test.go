package app

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/modc-dev/modc/internal/browsertest"
	"github.com/modc-dev/modc/internal/webtest"
)

// TestBrowserPlatformFunctions: module code's showModal, closeModal and
// resetWidget act on the app's widgets (issue 14), driven with real clicks
// and key presses: Open shows the hidden panel, typing changes the input,
// Clear puts its declared text back, Close hides the panel, and a widget
// name the app lacks is an error shown on the button that asked.
func TestBrowserPlatformFunctions(t *testing.T) {
	srv := webtest.Serve(t, buildDir(t, "testdata/platform"), webtest.Options{Header: strictCSP})
	b := newBrowser(t)
	b.do(t,
		chromedp.Navigate(srv.URL+"/apps/panel/index.html?mock=1"),
		chromedp.WaitVisible(chromedp.CSS(`[data-modc-app][data-modc-state=ready]`)),
	)
	hidden := func() bool { return eval[bool](t, b, `document.querySelector('[data-widget=Panel]').hidden`) }
	if !hidden() {
		t.Fatal("the panel shows before Open")
	}
	b.click(t, `[data-widget=Open] button`)
	b.waitFor(t, func() bool { return !hidden() }, "Open did not show the panel")
	b.waitText(t, "Count", func(s string) bool { return s == "opened 1" }, "want opened 1 (this in an arrow member)")

	b.click(t, `[data-widget=Name] input`)
	b.do(t, browsertest.Type(" Lovelace"))
	b.waitText(t, "Echo", func(s string) bool { return s == "name Ada Lovelace" }, "typing did not reach the input")
	b.click(t, `[data-widget=Clear] button`)
	b.waitText(t, "Echo", func(s string) bool { return s == "name Ada" }, "resetWidget did not put the text back")
	if got := eval[string](t, b, `document.querySelector('[data-widget=Name] input').value`); got != "Ada" {
		t.Errorf("after Clear the field holds %q, want Ada", got)
	}

	b.click(t, `[data-widget=Close] button`)
	b.waitFor(t, hidden, "Close did not hide the panel")

	b.click(t, `[data-widget=Broken] button`)
	b.waitText(t, "Broken", func(s string) bool { return strings.Contains(s, `showModal: the app has no widget named "Nowhere"`) }, "want the error on the button")
}
