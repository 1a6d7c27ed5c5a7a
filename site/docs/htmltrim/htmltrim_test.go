package htmltrim

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestAppend(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<ul>\n  <li>a</li>\n\t<li>b</li>\n</ul>\n", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"},
		{"<p>say &#34;hi&#34; &amp; it&#39;s &amp;#34;</p>", `<p>say "hi" &amp; it's &amp;#34;</p>`},
		{"<pre>\n  a\n    b &#34;</pre>\n  <p>\n  c</p>", "<pre>\n  a\n    b &#34;</pre>\n<p>\nc</p>"},
		{"<pre><code><span>x</span>\n   y</code></pre>\n  z", "<pre><code><span>x</span>\n   y</code></pre>\nz"},
		{"<script>\n  if (a) {\n    b(\"&#34;\");\n  }\n</script>\n  <style>\n  a { }\n</style>", "<script>\n  if (a) {\n    b(\"&#34;\");\n  }\n</script>\n<style>\n  a { }\n</style>"},
		{"<textarea>\n  a &#34;\n</textarea>\n  <pre>x</pre>\n  y", "<textarea>\n  a &#34;\n</textarea>\n<pre>x</pre>\ny"},
		{"<pre><textarea>\n  a</textarea>\n  b</pre>\n  c", "<pre><textarea>\n  a</textarea>\n  b</pre>\nc"},
		{"<a title=\"x\n   y &#34;\"\n   href=\"#\">\n  t</a>", "<a title=\"x\n   y &#34;\"\n   href=\"#\">\nt</a>"},
		{"<!-- a\n   b -->\n  <p>", "<!-- a\n   b -->\n<p>"},
		{"<pre/>\n  a</pre>\n  b", "<pre/>\n  a</pre>\nb"},
		{"a < b\n  c", "a < b\nc"},
	} {
		if got := string(Append(nil, []byte(c.in))); got != c.want {
			t.Errorf("Append(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
		sameDocument(t, c.in)
	}
}

// TestGoldenPages: the docs' golden pages, written through Append, stay as
// they are, and give the same documents.
func TestGoldenPages(t *testing.T) {
	pages, _ := filepath.Glob("../testdata/golden/site/*/*/index.html")
	more, _ := filepath.Glob("../testdata/golden/site/*/index.html")
	pages = append(pages, more...)
	if len(pages) < 5 {
		t.Fatalf("only %d golden pages", len(pages))
	}
	for _, p := range pages {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sameDocument(t, string(src))
		if out := Append(nil, src); !bytes.Equal(out, src) {
			t.Errorf("%s: Append changes it", p)
		}
	}
}

func FuzzAppend(f *testing.F) {
	for _, s := range []string{
		"<ul>\n  <li>a</li>\n</ul>", "<pre>\n  a</pre>\n  b", "<table>\n  <tr>\n    <td>x</td>\n  </tr>\n</table>",
		"<svg><style>\n  a</style>\n  <text>\n  b</text></svg>", "<script>\n  <!--\n</script>\n  x", "<select>\n  <option>a\n  </option></select>",
		"<p>&#34;a&#39;</p>\n  <listing>\n  b</listing>\n  c", "<noscript>\n  <p>x</p>\n</noscript>\n  y", "<math><mi>\n  x</mi></math>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		sameDocument(t, src)
	})
}

// sameDocument fails t unless a browser builds the same document from src
// and from Append's output: the same elements, attributes, comments, and
// text, text being compared with its runs of whitespace as one space
// outside the elements whose text is kept.
func sameDocument(t *testing.T, src string) {
	t.Helper()
	out := Append(nil, []byte(src))
	want, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	got, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if w, g := dump(want), dump(got); w != g {
		t.Errorf("%q became %q:\n got %s\nwant %s", src, out, g, w)
	}
}

// dump writes the document tree n as text, whitespace as sameDocument
// compares it.
func dump(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node, depth int, kept bool)
	walk = func(n *html.Node, depth int, kept bool) {
		fmt.Fprintf(&b, "%s%d", strings.Repeat(" ", depth), n.Type)
		switch n.Type {
		case html.TextNode:
			text := n.Data
			if !kept {
				text = strings.Join(strings.FieldsFunc(text, isSpaceRune), " ")
				if strings.TrimLeftFunc(n.Data, isSpaceRune) != n.Data {
					text = " " + text
				}
				if strings.TrimRightFunc(n.Data, isSpaceRune) != n.Data && strings.TrimFunc(n.Data, isSpaceRune) != "" {
					text += " "
				}
			}
			fmt.Fprintf(&b, " %q", text)
		case html.ElementNode:
			fmt.Fprintf(&b, " %s:%s %q", n.Namespace, n.Data, n.Attr)
			kept = kept || keep[n.Data]
		default:
			fmt.Fprintf(&b, " %q", n.Data)
		}
		b.WriteByte('\n')
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1, kept)
		}
	}
	walk(n, 0, false)
	return b.String()
}

// keep are the elements whose text sameDocument compares as it is.
var keep = map[string]bool{
	"pre": true, "listing": true, "textarea": true, "plaintext": true,
	"script": true, "style": true, "title": true, "xmp": true, "iframe": true,
	"noembed": true, "noframes": true, "noscript": true,
}

func isSpaceRune(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' }
