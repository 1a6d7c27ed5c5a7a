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

	"github.com/modc-dev/modc/internal/memo"
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

// lightText is the colour of plain text in the light style: GitHub's
// foreground, which chroma's github style gives its names and punctuation
// but not its background entry (so code took the page's colour).
const lightText = "#1f2328"

// codeStyles are the light and dark styles syntax.css is made of: chroma's,
// with the light one's background entry given lightText, so that tokens
// drawn in the text's own colour need no rule, and no span (codeClasses).
var codeStyles = sync.OnceValue(func() [2]*chroma.Style {
	light := styles.Get(lightStyle)
	bg := light.Get(chroma.Background)
	bg.Colour = chroma.MustParseColour(lightText)
	light, err := light.Builder().AddEntry(chroma.Background, bg).Build()
	if err != nil {
		panic("docs: the light code style: " + err.Error())
	}
	return [2]*chroma.Style{light, styles.Get(darkStyle)}
})

var syntaxCSSOnce = sync.OnceValue(func() []byte {
	f := chromahtml.New(chromahtml.WithClasses(true))
	var b bytes.Buffer
	b.WriteString("/* Highlighted code: chroma's " + lightStyle + " style, and " + darkStyle + " in dark mode. */\n")
	b.WriteString("@media not all and (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&b, codeStyles()[0])
	b.WriteString("}\n@media (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&b, codeStyles()[1])
	b.WriteString("}\n")
	return b.Bytes()
})

// codeClasses maps each token type to the CSS class of its span, or to ""
// when it needs none: chroma's class for the type (or its nearest
// ancestor's), unless neither code style styles that class differently
// from plain text. Chroma's formatter wraps every token in a span; a
// module page's code was half punctuation spans in the text's colour.
var codeClasses = sync.OnceValue(func() map[chroma.TokenType]string {
	classes := make(map[chroma.TokenType]string, len(chroma.StandardTypes))
	for t, class := range chroma.StandardTypes {
		if class == "" {
			continue
		}
		for _, s := range codeStyles() {
			if !s.Get(t).Sub(s.Get(chroma.Background)).IsZero() {
				classes[t] = class
				break
			}
		}
	}
	return classes
})

// codeClass returns the class of t's span, "" for none (codeClasses).
func codeClass(t chroma.TokenType) string {
	for ; t != 0; t = t.Parent() {
		if _, ok := chroma.StandardTypes[t]; ok {
			return codeClasses()[t]
		}
	}
	return codeClasses()[t]
}

// syntaxCSS returns the stylesheet for chroma's CSS classes.
func syntaxCSS() []byte { return syntaxCSSOnce() }

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
	if h, ok := highlighted.Get(key); ok {
		return h
	}
	h := highlightNow(code, lang)
	highlighted.Put(key, h)
	return h
}

// highlighted remembers what highlight returned.
var highlighted = memo.New[template.HTML](20000)

func highlightNow(code, lang string) template.HTML {
	it, ok := tokenise(code, lang)
	if !ok {
		return template.HTML(template.HTMLEscapeString(code))
	}
	var b strings.Builder
	writeTokens(&b, it.Tokens())
	return template.HTML(b.String())
}

// writeBlock writes a highlighted code block as chroma's HTML formatter
// does with CSS classes, but for its spans: the tokens as writeTokens
// writes them, without chroma's two spans around each line (a flex box
// of one item, drawn as the line alone: TestHighlightLooksAsChromas).
func writeBlock(w textWriter, tokens []chroma.Token) {
	_, _ = w.WriteString(`<pre class="chroma"><code>`)
	writeTokens(w, tokens)
	_, _ = w.WriteString(`</code></pre>`)
}

// writeTokens writes tokens as HTML: each in a span of its class
// (codeClass) or as plain text when it needs none. Only <, > and & are
// escaped: an element's text needs no more, and code is full of quotes
// (chroma's formatter writes " as &#34;, a fifth of a module page's
// highlighted bytes).
func writeTokens(w textWriter, tokens []chroma.Token) {
	for _, tok := range tokens {
		class := codeClass(tok.Type)
		if class != "" {
			_, _ = w.WriteString(`<span class="`)
			_, _ = w.WriteString(class)
			_, _ = w.WriteString(`">`)
		}
		_, _ = codeEscaper.WriteString(w, tok.Value)
		if class != "" {
			_, _ = w.WriteString(`</span>`)
		}
	}
}

var codeEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// textWriter is where HTML is written: a strings.Builder, a bufio.Writer.
type textWriter interface {
	io.Writer
	io.StringWriter
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
