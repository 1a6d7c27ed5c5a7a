package docs

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestBodyTerms checks the words a page adds to the search index: whole
// identifiers, lowercased, without short words, numbers, common words and
// what the page's entries already hold, at most maxBodyTerms of them (the
// most frequent), sorted.
func TestBodyTerms(t *testing.T) {
	got := bodyTerms([]string{`<p>Call <code>createInstance(name)</code> with the <em>module</em>'s name: 42 times, 2x.</p>`,
		`<pre><code>mountApp(manifest, el) &amp;&amp; storeValue("k", 1)</code></pre>`}, map[string]bool{"name": true})
	if want := "call createinstance manifest module mountapp storevalue times"; got != want {
		t.Errorf("bodyTerms = %q, want %q", got, want)
	}
	var b strings.Builder
	for i := range maxBodyTerms + 100 {
		fmt.Fprintf(&b, "word%04d ", i)
		if i%2 == 0 {
			fmt.Fprintf(&b, "word%04d ", i) // the even ones are more frequent
		}
	}
	terms := strings.Fields(bodyTerms([]string{b.String()}, nil))
	if len(terms) != maxBodyTerms {
		t.Fatalf("%d terms, want %d", len(terms), maxBodyTerms)
	}
	for i := range (maxBodyTerms + 100) / 2 {
		if w := fmt.Sprintf("word%04d", 2*i); !strings.Contains(" "+strings.Join(terms, " ")+" ", " "+w+" ") {
			t.Errorf("a frequent word, %s, was left out", w)
		}
	}
}

// referenceWords is words as first written, rune by rune: the faster one
// must find the same words in any fragment.
func referenceWords(h string) []string {
	text := html.UnescapeString(referenceStripTags(h))
	var out []string
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := text[start:end]
		start = -1
		n := utf8.RuneCountInString(w)
		if n < 3 || n > 32 || strings.Trim(w, "0123456789") == "" {
			return
		}
		out = append(out, strings.ToLower(w))
	}
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '$' {
			if start < 0 {
				start = i
			}
		} else {
			flush(i)
		}
	}
	flush(len(text))
	return out
}

func referenceStripTags(h string) string {
	if !strings.Contains(h, "<") {
		return h
	}
	var b strings.Builder
	tag := -1
	for i, r := range h {
		switch {
		case r == '<' && tag < 0:
			tag = i + 1
		case r == '>' && tag >= 0:
			name := strings.TrimPrefix(h[tag:i], "/")
			if j := strings.IndexAny(name, " \t\n/"); j >= 0 {
				name = name[:j]
			}
			if !inlineTags[strings.ToLower(name)] {
				b.WriteByte(' ')
			}
			tag = -1
		case tag < 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

var wordsSeeds = []string{
	`<p>Call <code>load(id)</code> and bind <a href="#x">{{JS_pkg.load.data}}</a> &amp; café — 名前 x1 12345 abc_def $store</p>`,
	"<h2 id=\"usage\">Usage<a class=\"heading-anchor\">#</a></h2>\n<pre><code>a &lt; b</code></pre> tail",
	"no tags at all, just text > and > more",
	"<unterminated tag and text",
	"a<b>c</b>d<I>e</I>f<BR/>g<br>h",
	"\xff\xfe<b>x\xc3</b>abc\xe2\x82",
	strings.Repeat("x", 40) + " " + strings.Repeat("é", 33) + " " + strings.Repeat("é", 32),
}

// TestWordsAsReference compares words and stripTags with the rune-by-rune
// versions on fragments with tags, entities, non-ASCII and invalid UTF-8.
func TestWordsAsReference(t *testing.T) {
	for _, h := range wordsSeeds {
		if got, want := stripTags(h), referenceStripTags(h); got != want {
			t.Errorf("stripTags(%q) = %q, want %q", h, got, want)
		}
		if got, want := words(h), referenceWords(h); !slices.Equal(got, want) {
			t.Errorf("words(%q) = %q, want %q", h, got, want)
		}
	}
}

func FuzzWords(f *testing.F) {
	for _, h := range wordsSeeds {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, h string) {
		if got, want := stripTags(h), referenceStripTags(h); got != want {
			t.Fatalf("stripTags(%q) = %q, want %q", h, got, want)
		}
		if got, want := words(h), referenceWords(h); !slices.Equal(got, want) {
			t.Fatalf("words(%q) = %q, want %q", h, got, want)
		}
	})
}

// words returns the lowercased words of an HTML fragment's text (eachWord).
func words(h string) []string {
	var out []string
	eachWord(h, func(w string) { out = append(out, w) })
	return out
}

// referenceSummarize is summarize as first written, reading the whole
// fragment.
func referenceSummarize(h, title string) string {
	h = strings.ReplaceAll(h, `class="heading-anchor">#</a>`, `></a>`)
	text := strings.Join(strings.Fields(html.UnescapeString(referenceStripTags(h))), " ")
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

// TestSummarizeAsReference compares summarize, which reads only the start
// of a long fragment, with the version that reads it whole, on pages cut
// at every kind of place: in tags, entities, words and multi-byte
// characters.
func TestSummarizeAsReference(t *testing.T) {
	unit := `<h1 id="t">Title<a class="heading-anchor">#</a></h1><p>Word &amp; more&nbsp;words, <code>café</code>名前 &not<i>x</i> a&no<b>t;</b>b</p>` + "\n"
	for _, n := range []int{0, 1, 5, 20, 60, 200} {
		page := strings.Repeat(unit, n)
		for _, cut := range []int{len(page), len(page) - 1, len(page) * 2 / 3, len(page) / 2, 2048, 2049, 2050, 8191, 8192} {
			if cut < 0 || cut > len(page) {
				continue
			}
			h := page[:cut]
			for _, title := range []string{"", "Title", "Title# Word", "nothing like it"} {
				if got, want := summarize(h, title), referenceSummarize(h, title); got != want {
					t.Fatalf("summarize(%d units cut at %d, %q) =\n%q\nwant\n%q", n, cut, title, got, want)
				}
			}
		}
	}
}

// TestSummarizeCutInAnchor cuts the first piece summarize reads inside a
// heading's anchor, just before its "</a>", and around it.
func TestSummarizeCutInAnchor(t *testing.T) {
	const anchor = `<h2 id="h">Next<a class="heading-anchor">#</a></h2>`
	at := strings.Index(anchor, "</a>")
	for shift := -3; shift <= 3; shift++ {
		lead := "<p>" + strings.Repeat("word ", (2048-at-3+shift)/5)
		lead += strings.Repeat("x", 2048-at+shift-len(lead))
		h := lead + anchor + "<p>after the heading</p>" + strings.Repeat("<p>more text</p>", 300)
		for _, title := range []string{"", "word"} {
			if got, want := summarize(h, title), referenceSummarize(h, title); got != want {
				t.Fatalf("shift %d: summarize = %q, want %q", shift, got, want)
			}
		}
	}
}

func FuzzSummarize(f *testing.F) {
	f.Add(strings.Repeat(wordsSeeds[0], 40), "Call")
	f.Add(strings.Repeat("<p>x &amp; y</p>", 300)+"&no<i>t;</i>", "x")
	f.Fuzz(func(t *testing.T, h, title string) {
		if got, want := summarize(h, title), referenceSummarize(h, title); got != want {
			t.Fatalf("summarize(%q, %q) = %q, want %q", h, title, got, want)
		}
	})
}
