package appsmith

import (
	"bytes"
	"encoding/json"

	"github.com/modc-dev/modc/compiler/internal/jsonpos"
)

// obj is a JSON object that keeps its keys in order when encoded.
type obj []kv

type kv struct {
	k string
	v any
}

// set replaces key's value, or appends it.
func (o *obj) set(k string, v any) {
	for i := range *o {
		if (*o)[i].k == k {
			(*o)[i].v = v
			return
		}
	}
	*o = append(*o, kv{k, v})
}

func (o obj) get(k string) (any, bool) {
	for _, e := range o {
		if e.k == k {
			return e.v, true
		}
	}
	return nil, false
}

// MarshalJSON writes the object with its keys in order.
func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshal(e.k)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := marshal(e.v)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal encodes v without escaping <, > and & (SQL and URLs read better).
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// document encodes v as a file: two-space indentation and a final newline.
func document(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// ordered turns parsed JSON into values that encode in the file's order,
// passing each string through str.
func ordered(n *jsonpos.Node, str func(string) string) any {
	switch n.Kind {
	case jsonpos.Object:
		o := make(obj, 0, len(n.Fields))
		for _, f := range n.Fields {
			o = append(o, kv{f.Key, ordered(f.Value, str)})
		}
		return o
	case jsonpos.Array:
		a := make([]any, len(n.Items))
		for i, it := range n.Items {
			a[i] = ordered(it, str)
		}
		return a
	case jsonpos.String:
		if str != nil {
			return str(n.Str)
		}
		return n.Str
	}
	return json.RawMessage(n.Raw)
}
