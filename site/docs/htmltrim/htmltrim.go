// Package htmltrim drops the indentation of HTML: the spaces and tabs that
// start a line of text, outside the elements whose whitespace shows (pre,
// listing, textarea) or is not text (script, style and the other raw text
// elements). It also writes the quotes html/template escapes in text
// (&#34;, &#39;) as themselves. A browser builds the same document from
// the result, but for runs of whitespace in text, which it draws as one
// space either way (unless CSS sets white-space on an element that is not
// one of those).
//
// It scans the markup as HTML's tokenizer does, as far as finding where
// text is; wherever the tree a browser builds could put text somewhere
// the scan cannot follow (a table or foreign content inside a pre, a
// script with a comment in it), it copies the rest of the document as it
// is, which is always correct.
package htmltrim

import (
	"bytes"
)

// Append appends src, an HTML document or fragment, to dst with its
// indentation dropped, and returns the extended buffer.
func Append(dst, src []byte) []byte {
	var s scan
	for len(src) > 0 {
		i := bytes.IndexByte(src, '<')
		if i < 0 {
			i = len(src)
		}
		if s.pre == 0 && s.listing == 0 {
			dst = appendText(dst, src[:i])
		} else {
			dst = append(dst, src[:i]...)
		}
		src = src[i:]
		if len(src) == 0 {
			break
		}
		n, name, start := markup(src)
		if n == 0 { // a "<" of the text
			dst = append(dst, '<')
			src = src[1:]
			continue
		}
		if n < 0 || !s.tag(name, start) {
			return append(dst, src...)
		}
		dst = append(dst, src[:n]...)
		src = src[n:]
		if start && rawText[name] {
			k := rawEnd(src, name)
			if k < 0 || name == "script" && bytes.Contains(src[:k], []byte("<!--")) {
				// In a script, "<!--" may hide the end tag from the
				// browser: the rest goes as it is.
				return append(dst, src...)
			}
			dst = append(dst, src[:k]...)
			src = src[k:]
		}
	}
	return dst
}

// scan is what Append keeps track of: the pre and listing elements open.
type scan struct {
	pre, listing int
}

// tag notes a start or end tag; false means the rest of the document is to
// be copied as it is.
func (s *scan) tag(name string, start bool) bool {
	switch name {
	case "pre":
		s.pre = open(s.pre, start)
	case "listing":
		s.listing = open(s.listing, start)
	case "plaintext", "svg", "math":
		return !start
	default:
		// An end tag of a pre is ignored when a table, a template or the
		// like is open in it: the element stays open.
		return !start || !scoped[name] || s.pre == 0 && s.listing == 0
	}
	return true
}

func open(n int, start bool) int {
	if start {
		return n + 1
	}
	return max(n-1, 0)
}

// scoped are the elements that end the scope in which an end tag finds its
// element (HTML's "has an element in scope").
var scoped = map[string]bool{
	"applet": true, "caption": true, "html": true, "table": true, "td": true, "th": true,
	"marquee": true, "object": true, "template": true, "tr": true, "tbody": true,
	"thead": true, "tfoot": true, "select": true, "button": true,
}

// rawText are the elements whose content is text up to their end tag.
var rawText = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
	"iframe": true, "noembed": true, "noframes": true, "noscript": true,
}

// rawEnd returns the index in src of the end tag of the raw text element
// name ("</name" and a space, "/" or ">", in any case), or -1.
func rawEnd(src []byte, name string) int {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("</"))
		if j < 0 {
			return -1
		}
		i += j
		rest := src[i+2:]
		if len(rest) > len(name) && bytes.EqualFold(rest[:len(name)], []byte(name)) {
			switch rest[len(name)] {
			case ' ', '\t', '\n', '\f', '\r', '/', '>':
				return i
			}
		}
		i += 2
	}
}

// markup scans the markup at the start of src, which starts with "<": it
// returns its length, and for a tag its lower-case name and whether it is a
// start tag. The length is 0 when the "<" is text, and -1 when the markup
// does not end in src.
func markup(src []byte) (n int, name string, start bool) {
	if len(src) < 2 {
		return 0, "", false
	}
	switch c := src[1]; {
	case isLetter(c):
		return tagEnd(src, 1)
	case c == '/':
		if len(src) > 2 && isLetter(src[2]) {
			n, name, _ := tagEnd(src, 2)
			return n, name, false
		}
		return upTo(src, 2, ">") // "</>", or a bogus comment
	case c == '!':
		if bytes.HasPrefix(src, []byte("<!--")) {
			// The first "-->" after "<!--": a browser ends some comments
			// sooner ("<!-->", "--!>"), which only leaves more as it is.
			return upTo(src, 4, "-->")
		}
		return upTo(src, 2, ">") // a doctype, or a bogus comment
	case c == '?':
		return upTo(src, 2, ">")
	}
	return 0, "", false
}

// upTo returns the length of src up to the end of the first sep at or
// after from, or -1.
func upTo(src []byte, from int, sep string) (int, string, bool) {
	if from > len(src) {
		return -1, "", false
	}
	i := bytes.Index(src[from:], []byte(sep))
	if i < 0 {
		return -1, "", false
	}
	return from + i + len(sep), "", false
}

// tagEnd scans the tag whose name starts at src[i]: its name, then its
// attributes, to the ">" that ends it (one in a quoted value does not).
func tagEnd(src []byte, i int) (int, string, bool) {
	j := i
	for j < len(src) && !isSpace(src[j]) && src[j] != '/' && src[j] != '>' {
		j++
	}
	name := lower(src[i:j])
	for j < len(src) {
		// Before an attribute's name.
		for j < len(src) && (isSpace(src[j]) || src[j] == '/') {
			j++
		}
		if j >= len(src) {
			break
		}
		if src[j] == '>' {
			return j + 1, name, true
		}
		// Its name: its first character may be "=".
		j++
		for j < len(src) && !isSpace(src[j]) && src[j] != '/' && src[j] != '>' && src[j] != '=' {
			j++
		}
		for j < len(src) && isSpace(src[j]) {
			j++
		}
		if j >= len(src) || src[j] != '=' {
			continue
		}
		// Its value.
		j++
		for j < len(src) && isSpace(src[j]) {
			j++
		}
		if j >= len(src) {
			break
		}
		switch q := src[j]; q {
		case '"', '\'':
			k := bytes.IndexByte(src[j+1:], q)
			if k < 0 {
				return -1, "", false
			}
			j += k + 2
		case '>':
			return j + 1, name, true
		default:
			for j < len(src) && !isSpace(src[j]) && src[j] != '>' {
				j++
			}
		}
	}
	return -1, "", false
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// lower returns name in lower case (HTML's tag names are ASCII-case-
// insensitive) if it is one Append looks for (known), else "".
func lower(name []byte) string {
	for _, c := range name {
		if 'A' <= c && c <= 'Z' {
			return known[string(bytes.ToLower(name))]
		}
	}
	return known[string(name)]
}

// known are the tag names Append looks for, kept as strings.
var known = func() map[string]string {
	m := map[string]string{}
	for _, set := range []map[string]bool{scoped, rawText} {
		for k := range set {
			m[k] = k
		}
	}
	for _, k := range []string{"pre", "listing", "plaintext", "svg", "math"} {
		m[k] = k
	}
	return m
}()

// appendText appends text without the spaces and tabs that follow each
// newline, and with &#34; and &#39; as quotes.
func appendText(dst, text []byte) []byte {
	for len(text) > 0 {
		i := bytes.IndexAny(text, "\n&")
		if i < 0 {
			return append(dst, text...)
		}
		dst = append(dst, text[:i+1]...)
		rest := text[i+1:]
		if text[i] == '\n' {
			j := 0
			for j < len(rest) && (rest[j] == ' ' || rest[j] == '\t') {
				j++
			}
			text = rest[j:]
			continue
		}
		switch {
		case bytes.HasPrefix(rest, []byte("#34;")):
			dst[len(dst)-1] = '"'
			rest = rest[4:]
		case bytes.HasPrefix(rest, []byte("#39;")):
			dst[len(dst)-1] = '\''
			rest = rest[4:]
		}
		text = rest
	}
	return dst
}
