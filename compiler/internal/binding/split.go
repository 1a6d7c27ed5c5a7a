// Package binding finds mustache bindings ({{ … }}) in strings and compiles
// templates and query requests into plain JavaScript at build time, so that
// nothing is evaluated with eval or new Function at run time.
//
// # Finding bindings
//
// [Split] cuts a string into literal text and bindings. A binding opens at
// "{{" and closes at the first "}}" that is outside any JavaScript string,
// template literal, comment or regular expression and not inside braces the
// binding itself opened. So `{{ {a: "}}"}.a }}` and `{{ {a: {b: 1}} }}` are
// one binding each. Inside a binding:
//
//   - '…' and "…" strings honor backslash escapes and end at their closing
//     quote or, as error recovery, just before a line break;
//   - `…` template literals may span lines and nest ${…} substitutions;
//   - // comments run to the end of the line, /* */ comments to their end;
//   - a '/' starts a regular expression where the previous significant token
//     allows one (start of the binding, an operator or opening punctuation, a
//     keyword such as return or typeof), as JavaScript tokenizers decide;
//     after a name, a number, a literal, ')', ']' or a postfix ++/-- it is a
//     division (so `if (a) /re/` is misread, as by any such tokenizer); a
//     regular expression that does not close on its line is read as a division
//     (and after 16 of those in one string, every '/' is);
//   - a '}' that closes no brace of the binding and is not followed by a
//     second '}' is part of the code (the JavaScript parser reports it later).
//
// Unbalanced input has a defined result, and concatenating the segments
// (text as is, bindings as "{{" + Text + "}}") always gives back the input:
//
//   - A "{{" that never closes (`{{ a`, `{{ "}}`, `{{ a /* }}`) opens no
//     binding: its first '{' is literal text and the search goes on at the
//     next byte. So `{{ a` is all text, and `{{ a {{ b }}` is the text
//     "{{ a " then the binding " b ".
//   - `{{{}}` is the text "{" then the empty binding "": the outer "{{" never
//     closes (its code `{}}` ends in a lone '}'), the next one does.
//     Likewise `{{{ a }}` is "{" then the binding " a ".
//   - A "}}" outside a binding (`a }}`) is literal text, and so is the third
//     brace of `{{ a }}}`.
//   - To keep the work linear in the length of the string, once 64 "{{"
//     were found never to close, the rest of the string is text.
package binding

import "strings"

// Segment is one piece of a string split by [Split]: literal text, or the
// JavaScript source of a binding.
type Segment struct {
	// Text is the literal text, or for a binding the source between "{{" and "}}".
	Text string
	// Offset is the byte offset in the split string where Text starts
	// (for a binding, just after "{{").
	Offset int
	// Binding is true for a binding.
	Binding bool
}

// maxUnclosed bounds the number of "{{" that Split tries and finds never
// closing; each costs a scan to the end of the string.
const maxUnclosed = 64

// Split cuts s into literal text and bindings. Text segments are never
// empty and never adjacent; binding segments may be empty ("{{}}"). See the
// package documentation for the rules, including those for unbalanced input.
func Split(s string) []Segment {
	var segs []Segment
	text := 0     // start of the pending text
	unclosed := 0 // "{{" found not to close
	badRegex := 0 // regular expressions found not to close
	for i := 0; ; {
		k := strings.Index(s[i:], "{{")
		if k < 0 {
			break
		}
		open := i + k
		end := closeBinding(s, open+2, &badRegex)
		if end < 0 {
			if unclosed++; unclosed >= maxUnclosed {
				break
			}
			i = open + 1
			continue
		}
		if open > text {
			segs = append(segs, Segment{Text: s[text:open], Offset: text})
		}
		segs = append(segs, Segment{Text: s[open+2 : end], Offset: open + 2, Binding: true})
		text = end + 2
		i = text
	}
	if text < len(s) {
		segs = append(segs, Segment{Text: s[text:], Offset: text})
	}
	return segs
}

// IsSingleBinding reports whether segs hold exactly one binding and
// otherwise only whitespace, as in " {{ user }} ". Such a string stands for
// the binding's raw value; the surrounding whitespace is dropped.
func IsSingleBinding(segs []Segment) bool {
	n := 0
	for _, s := range segs {
		if s.Binding {
			n++
		} else if strings.TrimSpace(s.Text) != "" {
			return false
		}
	}
	return n == 1
}

// closeBinding scans JavaScript from i, just after "{{", and returns the
// offset of the "}}" that closes the binding, or -1 when there is none.
// badRegex counts the regular expressions that did not close, in all scans
// of s.
func closeBinding(s string, i int, badRegex *int) int {
	depth := 0     // braces opened in the current expression
	var subs []int // depths saved by each open ${ substitution
	regexOK := true
	afterDot := false // previous token was '.', so a keyword is a property name
	for i < len(s) {
		c := s[i]
		dot := false
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			i++
			continue
		case c == '/' && i+1 < len(s) && s[i+1] == '/':
			i = lineEnd(s, i+2)
			continue
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			k := strings.Index(s[i+2:], "*/")
			if k < 0 {
				return -1
			}
			i += 2 + k + 2
			continue
		case c == '/' && regexOK && *badRegex < maxBadRegex:
			if j := skipRegex(s, i+1); j >= 0 {
				i, regexOK = j, false
			} else {
				i++ // no closing '/' on the line: a division
				*badRegex++
			}
		case c == '"' || c == '\'':
			i, regexOK = skipString(s, i+1, c), false
		case c == '`':
			j, open := skipTemplate(s, i+1)
			if j < 0 {
				return -1
			}
			i, regexOK = j, open
			if open {
				subs = append(subs, depth)
				depth = 0
			}
		case c == '{':
			i, depth, regexOK = i+1, depth+1, true
		case c == '}':
			switch {
			case depth > 0:
				i, depth, regexOK = i+1, depth-1, true
			case len(subs) > 0: // closes a ${ substitution
				depth, subs = subs[len(subs)-1], subs[:len(subs)-1]
				j, open := skipTemplate(s, i+1)
				if j < 0 {
					return -1
				}
				i, regexOK = j, open
				if open {
					subs = append(subs, depth)
					depth = 0
				}
			case i+1 < len(s) && s[i+1] == '}':
				return i
			default: // a stray '}': code for the JavaScript parser to judge
				i, regexOK = i+1, true
			}
		case c == ')' || c == ']':
			i, regexOK = i+1, false
		case (c == '+' || c == '-') && i+1 < len(s) && s[i+1] == c:
			i, regexOK = i+2, false // a++ / b: postfix is the likely reading
		case isWordByte(c):
			j := i + 1
			for j < len(s) && isWordByte(s[j]) {
				j++
			}
			regexOK = !afterDot && regexKeywords[s[i:j]]
			i = j
		default: // other punctuation: an operand follows
			i, regexOK, dot = i+1, true, c == '.'
		}
		afterDot = dot
	}
	return -1
}

// maxBadRegex bounds the regular expressions that Split tries and finds
// not closing on their line; each costs a scan to the end of the line.
const maxBadRegex = 16

// regexKeywords are the words after which a '/' starts a regular expression.
var regexKeywords = map[string]bool{
	"return": true, "typeof": true, "instanceof": true, "in": true, "of": true,
	"new": true, "delete": true, "void": true, "throw": true, "case": true,
	"do": true, "else": true, "yield": true, "await": true,
}

// isWordByte reports whether c may be part of an identifier, keyword or
// number. Bytes of non-ASCII characters count as word bytes.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '$' || c == '\\' || c >= 0x80
}

// lineEnd returns the offset of the first line terminator at or after i
// (\n, \r, U+2028, U+2029), or len(s).
func lineEnd(s string, i int) int {
	for ; i < len(s); i++ {
		switch s[i] {
		case '\n', '\r':
			return i
		case 0xE2:
			if strings.HasPrefix(s[i:], "\u2028") || strings.HasPrefix(s[i:], "\u2029") {
				return i
			}
		}
	}
	return i
}

// skipString returns the offset after the string literal whose body starts
// at i and which is closed by quote. An unterminated string ends before the
// line break or at the end of s.
func skipString(s string, i int, quote byte) int {
	for i < len(s) {
		switch s[i] {
		case quote:
			return i + 1
		case '\\':
			i += 2
			if i < len(s) && s[i-1] == '\r' && s[i] == '\n' {
				i++ // a line continuation with CRLF
			}
		case '\n', '\r':
			return i
		default:
			i++
		}
	}
	return len(s)
}

// skipRegex returns the offset after the regular expression literal (and
// its flags) whose body starts at i, or -1 when it does not close on its line.
func skipRegex(s string, i int) int {
	class := false
	for i < len(s) {
		switch c := s[i]; {
		case c == '\\':
			if i+1 < len(s) && (s[i+1] == '\n' || s[i+1] == '\r') {
				return -1
			}
			i += 2
			continue
		case c == '\n' || c == '\r':
			return -1
		case c == '[':
			class = true
		case c == ']':
			class = false
		case c == '/' && !class:
			i++
			for i < len(s) && isWordByte(s[i]) {
				i++
			}
			return i
		}
		i++
	}
	return -1
}

// skipTemplate scans template literal characters from i and returns the
// offset after the closing '`' (open false) or after a "${" (open true),
// or -1 at the end of s.
func skipTemplate(s string, i int) (end int, open bool) {
	for i < len(s) {
		switch s[i] {
		case '`':
			return i + 1, false
		case '\\':
			i += 2
			continue
		case '$':
			if i+1 < len(s) && s[i+1] == '{' {
				return i + 2, true
			}
		}
		i++
	}
	return -1, false
}
