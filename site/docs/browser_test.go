package docs

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/modc-dev/modc/internal/browsertest"
	"github.com/modc-dev/modc/internal/webtest"
)

// enableNetwork turns on the network events, to see failed requests.
var enableNetwork = chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	return err
})

// problems collects what a page reports as wrong: exceptions, console
// errors and failed or 4xx/5xx requests.
type problems struct {
	mu   sync.Mutex
	list []string
}

func (p *problems) listen(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *cdpruntime.EventExceptionThrown:
		p.list = append(p.list, fmt.Sprintf("exception: %s %s", ev.ExceptionDetails.Text, ev.ExceptionDetails.URL))
	case *cdpruntime.EventConsoleAPICalled:
		if ev.Type == cdpruntime.ConsoleAPICalledTypeError || ev.Type == cdpruntime.ConsoleAPICalledTypeWarning {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			p.list = append(p.list, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
		}
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			p.list = append(p.list, fmt.Sprintf("HTTP %d for %s", ev.Response.Status, ev.Response.URL))
		}
	case *network.EventLoadingFailed:
		p.list = append(p.list, fmt.Sprintf("loading failed: %s", ev.ErrorText))
	}
}

func (p *problems) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.list
	p.list = nil
	return l
}

// TestBrowserSearchToModulePage opens the example workspace's site, finds
// a function with the search box, follows the result, and checks that the
// module page shows the function's signature and its dry-run results.
func TestBrowserSearchToModulePage(t *testing.T) {
	files := render(t, "../..", Options{})
	srv := webtest.Serve(t, files, webtest.Options{NotFoundPage: "404.html"})
	var probs problems
	ctx := browsertest.New(t, probs.listen)

	if err := chromedp.Do(ctx,
		enableNetwork,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("search-input")),
		chromedp.Click(chromedp.ID("search-input")),
		browsertest.Type("tokenexpiry"),
		chromedp.WaitVisible(chromedp.CSS("#search-results li[role=option] a")),
	); err != nil {
		t.Fatalf("search: %v", err)
	}
	first, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#search-results li[role=option] a")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(first, "getTokenExpiry(token)") || !strings.Contains(first, "auth/manage_tokens") {
		t.Fatalf("first search result = %q, want getTokenExpiry(token) in auth/manage_tokens", first)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#search-results li[role=option] a")),
		chromedp.WaitVisible(chromedp.CSS("#getTokenExpiry pre.signature")),
	); err != nil {
		t.Fatalf("follow the result: %v", err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if want := srv.URL + "/packages/auth/manage_tokens/#getTokenExpiry"; loc != want {
		t.Errorf("location = %s, want %s", loc, want)
	}
	sig, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#getTokenExpiry pre.signature")))
	if err != nil {
		t.Fatal(err)
	}
	if want := "getTokenExpiry(token: string): number|null"; strings.TrimSpace(sig) != want {
		t.Errorf("signature = %q, want %q", sig, want)
	}
	examples, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#getTokenExpiry .examples")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"the expiry is read in seconds", "4102444800", `getTokenExpiry("not-a-jwt")`, "null"} {
		if !strings.Contains(examples, want) {
			t.Errorf("dry-run results of getTokenExpiry lack %q:\n%s", want, examples)
		}
	}
	// Keyboard: "/" focuses the search, Enter opens the first result.
	if err := chromedp.Do(ctx,
		browsertest.Type("/"),
		browsertest.Type("formatDDMMYYYY"),
		chromedp.WaitVisible(chromedp.CSS("#search-results li[aria-selected=true]")),
		browsertest.Type("\r"),
		chromedp.WaitVisible(chromedp.CSS("#formatDDMMYYYY pre.signature")),
	); err != nil {
		t.Fatalf("keyboard search: %v", err)
	}
	if p := probs.take(); len(p) > 0 {
		t.Errorf("problems in the browser:\n%s", strings.Join(p, "\n"))
	}
}

// TestBrowserNoConsoleErrors opens every page of the example workspace's
// site and of the small test workspace and fails on any exception,
// console error or warning, or failed request.
func TestBrowserNoConsoleErrors(t *testing.T) {
	var probs problems
	ctx := browsertest.New(t, probs.listen)
	if err := chromedp.Do(ctx, enableNetwork); err != nil {
		t.Fatal(err)
	}
	for _, ws := range []struct{ dir, base string }{{"../..", "/"}, {"testdata/ws", "/docs/"}} {
		dir := ws.dir
		files := render(t, dir, Options{})
		srv := webtest.Serve(t, files, webtest.Options{Base: ws.base, NotFoundPage: "404.html"})
		var pages []string
		for p := range files {
			if strings.HasSuffix(p, ".html") {
				pages = append(pages, p)
			}
		}
		sort.Strings(pages)
		for _, p := range pages {
			u := srv.URL + ws.base + strings.TrimSuffix(p, "index.html")
			if err := chromedp.Do(ctx, chromedp.Navigate(u), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			// The search loads its index on focus: exercise it on every page.
			if err := chromedp.Do(ctx,
				chromedp.Focus(chromedp.ID("search-input")),
				browsertest.Type("a"),
				chromedp.WaitVisible(chromedp.CSS("#search-results li")),
			); err != nil {
				t.Fatalf("%s: search: %v", u, err)
			}
			if list := probs.take(); len(list) > 0 {
				t.Errorf("%s/%s:\n%s", dir, p, strings.Join(list, "\n"))
			}
		}
	}
}

// TestScreenshots saves screenshots of a module page of the example
// workspace, in light and dark mode, to $MODC_SCREENSHOTS (a directory)
// for people to look at.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("MODC_SCREENSHOTS")
	if dir == "" {
		t.Skip("set MODC_SCREENSHOTS=DIR to save screenshots")
	}
	files := render(t, "../..", Options{})
	srv := webtest.Serve(t, files, webtest.Options{NotFoundPage: "404.html"})
	ctx := browsertest.New(t, nil)
	shots := []struct {
		name, url, scheme string
		width             int64
	}{
		{"modc-module-page.png", "/packages/auth/manage_tokens/", "light", 1400},
		{"modc-module-page-dark.png", "/packages/auth/manage_tokens/", "dark", 1400},
		{"modc-home.png", "/", "light", 1400},
		{"modc-guide-dark.png", "/getting-started/", "dark", 1400},
		{"modc-query-page.png", "/packages/users/get_users/", "light", 1400},
		{"modc-package-page.png", "/packages/auth/", "light", 1400},
		{"modc-module-page-mobile.png", "/packages/format/dates/", "light", 420},
	}
	for _, s := range shots {
		var png []byte
		err := chromedp.Do(ctx,
			chromedp.EmulateViewport(s.width, 900),
			chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: s.scheme}},
				})
				return err
			}),
			chromedp.Navigate(srv.URL+s.url),
			chromedp.WaitVisible(chromedp.CSS(".content")),
		)
		if err == nil {
			png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
		}
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, s.name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBrowserSearchFullText types into the search box of the example
// workspace's site, served over http and opened from file://, and checks
// the first result for a runtime API name, a module's function, a
// function's parameter and a word of a page's text only.
func TestBrowserSearchFullText(t *testing.T) {
	files := render(t, "../..", Options{})
	srv := webtest.Serve(t, files, webtest.Options{NotFoundPage: "404.html"})
	dir := t.TempDir()
	writeFiles(t, dir, files)
	var probs problems
	ctx := browsertest.New(t, probs.listen)
	if err := chromedp.Do(ctx, enableNetwork); err != nil {
		t.Fatal(err)
	}
	for _, site := range []struct{ name, home, page string }{
		{"http", srv.URL + "/", srv.URL + "/packages/auth/"},
		{"file", "file://" + filepath.ToSlash(dir) + "/index.html", "file://" + filepath.ToSlash(dir) + "/packages/auth/index.html"},
	} {
		for _, c := range []struct{ query, title, in, href string }{
			{"createInstance", "createInstance", "Runtime API reference", "runtime-api/#createinstance"},
			{"mountapp", "mountApp", "Runtime API reference", "runtime-api/#mountapp"},
			{"storeValue", "storeValue", "Runtime API reference", "runtime-api/#storevalue"},
			// An exact name first: Query.run before names that start with "run".
			{"run", "Query.run", "Runtime API reference", "runtime-api/#queryrun"},
			{"daysBetween", "daysBetween(a, b)", "format/dates", "packages/format/dates/#daysBetween"},
			{"refreshToken", "storeToken(accessToken, refreshToken)", "auth/manage_tokens", "packages/auth/manage_tokens/#storeToken"},
			{"limit", "limit", "users/get_users", "packages/users/get_users/#input-limit"},
			// "highlighted" is only in the text of content/docs-site.md.
			{"highlighted", "The docs site", "", "docs-site/"},
		} {
			start := site.home
			if c.query == "mountapp" {
				start = site.page // the index loads from a page below the root too
			}
			if err := chromedp.Do(ctx,
				chromedp.Navigate(start),
				chromedp.WaitVisible(chromedp.ID("search-input")),
				chromedp.Click(chromedp.ID("search-input")),
				browsertest.Type(c.query),
				chromedp.WaitVisible(chromedp.CSS("#search-results li[role=option] a")),
			); err != nil {
				t.Fatalf("%s: search %q: %v", site.name, c.query, err)
			}
			title, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#search-results li[role=option] .r-title")))
			if err != nil {
				t.Fatal(err)
			}
			attr, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("#search-results li[role=option] a"), "href"))
			if err != nil {
				t.Fatal(err)
			}
			href, want := attr.Value, c.title+c.in
			wantHref := c.href
			if site.name == "file" { // a directory is not its index.html there
				wantHref = strings.Replace(wantHref, "/#", "/index.html#", 1)
				if strings.HasSuffix(wantHref, "/") {
					wantHref += "index.html"
				}
			}
			if title != want || !strings.HasSuffix(href, "/"+wantHref) {
				t.Errorf("%s: %q: first result %q → %s, want %q → %s", site.name, c.query, title, href, want, wantHref)
			}
		}
		// Enter opens the first result, from file:// too.
		if err := chromedp.Do(ctx,
			chromedp.Navigate(site.page),
			chromedp.WaitVisible(chromedp.ID("search-input")),
			browsertest.Type("/createInstance"),
			chromedp.WaitVisible(chromedp.CSS("#search-results li[aria-selected=true]")),
			browsertest.Type("\r"),
			chromedp.WaitVisible(chromedp.ID("createinstance")),
		); err != nil {
			t.Fatalf("%s: open a result with Enter: %v", site.name, err)
		}
		if p := probs.take(); len(p) > 0 {
			t.Errorf("%s: problems in the browser:\n%s", site.name, strings.Join(p, "\n"))
		}
	}
}
