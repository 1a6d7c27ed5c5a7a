package docs

import (
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler/diag"
)

// inlineTexts are summaries and descriptions as JSDoc holds them, and
// texts made to look plain but for one construct.
var inlineTexts = []string{
	"Adds two numbers.",
	"the item's id",
	"Loads an item by id, then remembers it (see save).",
	`Says "hello" to the user: 3 times!`,
	"Formats a name with the module's prefix: 50% off, $5 + tax = 6.",
	"Größe der Liste — in Einträgen; café, 名前, ünïcödé.",
	"Returns {id, name} or null? a/b - c",
	"Tag #123 and ratio 1/2 ^ 3",
	"Visit www.example.com for more",
	"See https://example.com/x for more",
	"ftp://example.com/file",
	"Mail someone@example.com now",
	"Uses *emphasis* here",
	"Uses _emphasis_ here",
	"Uses `code` here",
	"A [link](page.md) here",
	"An <b>html</b> tag",
	"Entities &amp; more",
	"Strike ~~this~~ out",
	"Escaped \\* star",
	"A | pipe | table",
	"Footnote[^1] here",
	"1. an ordered list",
	"- a list",
	"# a heading",
	"> a quote",
	"    indented code",
	"two\nlines",
	"trailing spaces  \nbreak",
	"Ends with a backslash\\",
	"x",
	"Q: what? A: this.",
	"a--b---c",
	"tabs\there",
	"nul\x00here",
	"bad \xff utf8",
	"emoji 🎉 party",
	"http:/not-a-url and mailto:nobody",
	"WWW.EXAMPLE.COM upper",
}

// TestPlainInlineAsGoldmark checks that every text plainInline renders is
// rendered by goldmark the same way, and that it takes the plain texts.
func TestPlainInlineAsGoldmark(t *testing.T) {
	s := &site{md: newMarkdown(false)}
	took := 0
	for _, text := range inlineTexts {
		checkPlainInline(t, s, text)
		if _, ok := plainInline(text); ok {
			took++
		}
	}
	for _, plain := range []string{"Adds two numbers.", "the item's id", `Says "hello" to the user: 3 times!`, "Größe der Liste — in Einträgen; café, 名前, ünïcödé."} {
		if _, ok := plainInline(plain); !ok {
			t.Errorf("plainInline declined %q", plain)
		}
	}
	if took < 10 {
		t.Errorf("plainInline took %d texts", took)
	}
}

func checkPlainInline(t *testing.T, s *site, text string) {
	t.Helper()
	text = strings.TrimSpace(text)
	got, ok := plainInline(text)
	if !ok || text == "" {
		return
	}
	want := s.inlineGoldmark(text, &Page{}, diag.Location{File: "modules/p/m/main.js"}, false)
	if got != want {
		t.Errorf("plainInline(%q) = %q, goldmark renders %q", text, got, want)
	}
}

func FuzzPlainInline(f *testing.F) {
	for _, text := range inlineTexts {
		f.Add(text)
	}
	s := &site{md: newMarkdown(false)}
	f.Fuzz(func(t *testing.T, text string) {
		checkPlainInline(t, s, text)
	})
}
