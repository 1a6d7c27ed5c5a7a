package docs

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// tagRE matches the markup chroma writes around the code's text.
var tagRE = regexp.MustCompile(`<[^>]*>`)

// shownText is the text a browser shows for chroma's HTML h.
func shownText(h string) string { return html.UnescapeString(tagRE.ReplaceAllString(h, "")) }

// TestHighlightQuotes: highlighted code keeps its quotes as they are
// (chroma writes &#34; and &#39;), still escapes <, > and &, and shows
// exactly the code, both in templates and in markdown code blocks.
func TestHighlightQuotes(t *testing.T) {
	code := "const s = \"a<b&c\" + 'd' + `&#34;`; // \"quoted\"\n"
	for _, lang := range []string{"js", "json", "bash", "html"} {
		h := string(highlightNow(code, lang))
		if strings.Contains(h, "&#34;") && !strings.Contains(h, "&amp;#34;") || strings.Contains(h, "&#39;") {
			t.Errorf("%s: quotes still escaped: %s", lang, h)
		}
		if !strings.Contains(h, `"`) || !strings.Contains(h, "&lt;") || !strings.Contains(h, "&amp;") {
			t.Errorf("%s: %s", lang, h)
		}
		if got := shownText(h); got != code {
			t.Errorf("%s: shows %q, not the code %q", lang, got, code)
		}
	}
	var b strings.Builder
	if err := newMarkdown(false).Convert([]byte("```js\n"+code+"```\n"), &b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "&#34;") || !strings.Contains(out, `<span class="s2">"a&lt;b&amp;c"</span>`) {
		t.Errorf("markdown code block: %s", out)
	}
}

// FuzzHighlightShowsCode: whatever the code, the highlighted HTML shows
// exactly it (and a final newline, which some of chroma's lexers add).
func FuzzHighlightShowsCode(f *testing.F) {
	for _, s := range []string{`x = "a" + 'b'`, `{"k": "v&#34;"}`, "<a href='x'>&amp;</a>", "echo \"$HOME\" '&'"} {
		f.Add(s, "js")
		f.Add(s, "json")
		f.Add(s, "html")
		f.Add(s, "bash")
	}
	f.Fuzz(func(t *testing.T, code, lang string) {
		if len(code) > 2000 || !highlightable(code) || !utf8.ValidString(code) || strings.ContainsAny(code, "\x00\r") {
			return
		}
		h := string(highlightNow(code, lang))
		if got := shownText(h); got != code && got != code+"\n" {
			t.Errorf("%s: shows %q, not the code %q:\n%s", lang, got, code, h)
		}
	})
}
