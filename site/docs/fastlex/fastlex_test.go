package fastlex

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// languages are the lexers compared: those the docs use, and a few with
// other kinds of rules (case-insensitive ones, lookbehinds, Using).
var languages = []string{"javascript", "typescript", "json", "bash", "html", "css", "markdown", "yaml", "go", "python", "sql", "diff", "console", "xml", "tsx", "jsx", "raku"}

// byExtension picks the lexer for a file of the corpus.
var byExtension = map[string]string{".js": "javascript", ".mjs": "javascript", ".ts": "typescript", ".json": "json", ".sh": "bash", ".html": "html", ".css": "css", ".md": "markdown", ".yml": "yaml", ".yaml": "yaml", ".go": "go"}

// snippets are code written the way docs pages hold it, and the awkward
// cases: unterminated strings, regex literals, template literals, CRLF,
// non-ASCII names, a text not ending in a newline.
var snippets = []string{
	"const item = await Module_1.load(826);\nif (item.price > 48) {\n  showAlert(\"loaded \" + item.name, \"info\");\n}\nawait storeValue(\"last\", item.id);\n",
	"export default {\n  fmt: (d) => moment(d).format(\"DD/MM\"),\n  total() { return _.sumBy(this.rows, 'qty') / 2; },\n  re: /a[/]b\\//gi.test(x), tpl: `x ${a + `y${b}`} z`,\n};",
	"{\n  \"module\": 685,\n  \"review\": \"result\",\n  \"enabled\": true, \"n\": -1.5e3, \"x\": null\n}\n",
	"modc check && modc build --out dist/cache # done\necho \"$HOME\" '${x}' $((1+2)) | grep -v x > /dev/null\n",
	"async load(id: number): Promise<{id: number, name: string, price: number}>",
	"<script src=\"https://x/y.js\" integrity=\"sha384-abc\"></script>\n<script>\n  const m = modc.packages.p.createInstance(\"m\");\n</script>\n<!-- c --><p class=a>Hi &amp; bye</p>",
	"const s = \"unterminated\nlet t = 'also\r\nx = 1 /* open comment\n",
	"const café = «x»; const 名前 = \"値\"; // ünïcödé\n\tvar x = 0x1F + 0b101 + 0o17 + 1_000 + .5;\n",
	"a = b\n/ c / d\n/re/.test(e)\n",
	"#!/usr/bin/env node\nconsole.log(1)",
	"",
	"\n\n\r\r\n",
	"SELECT * FROM t WHERE a = 'x' AND b IN (1, 2); -- c\n",
	"--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n",
	"$ modc build\nbuilt 1 package\n$ echo 'x'\n",
}

// corpus returns the snippets and the small text files of the repository
// (up to 4 KiB: chroma's own lexers are what makes this test slow), each
// with its lexer name.
func corpus(t testing.TB) [][2]string {
	var out [][2]string
	for _, s := range snippets {
		for _, lang := range languages {
			out = append(out, [2]string{lang, s})
		}
	}
	root := filepath.Join("..", "..", "..")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); p != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "out") {
				return filepath.SkipDir
			}
			return nil
		}
		lang, ok := byExtension[filepath.Ext(p)]
		if !ok {
			return nil
		}
		info, err := d.Info()
		if err != nil || info.Size() > 4<<10 {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out = append(out, [2]string{lang, string(b)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func tokens(t testing.TB, l chroma.Lexer, text string) []chroma.Token {
	t.Helper()
	it, err := l.Tokenise(nil, text)
	if err != nil {
		t.Fatalf("%s: %v", l.Config().Name, err)
	}
	return it.Tokens()
}

// TestSameTokens compares, on every text of the corpus, the tokens of
// chroma's lexer and of its wrapped one, alone and through the wrapped
// registry (where HTML's scripts go to the wrapped JavaScript lexer).
func TestSameTokens(t *testing.T) {
	fast := Registry(lexers.GlobalLexerRegistry)
	files, compared := corpus(t), 0
	for _, c := range files {
		slow := lexers.Get(c[0])
		if slow == nil {
			t.Fatalf("no lexer %q", c[0])
		}
		want := tokens(t, slow, c[1])
		for _, l := range []chroma.Lexer{Wrap(slow), fast.Get(c[0])} {
			if _, regex := slow.(*chroma.RegexLexer); regex {
				if _, ok := l.(*lexer); !ok {
					t.Fatalf("%s is not wrapped: %T", c[0], l)
				}
			}
			if got := tokens(t, l, c[1]); !slices.Equal(got, want) {
				t.Fatalf("%s lexes differently:\n%s", c[0], firstDifference(got, want))
			}
		}
		compared++
	}
	t.Logf("%d texts compared", compared)
	if compared < 50 {
		t.Fatalf("only %d texts compared", compared)
	}
}

func firstDifference(got, want []chroma.Token) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return "token " + strconv.Itoa(i) + ": got " + got[i].GoString() + ", want " + want[i].GoString()
		}
	}
	return "got " + strconv.Itoa(len(got)) + " tokens, want " + strconv.Itoa(len(want))
}

// TestNotRegexLexer returns a lexer that is not a RegexLexer as it is.
func TestNotRegexLexer(t *testing.T) {
	coalesced := chroma.Coalesce(lexers.Get("json"))
	if Wrap(coalesced) != coalesced {
		t.Fatal("a coalescing lexer was wrapped")
	}
	if _, ok := Wrap(lexers.Get("json")).(*lexer); !ok {
		t.Fatal("chroma's JSON lexer was not wrapped")
	}
}

// FuzzSameTokens compares the tokens of chroma's lexers and the wrapped
// ones on any text.
func FuzzSameTokens(f *testing.F) {
	for _, s := range snippets {
		f.Add(uint8(0), s)
	}
	fast := Registry(lexers.GlobalLexerRegistry)
	f.Fuzz(func(t *testing.T, which uint8, text string) {
		if len(text) > 2000 {
			return // chroma's lexers slow down sharply on long tokens
		}
		lang := languages[int(which)%len(languages)]
		want := tokens(t, lexers.Get(lang), text)
		if got := tokens(t, fast.Get(lang), text); !slices.Equal(got, want) {
			t.Fatalf("%s lexes %q differently:\n%s", lang, text, firstDifference(got, want))
		}
	})
}

// BenchmarkTokenise lexes a docs page's kind of code block with chroma's
// lexer and the wrapped one.
func BenchmarkTokenise(b *testing.B) {
	for _, lang := range []string{"javascript", "json", "bash", "typescript", "html"} {
		for _, name := range []string{"chroma", "fastlex"} {
			l := lexers.Get(lang)
			if name == "fastlex" {
				l = Registry(lexers.GlobalLexerRegistry).Get(lang)
			}
			b.Run(lang+"/"+name, func(b *testing.B) {
				for b.Loop() {
					for _, s := range snippets[:6] {
						it, err := l.Tokenise(nil, s)
						if err != nil {
							b.Fatal(err)
						}
						for tok := it(); tok != chroma.EOF; tok = it() {
						}
					}
				}
			})
		}
	}
}

// TestNoPanic: where chroma's loop panics, a lexer popping past the bottom
// of its stack or pushing a state it lacks, the wrapped lexer ends with the
// rest of the text as an error token: every character is still there.
func TestNoPanic(t *testing.T) {
	for name, rules := range map[string]chroma.Rules{
		"pop past the bottom": {"root": {{Pattern: `b`, Type: chroma.Keyword, Mutator: chroma.Pop(2)}, {Pattern: `.`, Type: chroma.Text}}},
		"unknown state":       {"root": {{Pattern: `b`, Type: chroma.Keyword, Mutator: chroma.Push("nowhere")}, {Pattern: `.`, Type: chroma.Text}}},
	} {
		l := chroma.MustNewLexer(&chroma.Config{Name: name}, func() chroma.Rules { return rules })
		var text strings.Builder
		for _, tok := range tokens(t, Wrap(l), "aabcc") {
			text.WriteString(tok.Value)
		}
		if got := text.String(); got != "aabcc\n" && got != "aabcc" {
			t.Errorf("%s: the tokens hold %q, want all of aabcc", name, got)
		}
	}
}

// BenchmarkTokeniseLongLines tokenises lines as long as the docs highlight
// (highlightLine) made of one piece repeated: quotes and comments left
// open, escapes, words; the cases where a rule backtracks over the whole
// line at each position. Compare fastlex with chroma per case.
func BenchmarkTokeniseLongLines(b *testing.B) {
	for _, c := range []struct{ lang, piece string }{
		{"javascript", "/*"}, {"javascript", `"a\`}, {"bash", "'"}, {"json", `"\"`}, {"markdown", "a_$"}, {"markdown", "é"},
	} {
		text := strings.Repeat(strings.Repeat(c.piece, 2000/len(c.piece))+"\n", 4)
		for _, name := range []string{"chroma", "fastlex"} {
			l := lexers.Get(c.lang)
			if name == "fastlex" {
				l = Registry(lexers.GlobalLexerRegistry).Get(c.lang)
			}
			b.Run(c.lang+"/"+strconv.Quote(c.piece)+"/"+name, func(b *testing.B) {
				for b.Loop() {
					tokens(b, l, text)
				}
			})
		}
	}
}
