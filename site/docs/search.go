package docs

import (
	"encoding/json"
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The search index is one JSON array with an element per page (searchDoc):
// the page's title, summary and URL, its entries (sections, API headings,
// functions with their parameters, variables, queries, inputs) and the
// other words of its text (Body). It is written twice, with the same
// bytes: search-index.json for tools, and search-index.js, which the
// search box loads with a script element, so that search works from
// file:// as well as http (browsers refuse fetch() of a file:// URL).

// searchDoc is a page's element of the search index.
type searchDoc struct {
	URL   string `json:"u"`
	Kind  string `json:"k"`
	Title string `json:"t"`
	In    string `json:"i,omitempty"`
	Text  string `json:"x,omitempty"`
	// Body holds the page's words that its title, summary and entries do
	// not, lowercased, space-separated, at most maxBodyTerms of them (the
	// most frequent), in alphabetical order.
	Body string `json:"b,omitempty"`
	// Items are the page's entries: [anchor, kind, title, text, symbols],
	// trailing empty strings left out; symbols are space-separated
	// (a function's parameters).
	Items [][]string `json:"e,omitempty"`
}

// SearchEntry is one result the search box can show: a page, or an entry of one.
type SearchEntry struct {
	Title string
	// URL is site-root-relative, with the anchor of a function or section.
	URL string
	// Kind is "page", "section", "api" (a heading that is code, as on the
	// runtime API's reference page), "package", "module", "function",
	// "variable", "query" or "input".
	Kind string
	// In names where the entry is: the package, "package/module", or the page.
	In   string
	Text string
	// Symbols are other names the entry answers to (a function's parameters).
	Symbols string
	// Body is the page's other words (page, package and module entries).
	Body string
}

// SearchIndexFile is the search index (SPEC 8), SearchIndexJS the file the
// search box loads: the index as a script.
const (
	SearchIndexFile = "search-index.json"
	SearchIndexJS   = "search-index.js"
)

// searchScript wraps the index into search-index.js.
func searchScript(index []byte) []byte {
	out := make([]byte, 0, len(index)+32)
	out = append(out, "self.modcSearchIndex = "...)
	out = append(out, index[:len(index)-1]...) // without the newline
	return append(out, ";\n"...)
}

// entries flattens an index into the entries the search box shows.
func entries(index []byte) ([]SearchEntry, error) {
	var docs []searchDoc
	if err := json.Unmarshal(index, &docs); err != nil {
		return nil, err
	}
	var out []SearchEntry
	for _, d := range docs {
		out = append(out, SearchEntry{Title: d.Title, URL: d.URL, Kind: d.Kind, In: d.In, Text: d.Text, Body: d.Body})
		in := d.Title
		if d.Kind == "module" {
			in = d.In + "/" + d.Title
		}
		for _, it := range d.Items {
			it = append(it, "", "", "", "", "")
			out = append(out, SearchEntry{URL: d.URL + "#" + it[0], Kind: it[1], Title: it[2], Text: it[3], Symbols: it[4], In: in})
		}
	}
	return out, nil
}

// searchIndex lists the working tree's pages, their sections, packages,
// modules, functions and variables (released versions are left out: the
// search finds what is current). Each page's element is encoded once and
// kept with the page.
func (s *site) searchIndex() []byte {
	size := 3
	for _, p := range s.pages {
		if p.search == nil {
			p.search = encodeDoc(searchDocOf(p))
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

// encodeDoc encodes a page's element of the index; never nil, empty for none.
func encodeDoc(d *searchDoc) []byte {
	if d == nil {
		return []byte{}
	}
	data, _ := json.Marshal(d)
	return data
}

// item makes an entry of a page, leaving out trailing empty strings.
func item(fields ...string) []string {
	for len(fields) > 2 && fields[len(fields)-1] == "" {
		fields = fields[:len(fields)-1]
	}
	return fields
}

// searchDocOf is a page's element of the search index, or nil.
func searchDocOf(p *Page) *searchDoc {
	var d *searchDoc
	var body []string // HTML fragments of the page's text
	switch p.Kind {
	case "home", "page":
		if p.html == nil {
			return nil
		}
		text := p.Description
		if text == "" {
			text = summarize(string(p.Content), p.Title)
		}
		d = &searchDoc{URL: p.URL, Kind: "page", Title: p.Title, Text: text}
		for _, h := range p.TOC {
			switch {
			case h.Code:
				d.Items = append(d.Items, item(h.ID, "api", h.Text, sectionText(string(p.Content), h.ID)))
			case h.Level == 2:
				d.Items = append(d.Items, item(h.ID, "section", h.Text))
			}
		}
		body = append(body, string(p.Content))
	case "package":
		pd := p.Package
		if !pd.Latest {
			return nil
		}
		d = &searchDoc{URL: p.URL, Kind: "package", Title: pd.Name, Text: pd.Description}
		body = append(body, html.EscapeString(strings.Join(pd.Keywords, " ")))
	case "module":
		md := p.Module
		if !md.Package.Latest {
			return nil
		}
		d = &searchDoc{URL: p.URL, Kind: "module", Title: md.Name, In: md.Package.Name, Text: md.Description}
		body = append(body, string(md.README))
		for _, in := range md.Inputs {
			d.Items = append(d.Items, item("input-"+in.Name, "input", in.Name))
		}
		for _, f := range md.Functions {
			params := make([]string, len(f.Params))
			for i, prm := range f.Params {
				params[i] = prm.Name
				body = append(body, string(prm.Description))
			}
			if f.Returns != nil {
				body = append(body, string(f.Returns.Description))
			}
			d.Items = append(d.Items, item(f.Name, "function", f.Name+"()", summarize(string(f.Summary), ""), strings.Join(params, " ")))
		}
		for _, v := range md.Variables {
			d.Items = append(d.Items, item(v.Name, "variable", v.Name, summarize(string(v.Summary), "")))
		}
		for _, q := range md.Queries {
			d.Items = append(d.Items, item("query-"+q.Name, "query", q.Name, q.Description))
			if q.Request != nil {
				body = append(body, html.EscapeString(q.Request.URL))
			}
		}
		if md.Request != nil {
			body = append(body, html.EscapeString(md.Request.URL))
		}
	default:
		return nil
	}
	known := map[string]bool{}
	add := func(w string) { known[w] = true }
	eachWord(html.EscapeString(d.Title+" "+d.In+" "+d.Text), add)
	for _, it := range d.Items {
		for _, f := range it[2:] {
			eachWord(html.EscapeString(f), add)
		}
	}
	d.Body = bodyTerms(body, known)
	return d
}

// maxBodyTerms bounds the words a page adds to the index besides its
// title, summary and entries, so that the index grows with the number of
// pages, not with their length (content/docs-site.md gives its size).
const maxBodyTerms = 400

// bodyTerms returns the words of the HTML fragments that are not known,
// the maxBodyTerms most frequent (ties by first use), sorted and joined
// by spaces.
func bodyTerms(fragments []string, known map[string]bool) string {
	t := termCounts.get()
	defer t.reset()
	for _, f := range fragments {
		eachWord(f, t.add(known))
	}
	slices.SortStableFunc(t.order, func(a, b int) int { return t.counts[b] - t.counts[a] })
	if len(t.order) > maxBodyTerms {
		t.order = t.order[:maxBodyTerms]
	}
	top := make([]string, len(t.order))
	for i, k := range t.order {
		top[i] = t.words[k]
	}
	slices.Sort(top)
	return strings.Join(top, " ")
}

// terms counts a page's words for bodyTerms; pooled, as a page's map
// and lists are garbage as soon as its terms are picked.
type terms struct {
	index  map[string]int // a word's index in words and counts
	words  []string       // in order of first use
	counts []int
	order  []int // indexes of words, sorted by count
}

// termCounts holds the terms not in use (a page's at a time for each
// page rendered at once).
var termCounts = newFreeList(func() *terms { return &terms{index: map[string]int{}} },
	func(t *terms) bool { return cap(t.words) <= keepWords }) // a huge page's counts go

// add returns the function that counts a word, unless known or a stop word.
func (t *terms) add(known map[string]bool) func(w string) {
	return func(w string) {
		// A word counted before is neither known nor a stop word: one
		// lookup for the words a page repeats, most of its words.
		if i, ok := t.index[w]; ok {
			t.counts[i]++
			return
		}
		if known[w] || stopWords[w] {
			return
		}
		t.index[w] = len(t.words)
		t.order = append(t.order, len(t.words))
		t.words = append(t.words, w)
		t.counts = append(t.counts, 1)
	}
}

// reset empties t and puts it back on termCounts.
func (t *terms) reset() {
	clear(t.index)
	clear(t.words)
	t.words, t.counts, t.order = t.words[:0], t.counts[:0], t.order[:0]
	termCounts.put(t)
}

// keepWords is the most distinct words of the counts termCounts keeps.
const keepWords = 1 << 14

// eachWord calls f with each lowercased word of an HTML fragment's text:
// runs of letters, digits, _ and $ of 3 to 32 characters, not all digits.
// An identifier stays one word (createInstance is "createinstance").
func eachWord(h string, f func(w string)) {
	text := html.UnescapeString(stripTags(h))
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := text[start:end]
		start = -1
		if len(w) < 3 || len(w) > 4*32 || allDigits(w) {
			return
		}
		if n := utf8.RuneCountInString(w); n < 3 || n > 32 {
			return
		}
		f(strings.ToLower(w)) // w itself when it is lowercase
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf { // ASCII: most of it
			if wordByte[c] {
				if start < 0 {
					start = i
				}
			} else {
				flush(i)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
		} else {
			flush(i)
		}
		i += size
	}
	flush(len(text))
}

// wordByte tells the ASCII characters of words: letters, digits, _ and $.
var wordByte = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '$'
	}
	return t
}()

// allDigits reports whether w is ASCII digits only.
func allDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// stripTags removes an HTML fragment's tags: inline ones (code, em,
// a…) are dropped, the others become spaces. A tag runs from a "<" to the
// next ">"; one without its ">" is dropped with what follows it.
func stripTags(h string) string {
	i := strings.IndexByte(h, '<')
	if i < 0 {
		return h
	}
	if !utf8.ValidString(h) {
		// What is not UTF-8 becomes U+FFFD, a character each, as ranging
		// over the string reads it.
		h = string([]rune(h))
		i = strings.IndexByte(h, '<')
	}
	var b strings.Builder
	b.Grow(len(h))
	for {
		b.WriteString(h[:i])
		h = h[i+1:]
		j := strings.IndexByte(h, '>')
		if j < 0 {
			return b.String()
		}
		name := strings.TrimPrefix(h[:j], "/")
		if k := strings.IndexAny(name, " \t\n/"); k >= 0 {
			name = name[:k]
		}
		if !inlineTags[strings.ToLower(name)] {
			b.WriteByte(' ')
		}
		h = h[j+1:]
		if i = strings.IndexByte(h, '<'); i < 0 {
			b.WriteString(h)
			return b.String()
		}
	}
}

// inlineTags are the tags within a line of text.
var inlineTags = map[string]bool{"a": true, "code": true, "em": true, "strong": true, "span": true, "b": true, "i": true,
	"del": true, "kbd": true, "mark": true, "abbr": true, "small": true, "s": true}

// stopWords are English words too common to search for.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the and for are but not you all any can her was one our out has
		had his how its may new now see two who did get use way she him let say too with that this
		from they will have what when where which their there then than them these those been were
		into your more some such only also each other over just like does here very it's can't
		don't isn't would could should about after before because while`) {
		stopWords[w] = true
	}
}

// sectionText returns the start of the text under the heading with id in
// a content page's HTML, up to the next heading.
func sectionText(content, id string) string {
	i := strings.Index(content, ` id="`+id+`"`)
	if i < 0 {
		return ""
	}
	rest := content[i:]
	if j := strings.Index(rest, "</h"); j >= 0 {
		rest = rest[j:]
		if k := strings.IndexByte(rest, '>'); k >= 0 {
			rest = rest[k+1:]
		}
	}
	if j := strings.Index(rest, "<h"); j >= 0 {
		rest = rest[:j]
	}
	// Leave out code blocks (a signature): the entry's text is its prose.
	for {
		i := strings.Index(rest, "<pre")
		j := strings.Index(rest, "</pre>")
		if i < 0 || j < i {
			break
		}
		rest = rest[:i] + " " + rest[j+len("</pre>"):]
	}
	return summarize(rest, "")
}

// summarize returns the start of an HTML fragment's text, without a
// leading title.
func summarize(h, title string) string {
	// Only the start of the text is kept: read it from growing pieces of
	// h, each ending at a "<" (so that no character or entity is cut, and
	// the piece's text begins the whole text), until the words before the
	// piece's last (which may go on past it) hold enough characters. A
	// piece may end inside a heading's anchor, before its "</a>": its "#"
	// is then in the last word, which is not used.
	need := utf8.RuneCountInString(title) + summaryMax + 3
	for k := 2048; k < len(h); k *= 4 {
		end := strings.IndexByte(h[k:], '<')
		if end < 0 {
			break
		}
		fields := strings.Fields(html.UnescapeString(stripTags(withoutAnchors(h[:k+end]))))
		if len(fields) < 2 {
			continue
		}
		if text := strings.Join(fields[:len(fields)-1], " "); utf8.RuneCountInString(text) >= need {
			return summaryOf(text, title)
		}
	}
	return summaryOf(strings.Join(strings.Fields(html.UnescapeString(stripTags(withoutAnchors(h)))), " "), title)
}

// withoutAnchors returns h without the "#" of its headings' anchors.
func withoutAnchors(h string) string {
	return strings.ReplaceAll(h, `class="heading-anchor">#</a>`, `></a>`)
}

// summaryMax is the most characters of a summary, its "…" left out.
const summaryMax = 160

// summaryOf returns the start of text, without a leading title.
func summaryOf(text, title string) string {
	text = strings.TrimSpace(strings.TrimPrefix(text, title))
	if utf8.RuneCountInString(text) > summaryMax {
		r := []rune(text)[:summaryMax]
		cut := string(r)
		if i := strings.LastIndexByte(cut, ' '); i > summaryMax/2 {
			cut = cut[:i]
		}
		text = cut + "…"
	}
	return text
}
