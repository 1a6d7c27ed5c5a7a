package docs

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/suggest"
	"github.com/modc-dev/modc/internal/parallel"
)

// frontMatter is the YAML block at the top of a content page.
type frontMatter struct {
	Title       string `yaml:"title"`
	Weight      int    `yaml:"weight"`
	Draft       bool   `yaml:"draft"`
	Description string `yaml:"description"`
}

var frontMatterFields = []string{"title", "weight", "draft", "description"}

// contentFile is one markdown file of content/.
type contentFile struct {
	// src is the file's text; nil in a RenderTo, which reads the text
	// again when it renders the page (see readContent).
	src  *diag.Source
	path string
	fm   frontMatter
	body int // byte offset of the markdown after the front matter
	url  string
	// section is set for a directory's _index.md (or index.md).
	section bool
	// heading is the text of the markdown's first level-1 heading when
	// the front matter has no title: the page's title then.
	heading string
}

// contentEntry is what one file of content/ gives: a markdown file parsed
// (cf, nil when it cannot be read), or another file's data to copy. A
// Renderer keeps them from one rendering to the next.
type contentEntry struct {
	cf   *contentFile
	data []byte
	copy bool // not markdown: copied to the output
	msgs diag.List
}

// loadContent reads content/: markdown files become pages (drafts left
// out), other files are copied to the output as they are. Files that did
// not change since the previous rendering are not read again, and when
// nothing in content/ changed, the directory is not listed again either.
func (s *site) loadContent() []*contentFile {
	if s.prev != nil && s.prev.content != nil && !s.changed.within("content") {
		s.contentPaths, s.contentMsgs = s.prev.contentPaths, s.prev.contentMsgs
		s.content = s.prev.content
	} else {
		s.listContent()
	}
	s.msgs.Add(s.contentMsgs...)
	var out []*contentFile
	for _, p := range s.contentPaths {
		e := s.content[p]
		s.msgs.Add(e.msgs...)
		if e.copy {
			rel := strings.TrimPrefix(p, "content/")
			data := e.data
			if data == nil && s.sink != nil {
				var err error
				if data, err = fs.ReadFile(s.fsys, p); err != nil {
					s.msgs.Add(compiler.ReadErrorf("read-failed", p, err, "cannot read: %v", err))
					continue
				}
			}
			s.emit(rel, s.reuse(rel, data))
			s.known[rel] = true
		} else if e.cf != nil && !e.cf.fm.Draft {
			out = append(out, e.cf)
		}
	}
	return out
}

// listContent walks content/ and reads the files that changed.
func (s *site) listContent() {
	var unread []string
	s.content = map[string]*contentEntry{}
	s.contentPaths, s.contentMsgs = nil, nil
	err := fs.WalkDir(s.fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == "content" {
				return fs.SkipAll
			}
			s.contentMsgs.Add(compiler.ReadErrorf("read-failed", p, err, "cannot read: %v", err))
			return nil
		}
		name := d.Name()
		if p != "content" && (strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != "content" && diag.Escape(name) != name {
			// A page's address comes from its file name: no control or
			// bidi characters in links and terminals.
			s.contentMsgs.Add(diag.Errorf("docs-bad-file-name", diag.Location{File: p}, "the name has a control or bidi character; rename it (a page's address comes from its file name)"))
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// Followed when it leads to a file inside the workspace.
			if file, m := compiler.FollowLink(s.fsys, p); !file {
				s.contentMsgs.Add(*m)
				return nil
			}
		}
		var e *contentEntry
		if s.prev != nil && !s.changed.touches(p) {
			e = s.prev.content[p]
		}
		if e == nil {
			unread = append(unread, p)
		}
		s.content[p] = e
		s.contentPaths = append(s.contentPaths, p)
		return nil
	})
	if err != nil {
		s.contentMsgs.Add(diag.Errorf("read-failed", diag.Location{File: "content"}, "cannot read: %v", err))
	}
	// Read on every core: reading and decoding the front matter of 5,000
	// pages one after the other took 0.45 s, with nothing else to do.
	read := make([]*contentEntry, len(unread))
	parallel.Map(len(unread), 0, func(i int) { read[i] = s.readContent(unread[i]) })
	for i, p := range unread {
		s.content[p] = read[i]
	}
}

// readContent reads and parses one file of content/.
func (s *site) readContent(p string) *contentEntry {
	e := &contentEntry{}
	if path.Ext(p) != ".md" && s.sink != nil {
		// A RenderTo reads a file to copy when it writes it (loadContent),
		// not all of them first.
		e.copy = true
		return e
	}
	data, err := fs.ReadFile(s.fsys, p)
	if err != nil {
		e.msgs.Add(compiler.ReadErrorf("read-failed", p, err, "cannot read: %v", err))
		return e
	}
	if path.Ext(p) != ".md" {
		e.data, e.copy = data, true
		return e
	}
	if !utf8.Valid(data) {
		e.msgs.Add(diag.Errorf("docs-not-utf8", diag.Location{File: p}, "not UTF-8 text"))
		return e
	}
	e.cf, e.msgs = parseContent(diag.NewSource(p, string(data)))
	if e.cf.fm.Title == "" {
		e.cf.heading = firstHeading(e.cf.src.Text[e.cf.body:])
	}
	if s.sink != nil {
		// A RenderTo renders each page once, after the reference pages
		// (stream): the text is read again then rather than held
		// meanwhile (at 5,000 pages, 17 MB of a heap that the soft memory
		// limit holds near full: fewer collections without it). Its
		// messages keep what they point at.
		e.cf.src = nil
	}
	return e
}

// reread reads cf's text again for a RenderTo, which let it go after
// reading its front matter (readContent). A file that went away or became
// unreadable meanwhile is an error of the page; one that changed renders
// as it is now.
func (s *site) reread(p *Page, cf *contentFile) (*diag.Source, int, bool) {
	data, err := fs.ReadFile(s.fsys, cf.path)
	if err != nil {
		p.renderMsgs.Add(compiler.ReadErrorf("read-failed", cf.path, err, "cannot read: %v", err))
		return nil, 0, false
	}
	if !utf8.Valid(data) {
		p.renderMsgs.Add(diag.Errorf("docs-not-utf8", diag.Location{File: cf.path}, "not UTF-8 text"))
		return nil, 0, false
	}
	src := diag.NewSource(cf.path, string(data))
	_, body, _ := splitFrontMatter(src.Text) // the front matter was read before
	return src, body, true
}

// parseContent splits off and decodes a file's front matter. Invalid front
// matter is reported, and the page is still made (with what could be
// decoded), so that links to it do not add errors of their own.
func parseContent(src *diag.Source) (*contentFile, diag.List) {
	cf := &contentFile{src: src, path: src.Path}
	rel := strings.TrimSuffix(strings.TrimPrefix(src.Path, "content/"), ".md")
	dir, base := path.Split(rel)
	switch base {
	case "_index", "index":
		cf.url, cf.section = dir, dir != ""
	default:
		cf.url = rel + "/"
	}
	yml, body, state := splitFrontMatter(src.Text)
	switch state {
	case frontMatterNone:
		return cf, nil
	case frontMatterOpen:
		return cf, diag.List{diag.Errorf("docs-front-matter", src.Span(0, 3), "the front matter is not closed").
			WithHint("end it with a line of three dashes, ---")}
	}
	var msgs diag.List
	if m := decodeFrontMatter(src, yml, &cf.fm); m != nil {
		msgs.Add(*m)
	}
	cf.body = body
	return cf, msgs
}

// What splitFrontMatter found.
const (
	frontMatterNone   = iota // the text starts with no --- line
	frontMatterClosed        // a --- line, the YAML, then --- or ...
	frontMatterOpen          // a --- line with no end
)

// splitFrontMatter finds the front matter at the top of a content file:
// the YAML between a first line "---" and the next line "---" or "...",
// and the byte offset of the markdown after it (0 when there is none, or
// when it is not closed).
func splitFrontMatter(text string) (yml string, body, state int) {
	first, _, _ := strings.Cut(text, "\n")
	if strings.TrimRight(first, "\r") != "---" {
		return "", 0, frontMatterNone
	}
	start := len(first) + 1
	off := start
	for off <= len(text) {
		line, _, found := strings.Cut(text[off:], "\n")
		if t := strings.TrimRight(line, "\r"); t == "---" || t == "..." {
			body = off + len(line)
			if found {
				body++
			}
			return text[start:off], body, frontMatterClosed
		}
		if !found {
			break
		}
		off += len(line) + 1
	}
	return "", 0, frontMatterOpen
}

// decodeFrontMatter decodes the YAML between the --- lines, which starts
// on line 2 of src; a problem is returned at its position in the file.
func decodeFrontMatter(src *diag.Source, yml string, fm *frontMatter) *diag.Message {
	err := yaml.UnmarshalWithOptions([]byte(yml), fm, yaml.Strict())
	if err == nil {
		return nil
	}
	loc := diag.Location{File: src.Path, Line: 1, Column: 1}
	text := "invalid front matter: " + err.Error()
	var hint string
	var yerr yaml.Error
	if errors.As(err, &yerr) {
		if tk := yerr.GetToken(); tk != nil {
			loc = src.At(tk.Position.Line+1, tk.Position.Column)
			if tk.Value != "" {
				loc.Length = utf8.RuneCountInString(tk.Value)
			}
		}
		text = "invalid front matter: " + yerr.GetMessage()
		var unknown *yaml.UnknownFieldError
		var typ *yaml.TypeError
		var overflow *yaml.OverflowError
		switch {
		case errors.As(err, &unknown):
			key := yerr.GetToken().Value
			text = fmt.Sprintf("unknown field %q in the front matter", key)
			if c := suggest.Closest(key, frontMatterFields); c != "" {
				hint = fmt.Sprintf("did you mean %q?", c)
			} else {
				hint = "the fields are " + strings.Join(frontMatterFields, ", ")
			}
		case errors.As(err, &typ):
			key, want := fieldOf(typ)
			text = fmt.Sprintf("front matter %q must be %s, not %q", key, want, yerr.GetToken().Value)
		case errors.As(err, &overflow):
			text = fmt.Sprintf("front matter number %s is too large", overflow.SrcNum)
		}
	}
	m := diag.Errorf("docs-front-matter", loc, "%s", text)
	if hint != "" {
		m = m.WithHint("%s", hint)
	}
	return &m
}

// fieldOf names the front-matter key and the kind of value a type error is about.
func fieldOf(e *yaml.TypeError) (key, want string) {
	want = "a " + e.DstType.String()
	switch e.DstType.Kind() {
	case reflect.Int:
		want = "a whole number"
	case reflect.Bool:
		want = "true or false"
	case reflect.String:
		want = "a string"
	}
	if e.StructFieldName == nil {
		return "?", want
	}
	name := *e.StructFieldName
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	if f, ok := reflect.TypeFor[frontMatter]().FieldByName(name); ok {
		return f.Tag.Get("yaml"), want
	}
	return strings.ToLower(name), want
}

// contentPages turns the content files into pages.
func (s *site) contentPages(files []*contentFile) {
	home := false
	for _, cf := range files {
		p := &Page{Kind: "page", URL: cf.url, Title: cf.fm.Title, Description: cf.fm.Description, Source: cf.path, loc: diag.Location{File: cf.path}}
		if cf.url == "" {
			p.Kind, home = "home", true
		}
		if p.Title == "" {
			p.Title = cf.heading
		}
		if p.Title == "" {
			p.Title = titleFromPath(cf.path)
		}
		if cf.src != nil { // else a RenderTo: no next rendering compares keys
			p.key = pageKey{text: cf.src.Text}
		}
		p.render = func(s *site) { s.renderContent(p, cf) }
		p.content = true
		p = s.addPage(p)
		s.sources[cf.path] = p
	}
	if !home {
		s.addPage(&Page{Kind: "home", URL: "", Title: s.info.Title, Source: "content/_index.md"})
	}
}

// renderContent renders a content page's markdown.
func (s *site) renderContent(p *Page, cf *contentFile) {
	src, body := cf.src, cf.body
	if src == nil {
		var ok bool
		if src, body, ok = s.reread(p, cf); !ok {
			return
		}
	}
	out := s.markdown(src, body, p, nil)
	p.Content, p.HasTitle, p.TOC = out.html, out.hasTitle, out.toc
}

// nav builds the sidebar from the content pages, and the prev/next links.
func (s *site) nav(files []*contentFile) {
	sections := map[string]*NavItem{}
	var roots []*NavItem
	item := func(cf *contentFile) *NavItem {
		p := s.sources[cf.path]
		return &NavItem{Title: p.Title, URL: p.URL, Weight: cf.fm.Weight, Section: cf.section}
	}
	// Sections first, so that pages find their parents whatever the order.
	for _, cf := range files {
		if cf.section {
			sections[cf.url] = item(cf)
		}
	}
	parentOf := func(url string) *NavItem {
		for dir := path.Dir(strings.TrimSuffix(url, "/")); dir != "." && dir != "/"; dir = path.Dir(dir) {
			if sec := sections[dir+"/"]; sec != nil {
				return sec
			}
		}
		return nil
	}
	for _, cf := range files {
		if cf.url == "" {
			continue
		}
		it := sections[cf.url]
		if it == nil {
			it = item(cf)
		}
		if parent := parentOf(cf.url); parent != nil {
			parent.Children = append(parent.Children, it)
		} else {
			roots = append(roots, it)
		}
	}
	sortNav(roots)
	s.info.Nav = roots

	var order []*NavItem
	if home := s.byPath["index.html"]; home != nil && home.Kind == "home" && home.Source != "" {
		order = append(order, &NavItem{Title: home.Title, URL: ""})
	}
	var walk func([]*NavItem)
	walk = func(items []*NavItem) {
		for _, it := range items {
			order = append(order, it)
			walk(it.Children)
		}
	}
	walk(roots)
	for i, it := range order {
		p := s.byPath[it.URL+"index.html"]
		if p == nil {
			continue
		}
		if i > 0 {
			p.Prev = &Link{Title: order[i-1].Title, URL: order[i-1].URL}
		}
		if i+1 < len(order) {
			p.Next = &Link{Title: order[i+1].Title, URL: order[i+1].URL}
		}
		for dir := parentOf(it.URL); dir != nil; dir = parentOf(dir.URL) {
			p.Breadcrumbs = append([]Link{{Title: dir.Title, URL: dir.URL}}, p.Breadcrumbs...)
		}
	}
}

// firstHeading returns the text of the markdown's first ATX level-1 heading.
func firstHeading(md string) string {
	for _, line := range strings.Split(md, "\n") {
		if t, ok := strings.CutPrefix(strings.TrimRight(line, "\r"), "# "); ok {
			return strings.TrimSpace(strings.Trim(strings.TrimSpace(t), "#"))
		}
	}
	return ""
}

// titleFromPath makes "Getting started" of content/getting-started.md.
func titleFromPath(p string) string {
	base := strings.TrimSuffix(path.Base(p), ".md")
	if base == "_index" || base == "index" {
		base = path.Base(path.Dir(p))
	}
	base = strings.NewReplacer("-", " ", "_", " ").Replace(base)
	if base == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(base)
	return strings.ToUpper(string(r)) + base[n:]
}
