package diag

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// FormatOptions controls how a message is printed.
type FormatOptions struct {
	// CodeFrame adds the offending source line with a caret under the column.
	CodeFrame bool
	// Color adds ANSI colours (for terminals).
	Color bool
}

const (
	ansiRed    = "\x1b[31;1m"
	ansiYellow = "\x1b[33;1m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiGreen  = "\x1b[32m"
	ansiReset  = "\x1b[0m"
)

// Format renders one message:
//
//	modules/auth/x/main.js:12:5: error: unknown identifier "fo" [js-unknown-name]
//	   12 |     fo.run();
//	      |     ^~
//	  hint: did you mean "foo"?
//
// Control characters and bidi overrides in the paths, texts and source
// lines are escaped (see Escape), so a file cannot take over the terminal.
// The message's ID ends its first line in brackets, as GCC's and clang's
// [-Wflag] and esbuild's [message-id] do, so the "path:line:col: error:"
// form that editors and scripts match stays as it was.
func Format(m Message, o FormatOptions) string {
	paint := func(code, s string) string {
		if !o.Color {
			return s
		}
		return code + s + ansiReset
	}
	var b strings.Builder
	sevColor := ansiRed
	if m.Severity == Warning {
		sevColor = ansiYellow
	}
	id := idSuffix(Escape(m.ID))
	if id != "" {
		id = paint(ansiDim, id)
	}
	fmt.Fprintf(&b, "%s: %s %s%s\n", paint(ansiBold, locString(m.Location)), paint(sevColor, string(m.Severity)+":"), EscapeText(m.Text), id)
	if o.CodeFrame {
		b.WriteString(codeFrame(m.Location, paint))
	}
	for _, n := range m.Notes {
		if n.Location != nil {
			fmt.Fprintf(&b, "  %s %s: %s\n", paint(ansiDim, "note:"), locString(*n.Location), EscapeText(n.Text))
			if o.CodeFrame {
				b.WriteString(codeFrame(*n.Location, paint))
			}
			continue
		}
		fmt.Fprintf(&b, "  %s %s\n", paint(ansiDim, "hint:"), EscapeText(n.Text))
	}
	return b.String()
}

// locString is l.String() with its path escaped.
func locString(l Location) string {
	l.File = Escape(l.File)
	return l.String()
}

func codeFrame(l Location, paint func(code, s string) string) string {
	if l.Line <= 0 || l.LineText == "" {
		return ""
	}
	text := strings.ReplaceAll(l.LineText, "\t", " ")
	num := fmt.Sprintf("%5d", l.Line)
	col := l.Column
	if col < 1 {
		col = 1
	}
	width := l.Length
	if width < 1 {
		width = 1
	}
	if rest := utf8.RuneCountInString(text) - (col - 1); width > rest && rest > 0 {
		width = rest
	}
	text, col, width = escapeFrame(text, col, width)
	marker := strings.Repeat(" ", col-1) + "^" + strings.Repeat("~", width-1)
	return fmt.Sprintf("%s | %s\n%s | %s\n", paint(ansiDim, num), text, strings.Repeat(" ", len(num)), paint(ansiGreen, marker))
}

// escapeFrame escapes a code frame's line (see Escape), moving the caret's
// column and width (in characters) to stay under the same characters.
func escapeFrame(text string, col, width int) (string, int, int) {
	if EscapeText(text) == text {
		return text, col, width
	}
	var b strings.Builder
	start, end := col-1, col-1+width // in characters of text
	shownStart, shownEnd := -1, -1
	k, shown := 0, 0 // characters of text read, and shown so far
	for s := text; len(s) > 0; k++ {
		if k == start {
			shownStart = shown
		}
		if k == end {
			shownEnd = shown
		}
		r, size := utf8.DecodeRuneInString(s)
		e := escapeRune(s[:size], r, false)
		b.WriteString(e)
		shown += utf8.RuneCountInString(e)
		s = s[size:]
	}
	// Past the end of the line, each column is one character.
	if shownStart < 0 {
		shownStart = shown + start - k
	}
	if shownEnd < 0 {
		shownEnd = shown + end - k
	}
	return b.String(), shownStart + 1, max(1, shownEnd-shownStart)
}

// JSON renders the list as a JSON document {"errors": [...], "warnings": [...]}.
func (l List) JSON() ([]byte, error) {
	doc := struct {
		Errors   List `json:"errors"`
		Warnings List `json:"warnings"`
	}{Errors: l.Errors(), Warnings: l.Warnings()}
	if doc.Errors == nil {
		doc.Errors = List{}
	}
	if doc.Warnings == nil {
		doc.Warnings = List{}
	}
	return json.MarshalIndent(doc, "", "  ")
}
