package devserver

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/modc-dev/modc/internal/browsertest"
)

// page is a browser tab on a devserver.
type page struct {
	t   *testing.T
	ctx context.Context
}

func open(t *testing.T, ctx context.Context, url string) *page {
	t.Helper()
	p := &page{t: t, ctx: ctx}
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	p.until("live reload connected", `window.__modcLiveReload && window.__modcLiveReload.connected`)
	return p
}

// eval evaluates a JavaScript expression and decodes its JSON value.
func (p *page) eval(expr string, v any) error {
	raw, err := chromedp.Run(p.ctx, chromedp.Evaluate[json.RawMessage]("JSON.stringify("+expr+") ?? \"null\""))
	if err != nil {
		return err
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return err
	}
	return json.Unmarshal([]byte(s), v)
}

// until waits for a JavaScript expression to be truthy, through reloads
// (when the page is between documents, evaluating fails: it tries again).
func (p *page) until(what, expr string) {
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
	p.t.Fatalf("%s: not within %v (last error: %v)", what, wait, last)
}

// overlay returns what the error overlay shows, or nil without one.
func (p *page) overlay() *overlay {
	p.t.Helper()
	var o *overlay
	err := p.eval(`(() => {
  const host = document.querySelector("modc-error-overlay");
  if (!host) return null;
  const root = host.shadowRoot;
  const all = (sel) => [...root.querySelectorAll(sel)].map((e) => e.textContent);
  const backdrop = root.querySelector(".backdrop");
  return { title: root.querySelector("h1").textContent, locations: all(".location"), texts: all(".text"), ids: all(".id"),
    frames: all("pre.frame"), images: root.querySelectorAll("img").length,
    position: getComputedStyle(backdrop).position, zIndex: getComputedStyle(backdrop).zIndex };
})()`, &o)
	if err != nil {
		p.t.Fatal(err)
	}
	return o
}

type overlay struct {
	Title     string
	Locations []string
	Texts     []string
	IDs       []string
	Frames    []string
	Images    int
	Position  string
	ZIndex    string
}

// TestBrowserReloadAndOverlay edits a module on disk while its page is
// open: the page reloads and shows the change; a syntax error brings the
// overlay, on pages opened later too; fixing it removes the overlay.
func TestBrowserReloadAndOverlay(t *testing.T) {
	dir := copyWorkspace(t, "pages")
	r := start(t, Options{Builder: newPageBuilder(dir), Watcher: newWatcher(t, dir)})
	ctx := browsertest.New(t, nil)
	p := open(t, ctx, r.url+"auth/login/")
	p.until("the page", `document.getElementById("src").textContent.includes("hello from login")`)

	// An edit reloads the page with the change.
	p.eval(`window.marker = 1`, new(int))
	writeFile(t, dir, "modules/auth/login/main.js", "export default {\n  greeting: \"edited on disk\",\n};\n")
	p.until("the reloaded page", `!window.marker && document.getElementById("src").textContent.includes("edited on disk") && window.__modcLiveReload.connected`)

	// A syntax error: the overlay, with the position and the code frame,
	// and the page still shows the last good build. The source line holds
	// HTML, which must stay text.
	writeFile(t, dir, "modules/auth/login/main.js", "export default {\n  x: \"<img src=x onerror=window.pwned=1>\" ;\n};\n")
	p.until("the overlay", `document.querySelector("modc-error-overlay")`)
	o := p.overlay()
	if o.Title != "Build failed: 1 error" || len(o.Locations) != 1 || o.Locations[0] != "modules/auth/login/main.js:2:43" ||
		o.Texts[0] != `Expected "}" but found ";"` || len(o.IDs) != 1 || o.IDs[0] != "[js-syntax]" {
		t.Errorf("overlay %+v", o)
	}
	if len(o.Frames) != 1 || !strings.Contains(o.Frames[0], "    2 |   x: \"<img src=x onerror=window.pwned=1>\" ;\n      |                                           ^") {
		t.Errorf("code frame %q", o.Frames)
	}
	if o.Images != 0 || o.Position != "fixed" || o.ZIndex != "2147483647" {
		t.Errorf("overlay rendering %+v", o)
	}
	var pwned bool
	if p.eval(`!!window.pwned`, &pwned); pwned {
		t.Error("the message's HTML ran")
	}
	p.until("the last good page", `document.getElementById("src").textContent.includes("edited on disk")`)

	// A page opened while the build is broken shows the overlay at once.
	tab, cancel := chromedp.NewContext(ctx)
	defer cancel()
	late := open(t, tab, r.url+"auth/tokens/")
	late.until("the overlay on a new page", `document.querySelector("modc-error-overlay")`)
	if o := late.overlay(); len(o.Locations) != 1 || o.Locations[0] != "modules/auth/login/main.js:2:43" {
		t.Errorf("overlay on a new page %+v", o)
	}

	// The overlay can be dismissed.
	p.eval(`document.querySelector("modc-error-overlay").shadowRoot.querySelector("button.close").click()`, new(any))
	if o := p.overlay(); o != nil {
		t.Errorf("still there after Close: %+v", o)
	}

	// Fixed: the overlay goes from every page and they reload.
	late.eval(`window.marker = 1`, new(int))
	writeFile(t, dir, "modules/auth/login/main.js", "export default {\n  greeting: \"fixed\",\n};\n")
	p.until("the fixed page", `document.getElementById("src").textContent.includes("fixed") && !document.querySelector("modc-error-overlay")`)
	late.until("the overlay gone from the other page", `!window.marker && !document.querySelector("modc-error-overlay") && window.__modcLiveReload.connected`)
}

// TestBrowserCSSOnly changes only the stylesheet: the style applies without
// a reload.
func TestBrowserCSSOnly(t *testing.T) {
	dir := copyWorkspace(t, "pages")
	r := start(t, Options{Builder: newPageBuilder(dir), Watcher: newWatcher(t, dir)})
	p := open(t, browsertest.New(t, nil), r.url+"auth/login/")
	p.until("the first style", `getComputedStyle(document.body).color === "rgb(10, 20, 30)"`)
	p.eval(`window.marker = 42`, new(int))
	writeFile(t, dir, "templates/style.css", "body { color: rgb(200, 0, 0); }\n")
	p.until("the new style", `getComputedStyle(document.body).color === "rgb(200, 0, 0)"`)
	var state struct {
		Marker int
		Links  int
	}
	if err := p.eval(`({marker: window.marker, links: document.querySelectorAll('link[rel="stylesheet"]').length})`, &state); err != nil {
		t.Fatal(err)
	}
	if state.Marker != 42 {
		t.Error("the page reloaded")
	}
	if state.Links != 1 {
		t.Errorf("%d stylesheet links after the swap, want 1", state.Links)
	}
	// And the next edit of the page still reloads it.
	writeFile(t, dir, "modules/auth/login/main.js", "export default { after: \"css\" };\n")
	p.until("the reloaded page", `!window.marker && document.getElementById("src").textContent.includes("after")`)
}

// TestBrowserServerRestart stops the devserver and starts another on the
// same port: the open page reconnects and reloads.
func TestBrowserServerRestart(t *testing.T) {
	dir := copyWorkspace(t, "pages")
	first := start(t, Options{Builder: newPageBuilder(dir)})
	p := open(t, browsertest.New(t, nil), first.url+"auth/login/")
	var id string
	p.eval(`window.__modcLiveReload.id`, &id)
	p.eval(`window.marker = 1`, new(int))
	first.stop()
	writeFile(t, dir, "modules/auth/login/main.js", "export default { restarted: true };\n")
	port, err := strconv.Atoi(first.port)
	if err != nil {
		t.Fatal(err)
	}
	start(t, Options{Port: port, Builder: newPageBuilder(dir)})
	p.until("the reload after the restart", `!window.marker && document.getElementById("src").textContent.includes("restarted") && window.__modcLiveReload.connected`)
	var id2 string
	p.eval(`window.__modcLiveReload.id`, &id2)
	if id2 == id || id2 == "" {
		t.Errorf("instance ids %q then %q", id, id2)
	}
}

// TestBrowserRealCompiler runs the devserver on the real engine
// (compiler.Build): a page loads the shop's browser bundle and shows what
// the cart module computes; editing main.js reloads it with the new
// result, and a syntax error shows the compiler's message at its position.
func TestBrowserRealCompiler(t *testing.T) {
	dir := copyWorkspace(t, "shop")
	r := start(t, Options{Builder: compilerBuilder{root: dir}, Watcher: newWatcher(t, dir)})
	p := open(t, browsertest.New(t, nil), r.url)
	p.until("the total", `document.getElementById("total").textContent === "3.50 EUR"`)

	p.eval(`window.marker = 1`, new(int))
	main := readFile(t, dir, "modules/shop/cart/main.js")
	edited := strings.Replace(main, "  total() {", "  /** @returns {string} */\n  note() {\n    return \"edited on disk\";\n  },\n\n  total() {", 1)
	if edited == main {
		t.Fatal("testdata changed: the edit does not apply")
	}
	writeFile(t, dir, "modules/shop/cart/main.js", edited)
	p.until("the new method", `!window.marker && document.getElementById("note").textContent === "edited on disk"`)

	writeFile(t, dir, "modules/shop/cart/main.js", strings.Replace(edited, "const sum =", "const sum = (", 1))
	p.until("the overlay", `document.querySelector("modc-error-overlay")`)
	if o := p.overlay(); len(o.Locations) == 0 || !strings.HasPrefix(o.Locations[0], "modules/shop/cart/main.js:26:") {
		t.Errorf("overlay %+v", o)
	}
	writeFile(t, dir, "modules/shop/cart/main.js", main)
	p.until("the fix", `!document.querySelector("modc-error-overlay") && document.getElementById("total").textContent === "3.50 EUR" && document.getElementById("note").textContent === ""`)
}

func readFile(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
