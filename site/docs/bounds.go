package docs

import (
	"strings"
	"unicode/utf8"
)

// What a module page shows of one value: a JSON value (a query's mock or
// body, an example's arguments, store or result, an input's default, a
// variable's value from the dry run) or a piece of main.js (a variable's
// initial value, a signature, an @example). Beyond these caps a value is
// cut with "…" and the page names the file that holds all of it
// (templates/truncated.html), so a page stays small, and its rendering
// linear, whatever the module holds.
const (
	// showDepth is how deeply nested a JSON value is shown: containers
	// deeper than this show as […] or {…}, which also bounds the indent.
	showDepth = 20
	// showBytes and showLines bound the text of one value.
	showBytes = 16 << 10
	showLines = 400
	// showLine is the longest line of code shown (JSON lines are bounded by
	// showBytes: one long string is one line).
	showLine = 1000
	// pageBytes bounds the values of one module page together; once it is
	// spent, each value still shows its first minBytes.
	pageBytes = 128 << 10
	minBytes  = 256
	// oneLine is how long a JSON value's one-line form may be for it to be
	// shown on one line rather than indented.
	oneLine = 72
)

// ellipsis marks where a value was cut.
const ellipsis = "…"

// budget is what is left of a module page's pageBytes.
type budget struct{ left int }

func newBudget() *budget { return &budget{left: pageBytes} }

// take returns how many bytes the next value may use.
func (b *budget) take() int {
	if b == nil {
		return showBytes
	}
	return max(minBytes, min(showBytes, b.left))
}

// spend records a value of n bytes shown.
func (b *budget) spend(n int) {
	if b != nil {
		b.left -= n
	}
}

// json formats raw for the page (see showJSON), charging the budget.
func (b *budget) json(raw []byte) (string, bool) {
	s, cut := showJSON(raw, b.take())
	b.spend(len(s))
	return s, cut
}

// compact formats raw on one line (see compactShown), charging the budget.
func (b *budget) compact(raw []byte, limit int) (string, bool) {
	s, cut := compactShown(raw, min(limit, b.take()))
	b.spend(len(s))
	return s, cut
}

// code clips a piece of source (see clipCode), charging the budget.
func (b *budget) code(src string) (string, bool) {
	s, cut := clipCode(src, showLine, b.take())
	b.spend(len(s))
	return s, cut
}

// text clips a message (an error thrown by an example) to limit bytes.
func (b *budget) text(s string, limit int) (string, bool) {
	s, cut := clipCode(s, limit, min(limit, b.take()))
	b.spend(len(s))
	return s, cut
}

// showJSON formats a JSON text as the docs show it: on one line, with a
// space after each comma and colon, when that is at most oneLine bytes,
// else indented by two spaces (as json.Indent does). Containers nested
// deeper than showDepth become […] or {…}, and the text stops with "…"
// past limit bytes or showLines lines; cut reports either. It makes one
// pass over raw without recursion, so time and memory are linear in
// len(raw) whatever the nesting, and the result is at most about limit
// bytes. A text that is not JSON is shown as it is, clipped to limit.
func showJSON(raw []byte, limit int) (s string, cut bool) {
	if len(raw) == 0 {
		return "", false
	}
	if s, cut, ok := formatJSON(raw, false, oneLine, 1<<30); ok && !cut {
		return s, false
	}
	s, cut, ok := formatJSON(raw, true, limit, showDepth)
	if !ok {
		return clipCode(string(raw), limit, limit)
	}
	return s, cut
}

// compactShown formats a JSON text on one line, with a space after each
// comma and colon, within limit bytes and showDepth levels.
func compactShown(raw []byte, limit int) (string, bool) {
	s, cut, ok := formatJSON(raw, false, limit, showDepth)
	if !ok {
		return clipCode(string(raw), limit, limit)
	}
	return s, cut
}

// formatJSON writes the tokens of raw compact or indented, up to limit
// bytes and depth levels; ok is false when raw is not JSON (as far as it
// was read).
func formatJSON(raw []byte, indent bool, limit, depth int) (s string, cut, ok bool) {
	w := jsonWriter{indent: indent, limit: limit, depth: depth}
	var t jsonScanner
	t.data = raw
	for !w.stopped {
		tok, ok := t.next()
		if !ok || tok != nil && w.done {
			return "", false, false
		}
		if tok == nil {
			break
		}
		switch c := tok[0]; c {
		case '{', '[':
			w.newlineIfPending()
			w.stack = append(w.stack, closer(c))
			if len(w.stack) > w.depth {
				// Too deep: skip to the matching closer.
				end, empty, ok := t.skip()
				if !ok {
					return "", false, false
				}
				w.stack = w.stack[:len(w.stack)-1]
				if empty {
					w.put(string(c) + string(end))
				} else {
					w.put(string(c) + ellipsis + string(end))
					w.cut = true
				}
				w.done = len(w.stack) == 0
				continue
			}
			w.put(string(c))
			w.pending = w.indent
		case '}', ']':
			if len(w.stack) == 0 || w.stack[len(w.stack)-1] != c {
				return "", false, false
			}
			w.stack = w.stack[:len(w.stack)-1]
			if w.pending {
				w.pending = false
			} else if w.indent {
				w.newline()
			}
			w.put(string(c))
			w.done = len(w.stack) == 0
		case ',':
			if len(w.stack) == 0 {
				return "", false, false
			}
			w.put(",")
			if w.indent {
				w.newline()
			} else {
				w.put(" ")
			}
		case ':':
			w.put(": ")
		default:
			w.newlineIfPending()
			w.put(string(tok[:min(len(tok), w.limit+1)]))
			w.done = len(w.stack) == 0
		}
	}
	if !w.stopped && len(w.stack) > 0 {
		return "", false, false
	}
	return w.b.String(), w.cut, true
}

func closer(open byte) byte {
	if open == '{' {
		return '}'
	}
	return ']'
}

// jsonWriter builds formatJSON's text within its limits.
type jsonWriter struct {
	b            strings.Builder
	indent       bool
	limit, depth int
	stack        []byte // the closers of the open containers
	lines        int
	pending      bool // a container was opened: a newline comes before its first value
	done         bool // the top-level value is complete
	stopped, cut bool
}

// put writes s, or as much of it as fits and "…".
func (w *jsonWriter) put(s string) {
	if w.stopped {
		return
	}
	if room := w.limit - w.b.Len(); len(s) > room {
		w.b.WriteString(clipBytes(s, max(0, room)))
		w.stop()
		return
	}
	w.b.WriteString(s)
}

// newline starts a line indented to the current depth, or stops when the
// text has showLines lines.
func (w *jsonWriter) newline() {
	if w.stopped {
		return
	}
	w.lines++
	if w.lines >= showLines {
		w.put("\n" + strings.Repeat("  ", len(w.stack)))
		w.stop()
		return
	}
	w.put("\n" + strings.Repeat("  ", len(w.stack)))
}

func (w *jsonWriter) newlineIfPending() {
	if w.pending {
		w.pending = false
		w.newline()
	}
}

func (w *jsonWriter) stop() {
	if !w.stopped {
		w.b.WriteString(ellipsis)
		w.stopped, w.cut = true, true
	}
}

// jsonScanner splits a JSON text into tokens: punctuation, strings (with
// their quotes) and other scalars.
type jsonScanner struct {
	data []byte
	i    int
}

// next returns the next token, nil at the end; ok is false for an
// unterminated string.
func (t *jsonScanner) next() (tok []byte, ok bool) {
	d := t.data
	for t.i < len(d) && isSpace(d[t.i]) {
		t.i++
	}
	if t.i >= len(d) {
		return nil, true
	}
	start := t.i
	switch d[t.i] {
	case '{', '}', '[', ']', ',', ':':
		t.i++
	case '"':
		t.i++
		for t.i < len(d) && d[t.i] != '"' {
			if d[t.i] == '\\' {
				t.i++
			}
			t.i++
		}
		if t.i >= len(d) {
			return nil, false
		}
		t.i++
	default:
		for t.i < len(d) && !isSpace(d[t.i]) && !isPunct(d[t.i]) {
			t.i++
		}
	}
	return d[start:t.i], true
}

// skip passes over the rest of a container whose opener was just read,
// returning its closer and whether it was empty.
func (t *jsonScanner) skip() (end byte, empty, ok bool) {
	level := 1
	for n := 0; ; n++ {
		tok, ok := t.next()
		if !ok || tok == nil {
			return 0, false, false
		}
		switch tok[0] {
		case '{', '[':
			level++
		case '}', ']':
			level--
			if level == 0 {
				return tok[0], n == 0, true
			}
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isPunct(c byte) bool {
	switch c {
	case '{', '}', '[', ']', ',', ':', '"':
		return true
	}
	return false
}

// clipBytes returns the first n bytes of s, backed off to a character
// boundary, followed by nothing: the caller adds the "…".
func clipBytes(s string, n int) string {
	if n >= len(s) {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// clipCode cuts each line of s longer than maxLine bytes, and s itself
// past limit bytes, marking each cut with "…"; cut reports any.
func clipCode(s string, maxLine, limit int) (string, bool) {
	if len(s) <= maxLine && len(s) <= limit && strings.IndexByte(s, '\n') < 0 {
		return s, false
	}
	var b strings.Builder
	cut := false
	for len(s) > 0 {
		line, rest, nl := strings.Cut(s, "\n")
		s = rest
		room := limit - b.Len()
		if len(line) > min(maxLine, room) {
			b.WriteString(clipBytes(line, max(0, min(maxLine, room))))
			b.WriteString(ellipsis)
			cut = true
			if room <= maxLine {
				return b.String(), true
			}
		} else {
			b.WriteString(line)
		}
		if nl {
			if b.Len() >= limit {
				b.WriteString(ellipsis)
				return b.String(), true
			}
			b.WriteByte('\n')
		}
	}
	return b.String(), cut
}
