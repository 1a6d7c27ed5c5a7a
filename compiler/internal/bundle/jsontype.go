package bundle

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
)

// Limits of the TypeScript types made from JSON values (mocks, input
// defaults), so that a huge mock cannot blow up a .d.ts: deeper values,
// objects with more keys and fields past the total are typed any.
const (
	jsonTypeDepth     = 8
	jsonTypeKeys      = 100
	jsonTypeFields    = 1000
	jsonTypeMaxLength = 64 << 10 // bytes of the rendered type
)

// Kinds of JSON values a shape has seen, as bits.
const (
	kindString = 1 << iota
	kindNumber
	kindBoolean
	kindNull
	kindObject
	kindArray
	kindAny // too deep, too big: no type
)

// shape is the type of the JSON values seen at one place: every kind of
// value seen there, the merged fields of its objects and the merged type
// of its arrays' elements.
type shape struct {
	kinds   int
	fields  []*field
	index   map[string]int
	objects int    // objects merged into fields
	elem    *shape // nil when every array seen was empty
	open    bool   // an object had too many keys: any key
}

type field struct {
	name string
	s    *shape
	seen int // objects that had the field
}

// jsonShaper builds shapes, counting fields against jsonTypeFields.
type jsonShaper struct {
	fields int
}

// jsonType returns the TypeScript type of the JSON value raw: objects with
// their keys (quoted when not identifiers; optional when only some of an
// array's objects have them), arrays of the merged type of their elements,
// string, number, boolean and null. A value that is only ever null, an
// empty or invalid raw, and values beyond the size limits are any.
func jsonType(raw json.RawMessage) string {
	if len(bytes.TrimSpace(raw)) == 0 {
		return "any"
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var js jsonShaper
	s := &shape{}
	if err := js.add(s, dec, 0); err != nil {
		return "any"
	}
	if _, err := dec.Token(); err != io.EOF {
		return "any"
	}
	out := s.render("")
	if len(out) > jsonTypeMaxLength {
		return "any"
	}
	return out
}

// add merges the next value of dec into s.
func (js *jsonShaper) add(s *shape, dec *json.Decoder, depth int) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch v := tok.(type) {
	case json.Delim:
		if depth >= jsonTypeDepth {
			s.kinds |= kindAny
			return skip(dec, v)
		}
		if v == '[' {
			s.kinds |= kindArray
			for dec.More() {
				if s.elem == nil {
					s.elem = &shape{}
				}
				if err := js.add(s.elem, dec, depth+1); err != nil {
					return err
				}
			}
			_, err := dec.Token()
			return err
		}
		s.kinds |= kindObject
		s.objects++
		if s.index == nil {
			s.index = map[string]int{}
		}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return err
			}
			key, _ := kt.(string)
			i, ok := s.index[key]
			if !ok {
				if s.open || len(s.fields) >= jsonTypeKeys || js.fields >= jsonTypeFields {
					s.open = true
					if err := skipValue(dec); err != nil {
						return err
					}
					continue
				}
				js.fields++
				i = len(s.fields)
				s.index[key] = i
				s.fields = append(s.fields, &field{name: key, s: &shape{}})
			}
			f := s.fields[i]
			f.seen++
			if err := js.add(f.s, dec, depth+1); err != nil {
				return err
			}
		}
		_, err := dec.Token()
		return err
	case string:
		s.kinds |= kindString
	case json.Number:
		s.kinds |= kindNumber
	case bool:
		s.kinds |= kindBoolean
	case nil:
		s.kinds |= kindNull
	}
	return nil
}

// skipValue reads past the next value of dec.
func skipValue(dec *json.Decoder) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); ok {
		return skip(dec, d)
	}
	return nil
}

// skip reads past the rest of the array or object opened by d.
func skip(dec *json.Decoder, d json.Delim) error {
	if d != '[' && d != '{' {
		return nil
	}
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			depth++
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
	}
	return nil
}

// render writes s as a TypeScript type; indent is the indentation of the
// line it starts on.
func (s *shape) render(indent string) string {
	if s == nil || s.kinds&kindAny != 0 || s.kinds == 0 || s.kinds == kindNull {
		return "any"
	}
	var parts []string
	if s.kinds&kindObject != 0 {
		parts = append(parts, s.object(indent))
	}
	if s.kinds&kindArray != 0 {
		elem := s.elem.render(indent)
		if s.elem.union() {
			elem = "(" + elem + ")"
		}
		parts = append(parts, elem+"[]")
	}
	for _, k := range []struct {
		bit  int
		name string
	}{{kindString, "string"}, {kindNumber, "number"}, {kindBoolean, "boolean"}, {kindNull, "null"}} {
		if s.kinds&k.bit != 0 {
			parts = append(parts, k.name)
		}
	}
	return strings.Join(parts, " | ")
}

// union reports whether s renders as a union (which needs parentheses
// before []).
func (s *shape) union() bool {
	if s == nil || s.kinds&kindAny != 0 || s.kinds == kindNull {
		return false
	}
	n := 0
	for k := s.kinds; k != 0; k &= k - 1 {
		n++
	}
	return n > 1
}

// object renders the merged fields of s's objects.
func (s *shape) object(indent string) string {
	if len(s.fields) == 0 {
		return "{ [key: string]: any }"
	}
	inner := indent + "  "
	var b strings.Builder
	b.WriteString("{\n")
	for _, f := range s.fields {
		opt := ""
		if f.seen < s.objects {
			opt = "?"
		}
		b.WriteString(inner + propKey(f.name) + opt + ": " + f.s.render(inner) + ";\n")
	}
	if s.open {
		b.WriteString(inner + "[key: string]: any;\n")
	}
	b.WriteString(indent + "}")
	return b.String()
}
