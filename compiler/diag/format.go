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
//	modules/auth/x/main.js:12:5: error: unknown identifier "fo"
//	   12 |     fo.run();
//	      |     ^~
//	  hint: did you mean "foo"?
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
	fmt.Fprintf(&b, "%s: %s %s\n", paint(ansiBold, m.Location.String()), paint(sevColor, string(m.Severity)+":"), m.Text)
	if o.CodeFrame {
		b.WriteString(codeFrame(m.Location, paint))
	}
	for _, n := range m.Notes {
		if n.Location != nil {
			fmt.Fprintf(&b, "  %s %s: %s\n", paint(ansiDim, "note:"), n.Location, n.Text)
			if o.CodeFrame {
				b.WriteString(codeFrame(*n.Location, paint))
			}
			continue
		}
		fmt.Fprintf(&b, "  %s %s\n", paint(ansiDim, "hint:"), n.Text)
	}
	return b.String()
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
	marker := strings.Repeat(" ", col-1) + "^" + strings.Repeat("~", width-1)
	return fmt.Sprintf("%s | %s\n%s | %s\n", paint(ansiDim, num), text, strings.Repeat(" ", len(num)), paint(ansiGreen, marker))
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
