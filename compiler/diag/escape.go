package diag

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// A file name or a source line printed on a terminal must not be able to
// take it over: an ESC starts a sequence that can clear the screen, move
// the cursor or retitle the window; a carriage return overwrites the line;
// a bidi override (the "Trojan Source" characters) reorders what is shown.
// So Format, and the summary lines of the CLI, print these characters as
// escapes: the C0 controls (ESC as \x1b, CR as \r), DEL, the C1 controls
// and bytes that are not UTF-8 (some terminals read 0x9b as CSI) as \x9b or
// \u009b, and the bidi embeddings, overrides and isolates U+202A–U+202E and
// U+2066–U+2069 as \u202e. JSON output is escaped by encoding/json instead.

// EscapeText returns s with those characters escaped, keeping tabs and
// newlines (message texts and source lines).
func EscapeText(s string) string { return escape(s, true) }

// Escape returns s with those characters escaped, tabs and newlines too:
// for what must stay on one line (paths, names, commit subjects).
func Escape(s string) string { return escape(s, false) }

// unsafeRune reports whether r is escaped; keep spares tabs and newlines.
func unsafeRune(r rune, keep bool) bool {
	switch {
	case r == '\t' || r == '\n':
		return !keep
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

func escape(s string, keep bool) string {
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || unsafeRune(r, keep) {
			var b strings.Builder
			b.Grow(len(s) + 8)
			b.WriteString(s[:i])
			escapeTo(&b, s[i:], keep)
			return b.String()
		}
		i += size
	}
	return s
}

// escapeTo writes s escaped to b.
func escapeTo(b *strings.Builder, s string, keep bool) {
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		b.WriteString(escapeRune(s[:size], r, keep))
		s = s[size:]
	}
}

// escapeRune returns how the character r, written as raw in s, is shown.
func escapeRune(raw string, r rune, keep bool) string {
	switch {
	case r == utf8.RuneError && len(raw) == 1:
		return fmt.Sprintf(`\x%02x`, raw[0])
	case !unsafeRune(r, keep):
		return raw
	case r == '\t':
		return `\t`
	case r == '\n':
		return `\n`
	case r == '\r':
		return `\r`
	case r < 0x80:
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}
