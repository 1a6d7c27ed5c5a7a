package site

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/internal/browsertest"
	"github.com/modc-dev/modc/site/devserver"
	"github.com/modc-dev/modc/site/livereload"
)

// wait bounds every wait of these tests; it is never reached when things work.
const wait = 30 * time.Second

// syncBuffer is the devserver's log, read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// devSite is a devserver run by Serve, with the real watcher and builder,
// on a free port until the test ends.
type devSite struct {
	t        testing.TB
	dir, url string
	log      *syncBuffer
	rebuilds chan devserver.Rebuild
}

func serveDev(t testing.TB, dir string, mock bool) *devSite {
	t.Helper()
	return serveTimed(t, dir, mock, nil)
}

// serveTimed is serveDev; timings, when set, records how long each build's
// compilation and docs rendering took.
func serveTimed(t testing.TB, dir string, mock bool, timings *buildTimings) *devSite {
	t.Helper()
	return serveWith(t, compiler.Options{Root: dir, Mock: mock, NoMinify: true, CacheDir: "-"}, timings)
}

// serveWith is serveTimed with the compiler's options; more, when given,
// sets more options.
func serveWith(t testing.TB, copts compiler.Options, timings *buildTimings, more ...func(*ServeOptions)) *devSite {
	t.Helper()
	var timed func(compile, docs time.Duration)
	if timings != nil {
		timed = timings.add
	}
	dir := copts.Root
	d := &devSite{t: t, dir: dir, log: &syncBuffer{}, rebuilds: make(chan devserver.Rebuild, 1000)}
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan error, 1)
	opts := ServeOptions{
		Compiler: copts,
		Port:     -1,
		Log:      d.log,
		Ready:    func(url string) { ready <- url },
		OnRebuild: func(rb devserver.Rebuild) {
			select {
			case d.rebuilds <- rb:
			default:
			}
		},
	}
	for _, f := range more {
		f(&opts)
	}
	go func() { done <- serve(ctx, opts, timed) }()
	select {
	case d.url = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("Serve: %v", err)
	case <-time.After(2 * wait):
		cancel()
		t.Fatalf("the devserver did not start; log:\n%s", d.log)
	}
	t.Cleanup(func() {
		cancel()
		awaitReturn(t, "Serve", done)
	})
	return d
}

// awaitReturn waits, at most twice wait, for what a function run in a
// goroutine returned on done once its context ended, and fails the test
// when it is an error or does not come.
func awaitReturn(t testing.TB, name string, done <-chan error) {
	t.Helper()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
	case <-time.After(2 * wait):
		t.Errorf("%s did not return %v after its context ended", name, 2*wait)
	}
}

// buildTimings are the durations of the builds' parts.
type buildTimings struct {
	mu            sync.Mutex
	compile, docs time.Duration
}

func (b *buildTimings) add(compile, docs time.Duration) {
	b.mu.Lock()
	b.compile, b.docs = compile, docs
	b.mu.Unlock()
}

// last returns the durations of the last build that rendered the docs.
func (b *buildTimings) last() (compile, docs time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.compile, b.docs
}

// rebuild waits for the next build report.
func (d *devSite) rebuild() devserver.Rebuild {
	d.t.Helper()
	select {
	case rb := <-d.rebuilds:
		return rb
	case <-time.After(wait):
		d.t.Fatalf("no rebuild within %v; log:\n%s", wait, d.log)
	}
	return devserver.Rebuild{}
}

// drain forgets the build reports received so far.
func (d *devSite) drain() {
	for {
		select {
		case <-d.rebuilds:
		default:
			return
		}
	}
}

// copyExample copies the repository's example workspace (its root) to a
// temporary directory.
func copyExample(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"modules", "content", "apps", "templates"} {
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join("..", name))); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile("../modc.json")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "modc.json", string(data))
	return dir
}

// readFile reads a workspace file (slash path).
func readFile(t testing.TB, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// writeFile replaces a workspace file (slash path) the way editors do: a
// temporary file renamed over it.
func writeFile(t testing.TB, dir, rel, text string) {
	t.Helper()
	name := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := name + ".tmp-save"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}

// replace returns text with old replaced by new once, failing when old is
// not there (the example workspace changed).
func replace(t testing.TB, text, old, new string) string {
	t.Helper()
	if !strings.Contains(text, old) {
		t.Fatalf("the example workspace changed: no %q", old)
	}
	return strings.Replace(text, old, new, 1)
}

// tab is a browser tab on the devserver.
type tab struct {
	t   *testing.T
	ctx context.Context
}

func openTab(t *testing.T, ctx context.Context, url string) *tab {
	t.Helper()
	p := &tab{t: t, ctx: ctx}
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	p.until("live reload connected", `window.__modcLiveReload && window.__modcLiveReload.connected`)
	return p
}

// eval evaluates a JavaScript expression and decodes its JSON value.
func (p *tab) eval(expr string, v any) error {
	s, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`JSON.stringify(`+expr+`) ?? "null"`))
	if err != nil {
		return err
	}
	return json.Unmarshal([]byte(s), v)
}

// until waits for a JavaScript expression to be truthy, through reloads.
func (p *tab) until(what, expr string) {
	p.t.Helper()
	deadline := time.Now().Add(wait)
	var last error
	for time.Now().Before(deadline) {
		var ok bool
		if last = p.eval("!!("+expr+")", &ok); last == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	var html string
	_ = p.eval(`document.documentElement.outerHTML.slice(0, 3000)`, &html)
	p.t.Fatalf("%s: not within %v (last error: %v); page:\n%s", what, wait, last, html)
}

// mark sets a variable on the page, which a reload loses.
func (p *tab) mark() {
	p.t.Helper()
	if err := p.eval(`window.modcMarker = 42`, new(int)); err != nil {
		p.t.Fatal(err)
	}
}

// marked reports whether the page kept the variable mark set.
func (p *tab) marked() bool {
	p.t.Helper()
	var n int
	if err := p.eval(`window.modcMarker || 0`, &n); err != nil {
		p.t.Fatal(err)
	}
	return n == 42
}

// overlayLocations returns the locations the error overlay lists, nil
// without an overlay.
func (p *tab) overlayLocations() []string {
	p.t.Helper()
	var locs []string
	if err := p.eval(`(() => {
  const host = document.querySelector("modc-error-overlay");
  return host ? [...host.shadowRoot.querySelectorAll(".location")].map((e) => e.textContent) : null;
})()`, &locs); err != nil {
		p.t.Fatal(err)
	}
	return locs
}

// TestDevserverInBrowser runs `modc devserver --mock` on a copy of the
// example workspace (the real watcher, compiler session and docs
// renderer) with a module page and an app page open in headless Chromium:
// an edit of main.js reloads the module page and updates the app in place
// with the change, an unknown identifier shows the overlay at its position
// on both, the fix removes it, and an edit of the theme's stylesheet
// restyles the pages without reloading them.
func TestDevserverInBrowser(t *testing.T) {
	dir := copyExample(t)
	// The app shows a variable of the module, so that an edit of main.js shows.
	app := readFile(t, dir, "apps/portal/app.json")
	writeFile(t, dir, "apps/portal/app.json", replace(t, app, `{ "name": "Title", "type": "text",`,
		`{ "name": "Leeway", "type": "text", "text": "Leeway: {{JSModule_manage_tokens.expiryLeewaySeconds}} s" },
        { "name": "Title", "type": "text",`))
	d := serveDev(t, dir, true)
	if rb := d.rebuild(); rb.Messages.HasErrors() {
		t.Fatalf("first build: %s", rb.Messages)
	}

	browser := browsertest.New(t, nil)
	mod := openTab(t, browser, d.url+"packages/auth/manage_tokens/")
	mod.until("the module page", `document.getElementById("getAccessToken")`)
	appCtx, cancel := chromedp.NewContext(browser)
	defer cancel()
	portal := openTab(t, appCtx, d.url+"apps/portal/")
	portal.until("the app, with its mock token", `document.querySelector("[data-widget=Leeway]")?.innerText === "Leeway: 30 s" &&
		document.querySelector("[data-widget=Token]")?.innerText.startsWith("eyJ")`)

	// An edit: a new documented function and a new value.
	const main = "modules/auth/manage_tokens/main.js"
	orig := readFile(t, dir, main)
	edited := replace(t, orig, "  expiryLeewaySeconds: 30,\n", `  expiryLeewaySeconds: 45,

  /**
   * Says where the module was edited.
   * @returns {string}
   */
  editedOnDisk() {
    return "edited on disk";
  },
`)
	mod.mark()
	portal.mark()
	writeFile(t, dir, main, edited)
	mod.until("the module page with the new function", `!window.modcMarker && document.getElementById("editedOnDisk") &&
		document.body.innerText.includes("Says where the module was edited.") && window.__modcLiveReload.connected`)
	// The app re-mounts with the new code in place (TestDevserverRemountsAppsKeepingTheStore).
	portal.until("the app with the new value", `window.modcMarker && document.querySelector("[data-widget=Leeway]")?.innerText === "Leeway: 45 s" &&
		window.__modcLiveReload.connected`)

	// Broken: an unknown identifier. The overlay shows where, on both pages.
	broken := replace(t, edited, `return "edited on disk";`, `return "edited on disk " + notDefinedAnywhere;`)
	line := strings.Count(broken[:strings.Index(broken, "notDefinedAnywhere")], "\n") + 1
	lineStart := strings.LastIndex(broken[:strings.Index(broken, "notDefinedAnywhere")], "\n") + 1
	col := strings.Index(broken, "notDefinedAnywhere") - lineStart + 1
	want := fmt.Sprintf("%s:%d:%d", main, line, col)
	mod.mark()
	portal.mark()
	writeFile(t, dir, main, broken)
	for _, p := range []*tab{mod, portal} {
		p.until("the overlay", `document.querySelector("modc-error-overlay")`)
		if locs := p.overlayLocations(); len(locs) != 1 || locs[0] != want {
			t.Errorf("overlay locations %q, want [%s]", locs, want)
		}
		if !p.marked() {
			t.Error("a failed build reloaded the page")
		}
	}
	if !strings.Contains(d.log.String(), want+": error: unknown identifier \"notDefinedAnywhere\"") {
		t.Errorf("the terminal does not show the error at %s:\n%s", want, d.log)
	}

	// Fixed: the overlay goes and the pages reload with the last edit.
	fixed := replace(t, edited, `return "edited on disk";`, `return "fixed on disk";`)
	writeFile(t, dir, main, fixed)
	mod.until("the fixed module page", `!window.modcMarker && !document.querySelector("modc-error-overlay") &&
		document.getElementById("editedOnDisk") && window.__modcLiveReload.connected`)
	portal.until("the fixed app", `!window.modcMarker && !document.querySelector("modc-error-overlay") &&
		document.querySelector("[data-widget=Leeway]")?.innerText === "Leeway: 45 s" && window.__modcLiveReload.connected`)

	// Only the theme's stylesheet changes: no reload, the style applies.
	const css = "templates/assets/site.css"
	mod.until("the first style", `getComputedStyle(document.body).outlineStyle === "none"`)
	mod.mark()
	portal.mark()
	d.drain()
	writeFile(t, dir, css, readFile(t, dir, css)+"\nbody { outline: 7px solid rgb(1, 2, 3); }\n")
	for {
		rb := d.rebuild()
		if rb.Event == devserver.EventNone {
			continue // a save seen as two batches: the first changed nothing
		}
		if rb.Event != devserver.EventCSS || len(rb.Files) != 1 || rb.Files[0] != "assets/site.css" {
			t.Fatalf("after a stylesheet edit: event %q, files %q", rb.Event, rb.Files)
		}
		break
	}
	mod.until("the new style", `getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`)
	if !mod.marked() || !portal.marked() {
		t.Error("a stylesheet edit reloaded a page")
	}
}

// TestDevBuilderRemembersChanges breaks a module and, in the same broken
// state, edits a content page: once the module is fixed, the page shows the
// edit made while the build was failing.
func TestDevBuilderRemembersChanges(t *testing.T) {
	dir := copyExample(t)
	b := NewDevBuilder(compiler.Options{Root: dir, NoMinify: true, CacheDir: "-"})
	ctx := context.Background()
	out, err := b.Build(ctx, nil)
	if err != nil || out.Messages.HasErrors() {
		t.Fatalf("first build: %v %s", err, out.Messages)
	}
	const main, page = "modules/format/dates/main.js", "content/cli.md"
	orig := readFile(t, dir, main)
	writeFile(t, dir, main, replace(t, orig, "export default {", "export default {\n  broken: notDefinedAnywhere,"))
	out, err = b.Build(ctx, []string{main})
	if err != nil || !out.Messages.HasErrors() {
		t.Fatalf("broken build: %v %s", err, out.Messages)
	}
	writeFile(t, dir, page, readFile(t, dir, page)+"\nWritten while the build was broken.\n")
	out, err = b.Build(ctx, []string{page})
	if err != nil || !out.Messages.HasErrors() {
		t.Fatalf("still broken: %v %s", err, out.Messages)
	}
	writeFile(t, dir, main, orig)
	out, err = b.Build(ctx, []string{main})
	if err != nil || out.Messages.HasErrors() {
		t.Fatalf("fixed build: %v %s", err, out.Messages)
	}
	if !strings.Contains(string(out.Files["cli/index.html"]), "Written while the build was broken.") {
		t.Error("the content edit made while the build was broken is not in the output")
	}
}

// sseClient reads the devserver's live-reload stream.
type sseClient struct {
	events chan sseEvent
}

type sseEvent struct {
	name string
	at   time.Time
}

// connect opens the live-reload event stream and waits for its hello.
func connect(t testing.TB, url string) *sseClient {
	t.Helper()
	resp, err := http.Get(url + strings.TrimPrefix(livereload.EventsPath, "/"))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("event stream: status %d", resp.StatusCode)
	}
	t.Cleanup(func() { resp.Body.Close() })
	c := &sseClient{events: make(chan sseEvent, 100)}
	go func() {
		defer close(c.events)
		br := bufio.NewReader(resp.Body)
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			if name, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), "event: "); ok {
				c.events <- sseEvent{name: name, at: time.Now()}
			}
		}
	}()
	if ev := c.next(t); ev.name != "hello" {
		t.Fatalf("first event %q, want hello", ev.name)
	}
	return c
}

func (c *sseClient) next(t testing.TB) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-c.events:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(wait):
		t.Fatalf("no event within %v", wait)
	}
	return sseEvent{}
}

// get fetches a path of the devserver and returns its status and body.
func (d *devSite) get(path string) (int, []byte) {
	d.t.Helper()
	resp, err := http.Get(d.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		d.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		d.t.Fatal(err)
	}
	return resp.StatusCode, body
}

// waitFor waits until path answers with status.
func (d *devSite) waitFor(path string, status int) {
	d.t.Helper()
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		if got, _ := d.get(path); got == status {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	d.t.Fatalf("%s: not %d within %v; log:\n%s", path, status, wait, d.log)
}

// TestDevserverFolders creates a package folder and fills it, renames it,
// and renames a content folder, with the real watcher and builder; then
// every file of a cold build of the same files is served as it is.
func TestDevserverFolders(t *testing.T) {
	dir := copyExample(t)
	d := serveDev(t, dir, false)
	d.waitFor("/packages/auth/manage_tokens/", http.StatusOK)

	if err := os.MkdirAll(filepath.Join(dir, "modules", "crm"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "modules/crm/modc-package.json", `{ "description": "Contacts" }`+"\n")
	writeFile(t, dir, "modules/crm/contacts/module.json", `{ "kind": "js", "description": "Lists contacts" }`+"\n")
	writeFile(t, dir, "modules/crm/contacts/main.js", "export default {\n  /** Counts contacts. @returns {number} */\n  count() {\n    return 0;\n  },\n};\n")
	d.waitFor("/packages/crm/contacts/", http.StatusOK)

	if err := os.Rename(filepath.Join(dir, "modules", "crm"), filepath.Join(dir, "modules", "people")); err != nil {
		t.Fatal(err)
	}
	d.waitFor("/packages/people/contacts/", http.StatusOK)
	d.waitFor("/packages/crm/contacts/", http.StatusNotFound)

	writeFile(t, dir, "content/guide/intro.md", "# Intro\n\nSee [the CLI](../cli.md).\n")
	d.waitFor("/guide/intro/", http.StatusOK)
	if err := os.Rename(filepath.Join(dir, "content", "guide"), filepath.Join(dir, "content", "manual")); err != nil {
		t.Fatal(err)
	}
	d.waitFor("/manual/intro/", http.StatusOK)
	d.waitFor("/guide/intro/", http.StatusNotFound)

	// Settle, then compare with a cold build.
	time.Sleep(200 * time.Millisecond)
	d.drain()
	cold, err := NewDevBuilder(compiler.Options{Root: dir, NoMinify: true, CacheDir: "-"}).Build(context.Background(), nil)
	if err != nil || cold.Messages.HasErrors() {
		t.Fatalf("cold build: %v %s", err, cold.Messages)
	}
	for p, want := range cold.Files {
		status, got := d.get("/" + p)
		if strings.HasSuffix(p, ".html") {
			got = bytes.Replace(got, []byte(livereload.Tag), nil, 1)
		}
		if status != http.StatusOK || !bytes.Equal(got, want) {
			t.Errorf("%s: status %d, %d bytes; a cold build has %d bytes", p, status, len(got), len(want))
		}
	}
}
