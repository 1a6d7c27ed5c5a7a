package docs

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"strings"
)

// SitemapFile is the sitemap's output path.
const SitemapFile = "sitemap.xml"

// absoluteBase reports whether the site's base URL is an absolute http(s)
// URL, which a sitemap needs (the sitemap protocol takes only absolute
// URLs).
func (s *site) absoluteBase() bool {
	b := s.opts.BaseURL
	return strings.HasPrefix(b, "http://") || strings.HasPrefix(b, "https://")
}

// sitemap lists every page of the site (content, package, module and
// version pages, and the apps) by absolute URL, in output order; the 404
// page is left out.
func (s *site) sitemap() []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	add := func(u string) {
		b.WriteString("  <url><loc>")
		_ = xml.EscapeText(&b, []byte(s.opts.BaseURL+escapePath(u)))
		b.WriteString("</loc></url>\n")
	}
	for _, p := range s.pages {
		if p.Kind == "404" || p.file != "" {
			continue
		}
		add(p.URL)
	}
	for _, a := range s.info.Apps {
		add(a.URL)
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// escapePath escapes each segment of a slash path for a URL.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
