package docs

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/modc-dev/modc/compiler/diag"
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
		abs = path.Clean("/" + p.URL + target)
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
			return "", nil, fmt.Sprintf("broken link: the site has no page /%s", u)
		}
		return p.Root + u + suffix, &linkRef{target: u + "index.html", anchor: anchor}, ""
	case s.byPath[u] != nil || s.known[u]:
		return p.Root + u + suffix, &linkRef{target: u, anchor: anchor}, ""
	case s.byPath[u+"/index.html"] != nil:
		return p.Root + u + "/" + suffix, &linkRef{target: u + "/index.html", anchor: anchor}, ""
	}
	return "", nil, fmt.Sprintf("broken link: the site has no page or file /%s", u)
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
	anchors := map[string]map[string]bool{}
	for _, ref := range s.refs {
		if ref.anchor == "" {
			continue
		}
		page := s.byPath[ref.target]
		if page == nil || page.html == nil {
			continue // not an HTML page of ours, or its template failed
		}
		ids := anchors[ref.target]
		if ids == nil {
			ids = idsOf(page.html)
			anchors[ref.target] = ids
		}
		if !ids[ref.anchor] {
			m := diag.Errorf(ref.loc, "broken link: /%s has no anchor #%s", page.URL, ref.anchor)
			if ref.warn {
				m.Severity = diag.Warning
			}
			s.msgs.Add(m)
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
