package bundle

import (
	"fmt"
	"strings"
	"testing"
)

func TestJSONType(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{``, "any"},
		{`null`, "any"},
		{`{"a":`, "any"},
		{`1 2`, "any"},
		{`"x"`, "string"},
		{`1.5`, "number"},
		{`true`, "boolean"},
		{`[]`, "any[]"},
		{`{}`, "{ [key: string]: any }"},
		{`[1, "a", null]`, "(string | number | null)[]"},
		{`[[1], [2, 3]]`, "number[][]"},
		{`{"a b": 1, "ok": [true], "__proto__": null}`, "{\n  \"a b\": number;\n  ok: boolean[];\n  __proto__: any;\n}"},
		{`[{"a": 1}, {"a": null, "b": "x"}]`, "{\n  a: number | null;\n  b?: string;\n}[]"},
	} {
		if got := jsonType([]byte(c.in)); got != c.want {
			t.Errorf("jsonType(%s) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestJSONTypeBounded: a huge mock gives a type of bounded size.
func TestJSONTypeBounded(t *testing.T) {
	// 5,000 objects, each with its own 3 keys: 15,000 distinct fields.
	var b strings.Builder
	b.WriteString("[")
	for i := range 5000 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"a%d": 1, "b%d": {"c": [%d]}, "c%d": "x"}`, i, i, i, i)
	}
	b.WriteString("]")
	got := jsonType([]byte(b.String()))
	if len(got) > 4000 || !strings.Contains(got, "[key: string]: any;") {
		t.Errorf("type of %d bytes, want at most 4000 with an index signature:\n%.300s", len(got), got)
	}
	// 10,000 levels deep.
	deep := strings.Repeat(`{"x":`, 10000) + "1" + strings.Repeat("}", 10000)
	got = jsonType([]byte(deep))
	if strings.Count(got, "x:") != jsonTypeDepth || !strings.Contains(got, "x: any;") {
		t.Errorf("deep type:\n%s", got)
	}
	// Many fields spread over many objects stop at jsonTypeFields.
	b.Reset()
	b.WriteString("{")
	for i := range 200 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"k%d": {`, i)
		for j := range 50 {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `"f%d": %d`, j, j)
		}
		b.WriteString("}")
	}
	b.WriteString("}")
	got = jsonType([]byte(b.String()))
	if n := strings.Count(got, ": number;"); n > jsonTypeFields {
		t.Errorf("%d typed fields, want at most %d", n, jsonTypeFields)
	}
}
