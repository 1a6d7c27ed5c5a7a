package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	cdppage "github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/modc-dev/modc/internal/browsertest"
	"github.com/modc-dev/modc/internal/webtest"
)

// strictCSP is the Content-Security-Policy the tests serve apps with: it
// forbids eval and inline scripts, and apps must work under it.
var strictCSP = map[string]string{
	"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'",
}

// browser is a Chromium tab that records what the page reports.
//
// Its listener runs on chromedp's event goroutine, which also delivers the
// results of commands: a test that held mu while it waited for the page
// would stop that goroutine at the next event, and its own command with
// it. So mu is held only to copy (seen) or to set, never across a call to
// the page or a Fatal.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string // exceptions and CSP violations
	errors   []string // console.error calls
	dialogs  []string
	accept   []bool // answers to the next dialogs
}

func newBrowser(t testing.TB) *browser {
	b := &browser{}
	b.ctx = browsertest.New(t, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch ev := ev.(type) {
		case *cdpruntime.EventExceptionThrown:
			d := ev.ExceptionDetails
			text := d.Text
			if d.Exception != nil {
				text += " " + d.Exception.Description
			}
			b.problems = append(b.problems, fmt.Sprintf("exception: %s at %s:%d", text, d.URL, d.LineNumber))
		case *cdplog.EventEntryAdded:
			if ev.Entry.Source == cdplog.EntrySourceSecurity || strings.Contains(ev.Entry.Text, "Content Security Policy") {
				b.problems = append(b.problems, "CSP: "+ev.Entry.Text)
			}
		case *cdpruntime.EventConsoleAPICalled:
			if ev.Type == cdpruntime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					if a.Description != "" {
						parts = append(parts, a.Description)
					} else {
						parts = append(parts, string(a.Value))
					}
				}
				b.errors = append(b.errors, strings.Join(parts, " "))
			}
		case *cdppage.EventJavascriptDialogOpening:
			b.dialogs = append(b.dialogs, ev.Message)
			accept := false
			if len(b.accept) > 0 {
				accept, b.accept = b.accept[0], b.accept[1:]
			}
			go chromedp.Call(b.ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: accept})
		}
	})
	if _, err := chromedp.Call(b.ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return b
}

// seen is a copy of what the page reported so far.
type seen struct {
	problems, errors, dialogs []string
}

func (b *browser) seen() seen {
	b.mu.Lock()
	defer b.mu.Unlock()
	return seen{problems: slices.Clone(b.problems), errors: slices.Clone(b.errors), dialogs: slices.Clone(b.dialogs)}
}

func (b *browser) fatal(t *testing.T, err error) {
	t.Helper()
	s := b.seen()
	t.Fatalf("chromium: %v\nproblems: %v\nconsole errors: %v", err, s.problems, s.errors)
}

// stepLimit bounds one call into the page (a navigation and its wait for
// the app, a click, a few keys, an evaluation): chromedp's waits retry
// until their context ends, so an app that never gets ready fails its
// test at this limit, not at the whole test's deadline (browsertest.New),
// which would add up to more than the package's timeout over its tests.
const stepLimit = 60 * time.Second

func (b *browser) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepLimit)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.fatal(t, err)
	}
}

// eval evaluates a JS expression in the page, awaiting a promise.
func eval[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepLimit)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.fatal(t, err)
	}
	return v
}

// text returns the text of the widget's root element.
func (b *browser) text(t *testing.T, widget string) string {
	t.Helper()
	return eval[string](t, b, fmt.Sprintf(`document.querySelector('[data-widget=%q]').innerText`, widget))
}

// waitText waits until the widget's text satisfies ok.
func (b *browser) waitText(t *testing.T, widget string, ok func(string) bool, what string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var last string
	for time.Now().Before(deadline) {
		last = b.text(t, widget)
		if ok(last) {
			return last
		}
		time.Sleep(20 * time.Millisecond)
	}
	s := b.seen()
	t.Fatalf("widget %s: %s; its text is %q\nproblems: %v\nconsole errors: %v", widget, what, last, s.problems, s.errors)
	return ""
}

// typeInto replaces the text of the input inside widget by typing, as a
// person does: a click into it, Ctrl+A, then the keys of text.
func (b *browser) typeInto(t *testing.T, widget, text string) {
	t.Helper()
	b.click(t, fmt.Sprintf(`[data-widget=%q] input`, widget))
	b.do(t, browsertest.Press("a", chromedp.ModifierCtrl), browsertest.Type(text))
}

// waitFor waits until ok is true.
func (b *browser) waitFor(t *testing.T, ok func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			s := b.seen()
			t.Fatalf("%s\nproblems: %v\nconsole errors: %v", what, s.problems, s.errors)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (b *browser) click(t *testing.T, sel string) {
	t.Helper()
	b.do(t, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
}

func (b *browser) checkProblems(t *testing.T) {
	t.Helper()
	for _, p := range b.seen().problems {
		t.Errorf("page reported %s", p)
	}
}

// checkErrors fails the test for every console.error the page made.
func (b *browser) checkErrors(t *testing.T) {
	t.Helper()
	if errs := b.seen().errors; len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// buildRepo builds the repository's example workspace: package bundles and apps.
func buildRepo(t *testing.T) map[string][]byte {
	t.Helper()
	return buildDir(t, "../../..")
}

const (
	mockToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZGEiLCJqdGkiOiJnZW5lcmF0ZWQiLCJleHAiOjQxMDI0NDQ4MDB9.c2lnbmF0dXJl"
)

// TestBrowserPortalMock loads the example portal app from its index.html
// in mock mode (?mock=1), under a CSP without unsafe-eval.
func TestBrowserPortalMock(t *testing.T) {
	files := buildRepo(t)
	srv := webtest.Serve(t, files, webtest.Options{Header: strictCSP})
	b := newBrowser(t)
	b.do(t,
		chromedp.Navigate(srv.URL+"/apps/portal/index.html?mock=1"),
		chromedp.WaitVisible(chromedp.CSS(`[data-modc-app][data-modc-state=ready]`)),
	)

	// runOnPageLoad: the token manager ran, then the users query.
	if got := b.text(t, "Token"); got != mockToken {
		t.Errorf("Token shows %q, want the mock token", got)
	}
	today := time.Now().UTC().Format("02/01/2006")
	if got := b.text(t, "Title"); got != "Users, as of "+today && got != "Users, as of "+time.Now().UTC().Add(-time.Minute).Format("02/01/2006") {
		t.Errorf("Title shows %q", got)
	}
	rows := eval[[]string](t, b, `[...document.querySelectorAll('[data-widget=Table1] tbody tr')].map(r => r.innerText.replace(/\t/g, "|"))`)
	if want := "1|Ada Lovelace|ada@example.io"; len(rows) != 3 || rows[0] != want {
		t.Errorf("table rows %q, want 3 starting with %q", rows, want)
	}

	// A hidden container appears when a row is selected.
	if !eval[bool](t, b, `document.querySelector('[data-widget=Details]').hidden`) {
		t.Errorf("Details is visible with no row selected")
	}
	b.click(t, `[data-widget=Table1] tbody tr:nth-child(2)`)
	b.waitText(t, "Selected", func(s string) bool { return s == "Selected: Grace Hopper <grace@example.io>" }, "want Grace Hopper selected")

	// Typing in an input updates the text bound to it.
	b.typeInto(t, "Limit", "2")
	b.waitText(t, "LimitNote", func(s string) bool { return s == "Listing up to 2 users" }, "want the typed limit")

	// A binding that throws shows its error on its widget only; the rest works on.
	if got := b.text(t, "Days"); !strings.Contains(got, " days since 01/01/2024") {
		t.Errorf("Days shows %q", got)
	}
	b.typeInto(t, "Since", `<img src=x onerror="document.title='pwned'">`)
	days := b.waitText(t, "Days", func(s string) bool { return strings.Contains(s, "invalid date") }, "want the binding's error")
	if !strings.Contains(days, `"<img src=x onerror=\"document.title='pwned'\">"`) {
		t.Errorf("Days error %q does not show the input as text", days)
	}
	failed := eval[[]string](t, b, `[...document.querySelectorAll('.modc-failed')].map(e => e.dataset.widget)`)
	if fmt.Sprint(failed) != "[Days]" {
		t.Errorf("widgets showing errors: %v, want [Days]", failed)
	}
	b.typeInto(t, "Limit", "3")
	b.waitText(t, "LimitNote", func(s string) bool { return s == "Listing up to 3 users" }, "the rest of the page works on")
	b.typeInto(t, "Since", "2024-03-01")
	b.waitText(t, "Days", func(s string) bool { return strings.Contains(s, "days since 01/03/2024") }, "the error clears")
	title := eval[string](t, b, `document.title`)
	imgs := eval[int](t, b, `document.querySelectorAll('[data-modc-app] img').length`)
	if title != "Portal" || imgs != 0 {
		t.Errorf("HTML in data was rendered as HTML: title %q, img elements: %d", title, imgs)
	}

	// Refresh runs the handler: the token is still valid, so it stays.
	b.click(t, `[data-widget=Refresh] button`)
	b.waitText(t, "Token", func(s string) bool { return s == mockToken }, "token after refresh")

	b.checkProblems(t)
	checkCSP(t, b)
}

// checkCSP checks that the page's CSP forbids eval. It tries from a timer:
// code that DevTools evaluates directly is exempt from the CSP.
func checkCSP(t *testing.T, b *browser) {
	t.Helper()
	evalErr := eval[string](t, b, `new Promise(r => setTimeout(() => { try { eval("1"); r("allowed") } catch (e) { r(e.name) } }))`)
	if evalErr != "EvalError" {
		t.Errorf("eval under the page's CSP: %s, want EvalError", evalErr)
	}
}

const (
	expiredToken   = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZGEiLCJqdGkiOiJleHBpcmVkIiwiZXhwIjoxMDAwMDAwMDAwfQ.c2lnbmF0dXJl"
	refreshedToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZGEiLCJqdGkiOiJyZWZyZXNoZWQiLCJleHAiOjQxMDI0NDQ4MDB9.c2lnbmF0dXJl"
	xssName        = `<img src=x onerror="document.title='pwned'">`
)

// portalPage mounts the portal app with mountApp, sending the queries of
// its modules (to https://api.example.io) to this server's /api instead.
const portalPage = `<!doctype html><title>Portal test</title>
<link rel="stylesheet" href="/apps/portal/app.css">
<div id="app"></div>
<script type="module" src="/test/boot.js"></script>`

const portalBoot = `import { mountApp } from "/apps/portal/app.js";
const api = (url, init) => { const u = new URL(url); return fetch("/api" + u.pathname + u.search, init); };
const el = document.getElementById("app");
fetch("/apps/portal/manifest.json")
  .then((r) => r.json())
  .then((m) => mountApp(m, el, { fetch: api }).ready)
  .then(() => (el.dataset.state = "ready"));
`

// TestBrowserPortalNetwork runs the example portal app against a local
// HTTP server that answers its queries: the token is generated on load,
// refreshed by the button once expired, the users query runs with the
// token and re-runs when its input changes, and an XSS payload in the
// API's data is shown as text.
func TestBrowserPortalNetwork(t *testing.T) {
	files := buildRepo(t)
	var mu sync.Mutex
	var requests []string
	srv := webtest.Serve(t, files, webtest.Options{Header: strictCSP, Fallback: func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/test/portal.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, portalPage)
			return
		case "/test/boot.js":
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, portalBoot)
			return
		}
		if !strings.HasPrefix(r.URL.Path, "/api/") {
			http.NotFound(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		requests = append(requests, fmt.Sprintf("%s %s %s %s", r.Method, r.URL.RequestURI(), r.Header.Get("Authorization"), body))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/api/api/user/token-auth/":
			fmt.Fprintf(w, `{"access_token": %q, "refresh_token": "r1"}`, expiredToken)
		case "/api/api/user/token-refresh/":
			fmt.Fprintf(w, `{"access_token": %q, "refresh_token": "r2"}`, refreshedToken)
		case "/api/users":
			users := []map[string]any{
				{"id": 1, "name": "Ada Lovelace", "email": "ada@example.io"},
				{"id": 2, "name": xssName, "email": "x@example.io"},
				{"id": 3, "name": "Alan Turing", "email": "alan@example.io"},
			}
			n, _ := strconv.Atoi(r.URL.Query().Get("limit"))
			json.NewEncoder(w).Encode(users[:min(max(n, 0), len(users))])
		default:
			http.NotFound(w, r)
		}
	}})
	b := newBrowser(t)
	b.do(t,
		chromedp.Navigate(srv.URL+"/test/portal.html"),
		chromedp.WaitVisible(chromedp.CSS(`#app[data-state=ready]`)),
	)
	takeRequests := func() []string {
		mu.Lock()
		defer mu.Unlock()
		r := requests
		requests = nil
		return r
	}
	if got := b.text(t, "Token"); got != expiredToken {
		t.Errorf("Token shows %q, want the generated token", got)
	}
	want := []string{
		`POST /api/api/user/token-auth/  {}`,
		"GET /api/users?limit=10&offset=0 Bearer " + expiredToken + " ",
	}
	if got := takeRequests(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("requests on load:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	rows := eval[[]string](t, b, `[...document.querySelectorAll('[data-widget=Table1] tbody tr')].map(r => r.innerText.replace(/\t/g, "|"))`)
	if len(rows) != 3 || rows[1] != "2|"+xssName+"|x@example.io" {
		t.Errorf("table rows %q, want the API's names as text", rows)
	}
	if title, imgs := eval[string](t, b, `document.title`), eval[int](t, b, `document.querySelectorAll('#app img').length`); title != "Portal test" || imgs != 0 {
		t.Errorf("API data was rendered as HTML: title %q, img elements: %d", title, imgs)
	}

	// The button refreshes the expired token, sending the refresh token.
	b.click(t, `[data-widget=Refresh] button`)
	b.waitText(t, "Token", func(s string) bool { return s == refreshedToken }, "want the refreshed token")
	want = []string{`POST /api/api/user/token-refresh/  {"refresh_token":"r1"}`}
	if got := takeRequests(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("requests on refresh:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Typing in the input re-runs the query whose input is bound to it.
	b.typeInto(t, "Limit", "2")
	b.waitText(t, "LimitNote", func(s string) bool { return s == "Listing up to 2 users" }, "want the typed limit")
	deadline := time.Now().Add(10 * time.Second)
	for eval[int](t, b, `document.querySelectorAll('[data-widget=Table1] tbody tr').length`) != 2 {
		if time.Now().After(deadline) {
			t.Fatalf("the table did not shrink to 2 rows")
		}
		time.Sleep(20 * time.Millisecond)
	}
	want = []string{"GET /api/users?limit=2&offset=0 Bearer " + refreshedToken + " "}
	if got := takeRequests(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("requests after typing:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// A handler with two awaited calls: the valid token is kept, the users reloaded.
	b.click(t, `[data-widget=Table1] tbody tr:nth-child(1)`)
	b.waitText(t, "Selected", func(s string) bool { return s == "Selected: Ada Lovelace <ada@example.io>" }, "want Ada selected")
	b.click(t, `[data-widget=Reload] button`)
	deadline = time.Now().Add(10 * time.Second)
	var got []string
	for len(got) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		got = takeRequests()
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("requests on reload:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	b.checkProblems(t)
	b.checkErrors(t)
	checkCSP(t, b)
}

// TestBrowserShop runs the test workspace's shop app from its index.html in
// mock mode: every widget type, setters, the store, confirmBeforeCall,
// instance inputs bound to widgets, JSON in mixed text, pages.
func TestBrowserShop(t *testing.T) {
	ws, mains := analyze(t, os.DirFS("testdata/ws"))
	files := bundles(t, ws, mains)
	out, msgs := Build(ws, mains, files, Options{Minify: true})
	if len(msgs) > 0 {
		t.Fatalf("apps:\n%s", msgs)
	}
	for k, v := range out.Files {
		files[k] = v
	}
	srv := webtest.Serve(t, files, webtest.Options{Header: strictCSP})
	b := newBrowser(t)
	b.do(t,
		chromedp.Navigate(srv.URL+"/apps/shop/index.html?mock=1"),
		chromedp.WaitVisible(chromedp.CSS(`[data-modc-app][data-modc-state=ready]`)),
	)
	expect := func(widget, want string) {
		t.Helper()
		b.waitText(t, widget, func(s string) bool { return s == want }, fmt.Sprintf("want %q", want))
	}
	expect("Chosen", "books / Books")
	expect("Levels", `Stock: {"warehouse":"north","b1":3,"p1":0}`)
	expect("ProductList", "sku\ttitle\tprice\nb1\tA book\t12.5\n‹\n1 / 2\n›")
	expect("Page", "page 1, selected")
	b.click(t, `[data-widget=ProductList] .modc-pager button:last-child`)
	expect("Page", "page 2, selected")
	b.click(t, `[data-widget=ProductList] tbody tr`)
	expect("Page", "page 2, selected p1")

	expect("CartText", "0 items, total 0.00 EUR")
	expect("Json", "Items: []")
	if !eval[bool](t, b, `document.querySelector('[data-widget=Checkout] button').disabled`) {
		t.Errorf("Checkout is enabled with an empty cart")
	}
	b.click(t, `[data-widget=AddBook] button`)
	expect("CartText", "1 items, total 12.50 EUR")
	expect("Json", `Items: [{"name":"Book","price":12.5}]`)
	if got := eval[string](t, b, `document.querySelector('.modc-alerts').innerText`); got != "Added a book" {
		t.Errorf("alerts show %q", got)
	}

	// The checkbox shows and hides the container.
	b.click(t, `[data-widget=ShowCart] input`)
	if !eval[bool](t, b, `document.querySelector('[data-widget=CartBox]').hidden`) {
		t.Errorf("CartBox visible after unchecking ShowCart")
	}
	b.click(t, `[data-widget=ShowCart] input`)

	// confirmBeforeCall: declined, the handler fails on its widget; accepted, it runs.
	b.mu.Lock()
	b.accept = []bool{false, true}
	b.mu.Unlock()
	b.click(t, `[data-widget=Checkout] button`)
	b.waitText(t, "Checkout", func(s string) bool { return strings.Contains(s, "onClick: Cart.checkout was cancelled") }, "want the cancellation")
	expect("CartText", "1 items, total 12.50 EUR")
	b.click(t, `[data-widget=Checkout] button`)
	expect("Order", "Last order: A-1; Thanks,")
	expect("CartText", "0 items, total 0.00 EUR")
	expect("Checkout", "Check out")
	if got, want := fmt.Sprint(b.seen().dialogs), "[Run Cart.checkout? Run Cart.checkout?]"; got != want {
		t.Errorf("dialogs %s, want %s", got, want)
	}

	// Setters, and an instance input bound to a widget.
	b.typeInto(t, "Name", "Bob")
	expect("Hello", "Hello Bob!")
	b.click(t, `[data-widget=AddBook] button`)
	b.click(t, `[data-widget=Reset] button`)
	expect("Hello", "Hello Ada!")
	expect("CartText", "1 items, total 12.50 USD")
	if got := eval[string](t, b, `document.querySelector('[data-widget=Name] input').value`); got != "Ada" {
		t.Errorf("Name input shows %q after setValue", got)
	}

	// An image with a javascript: URL gets none.
	if src := eval[string](t, b, `document.querySelector('[data-widget=Logo] img').getAttribute('src')`); src != "" {
		t.Errorf("image src %q", src)
	}

	// navigateTo another page; widget values outlive the page.
	b.click(t, `[data-widget=Next] button`)
	expect("Count", "1 items in the cart of Ada")
	if h := eval[string](t, b, `location.hash`); h != "#/Summary" {
		t.Errorf("location.hash %q", h)
	}
	b.click(t, `[data-widget=Back] button`)
	expect("Hello", "Hello Ada!")
	b.checkProblems(t)
	if title := eval[string](t, b, `document.title`); title != "Shop" {
		t.Errorf("title %q", title)
	}
	checkCSP(t, b)
}
