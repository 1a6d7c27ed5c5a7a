package jsonpos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unsafe"

	"github.com/modc-dev/modc/compiler/diag"
)

func TestPositions(t *testing.T) {
	src := "{\n  \"a\": [1, \"x\"],\n  \"b\": {\"c\": null}\n}\n"
	n, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s := diag.NewSource("f.json", src)
	if got := s.Loc(n.Field("b").KeyOffset).String(); got != "f.json:3:3" {
		t.Errorf("key b at %s", got)
	}
	if got := s.Loc(n.Get("a").Items[1].Offset).String(); got != "f.json:2:12" {
		t.Errorf("a[1] at %s", got)
	}
	if got := s.Loc(n.Get("b").Get("c").Offset).String(); got != "f.json:3:14" {
		t.Errorf("c at %s", got)
	}
	if string(n.Get("b").Raw) != `{"c": null}` {
		t.Errorf("raw %q", n.Get("b").Raw)
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"{\n  \"a\": 1,\n}", "f.json:3:1"},
		{"{\"a\": 1 \"b\": 2}", "f.json:1:9"},
		{"{\"a\": 1, \"a\": 2}", "f.json:1:10"},
		{"{\"a\": ", "f.json:1:7"},
		{"[1, 2] x", "f.json:1:8"},
		{"", "f.json:1:1"},
		{"{\n \"a\": tru }", "f.json:2:10"},
	} {
		_, m := ParseSource(diag.NewSource("f.json", c.src))
		if m == nil {
			t.Errorf("%q: no error", c.src)
			continue
		}
		if got := m.Location.String(); got != c.want {
			t.Errorf("%q: error at %s (%s), want %s", c.src, got, m.Text, c.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":null}]}`, `[`, `{"a":1,}`, `"x"`, `{"a":1,"a":2}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse([]byte(s))
		if err != nil {
			_, m := ParseSource(diag.NewSource("f.json", s))
			if m == nil || m.Location.Line < 1 {
				t.Fatalf("error without position for %q", s)
			}
			return
		}
		if n.Offset < 0 || n.End > len(s) || n.Offset > n.End {
			t.Fatalf("bad range %d..%d", n.Offset, n.End)
		}
	})
}

// TestDeep: JSON nested deeper than encoding/json's 10,000 levels is a
// located error (at the first bracket too deep), found in one pass without
// recursion; 10,000 levels parse.
func TestDeep(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	if _, err := Parse([]byte(deep(10000))); err != nil {
		t.Errorf("10,000 levels: %v", err)
	}
	src := "{\"a\":\n" + deep(100000) + "}"
	_, m := ParseSource(diag.NewSource("f.json", src))
	if m == nil {
		t.Fatal("no error for 100,000 levels")
	}
	if got := m.Location.String(); got != "f.json:2:10000" || !strings.Contains(m.Text, "depth") {
		t.Errorf("100,000 levels: %s", m)
	}
}

// checkTree checks n against encoding/json: its Raw is its range of data
// and decodes to the value the node holds, recursively.
func checkTree(t *testing.T, data []byte, n *Node) {
	t.Helper()
	if n.Offset < 0 || n.End > len(data) || n.Offset >= n.End || string(n.Raw) != string(data[n.Offset:n.End]) {
		t.Fatalf("node %d..%d: Raw %q is not its range", n.Offset, n.End, n.Raw)
	}
	var want any
	dec := json.NewDecoder(bytes.NewReader(n.Raw))
	dec.UseNumber()
	if err := dec.Decode(&want); err != nil {
		t.Fatalf("node %d..%d: Raw %q does not decode: %v", n.Offset, n.End, n.Raw, err)
	}
	switch n.Kind {
	case String:
		if want != n.Str {
			t.Fatalf("string %q: Str %q, encoding/json %q", n.Raw, n.Str, want)
		}
	case Number:
		if want != n.Num {
			t.Fatalf("number %q: %v, encoding/json %v", n.Raw, n.Num, want)
		}
	case Bool:
		if want != n.Bool {
			t.Fatalf("bool %q: %v", n.Raw, n.Bool)
		}
	case Null:
		if want != nil {
			t.Fatalf("null %q", n.Raw)
		}
	case Array:
		if len(want.([]any)) != len(n.Items) {
			t.Fatalf("array %q: %d items, encoding/json %d", n.Raw, len(n.Items), len(want.([]any)))
		}
		for _, it := range n.Items {
			checkTree(t, data, it)
		}
	case Object:
		m := want.(map[string]any)
		if len(m) != len(n.Fields) {
			t.Fatalf("object %q: %d fields, encoding/json %d", n.Raw, len(n.Fields), len(m))
		}
		for _, f := range n.Fields {
			if _, ok := m[f.Key]; !ok {
				t.Fatalf("object %q: key %q not in encoding/json's %v", n.Raw, f.Key, m)
			}
			if data[f.KeyOffset] != '"' {
				t.Fatalf("key %q: offset %d is not its quote", f.Key, f.KeyOffset)
			}
			checkTree(t, data, f.Value)
		}
	}
}

// FuzzParseAgrees: what parses is what encoding/json reads, node by node;
// what encoding/json refuses, Parse refuses.
func FuzzParseAgrees(f *testing.F) {
	for _, s := range []string{`{"a":[1,-2.5e3,{"b":null}],"c":"d\"e\u00e9\ud83d\ude00","é":true}`, ` [ ] `, `"\xff"`, `{"a":{"a":{}}}`, `0`, `[false,true,null,""]`, `{"a":1,"A":2}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		data := []byte(s)
		n, err := Parse(data)
		if !json.Valid(data) {
			if err == nil {
				t.Fatalf("%q: encoding/json refuses it, Parse does not", s)
			}
			return
		}
		if err != nil {
			if strings.Contains(err.Error(), "duplicate key") {
				return
			}
			t.Fatalf("%q: valid JSON refused: %v", s, err)
		}
		checkTree(t, data, n)
	})
}

// TestParseSourceSharesItsText: ParseSource's nodes slice the source's own
// text, not a copy, with no room to append into it.
func TestParseSourceSharesItsText(t *testing.T) {
	text := strings.Repeat(" ", 3) + `{"a": [1, 2], "b": "x"}` + "\n"
	src := diag.NewSource("f.json", text)
	n, m := ParseSource(src)
	if m != nil {
		t.Fatal(m)
	}
	a := n.Get("a")
	if unsafe.SliceData(a.Raw) != unsafe.StringData(src.Text[a.Offset:]) {
		t.Error("Raw is a copy of the text")
	}
	want := strings.Clone(text) // text shares its memory with src.Text
	grown := append(a.Raw, '!')
	if src.Text != want || string(grown) != "[1, 2]!" {
		t.Errorf("appending to Raw wrote into the text: %q", src.Text)
	}
}

// TestDuplicateKeys: a key given twice in an object is an error at the
// second one, in small objects (keys compared one by one) and large ones
// (a map from manyFields keys on); keys that differ, if only in case, are
// not duplicates, nor the same key in different objects.
func TestDuplicateKeys(t *testing.T) {
	keys := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf(`"k%d": %d`, i, i))
		}
		return out
	}
	for _, c := range []struct {
		name, text string
		dup        string // the duplicate key, "" for none
	}{
		{"small", `{"a": 1, "b": 2, "a": 3}`, "a"},
		{"case", `{"a": 1, "A": 2}`, ""},
		{"nested", `{"a": {"a": 1}, "b": {"a": 2}}`, ""},
		{"large, before the map", "{" + strings.Join(append(keys(20), `"k3": 0`), ", ") + "}", "k3"},
		{"large, after the map", "{" + strings.Join(append(keys(20), `"k19": 0`), ", ") + "}", "k19"},
		{"large, at the threshold", "{" + strings.Join(append(keys(manyFields), `"k0": 0`), ", ") + "}", "k0"},
		{"large, none", "{" + strings.Join(keys(40), ", ") + "}", ""},
	} {
		_, err := Parse([]byte(c.text))
		switch {
		case c.dup == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.dup != "" && (err == nil || !strings.Contains(err.Error(), `duplicate key "`+c.dup+`"`)):
			t.Errorf("%s: error %v, want duplicate key %q", c.name, err, c.dup)
		case c.dup != "":
			var e *Error
			if !errors.As(err, &e) || e.Offset != strings.LastIndex(c.text, `"`+c.dup+`"`) {
				t.Errorf("%s: error at %v, want the second %q", c.name, err, c.dup)
			}
		}
	}
}
