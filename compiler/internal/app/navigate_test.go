package app

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/modc-dev/modc/internal/browsertest"
	"github.com/modc-dev/modc/internal/navtest"
	"github.com/modc-dev/modc/internal/webtest"
)

// TestRefusedScheme runs the table through refusedScheme, the runtime's
// rule in Go that page names are checked with.
func TestRefusedScheme(t *testing.T) {
	allowed, refused := navtest.Table(t)
	for _, u := range allowed {
		if got := refusedScheme(u); got != "" {
			t.Errorf("refusedScheme(%q) = %q, want it allowed", u, got)
		}
	}
	for _, r := range refused {
		if got := refusedScheme(r[0]); got != r[1] {
			t.Errorf("refusedScheme(%q) = %q, want %q", r[0], got, r[1])
		}
	}
}

// navApp navigates to the URL's ?next= parameter, to what an API answers
// (a module function behind a button) and to what is typed in an input.
const navApp = `{
  "title": "Nav",
  "packages": { "links": "workspace" },
  "instances": { "Links1": { "module": "links/follow" } },
  "pages": [
    { "name": "Home", "widgets": [
      { "name": "Next", "type": "button", "label": "Continue", "onClick": "{{navigateTo(appsmith.URL.queryParams.next)}}" },
      { "name": "FromAPI", "type": "button", "label": "Open the link", "onClick": "{{Links1.follow()}}" },
      { "name": "Where", "type": "input", "label": "Go to", "onSubmit": "{{navigateTo(Where.text)}}" }
    ] },
    { "name": "Other", "widgets": [ { "name": "Arrived", "type": "text", "text": "Arrived" } ] }
  ]
}`

var navModule = map[string]string{
	"modules/links/modc-package.json":  `{ "description": "Links from an API." }`,
	"modules/links/follow/module.json": `{ "kind": "js", "description": "Follows the link an API gives" }`,
	"modules/links/follow/queries/api_link.json": `{
  "request": { "method": "GET", "url": "https://links.example.io/next" },
  "mock": { "status": 200, "data": { "url": "javascript:alert(document.domain)" } }
}`,
	"modules/links/follow/main.js": `export default {
  /**
   * Goes where the API says.
   * @returns {Promise<string>} "went"
   */
  async follow() {
    await api_link.run();
    navigateTo(api_link.data.url);
    return "went";
  },
};
`,
}

// TestBrowserNavigateRefusesSchemes opens an app whose button navigates
// to ?next= of its URL (reflected XSS if navigateTo ran javascript: URLs),
// with real clicks and keys, and without a CSP, which would block
// javascript: URLs by itself: javascript: and data: URLs from the URL,
// from an API's data and typed into an input are refused with the error
// on the widget and in the console; no script runs, the page stays; page
// names and relative URLs still go.
func TestBrowserNavigateRefusesSchemes(t *testing.T) {
	extra := map[string]string{"apps/nav/app.json": navApp}
	for k, v := range navModule {
		extra[k] = v
	}
	ws, mains := analyze(t, overlay(t, "testdata/ws", extra))
	files := bundles(t, ws, mains)
	out, msgs := Build(ws, mains, files, Options{Minify: true, Apps: []string{"nav"}})
	if len(msgs) > 0 {
		t.Fatalf("apps:\n%s", msgs)
	}
	for k, v := range out.Files {
		files[k] = v
	}
	srv := webtest.Serve(t, files, webtest.Options{})
	b := newBrowser(t)
	const refusal = "navigateTo: refused URL scheme %s: (only http, https, relative URLs and page names)"
	open := func(next string) string {
		t.Helper()
		u := srv.URL + "/apps/nav/index.html?mock=1&next=" + url.QueryEscape(next)
		b.do(t,
			chromedp.Navigate(u),
			chromedp.WaitVisible(chromedp.CSS(`[data-modc-app][data-modc-state=ready]`)),
		)
		return u
	}
	// refused checks that the widget shows the refusal of event, and the
	// console too, the page stayed and no dialog opened.
	refused := func(widget, event, scheme, page string) {
		t.Helper()
		defer func() {
			b.mu.Lock()
			b.errors = nil
			b.mu.Unlock()
		}()
		want := event + ": " + strings.Replace(refusal, "%s", scheme, 1)
		// Wait for the refusal, a dialog or another page.
		var text, href string
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			text = eval[string](t, b, `document.querySelector('[data-widget=`+widget+`]')?.innerText ?? ""`)
			href = eval[string](t, b, `location.href`)
			if strings.Contains(text, want) || href != page || len(b.seen().dialogs) > 0 {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		if !strings.Contains(text, want) {
			t.Errorf("widget %s shows %q, want the refusal %q", widget, text, want)
		}
		if href != page {
			t.Errorf("location %s, want %s", href, page)
		}
		s := b.seen()
		if len(s.dialogs) > 0 {
			t.Fatalf("script ran, dialogs opened: %q", s.dialogs)
		}
		found := false
		for _, e := range s.errors {
			found = found || strings.Contains(e, "modc: "+widget+"."+event) && strings.Contains(e, strings.Replace(refusal, "%s", scheme, 1))
		}
		if !found {
			t.Errorf("no console error for %s.%s: %q", widget, event, s.errors)
		}
	}

	page := open("javascript:alert(document.domain)")
	b.click(t, `[data-widget=Next] button`)
	refused("Next", "onClick", "javascript", page)

	page = open("data:text/html,<script>alert(document.domain)</script>")
	b.click(t, `[data-widget=Next] button`)
	refused("Next", "onClick", "data", page)

	page = open("  JaVaScRiPt:alert(document.domain)")
	b.click(t, `[data-widget=Next] button`)
	refused("Next", "onClick", "javascript", page)

	// From an API, through a module function that does not await navigateTo.
	b.click(t, `[data-widget=FromAPI] button`)
	refused("FromAPI", "onClick", "javascript", page)

	// Typed, with Enter (onSubmit).
	b.click(t, `[data-widget=Where] input`)
	b.do(t, browsertest.Press("a", chromedp.ModifierCtrl), browsertest.Type("VBScript:msgbox(1)"), browsertest.Press(kb.Enter))
	refused("Where", "onSubmit", "vbscript", page)

	// A page name goes to the page, a relative URL to the URL.
	b.click(t, `[data-widget=Where] input`)
	b.do(t, browsertest.Press("a", chromedp.ModifierCtrl), browsertest.Type("Other"), browsertest.Press(kb.Enter))
	b.waitText(t, "Arrived", func(s string) bool { return s == "Arrived" }, "want the page Other")
	page = open("?mock=1&arrived=yes")
	b.click(t, `[data-widget=Next] button`)
	b.waitFor(t, func() bool {
		// The page may be between documents: an error is not yet.
		href, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`location.href`))
		return err == nil && strings.HasSuffix(href, "/apps/nav/index.html?mock=1&arrived=yes")
	}, "want the relative URL")
	b.checkProblems(t)
}
