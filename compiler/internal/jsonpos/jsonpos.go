// Package jsonpos parses JSON into a tree that remembers where every value
// and key came from, so errors about a JSON file can point at line:col, and
// syntax errors are reported as positions rather than byte offsets.
package jsonpos

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unsafe"

	"github.com/modc-dev/modc/compiler/diag"
)

// Kind is the JSON type of a node.
type Kind int

// The JSON kinds.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"null", "boolean", "number", "string", "array", "object"}

// String names the kind as in a message ("object", "string"…).
func (k Kind) String() string { return kindNames[k] }

// Node is one JSON value with its byte range in the file.
type Node struct {
	Kind   Kind
	Offset int // first byte of the value
	End    int // one past its last byte
	// Raw is the value's text, a slice of the text parsed (of the
	// source's own text, for ParseSource): read it, never write into it.
	Raw []byte

	Bool   bool
	Str    string
	Num    json.Number
	Items  []*Node  // Array
	Fields []*Field // Object, in file order
}

// Field is one key/value pair of an object.
type Field struct {
	Key       string
	KeyOffset int
	Value     *Node
}

// Get returns the value of key in an object node, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Object {
		return nil
	}
	for _, f := range n.Fields {
		if f.Key == key {
			return f.Value
		}
	}
	return nil
}

// Field returns the field for key in an object node, or nil.
func (n *Node) Field(key string) *Field {
	if n == nil || n.Kind != Object {
		return nil
	}
	for _, f := range n.Fields {
		if f.Key == key {
			return f
		}
	}
	return nil
}

// Decode unmarshals the node's raw bytes into v.
func (n *Node) Decode(v any) error { return json.Unmarshal(n.Raw, v) }

// Value returns the node as plain Go values (map[string]any, []any, string,
// float64, bool, nil), with objects as map and numbers as float64.
func (n *Node) Value() any {
	var v any
	_ = json.Unmarshal(n.Raw, &v)
	return v
}

// Error is a JSON syntax or structure error at a byte offset.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

// Parse parses data as one JSON value. Duplicate keys in an object are an
// error, as is anything after the value but whitespace.
func Parse(data []byte) (*Node, error) {
	// encoding/json's scanner checks the syntax first and reports an error
	// at its exact byte (into a RawMessage, it builds no values); the tree
	// is then built in one pass over text known to be valid.
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off := int(se.Offset) - 1
			if off < 0 || len(data) == 0 {
				off = 0
			}
			msg := se.Error()
			if se.Offset >= int64(len(data)) && msg == "unexpected end of JSON input" {
				off, msg = len(data), "unexpected end of file"
			}
			return nil, &Error{Offset: off, Msg: msg}
		}
		return nil, &Error{Offset: 0, Msg: err.Error()}
	}
	p := &parser{data: data}
	return p.value(p.skipSpace(0))
}

// ParseSource parses src's text and turns any error into a diagnostic at
// its line and column. The nodes' Raw are slices of src.Text itself, not
// of a copy: a JSON file is held once, however many of its values are
// kept (the workspace's queries and examples at 5,000 modules: ~7 MB).
func ParseSource(src *diag.Source) (*Node, *diag.Message) {
	n, err := Parse(unsafe.Slice(unsafe.StringData(src.Text), len(src.Text)))
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			m := diag.Errorf("json-syntax", src.Loc(e.Offset), "invalid JSON: %s", e.Msg)
			return nil, &m
		}
		m := diag.Errorf("json-syntax", src.Loc(0), "invalid JSON: %v", err)
		return nil, &m
	}
	return n, nil
}

// parser builds the tree of JSON text that encoding/json found valid.
type parser struct {
	data []byte
}

func (p *parser) skipSpace(off int) int {
	for off < len(p.data) {
		switch p.data[off] {
		case ' ', '\t', '\r', '\n':
			off++
		default:
			return off
		}
	}
	return off
}

// value parses the value that starts at off.
func (p *parser) value(off int) (*Node, error) {
	d := p.data
	n := &Node{Offset: off}
	var err error
	switch c := d[off]; {
	case c == '{':
		n.Kind = Object
		n.End, err = p.object(n, off+1)
	case c == '[':
		n.Kind = Array
		n.End, err = p.array(n, off+1)
	case c == '"':
		n.Kind = String
		n.Str, n.End, err = p.str(off)
	case c == 't':
		n.Kind, n.Bool, n.End = Bool, true, off+4
	case c == 'f':
		n.Kind, n.End = Bool, off+5
	case c == 'n':
		n.Kind, n.End = Null, off+4
	default:
		end := off
		for end < len(d) && strings.IndexByte("+-.0123456789eE", d[end]) >= 0 {
			end++
		}
		n.Kind, n.Num, n.End = Number, json.Number(d[off:end]), end
	}
	if err != nil {
		return nil, err
	}
	n.Raw = d[n.Offset:n.End:n.End] // no room to append into the text
	return n, nil
}

// str decodes the string that starts at off and returns where it ends.
func (p *parser) str(off int) (string, int, error) {
	d := p.data
	plain := true // no escape, only ASCII: the text is the value
	end := off + 1
	for ; d[end] != '"'; end++ {
		switch c := d[end]; {
		case c == '\\':
			plain = false
			end++
		case c >= 0x80:
			plain = false
		}
	}
	end++
	if plain {
		return string(d[off+1 : end-1]), end, nil
	}
	var s string
	if err := json.Unmarshal(d[off:end], &s); err != nil {
		return "", end, &Error{Offset: off, Msg: err.Error()}
	}
	return s, end, nil
}

// object parses the members of the object whose '{' is before off and
// returns the offset after its '}'.
func (p *parser) object(n *Node, off int) (int, error) {
	d := p.data
	var seen map[string]bool
	for {
		off = p.skipSpace(off)
		switch d[off] {
		case '}':
			return off + 1, nil
		case ',':
			off = p.skipSpace(off + 1)
		}
		key, end, err := p.str(off)
		if err != nil {
			return 0, err
		}
		// Duplicates: the keys so far are compared one by one, until an
		// object has enough of them for a map to pay (most have a few).
		dup := false
		if seen == nil && len(n.Fields) >= manyFields {
			seen = make(map[string]bool, 2*manyFields)
			for _, f := range n.Fields {
				seen[f.Key] = true
			}
		}
		if seen != nil {
			dup = seen[key]
			seen[key] = true
		} else {
			for _, f := range n.Fields {
				if f.Key == key {
					dup = true
					break
				}
			}
		}
		if dup {
			return 0, &Error{Offset: off, Msg: "duplicate key " + strconv.Quote(key)}
		}
		colon := p.skipSpace(end)
		v, err := p.value(p.skipSpace(colon + 1))
		if err != nil {
			return 0, err
		}
		n.Fields = append(n.Fields, &Field{Key: key, KeyOffset: off, Value: v})
		off = v.End
	}
}

// manyFields is the number of keys from which an object's duplicates are
// looked up in a map.
const manyFields = 16

// array parses the items of the array whose '[' is before off and returns
// the offset after its ']'.
func (p *parser) array(n *Node, off int) (int, error) {
	d := p.data
	for {
		off = p.skipSpace(off)
		switch d[off] {
		case ']':
			return off + 1, nil
		case ',':
			off = p.skipSpace(off + 1)
		}
		v, err := p.value(off)
		if err != nil {
			return 0, err
		}
		n.Items = append(n.Items, v)
		off = v.End
	}
}

// StringOffset maps byte index i of a string node's decoded value to the
// byte offset in the file, accounting for escapes in the raw text.
func (n *Node) StringOffset(i int) int {
	raw := n.Raw
	if n.Kind != String || len(raw) < 2 {
		return n.Offset
	}
	r, d := 1, 0 // index into raw (after the quote) and into the decoded value
	for r < len(raw)-1 && d < i {
		if raw[r] == '\\' && r+1 < len(raw)-1 {
			if raw[r+1] == 'u' {
				// \uXXXX decodes to 1-3 UTF-8 bytes (4 for a surrogate pair in two escapes).
				cp, _ := strconv.ParseUint(string(raw[min(r+2, len(raw)):min(r+6, len(raw))]), 16, 32)
				switch {
				case cp < 0x80:
					d++
				case cp < 0x800:
					d += 2
				case cp >= 0xD800 && cp < 0xDC00:
					d += 4
					r += 6 // the low surrogate's escape
				default:
					d += 3
				}
				r += 6
				continue
			}
			r += 2
			d++
			continue
		}
		r++
		d++
	}
	return n.Offset + r
}
