package docs

import (
	"bytes"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"

	"github.com/modc-dev/modc/site/docs/fastlex"
)

// fastLexers is chroma's lexers, run faster (package fastlex).
var fastLexers = sync.OnceValue(func() *chroma.LexerRegistry { return fastlex.Registry(lexers.GlobalLexerRegistry) })

// syntaxCSSPath is the stylesheet of highlighted code, generated from
// chroma's styles unless the theme has its own.
const syntaxCSSPath = "assets/syntax.css"

// Chroma styles of highlighted code in light and dark mode.
const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

var syntaxCSSOnce = sync.OnceValue(func() []byte {
	f := chromahtml.New(chromahtml.WithClasses(true))
	var b bytes.Buffer
	b.WriteString("/* Highlighted code: chroma's " + lightStyle + " style, and " + darkStyle + " in dark mode. */\n")
	b.WriteString("@media not all and (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&b, styles.Get(lightStyle))
	b.WriteString("}\n@media (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&b, styles.Get(darkStyle))
	b.WriteString("}\n")
	return b.Bytes()
})

// syntaxCSS returns the stylesheet for chroma's CSS classes.
func syntaxCSS() []byte { return syntaxCSSOnce() }

var inlineFormatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))

// Chroma's lexers (regular expressions of regexp2) slow down sharply on a
// long token: a 16 KB string literal takes 26 ms, 24 KB 2 s, 40 KB 12 s. So
// code with a line longer than highlightLine bytes, or longer than
// highlightBytes in all, is shown as escaped plain text instead; below
// them the slowest lexers (markdown's) take about 7 µs a byte.
const (
	highlightLine  = 2000
	highlightBytes = 32 << 10
)

// highlightable reports whether code is within highlightLine and
// highlightBytes.
func highlightable(code string) bool {
	if len(code) > highlightBytes {
		return false
	}
	for len(code) > highlightLine {
		i := strings.IndexByte(code, '\n')
		if i < 0 || i > highlightLine {
			return false
		}
		code = code[i+1:]
	}
	return true
}

// highlight returns code highlighted as lang, as HTML spans with chroma's
// classes and no surrounding <pre>; plain escaped text when lang is unknown
// or the code is not highlightable. Results are remembered (the same
// snippets are highlighted on every rendering of a page).
func highlight(code, lang string) template.HTML {
	if !highlightable(code) {
		return template.HTML(template.HTMLEscapeString(code))
	}
	key := lang + "\x00" + code
	if h, ok := highlighted.get(key); ok {
		return h
	}
	h := highlightNow(code, lang)
	highlighted.put(key, h)
	return h
}

// highlighted remembers what highlight returned.
var highlighted = &memo{max: 20000}

// memo is a map that forgets what was not used lately: when it is full,
// the entries not used since it was last full go.
type memo struct {
	mu        sync.Mutex
	max       int
	cur, prev map[string]template.HTML
}

func (m *memo) get(key string) (template.HTML, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if h, ok := m.cur[key]; ok {
		return h, true
	}
	h, ok := m.prev[key]
	if ok {
		m.putLocked(key, h)
	}
	return h, ok
}

func (m *memo) put(key string, h template.HTML) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.putLocked(key, h)
}

func (m *memo) putLocked(key string, h template.HTML) {
	if m.cur == nil || len(m.cur) >= m.max {
		m.prev, m.cur = m.cur, make(map[string]template.HTML)
	}
	m.cur[key] = h
}

func highlightNow(code, lang string) template.HTML {
	it, ok := tokenise(code, lang)
	if !ok {
		return template.HTML(template.HTMLEscapeString(code))
	}
	var b strings.Builder
	if err := inlineFormatter.Format(textQuotes{&b}, styles.Get(lightStyle), it); err != nil {
		return template.HTML(template.HTMLEscapeString(code))
	}
	return template.HTML(b.String())
}

// textQuotes writes chroma's HTML with the quotes of the code as
// themselves: chroma escapes each token's text with html.EscapeString,
// which makes " &#34; and ' &#39;, while in an element's text only <, >
// and & need it, and code is full of quotes (&#34; was a fifth of the
// highlighted bytes of a module page). Chroma writes a token's text in
// one piece, and its own markup has no entities, so each write is
// rewritten alone; an entity split across writes would stay as it is,
// still correct HTML.
type textQuotes struct{ w io.Writer }

var quoteEntities = strings.NewReplacer("&#34;", `"`, "&#39;", "'")

func (t textQuotes) Write(p []byte) (int, error) {
	if bytes.IndexByte(p, '&') < 0 {
		return t.w.Write(p)
	}
	if _, err := quoteEntities.WriteString(t.w, string(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// tokenise returns the tokens of code in lang, consecutive ones of a type
// joined (chroma.Coalesce), as chroma's lexer of lang makes them (run by
// fastlex); false when chroma has no such lexer or it fails.
func tokenise(code, lang string) (chroma.Iterator, bool) {
	lexer := fastLexers().Get(lang)
	if lexer == nil {
		return nil, false
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	return it, err == nil
}
