package docs

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/modc-dev/modc/internal/browsertest"
	"github.com/modc-dev/modc/internal/webtest"
	"github.com/modc-dev/modc/templates"
)

// highlightSamples is code as pages show it: signatures, variables'
// values and examples (inline), snippets and markdown blocks.
var highlightSamples = []struct{ lang, code string }{
	{"typescript", `async load(id: number, opts?: {cache: boolean}): Promise<{id: number, name: string}>`},
	{"javascript", "export default {\n  count: 0,\n  /** Adds. */\n  add(a, b) { return a + b; },\n  async load() { const r = await api.run({ id: 1 }); return r?.items ?? [] },\n  fmt: (d) => moment(d).format(\"LL\") + `!${this.count}`,\n};\n"},
	{"json", "{\n  \"instances\": {\n    \"JSModule_x\": { \"module\": \"p/x\", \"n\": [1, 2.5, true, null] }\n  }\n}\n"},
	{"html", "<script src=\"/dist/p/1.0.0/p.js\"\n        integrity=\"sha384-abc\" crossorigin=\"anonymous\"></script>\n<script>\n  const x = modc.packages.p.createInstance(\"x\");\n</script>\n"},
	{"bash", "npm install path/to/out/npm/p/1.0.0/ # install\necho \"$HOME\" | grep -c 'x' && exit 1\n"},
	{"css", ".a > b { color: #fff; margin: 0 auto !important; }\n"},
	{"go", "func main() {\n\tfmt.Println(\"hi\", 1+2) // sum\n}\n"},
}

// chromaPage is a page of the samples as chroma's own HTML formatter
// writes them, with chroma's stylesheet of the unchanged styles: a span
// for every token. ours is the same page as modc writes it.
func highlightPages(t *testing.T) (chromaPage, ours []byte) {
	t.Helper()
	site, err := fs.ReadFile(templates.FS(), "assets/site.css")
	if err != nil {
		t.Fatal(err)
	}
	page := func(css []byte, body string) []byte {
		var b bytes.Buffer
		b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>")
		b.Write(site)
		b.Write(css)
		b.WriteString("</style></head><body><main class=\"content\" style=\"width:900px\">")
		b.WriteString(body)
		b.WriteString("</main></body></html>")
		return b.Bytes()
	}

	var chromaCSS bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true))
	chromaCSS.WriteString("@media not all and (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&chromaCSS, styles.Get(lightStyle))
	chromaCSS.WriteString("}\n@media (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&chromaCSS, styles.Get(darkStyle))
	chromaCSS.WriteString("}\n")
	inline := chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))

	var theirs, mine strings.Builder
	for i, s := range highlightSamples {
		it, ok := tokenise(s.code, s.lang)
		if !ok {
			t.Fatalf("no lexer for %s", s.lang)
		}
		tokens := it.Tokens()
		var in, block strings.Builder
		if err := inline.Format(&in, styles.Get(lightStyle), chroma.Literator(tokens...)); err != nil {
			t.Fatal(err)
		}
		if err := f.Format(&block, styles.Get(lightStyle), chroma.Literator(tokens...)); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&theirs, "<pre class=\"signature chroma\" id=\"i%d\"><code>%s</code></pre>\n", i, in.String())
		fmt.Fprintf(&theirs, "<div id=\"b%d\">%s</div>\n", i, block.String())
		fmt.Fprintf(&mine, "<pre class=\"signature chroma\" id=\"i%d\"><code>%s</code></pre>\n", i, highlightNow(s.code, s.lang))
		var b strings.Builder
		writeBlock(&b, tokens)
		fmt.Fprintf(&mine, "<div id=\"b%d\">%s</div>\n", i, b.String())
	}
	return page(chromaCSS.Bytes(), theirs.String()), page(syntaxCSS(), mine.String())
}

// drawnChar is a character of a pre: its pre, itself, colour, background,
// weight, style and decoration (K), and where it is drawn in the pre.
type drawnChar struct {
	K       string
	X, Y, W float64
}

// near reports whether c and d are the same character drawn the same way
// within half a pixel: text split into spans is laid out in pieces, each
// snapped to 1/64 px, so a line of many spans drifts by tenths of a pixel.
func (c drawnChar) near(d drawnChar) bool {
	return c.K == d.K && math.Abs(c.X-d.X) < 0.5 && math.Abs(c.Y-d.Y) < 0.5 && math.Abs(c.W-d.W) < 0.5
}

// charStyles lists every pre's size (as a drawnChar of its width and
// height) and then its characters.
const charStyles = `(() => {
  const out = [];
  for (const pre of document.querySelectorAll("pre")) {
    const box = pre.getBoundingClientRect();
    out.push({ k: (pre.parentElement.id || pre.id) + " box", x: box.width, y: box.height, w: 0 });
    const walk = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const cs = getComputedStyle(n.parentElement);
      for (let i = 0; i < n.data.length; i++) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        const rect = r.getBoundingClientRect();
        out.push({
          k: [pre.parentElement.id || pre.id, JSON.stringify(n.data[i]), cs.color, cs.backgroundColor, cs.fontWeight, cs.fontStyle, cs.textDecorationLine].join(" "),
          x: rect.left - box.left, y: rect.top - box.top, w: rect.width,
        });
      }
    }
  }
  return out;
})()`

// TestHighlightLooksAsChromas: code modc highlights, with its spans left
// out where no rule styles them, is drawn exactly as chroma's own HTML of
// the same tokens with chroma's stylesheet: every character in the same
// place, colour, background, weight, style and decoration, in light and
// dark mode, inline and in blocks.
func TestHighlightLooksAsChromas(t *testing.T) {
	theirs, ours := highlightPages(t)
	if len(ours) >= len(theirs) {
		t.Errorf("modc's page has %d bytes, chroma's %d", len(ours), len(theirs))
	}
	srv := webtest.Serve(t, map[string][]byte{"chroma.html": theirs, "ours.html": ours}, webtest.Options{})
	ctx := browsertest.New(t, nil)
	for _, scheme := range []string{"light", "dark"} {
		look := func(page string) []drawnChar {
			err := chromedp.Do(ctx,
				chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
					_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
						Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
					})
					return err
				}),
				chromedp.Navigate(srv.URL+"/"+page),
			)
			var out []drawnChar
			if err == nil {
				out, err = chromedp.Run(ctx, chromedp.Evaluate[[]drawnChar](charStyles))
			}
			if err != nil {
				t.Fatalf("%s, %s: %v", page, scheme, err)
			}
			return out
		}
		want, got := look("chroma.html"), look("ours.html")
		if len(want) < 500 {
			t.Fatalf("%s: only %d characters on chroma's page", scheme, len(want))
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d characters, chroma's page has %d", scheme, len(got), len(want))
		}
		bad := 0
		for i := range want {
			if !got[i].near(want[i]) {
				if bad++; bad <= 10 {
					t.Errorf("%s: character %d:\n got %+v\nwant %+v", scheme, i, got[i], want[i])
				}
			}
		}
		if bad > 10 {
			t.Errorf("%s: %d characters differ", scheme, bad)
		}
	}
}
