package docs

import (
	"encoding/json"
	"html"
	"strings"
	"unicode/utf8"
)

// SearchEntry is one entry of search-index.json.
type SearchEntry struct {
	Title string `json:"title"`
	// URL is site-root-relative, with the anchor of a function or section.
	URL string `json:"url"`
	// Kind is "page", "section", "package", "module", "function" or "variable".
	Kind string `json:"kind"`
	// In names where the entry is: the package, "package/module", or the page.
	In   string `json:"in,omitempty"`
	Text string `json:"text,omitempty"`
}

// searchIndex lists the working tree's pages, their sections, packages,
// modules, functions and variables (released versions are left out: the
// search finds what is current). Each page's entries are encoded once and
// kept with the page.
func (s *site) searchIndex() []byte {
	size := 3
	for _, p := range s.pages {
		if p.search == nil {
			p.search = encodeEntries(searchEntries(p))
		}
		size += len(p.search) + 1
	}
	out := make([]byte, 0, size)
	out = append(out, '[')
	first := true
	for _, p := range s.pages {
		if len(p.search) == 0 {
			continue
		}
		if !first {
			out = append(out, ',')
		}
		out = append(out, p.search...)
		first = false
	}
	return append(out, "]\n"...)
}

// encodeEntries encodes entries as the elements of a JSON array, without
// the brackets; never nil.
func encodeEntries(entries []SearchEntry) []byte {
	out := []byte{}
	for i, e := range entries {
		data, _ := json.Marshal(e)
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, data...)
	}
	return out
}

// searchEntries are a page's entries of the search index.
func searchEntries(p *Page) []SearchEntry {
	var out []SearchEntry
	switch p.Kind {
	case "home", "page":
		if p.html == nil {
			return nil
		}
		text := p.Description
		if text == "" {
			text = summarize(string(p.Content), p.Title)
		}
		out = append(out, SearchEntry{Title: p.Title, URL: p.URL, Kind: "page", Text: text})
		for _, h := range p.TOC {
			if h.Level == 2 {
				out = append(out, SearchEntry{Title: h.Text, URL: p.URL + "#" + h.ID, Kind: "section", In: p.Title})
			}
		}
	case "package":
		if !p.Package.Latest {
			return nil
		}
		out = append(out, SearchEntry{Title: p.Package.Name, URL: p.URL, Kind: "package", Text: p.Package.Description})
	case "module":
		md := p.Module
		if !md.Package.Latest {
			return nil
		}
		out = append(out, SearchEntry{Title: md.Name, URL: p.URL, Kind: "module", In: md.Package.Name, Text: md.Description})
		for _, f := range md.Functions {
			out = append(out, SearchEntry{Title: f.Name + "()", URL: p.URL + "#" + f.Name, Kind: "function", In: md.ID, Text: summarize(string(f.Summary), "")})
		}
		for _, v := range md.Variables {
			out = append(out, SearchEntry{Title: v.Name, URL: p.URL + "#" + v.Name, Kind: "variable", In: md.ID, Text: summarize(string(v.Summary), "")})
		}
	}
	return out
}

// summarize returns the start of an HTML fragment's text, without a
// leading title.
func summarize(h, title string) string {
	h = strings.ReplaceAll(h, `class="heading-anchor">#</a>`, `></a>`)
	var b strings.Builder
	in := false
	for _, r := range h {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	text := strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
	text = strings.TrimSpace(strings.TrimPrefix(text, title))
	const max = 160
	if utf8.RuneCountInString(text) > max {
		r := []rune(text)[:max]
		cut := string(r)
		if i := strings.LastIndexByte(cut, ' '); i > max/2 {
			cut = cut[:i]
		}
		text = cut + "…"
	}
	return text
}
