package docs

import (
	"bufio"
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/modc-dev/modc/compiler/diag"
)

// newMarkdown returns the markdown converter: CommonMark with GFM (tables,
// task lists, strikethrough, autolinks), footnotes, heading IDs, and code
// blocks highlighted by chroma with CSS classes (see syntaxCSS).
func newMarkdown(rawHTML bool) goldmark.Markdown {
	var rendererOpts []goldmark.Option
	if rawHTML {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(newCodeBlocks(
			highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
			highlighting.WithGuessLanguage(false),
		), 200))),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)...)
}

// codeBlocks renders fenced code blocks: highlighted by chroma through
// goldmark-highlighting when they are highlightable, else (a line longer
// than highlightLine, or more than highlightBytes) as escaped plain text,
// whole, followed by a note that says why.
type codeBlocks struct {
	hl     *highlighting.HTMLRenderer
	render renderer.NodeRendererFunc
}

func newCodeBlocks(opts ...highlighting.Option) *codeBlocks {
	c := &codeBlocks{hl: highlighting.NewHTMLRenderer(opts...).(*highlighting.HTMLRenderer)}
	c.hl.RegisterFuncs(registerer(func(_ ast.NodeKind, f renderer.NodeRendererFunc) { c.render = f }))
	return c
}

// registerer captures the render function a NodeRenderer registers.
type registerer func(ast.NodeKind, renderer.NodeRendererFunc)

func (r registerer) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { r(k, f) }

// RegisterFuncs implements renderer.NodeRenderer.
func (c *codeBlocks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, c.renderBlock)
}

// SetOption implements renderer.SetOptioner, for the highlighter.
func (c *codeBlocks) SetOption(name renderer.OptionName, value any) { c.hl.SetOption(name, value) }

func (c *codeBlocks) renderBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.FencedCodeBlock)
	lines := n.Lines()
	size, longest := 0, 0
	for i := 0; i < lines.Len(); i++ {
		l := lines.At(i)
		size += l.Len()
		longest = max(longest, l.Len())
	}
	if size <= highlightBytes && longest <= highlightLine+1 { // +1: the line's "\n"
		if entering && c.renderFast(w, source, n) {
			return ast.WalkContinue, nil
		}
		return c.render(w, source, node, entering)
	}
	if !entering {
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<pre><code")
	if lang := n.Language(source); lang != nil {
		_, _ = w.WriteString(` class="language-`)
		html.DefaultWriter.Write(w, lang)
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	for i := 0; i < lines.Len(); i++ {
		l := lines.At(i)
		html.DefaultWriter.RawWrite(w, l.Value(source))
	}
	_, _ = w.WriteString("</code></pre>\n")
	why := fmt.Sprintf("it is longer than %d KiB", highlightBytes>>10)
	if longest > highlightLine+1 {
		why = fmt.Sprintf("a line is longer than %d bytes", highlightLine)
	}
	_, _ = fmt.Fprintf(w, "<p class=\"code-note\">(shown without highlighting: %s)</p>\n", why)
	return ast.WalkContinue, nil
}

// renderFast renders the block n as goldmark-highlighting does for a block
// with a known language and no attributes (no "{…}" after the language),
// with the faster lexers (fastLexers) and one formatter for every block
// (goldmark-highlighting makes one per block, each working out the style's
// CSS classes anew). It reports false, having written nothing, for any
// other block.
func (c *codeBlocks) renderFast(w util.BufWriter, source []byte, n *ast.FencedCodeBlock) bool {
	lang := n.Language(source)
	if lang == nil || n.Attributes() != nil || (n.Info != nil && bytes.IndexByte(n.Info.Segment.Value(source), '{') >= 0) {
		return false
	}
	var code strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		l := lines.At(i)
		code.Write(l.Value(source))
	}
	it, ok := tokenise(code.String(), string(lang))
	if !ok {
		return false
	}
	writeBlock(w, it.Tokens())
	return true
}

// mdResult is a rendered markdown document.
type mdResult struct {
	html     template.HTML
	hasTitle bool
	toc      []TOCEntry
}

// mdOptions tune how one markdown document is rendered.
type mdOptions struct {
	// reserved are ids the page already uses; headings get others.
	reserved []string
	// demote shifts heading levels down by one when the document has a
	// level-1 heading (a README inside a page that has its title).
	demote bool
	// loc, when set, is where every link's problems are reported (markdown
	// that is not a file of its own, such as a JSDoc comment).
	loc *diag.Location
	// warn reports broken links as warnings (released versions: their
	// files cannot be fixed any more).
	warn bool
}

// markdown renders src.Text[body:] for page p, resolving and recording its
// links. Positions are reported in src.
func (s *site) markdown(src *diag.Source, body int, p *Page, o *mdOptions) mdResult {
	if o == nil {
		o = &mdOptions{}
	}
	source := []byte(src.Text[body:])
	ids := newIDs(o.reserved)
	ctx := parser.NewContext(parser.WithIDs(ids))
	doc := s.md.Parser().Parse(text.NewReader(source), parser.WithContext(ctx))
	var res mdResult
	if first := doc.FirstChild(); first != nil {
		if h, ok := first.(*ast.Heading); ok && h.Level == 1 {
			res.hasTitle = true
		}
	}
	demote := o.demote && hasH1(doc)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if demote && n.Level < 6 {
				n.Level++
			}
			if id, ok := n.AttributeString("id"); ok && (n.Level == 2 || n.Level == 3) {
				res.toc = append(res.toc, TOCEntry{Level: n.Level, ID: string(id.([]byte)), Text: plainText(n, source), Code: codeHeading(n)})
			}
		case *ast.Link:
			n.Destination = s.link(src, body, source, n, n.Destination, p, o)
		case *ast.Image:
			n.Destination = s.link(src, body, source, n, n.Destination, p, o)
		}
		return ast.WalkContinue, nil
	})
	addHeadingAnchors(doc)
	buf := mdOut.get()
	defer func() {
		buf.Reset()
		mdOut.put(buf)
	}()
	w := bufWriters.Get().(*bufio.Writer)
	w.Reset(buf)
	if err := s.md.Renderer().Render(w, source, doc); err != nil {
		p.renderMsgs.Add(diag.Errorf("docs-markdown", diag.Location{File: src.Path}, "cannot render markdown: %v", err))
	}
	_ = w.Flush() // goldmark flushes; writing to a bytes.Buffer cannot fail
	w.Reset(nil)
	bufWriters.Put(w)
	res.html = template.HTML(buf.String())
	return res
}

// mdOut holds the buffers markdown renders into (its result is a copy).
var mdOut = newBufferList()

// bufWriters are the buffered writers goldmark renders into (it makes one
// per document otherwise).
var bufWriters = sync.Pool{New: func() any { return bufio.NewWriter(nil) }}

// link resolves one link's destination, records it for the anchor check,
// and returns the destination to write. Problems are the page's.
func (s *site) link(src *diag.Source, body int, source []byte, n ast.Node, dest []byte, p *Page, o *mdOptions) []byte {
	loc := linkLoc(src, body, source, n, dest)
	if o.loc != nil {
		loc = *o.loc
	}
	href, ref, problem := s.resolve(p, src.Path, string(dest))
	if problem != "" {
		m := diag.Errorf("docs-broken-link", loc, "%s", problem)
		if o.warn {
			m.Severity = diag.Warning
		}
		p.renderMsgs.Add(m)
		return dest
	}
	if ref != nil && ref.anchor != "" { // the rest resolved already
		// The line's text is a copy: the kept reference would keep the
		// whole file otherwise.
		loc.File, loc.LineText = strings.Clone(loc.File), strings.Clone(loc.LineText)
		ref.loc, ref.warn = loc, o.warn
		p.refs = append(p.refs, *ref)
	}
	return []byte(href)
}

// linkLoc finds the link's destination in the source: after the link's
// "](" when it is written inline, else the link's "[".
func linkLoc(src *diag.Source, body int, source []byte, n ast.Node, dest []byte) diag.Location {
	pos := n.Pos()
	if pos < 0 {
		for p := n.Parent(); p != nil && pos < 0; p = p.Parent() {
			pos = p.Pos()
		}
	}
	if pos < 0 {
		return diag.Location{File: src.Path}
	}
	if link, ok := n.(*ast.Link); !ok || link.Reference == nil {
		window := source[pos:min(len(source), pos+4096)]
		if i := bytes.Index(window, []byte("](")); i >= 0 && len(dest) > 0 {
			if j := bytes.Index(window[i:], dest); j >= 0 {
				start := pos + i + j
				return src.Span(body+start, body+start+len(dest))
			}
		}
	}
	return src.Loc(body + pos)
}

// addHeadingAnchors ends each level 2 to 4 heading with a link to itself.
func addHeadingAnchors(doc ast.Node) {
	var headings []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level >= 2 && h.Level <= 4 {
			headings = append(headings, h)
		}
		return ast.WalkContinue, nil
	})
	for _, h := range headings {
		id, ok := h.AttributeString("id")
		if !ok {
			continue
		}
		link := ast.NewLink()
		link.Destination = append([]byte("#"), id.([]byte)...)
		link.SetAttributeString("class", []byte("heading-anchor"))
		link.Title = []byte("Link to this section")
		link.AppendChild(link, ast.NewString([]byte("#")))
		h.AppendChild(h, link)
	}
}

func hasH1(doc ast.Node) bool {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok && h.Level == 1 {
			return true
		}
	}
	return false
}

// plainText is a heading's text without markup.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(source))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// codeHeading reports whether a heading's text is one code span
// (## `createInstance`): the heading of an API's reference entry.
func codeHeading(h *ast.Heading) bool {
	c := h.FirstChild()
	return c != nil && c.NextSibling() == nil && c.Kind() == ast.KindCodeSpan
}

// ids generates heading IDs the way goldmark does (lowercase letters,
// digits and dashes), avoiding ids already used on the page.
type ids struct{ used map[string]bool }

func newIDs(reserved []string) *ids {
	s := &ids{used: map[string]bool{}}
	for _, r := range reserved {
		s.used[r] = true
	}
	return s
}

// Generate implements parser.IDs.
func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	value = util.TrimRightSpace(util.TrimLeftSpace(value))
	var b []byte
	for i := 0; i < len(value); {
		c := value[i]
		l := int(util.UTF8Len(c))
		if l == 0 {
			l = 1
		}
		i += l
		if l != 1 {
			continue
		}
		switch {
		case util.IsAlphaNumeric(c):
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		case util.IsSpace(c) || c == '-' || c == '_':
			b = append(b, '-')
		}
	}
	if len(b) == 0 {
		b = []byte("section")
	}
	id := string(b)
	for i := 1; s.used[id]; i++ {
		id = fmt.Sprintf("%s-%d", b, i)
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }
