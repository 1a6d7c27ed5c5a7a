// Package jsonpos parses JSON into a tree that remembers where every value
// and key came from, so errors about a JSON file can point at line:col, and
// syntax errors are reported as positions rather than byte offsets.
package jsonpos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

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
	Raw    []byte

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
	// The scanner behind Unmarshal reports syntax errors at the exact byte;
	// the token stream below does not, so syntax is checked first.
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
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
	p := &parser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	n, err := p.value()
	if err != nil {
		return nil, err
	}
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, &Error{Offset: p.skipSpace(n.End), Msg: "unexpected content after the JSON value"}
	}
	return n, nil
}

// ParseSource parses src's text and turns any error into a diagnostic at its line and column.
func ParseSource(src *diag.Source) (*Node, *diag.Message) {
	n, err := Parse([]byte(src.Text))
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			m := diag.Errorf(src.Loc(e.Offset), "invalid JSON: %s", e.Msg)
			return nil, &m
		}
		m := diag.Errorf(src.Loc(0), "invalid JSON: %v", err)
		return nil, &m
	}
	return n, nil
}

type parser struct {
	data []byte
	dec  *json.Decoder
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

// token reads the next token and the offset where it starts.
func (p *parser) token() (json.Token, int, error) {
	start := p.skipSpace(int(p.dec.InputOffset()))
	// The decoder's offset sits before a separating ',' or ':' it has not consumed yet.
	if start < len(p.data) && (p.data[start] == ',' || p.data[start] == ':') {
		start = p.skipSpace(start + 1)
	}
	t, err := p.dec.Token()
	if err != nil {
		return nil, start, p.wrap(err, start)
	}
	return t, start, nil
}

func (p *parser) wrap(err error, start int) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		off := int(se.Offset)
		if off > 0 {
			off-- // Offset counts the bad byte as read.
		}
		return &Error{Offset: off, Msg: se.Error()}
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Offset: len(p.data), Msg: "unexpected end of file"}
	}
	return &Error{Offset: start, Msg: err.Error()}
}

func (p *parser) value() (*Node, error) {
	t, start, err := p.token()
	if err != nil {
		return nil, err
	}
	return p.valueFrom(t, start)
}

func (p *parser) valueFrom(t json.Token, start int) (*Node, error) {
	n := &Node{Offset: start}
	switch v := t.(type) {
	case json.Delim:
		switch v {
		case '{':
			n.Kind = Object
			if err := p.object(n); err != nil {
				return nil, err
			}
		case '[':
			n.Kind = Array
			if err := p.array(n); err != nil {
				return nil, err
			}
		default:
			return nil, &Error{Offset: start, Msg: fmt.Sprintf("unexpected %q", string(v))}
		}
	case string:
		n.Kind, n.Str = String, v
	case json.Number:
		n.Kind, n.Num = Number, v
	case bool:
		n.Kind, n.Bool = Bool, v
	case nil:
		n.Kind = Null
	}
	n.End = int(p.dec.InputOffset())
	n.Raw = p.data[n.Offset:n.End]
	return n, nil
}

func (p *parser) object(n *Node) error {
	seen := map[string]bool{}
	for p.dec.More() {
		t, off, err := p.token()
		if err != nil {
			return err
		}
		key, ok := t.(string)
		if !ok {
			return &Error{Offset: off, Msg: "object keys must be strings"}
		}
		if seen[key] {
			return &Error{Offset: off, Msg: "duplicate key " + strconv.Quote(key)}
		}
		seen[key] = true
		v, err := p.value()
		if err != nil {
			return err
		}
		n.Fields = append(n.Fields, &Field{Key: key, KeyOffset: off, Value: v})
	}
	_, _, err := p.token() // '}'
	return err
}

func (p *parser) array(n *Node) error {
	for p.dec.More() {
		v, err := p.value()
		if err != nil {
			return err
		}
		n.Items = append(n.Items, v)
	}
	_, _, err := p.token() // ']'
	return err
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
