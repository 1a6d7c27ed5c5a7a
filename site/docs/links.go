package docs

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/suggest"
)

// linkRef is an internal link found in markdown, checked for its anchor
// once every page is rendered.
type linkRef struct {
	loc    diag.Location
	target string // output path, e.g. "packages/auth/index.html"
	anchor string
	warn   bool
}

// resolve turns a markdown link destination on page p (written in the
// workspace file srcPath) into the href to write. External links (with a
// scheme, or //host) are returned as they are. For internal links it
// returns the reference to check, or why the link is broken.
//
// A relative link is relative to the file it is written in, as when the
// markdown is read on a git host: .md links to the workspace's files, and
// other links to where the file's directory is in the site (content/a/b.md
// is in a/, a module's README in its page's directory).
func (s *site) resolve(p *Page, srcPath, dest string) (href string, ref *linkRef, problem string) {
	if dest == "" || isExternal(dest) {
		return dest, nil, ""
	}
	rest, frag, hasFrag := strings.Cut(dest, "#")
	rest, query, hasQuery := strings.Cut(rest, "?")
	suffix := ""
	if hasQuery {
		suffix += "?" + query
	}
	if hasFrag {
		suffix += "#" + frag
	}
	anchor, err := url.PathUnescape(frag)
	if err != nil {
		anchor = frag
	}
	if rest == "" {
		return dest, &linkRef{target: p.path(), anchor: anchor}, ""
	}
	target, err := url.PathUnescape(rest)
	if err != nil {
		return "", nil, fmt.Sprintf("invalid link %q: %v", dest, err)
	}

	// A link to a markdown file of the workspace: the page it becomes.
	if strings.HasSuffix(target, ".md") {
		var file string
		if strings.HasPrefix(target, "/") {
			file = path.Join("content", target)
		} else {
			file = path.Join(path.Dir(srcPath), target)
		}
		page := s.sources[file]
		if page == nil {
			p.deps = append(p.deps, file) // the message depends on whether it exists
			if _, err := fs.Stat(s.fsys, file); err == nil {
				if strings.HasPrefix(file, "content/") {
					return "", nil, fmt.Sprintf("link to %s, a draft: drafts are left out of the site", file)
				}
				return "", nil, fmt.Sprintf("link to %s, which is not a page of the site", file)
			}
			return "", nil, fmt.Sprintf("broken link: %s does not exist", file)
		}
		return p.Root + page.URL + suffix, &linkRef{target: page.path(), anchor: anchor}, ""
	}

	// A URL path, from the site root or relative to the page.
	dir := strings.HasSuffix(target, "/") || target == "." || target == ".." || strings.HasSuffix(target, "/.") || strings.HasSuffix(target, "/..")
	var abs string
	if strings.HasPrefix(target, "/") {
		abs = path.Clean(target)
	} else {
		abs = path.Clean("/" + baseOf(p, srcPath) + target)
	}
	u := strings.TrimPrefix(abs, "/")
	if u == "" {
		dir = true
	}
	switch {
	case dir:
		if u != "" {
			u += "/"
		}
		if s.byPath[u+"index.html"] == nil {
			return "", nil, fmt.Sprintf("broken link: the site has no page /%s%s", u, s.closestPage(u))
		}
		return p.Root + u + suffix, &linkRef{target: u + "index.html", anchor: anchor}, ""
	case s.byPath[u] != nil || s.known[u]:
		return p.Root + u + suffix, &linkRef{target: u, anchor: anchor}, ""
	case s.byPath[u+"/index.html"] != nil:
		return p.Root + u + "/" + suffix, &linkRef{target: u + "/index.html", anchor: anchor}, ""
	}
	return "", nil, fmt.Sprintf("broken link: the site has no page or file /%s%s", u, s.closestPage(u+"/"))
}

// closestPage suggests the page whose URL is closest to url, if one is close.
func (s *site) closestPage(url string) string {
	urls := make([]string, 0, len(s.pages))
	for _, p := range s.pages {
		if p.file == "" {
			urls = append(urls, p.URL)
		}
	}
	if c := suggest.Closest(url, urls); c != "" {
		return fmt.Sprintf(" (did you mean /%s?)", c)
	}
	return ""
}

// baseOf is the site directory that relative links in srcPath start from.
func baseOf(p *Page, srcPath string) string {
	rel, ok := strings.CutPrefix(srcPath, "content/")
	if !ok {
		return p.URL
	}
	if dir := path.Dir(rel); dir != "." {
		return dir + "/"
	}
	return ""
}

// isExternal reports whether a destination has a URL scheme or is
// protocol-relative.
func isExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	for i, c := range dest {
		switch {
		case c == ':':
			return i > 0
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

// checkLinks reports links to anchors their target page does not have.
func (s *site) checkLinks() {
	for _, p := range s.pages {
		for _, ref := range p.refs {
			if ref.anchor == "" {
				continue
			}
			page := s.byPath[ref.target]
			if page == nil {
				continue // not an HTML page of ours
			}
			if page.ids == nil {
				if page.html == nil {
					continue // its template failed
				}
				page.ids = idsOf(page.html)
			}
			if !page.ids[ref.anchor] {
				m := diag.Errorf("docs-broken-anchor", ref.loc, "broken link: /%s has no anchor #%s", page.URL, ref.anchor)
				if ref.warn {
					m.Severity = diag.Warning
				}
				s.msgs.Add(m)
			}
		}
	}
}

// idsOf lists the id attributes of an HTML page. Quotes inside text are
// escaped by goldmark and html/template, so ` id="` only starts attributes.
func idsOf(html []byte) map[string]bool {
	out := map[string]bool{}
	for _, q := range []string{`"`, `'`} {
		marker := []byte(" id=" + q)
		rest := html
		for {
			i := bytes.Index(rest, marker)
			if i < 0 {
				break
			}
			rest = rest[i+len(marker):]
			j := bytes.IndexByte(rest, q[0])
			if j < 0 {
				break
			}
			out[unescapeHTML(string(rest[:j]))] = true
			rest = rest[j:]
		}
	}
	return out
}

var htmlUnescaper = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&quot;", `"`, "&#39;", "'")

func unescapeHTML(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return htmlUnescaper.Replace(s)
}
