package sri_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/internal/sri"
	"github.com/modc-dev/modc/internal/browsertest"
	"github.com/modc-dev/modc/internal/webtest"
	"github.com/modc-dev/modc/site"
)

// buildSite builds the example workspace at the root of this repository
// (bundles, apps and docs), without releases, into a temporary directory,
// and reads the output back into the result's Files (site.Build streams
// it to disk instead of keeping it).
func buildSite(t *testing.T) *compiler.Result {
	t.Helper()
	r := site.Build(compiler.Options{Root: "../../..", Out: t.TempDir(), NoReleases: true, CacheDir: "-"})
	if r.Failed() {
		t.Fatalf("build:\n%s", r.Messages)
	}
	r.Files = map[string][]byte{}
	err := filepath.WalkDir(r.OutDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(r.OutDir, p)
		r.Files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// cors lets pages of any origin load the files, as a CDN does: a script
// with an integrity attribute and crossorigin="anonymous" needs it.
var cors = map[string]string{"Access-Control-Allow-Origin": "*"}

// page is a Chromium tab that records the console and the exceptions.
type page struct {
	ctx context.Context
	mu  sync.Mutex
	log []string
}

func newPage(t *testing.T) *page {
	p := &page{}
	p.ctx = browsertest.New(t, func(ev any) {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch ev := ev.(type) {
		case *cdplog.EventEntryAdded:
			p.log = append(p.log, string(ev.Entry.Level)+": "+ev.Entry.Text)
		case *cdpruntime.EventExceptionThrown:
			p.log = append(p.log, "exception: "+ev.ExceptionDetails.Text)
		case *cdpruntime.EventConsoleAPICalled:
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, a.Description+string(a.Value))
			}
			p.log = append(p.log, "console: "+strings.Join(parts, " "))
		}
	})
	if _, err := chromedp.Call(p.ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return p
}

func (p *page) logs() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.log, "\n")
}

// open loads url and waits until the page sets body[data-state].
func (p *page) open(t *testing.T, url string) string {
	t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("body[data-state]"))); err != nil {
		t.Fatalf("%s: %v\nlog:\n%s", url, err, p.logs())
	}
	state, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`document.body.dataset.state`))
	if err != nil {
		t.Fatal(err)
	}
	return state
}

func eval[T any](t *testing.T, p *page, expr string) T {
	t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v\nlog:\n%s", expr, err, p.logs())
	}
	return v
}

// mockToken is the access token the auth module's token query mock answers.
func mockToken(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../../modules/auth/manage_tokens/queries/api_authToken.json")
	if err != nil {
		t.Fatal(err)
	}
	var q struct {
		Mock struct {
			Data struct {
				AccessToken string `json:"access_token"`
			}
		}
	}
	if err := json.Unmarshal(data, &q); err != nil || q.Mock.Data.AccessToken == "" {
		t.Fatalf("no mock token in api_authToken.json: %v", err)
	}
	return q.Mock.Data.AccessToken
}

var (
	snippetRE = regexp.MustCompile(`(?s)<div class="embed">.*?<pre class="snippet chroma"><code>(.*?)</code></pre>`)
	tagRE     = regexp.MustCompile(`<[^>]*>`)
	scriptRE  = regexp.MustCompile(`<script src="(/dist/auth/[^"]+/auth\.js)"\s+integrity="(sha384-[A-Za-z0-9+/=]+)"\s+crossorigin="anonymous"></script>`)
)

// TestScriptIntegrity embeds the auth package in a plain HTML page with the
// snippets its docs pages show — the script tag with the bundle's integrity
// hash from the package page, loaded from another origin, and the module
// page's call that creates an instance — and uses it. The same page with
// one byte of the bundle changed gets nothing: the browser refuses the
// script.
func TestScriptIntegrity(t *testing.T) {
	r := buildSite(t)
	snippetOf := func(page string) string {
		t.Helper()
		doc := string(r.Files[page])
		m := snippetRE.FindStringSubmatch(doc)
		if m == nil {
			t.Fatalf("%s has no embed snippet:\n%s", page, doc)
		}
		return html.UnescapeString(tagRE.ReplaceAllString(m[1], ""))
	}
	module := snippetOf("packages/auth/manage_tokens/index.html")
	const create = `const manageTokens = modc.packages.auth.createInstance("manage_tokens");`
	if module != create {
		t.Fatalf("module page's snippet:\n%s", module)
	}
	if link := `(<a href="../../../packages/auth/#embed">`; !strings.Contains(string(r.Files["packages/auth/manage_tokens/index.html"]), link) {
		t.Fatalf("the module page does not link to its package page's embed section: no %s", link)
	}
	tag := scriptRE.FindStringSubmatch(snippetOf("packages/auth/index.html"))
	if tag == nil {
		t.Fatalf("package page's snippet:\n%s", snippetOf("packages/auth/index.html"))
	}
	snippet := tag[0] + "\n<script>\n  " + create + "\n</script>"
	src, integrity := tag[1], tag[2]
	bundle := r.Files[strings.TrimPrefix(src, "/")]
	if bundle == nil || integrity != sri.Hash(bundle) {
		t.Fatalf("the snippet's %s and %s do not match the bundle", src, integrity)
	}
	var e sri.Embed
	if err := json.Unmarshal(r.Files[path.Dir(strings.TrimPrefix(src, "/"))+"/embed.json"], &e); err != nil {
		t.Fatal(err)
	}
	if f := e.Files["auth.js"]; f.URL != strings.TrimPrefix(src, "/") || f.Integrity != integrity {
		t.Errorf("embed.json says %+v, the docs %s %s", f, src, integrity)
	}

	// The bundles come from one origin, the pages from another.
	files := map[string][]byte{}
	for k, v := range r.Files {
		files[k] = v
	}
	tampered := bytes.Replace(bundle, []byte("built by modc"), []byte("built by modC"), 1)
	if bytes.Equal(tampered, bundle) {
		t.Fatal("the bundle has no banner to change")
	}
	files["tampered"+src] = tampered
	cdn := webtest.Serve(t, files, webtest.Options{Header: cors})
	use := `<script>
  try {
    manageTokens.getAccessToken.data; // the snippet's instance
    modc.packages.auth.createInstance("manage_tokens", { mock: true }).getAccessToken().then(
      (token) => { document.getElementById("out").textContent = token; document.body.dataset.state = "ran"; },
      (e) => { document.body.dataset.state = "failed: " + e.message; });
  } catch (e) {
    document.body.dataset.state = typeof modc == "undefined" ? "no bundle" : "failed: " + e.message;
  }
</script>`
	pageOf := func(snippet string) string {
		return "<!doctype html><title>Embedding test</title><p id=out></p>\n" + snippet + "\n" + use
	}
	withCDN := strings.Replace(snippet, `src="`, `src="`+cdn.URL, 1)
	pages := map[string][]byte{
		"good.html":     []byte(pageOf(withCDN)),
		"tampered.html": []byte(pageOf(strings.Replace(withCDN, src, "/tampered"+src, 1))),
		// Without its integrity attribute the tampered bundle runs: the
		// change of one byte breaks nothing but the hash.
		"unchecked.html": []byte(pageOf(strings.Replace(strings.Replace(withCDN, src, "/tampered"+src, 1), ` integrity="`+integrity+`"`, "", 1))),
	}
	host := webtest.Serve(t, pages, webtest.Options{Header: cors})
	p := newPage(t)

	if state := p.open(t, host.URL+"/good.html"); state != "ran" {
		t.Fatalf("good.html: %s\nlog:\n%s", state, p.logs())
	}
	if got, want := eval[string](t, p, `document.getElementById("out").textContent`), mockToken(t); got != want {
		t.Errorf("good.html shows %q, want %q", got, want)
	}

	if state := p.open(t, host.URL+"/tampered.html"); state != "no bundle" {
		t.Errorf("tampered.html: %s, want no bundle", state)
	}
	if !eval[bool](t, p, `typeof window.modc == "undefined"`) {
		t.Error("tampered.html: the tampered bundle ran")
	}
	if logs := p.logs(); !strings.Contains(logs, "integrity") {
		t.Errorf("the browser did not report the integrity failure:\n%s", logs)
	}

	if state := p.open(t, host.URL+"/unchecked.html"); state != "ran" {
		t.Errorf("unchecked.html: %s, want ran\nlog:\n%s", state, p.logs())
	}
}

// TestMountApp hosts the example portal app in a plain HTML page that is
// not its generated index.html: the page imports app.js, fetches
// manifest.json, mounts the app into a div with mountApp, and the widgets
// render; unmount removes them and leaves the page's own content.
func TestMountApp(t *testing.T) {
	r := buildSite(t)
	files := maps.Clone(r.Files)
	files["host.html"] = []byte(`<!doctype html>
<title>Host page</title>
<link rel="stylesheet" href="/apps/portal/app.css">
<header id="own">The host's own header</header>
<div id="portal"></div>
<script type="module">
  import { mountApp } from "/apps/portal/app.js";
  const manifest = await (await fetch("/apps/portal/manifest.json")).json();
  const app = mountApp(manifest, document.getElementById("portal"), { mock: true, user: { email: "ada@example.io" } });
  window.portal = app;
  await app.ready;
  document.body.dataset.state = "ready";
</script>`)
	host := webtest.Serve(t, files, webtest.Options{Header: cors})
	p := newPage(t)
	if state := p.open(t, host.URL+"/host.html"); state != "ready" {
		t.Fatalf("host.html: %s\nlog:\n%s", state, p.logs())
	}
	if got, want := eval[string](t, p, `document.querySelector('#portal [data-widget="Token"]').innerText`), mockToken(t); got != want {
		t.Errorf("the Token widget shows %q, want %q", got, want)
	}
	rows := eval[int](t, p, `document.querySelectorAll('#portal [data-widget="Table1"] tbody tr').length`)
	if rows == 0 {
		t.Errorf("the Table1 widget shows no rows\nlog:\n%s", p.logs())
	}
	eval[any](t, p, `window.portal.unmount()`)
	if n := eval[int](t, p, `document.querySelectorAll('#portal [data-widget]').length`); n != 0 {
		t.Errorf("after unmount, %d widgets are left", n)
	}
	if got := eval[string](t, p, `document.getElementById("own").textContent`); got != "The host's own header" {
		t.Errorf("the host's header became %q", got)
	}
}
