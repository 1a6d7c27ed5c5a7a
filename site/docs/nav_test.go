package docs

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler/gen"
)

var (
	navLink   = regexp.MustCompile(`<a href="([^"]*)"( aria-current="page")?[^>]*>`)
	navMoreRe = regexp.MustCompile(`<li class="nav-more"><a href="([^"]*)" aria-label="(\d+) more (\w+) (before|after); go to [^"]*">… (\d+) more</a></li>`)
)

// sidebar returns the sidebar of a rendered page.
func sidebar(t *testing.T, files map[string][]byte, p string) string {
	t.Helper()
	page := string(files[p])
	i := strings.Index(page, `<nav class="nav">`)
	if i < 0 {
		t.Fatalf("%s has no sidebar", p)
	}
	nav := page[i:]
	return nav[:strings.Index(nav, `</nav>`)]
}

// TestNavWindow checks the sidebar's window on long lists: a flat list of
// 60 pages, a section of 55, 52 packages and a package of 53 modules. On
// every page the sidebar stays short, marks the page, and its "more"
// entries lead to every page of the lists.
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
			// reached: the pages some other page's sidebar links to.
			reached := map[string]bool{}
			for _, p := range pages {
				nav := sidebar(t, files, p)
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
				nav := sidebar(t, files, "pages/page-0000/index.html")
				if !strings.Contains(nav, `<a href="../../pages/page-0020/">`) || strings.Contains(nav, `<a href="../../pages/page-0021/">`) ||
					!regexp.MustCompile(`<li class="nav-more"><a href="../../pages/page-0021/" aria-label="40 more pages after; go to [^"]+ \(21\)">… 40 more</a></li>`).MatchString(nav) {
					t.Errorf("page 0's sidebar:\n%s", nav)
				}
				nav = sidebar(t, files, "big/s30/index.html")
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
