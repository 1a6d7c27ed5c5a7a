package docs

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/modc-dev/modc/compiler/gen"
	"github.com/modc-dev/modc/internal/browsertest"
	"github.com/modc-dev/modc/internal/webtest"
	"github.com/modc-dev/modc/site/docs/htmltrim"
)

var (
	navLink   = regexp.MustCompile(`<a href="([^"]*)"( aria-current="page")?[^>]*>`)
	navMoreRe = regexp.MustCompile(`<li class="nav-more"><a href="([^"]*)" aria-label="(\d+) more (\w+) (before|after); go to [^"]*">… (\d+) more</a></li>`)
)

// serverSidebar is the sidebar template from before nav.js: the lists
// written into every page by Page.NavTree and Page.PackageTree, which a
// theme may still use. TestNavWindow checks that nav.js writes the same.
const serverSidebar = `<nav class="nav">
  <a class="nav-home" href="{{.Root}}"{{if eq .Kind "home"}} aria-current="page"{{end}}>Home</a>
  {{- with .Site.Nav}}
  <h2 class="nav-title">Guide</h2>
  {{$.NavTree}}
  {{- end}}
  {{- with .Site.Packages}}
  <h2 class="nav-title"><a href="{{$.Root}}packages/">Packages</a></h2>
  {{$.PackageTree}}
  {{- end}}
  {{- with .Site.Apps}}
  <h2 class="nav-title">Apps</h2>
  <ul>
    {{- range .}}
    <li><a href="{{$.Root}}{{.URL}}">{{.Title}}</a></li>
    {{- end}}
  </ul>
  {{- end}}
</nav>
`

// browserSidebars opens each page of files (served over http) in headless
// Chromium and returns its sidebar as the browser has it once the page
// loaded (nav.js ran): the <nav class="nav"> element, serialised, without
// "</nav>". Two tabs share the pages: one navigation each is most of the
// test's time.
func browserSidebars(t *testing.T, ctx context.Context, files map[string][]byte, pages []string) map[string]string {
	t.Helper()
	srv := webtest.Serve(t, files, webtest.Options{NotFoundPage: "404.html"})
	// The first tab starts the browser; the second opens in it.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start the browser: %v", err)
	}
	second, cancel := chromedp.NewContext(ctx)
	defer cancel()
	tabs := []context.Context{ctx, second}
	out := make(map[string]string, len(pages))
	var mu sync.Mutex
	errs := make([]error, len(tabs))
	var wg sync.WaitGroup
	for i, tab := range tabs {
		wg.Go(func() {
			for k := i; k < len(pages); k += len(tabs) {
				p := pages[k]
				// Navigate returns at the load event, after nav.js (a
				// classic script) ran.
				err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/"+strings.TrimSuffix(p, "index.html")))
				var nav string
				if err == nil {
					nav, err = chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector("nav.nav")?.outerHTML ?? ""`))
				}
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", p, err)
					return
				}
				mu.Lock()
				out[p] = strings.TrimSuffix(nav, "</nav>")
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// parsedSidebars returns the sidebar of each page of files as Chromium's
// HTML parser reads it from the page, without running its scripts: each
// page fetched and parsed by DOMParser in one page of the same site, the
// <nav class="nav"> element serialised without "</nav>". For pages whose
// sidebar the server wrote, this is what opening each would show.
func parsedSidebars(t *testing.T, ctx context.Context, files map[string][]byte, pages []string) map[string]string {
	t.Helper()
	srv := webtest.Serve(t, files, webtest.Options{NotFoundPage: "404.html"})
	list, err := json.Marshal(pages)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/404.html")); err != nil {
		t.Fatalf("open the site: %v", err)
	}
	out, err := chromedp.Run(ctx,
		chromedp.Evaluate[map[string]string](`(async (pages) => {
  const out = {};
  for (const p of pages) {
    const r = await fetch("/" + p);
    const doc = new DOMParser().parseFromString(await r.text(), "text/html");
    const nav = doc.querySelector("nav.nav");
    out[p] = nav === null ? "" : nav.outerHTML.replace(/<\/nav>$/, "");
  }
  return out;
})(`+string(list)+`)`, chromedp.EvalAwaitPromise),
	)
	if err != nil {
		t.Fatalf("parse the pages' sidebars: %v", err)
	}
	return out
}

// trimmed is HTML without its indentation.
func trimmed(h string) string { return string(htmltrim.Append(nil, []byte(h))) }

// TestNavWindow checks the sidebar's window on long lists: a flat list of
// 60 pages, a section of 55, 52 packages and a package of 53 modules. On
// every page, as headless Chromium shows it once nav.js ran, the sidebar
// is the one Page.NavTree and Page.PackageTree write (a theme rendering
// them itself), stays short, marks the page, and its "more" entries lead
// to every page of the lists.
func TestNavWindow(t *testing.T) {
	for _, c := range []struct {
		name string
		opts gen.Options
	}{
		{"pages and packages", gen.Options{Packages: 52, Modules: 1, Pages: 60}},
		{"modules", gen.Options{Packages: 1, Modules: 53}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := gen.Write(dir, c.opts); err != nil {
				t.Fatal(err)
			}
			if c.opts.Pages > 0 {
				text := "---\ntitle: Big\nweight: 1000\n---\n# Big\n"
				for i := range 55 {
					text += fmt.Sprintf("\n- [%d](s%02d.md)", i, i)
				}
				write := func(rel, text string) {
					if err := os.MkdirAll(filepath.Join(dir, "content/big"), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(dir, rel), []byte(text), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				write("content/big/_index.md", text)
				for i := range 55 {
					write(fmt.Sprintf("content/big/s%02d.md", i), fmt.Sprintf("---\nweight: %d\n---\n# Section page %d\n", i, i))
				}
			}
			files := render(t, dir, Options{})
			var pages []string
			for p := range files {
				if strings.HasSuffix(p, "index.html") && !strings.HasPrefix(p, "apps/") {
					pages = append(pages, p)
				}
			}
			sort.Strings(pages)
			for _, p := range pages {
				if bytes.Contains(files[p], []byte("nav-more")) {
					t.Errorf("%s: the page itself holds the sidebar's lists", p)
				}
			}
			// Up to ~220 navigations, 40 s here: more than browsertest.Limit
			// allows on a machine twice as slow.
			ctx := browsertest.NewWithin(t, 3*browsertest.Limit, nil)
			sidebars := browserSidebars(t, ctx, files, pages)
			if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "templates/sidebar.html"), []byte(serverSidebar), 0o644); err != nil {
				t.Fatal(err)
			}
			serverFiles := render(t, dir, Options{})
			if !bytes.Contains(serverFiles[pages[len(pages)-1]], []byte("nav-more")) {
				t.Fatalf("%s rendered with serverSidebar has no nav-more entry", pages[len(pages)-1])
			}
			server := parsedSidebars(t, ctx, serverFiles, pages)
			for _, p := range pages {
				// Pages are written without their indentation (htmltrim);
				// what nav.js writes keeps its own.
				if trimmed(sidebars[p]) != trimmed(server[p]) {
					t.Errorf("%s: nav.js wrote\n%s\nPage.NavTree and PackageTree write\n%s", p, sidebars[p], server[p])
				}
			}
			// reached: the pages some other page's sidebar links to.
			reached := map[string]bool{}
			for _, p := range pages {
				nav := sidebars[p]
				links := navLink.FindAllStringSubmatch(nav, -1)
				if len(links) > 3*navWindow+10 {
					t.Errorf("%s: the sidebar has %d links", p, len(links))
				}
				current := 0
				for _, l := range links {
					target := path.Join(path.Dir(p), l[1]) + "/index.html"
					target = strings.TrimPrefix(target, "./")
					if _, ok := files[target]; !ok {
						t.Errorf("%s: the sidebar links %s, which is not a page", p, l[1])
					}
					if l[2] == "" {
						reached[target] = true // a link from another page
					}
					if l[2] != "" {
						current++
						if target != p {
							t.Errorf("%s: the sidebar marks %s as the page", p, target)
						}
					}
				}
				if p != "index.html" && p != "packages/index.html" && current != 1 {
					t.Errorf("%s: %d links marked as the page in\n%s", p, current, nav)
				}
				for _, m := range navMoreRe.FindAllStringSubmatch(nav, -1) {
					if m[2] != m[5] {
						t.Errorf("%s: %q", p, m[0])
					}
				}
				if strings.Count(nav, "nav-more") != len(navMoreRe.FindAllString(nav, -1)) {
					t.Errorf("%s: malformed nav-more entries in\n%s", p, nav)
				}
			}
			for _, p := range pages {
				if p != "index.html" && p != "packages/index.html" && !reached[p] {
					t.Errorf("no sidebar links %s", p)
				}
			}
			// The first page of the flat list (60 pages and the section) shows the first 21 and
			// one "more" entry after them.
			if c.opts.Pages > 0 {
				nav := sidebars["pages/page-0000/index.html"]
				if !strings.Contains(nav, `<a href="../../pages/page-0020/">`) || strings.Contains(nav, `<a href="../../pages/page-0021/">`) ||
					!regexp.MustCompile(`<li class="nav-more"><a href="../../pages/page-0021/" aria-label="40 more pages after; go to [^"]+ \(21\)">… 40 more</a></li>`).MatchString(nav) {
					t.Errorf("page 0's sidebar:\n%s", nav)
				}
				nav = sidebars["big/s30/index.html"]
				for _, want := range []string{
					`<li class="nav-more"><a href="../../big/s19/" aria-label="20 more pages before; go to Section page 19">… 20 more</a></li>`,
					`<a href="../../big/s30/" aria-current="page">Section page 30</a>`,
					`<li class="nav-more"><a href="../../big/s41/" aria-label="14 more pages after; go to Section page 41">… 14 more</a></li>`,
				} {
					if !strings.Contains(nav, want) {
						t.Errorf("section page 30's sidebar lacks %s:\n%s", want, nav)
					}
				}
			}
		})
	}
}

// TestBrowserNavFromFile opens the example workspace's site from file://
// in headless Chromium: nav.js fills a module page's sidebar (its package
// open, the page marked), its links go to index.html files (a directory
// is not its index.html there), and clicks on another package and one of
// its modules open their pages, whose sidebars mark them in turn.
func TestBrowserNavFromFile(t *testing.T) {
	files := render(t, "../..", Options{})
	dir := t.TempDir()
	writeFiles(t, dir, files)
	var probs problems
	ctx := browsertest.New(t, probs.listen)
	base := "file://" + filepath.ToSlash(dir) + "/"
	current := `nav.nav a[aria-current="page"]`
	var mark string
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1400, 900),
		chromedp.Navigate(base+"packages/auth/manage_tokens/index.html"),
		chromedp.WaitVisible(chromedp.CSS(current)),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			var err error
			mark, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS(current)))
			return err
		}),
	); err != nil {
		t.Fatalf("open the module page: %v", err)
	}
	if mark = strings.Join(strings.Fields(mark), " "); mark != "JS manage_tokens" {
		t.Errorf("the sidebar marks %q, want the module manage_tokens", mark)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`nav.nav a[href="../../../packages/format/index.html"]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.nav a[aria-current="page"][href="../../packages/format/index.html"]`)),
		chromedp.Click(chromedp.CSS(`nav.nav a[href="../../packages/format/dates/index.html"]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.nav a[aria-current="page"][href="../../../packages/format/dates/index.html"]`)),
	); err != nil {
		t.Fatalf("follow the sidebar's links: %v", err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if want := base + "packages/format/dates/index.html"; loc != want {
		t.Errorf("location = %s, want %s", loc, want)
	}
	if p := probs.take(); len(p) > 0 {
		t.Errorf("problems in the browser:\n%s", strings.Join(p, "\n"))
	}
}
