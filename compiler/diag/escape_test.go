package diag

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/modc-dev/modc/internal/golden"
)

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, text, line string }{
		{"plain é ✓ 日本", "plain é ✓ 日本", "plain é ✓ 日本"},
		{"a\tb\nc", "a\tb\nc", `a\tb\nc`},
		{"\x1b[2J\x1b]0;title\x07", `\x1b[2J\x1b]0;title\x07`, `\x1b[2J\x1b]0;title\x07`},
		{"over\rwrite\x00\x7f", `over\rwrite\x00\x7f`, `over\rwrite\x00\x7f`},
		{"c1 \u009b2J \u0085", `c1 \u009b2J \u0085`, `c1 \u009b2J \u0085`},
		{"bad \x9b2J \xff", `bad \x9b2J \xff`, `bad \x9b2J \xff`},
		{"bidi \u202atxt\u202c \u202e \u2066x\u2069", `bidi \u202atxt\u202c \u202e \u2066x\u2069`, `bidi \u202atxt\u202c \u202e \u2066x\u2069`},
		{"not bidi \u2029 \u200f", "not bidi \u2029 \u200f", "not bidi \u2029 \u200f"},
	} {
		if got := EscapeText(c.in); got != c.text {
			t.Errorf("EscapeText(%q) = %q, want %q", c.in, got, c.text)
		}
		if got := Escape(c.in); got != c.line {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.line)
		}
	}
}

// TestFormatEscapes: the path, the text, the notes and the code frame show
// control characters and bidi overrides escaped, the caret still under
// the located characters (testdata/format-escapes.golden).
func TestFormatEscapes(t *testing.T) {
	src := NewSource("modules/p/m\x1b[31m/main.js", "export default {\n  f() { return \"\x1b[2J\u202e\" + nope; },\n};\n")
	off := strings.Index(src.Text, "nope")
	m := Errorf("js-unknown-name", src.Span(off, off+4), "unknown identifier %s", "nope\x1b[0m").
		WithHint("did you mean \x1b]0;owned\x07?").
		WithNote(src.Span(strings.Index(src.Text, "\x1b"), strings.Index(src.Text, "\u202e")+len("\u202e")), "this string \r clears the screen")
	got := Format(m, FormatOptions{CodeFrame: true})
	for _, bad := range []string{"\x1b", "\r", "\x07", "\u202e"} {
		if strings.Contains(got, bad) {
			t.Errorf("%q printed raw", bad)
		}
	}
	golden.Check(t, filepath.Join("testdata", "format-escapes.golden"), got)
	// With colour, the only escape sequences are modc's own.
	colored := Format(m, FormatOptions{CodeFrame: true, Color: true})
	for _, code := range []string{ansiRed, ansiBold, ansiDim, ansiGreen, ansiReset} {
		colored = strings.ReplaceAll(colored, code, "")
	}
	if colored != got {
		t.Errorf("with colour:\n%s", colored)
	}
}
