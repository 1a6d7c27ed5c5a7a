package dryrun

import (
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// jsonCases are texts whose fast decoding must equal JSON.parse's.
var jsonCases = []string{
	`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `1`, `-1.5e3`, `1E+2`, `12345678901234567890`, `1e-400`,
	`""`, `"abc"`, `"a\"b\\c\/\b\f\n\r\t"`, `"\u00e9\u20ac\ud83d\ude00"`, `"é€😀"`, `"\ud800"`, `"\udc00x"`,
	"\"\xff\xfe\"", ` { "a" : [ 1 , 2 , { "b" : null } ] , "c" : "d" } `,
	`{"b":1,"a":2,"b":3}`, `{"__proto__":{"x":1},"y":2}`, `{"0":1,"1":2,"length":5}`,
	`[[[[]]],[{}],[1,[2,[3]]]]`, `{"store":{"token":"t"},"list":[{"id":1,"lines":[{"qty":2,"price":9.5}]}]}`,
	strings.Repeat("[", 1200) + strings.Repeat("]", 1200),
	// Not JSON: JSON.parse throws.
	``, ` `, `{`, `[1,]`, `{"a":1,}`, `{'a':1}`, `01`, `1.`, `.5`, `-`, `+1`, `1e`, `tru`, `truex`, `nul`, `[1 2]`,
	`{"a" 1}`, `{"a":1 "b":2}`, `"abc`, "\"a\tb\"", `"\x"`, `"\u12"`, `1e400`, `-1e400`, `{} {}`, `NaN`, `Infinity`,
}

func TestFastJSONParse(t *testing.T) {
	vm := goja.New()
	p, err := newJSONParser(vm)
	if err != nil {
		t.Fatal(err)
	}
	_ = vm.Set("fastParse", p.call)
	check, err := vm.RunString(`(function (text) {
		const describe = (v) => {
			if (v === null || typeof v !== "object") return typeof v + ":" + (Object.is(v, -0) ? "-0" : String(v));
			const keys = Object.getOwnPropertyNames(v);
			let s = (Array.isArray(v) ? "[" : "{") + (Object.getPrototypeOf(v) === (Array.isArray(v) ? Array.prototype : Object.prototype));
			for (const k of keys) {
				const d = Object.getOwnPropertyDescriptor(v, k);
				s += " " + JSON.stringify(k) + (d.writable ? "w" : "") + (d.enumerable ? "e" : "") + (d.configurable ? "c" : "") + "=" + (k === "length" && Array.isArray(v) ? d.value : describe(d.value));
			}
			return s + " frozen:" + Object.isFrozen(v) + (Array.isArray(v) ? "]" : "}");
		};
		const run = (f) => { try { return describe(f(text)); } catch (e) { return "threw " + e.name + ": " + e.message; } };
		return [run(JSON.parse), run(fastParse)];
	})`)
	if err != nil {
		t.Fatal(err)
	}
	fn, _ := goja.AssertFunction(check)
	for _, c := range jsonCases {
		v, err := fn(goja.Undefined(), vm.ToValue(c))
		if err != nil {
			t.Fatalf("%.40q: %v", c, err)
		}
		pair := v.Export().([]any)
		if pair[0] != pair[1] {
			t.Errorf("%.40q:\nJSON.parse: %.300s\nfast:       %.300s", c, pair[0], pair[1])
		}
	}
	// Deeper than jsonMaxDepth goes to JSON.parse.
	if _, ok := p.fast(strings.Repeat("[", jsonMaxDepth) + strings.Repeat("]", jsonMaxDepth)); !ok {
		t.Errorf("%d nested arrays: not decoded", jsonMaxDepth)
	}
	if _, ok := p.fast(strings.Repeat(`{"a":`, jsonMaxDepth+1) + "1" + strings.Repeat("}", jsonMaxDepth+1)); ok {
		t.Errorf("%d nested objects: decoded", jsonMaxDepth+1)
	}
	// A value that is not a string goes to JSON.parse as it is.
	v, err := vm.RunString(`fastParse({toString() { return '{"a":[1]}'; }}).a[0]`)
	if err != nil || v.ToInteger() != 1 {
		t.Errorf("non-string argument: %v, %v", v, err)
	}
}

func FuzzFastJSONParse(f *testing.F) {
	for _, c := range jsonCases {
		f.Add(c)
	}
	vm := goja.New()
	p, err := newJSONParser(vm)
	if err != nil {
		f.Fatal(err)
	}
	stringify, _ := goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("stringify"))
	f.Fuzz(func(t *testing.T, s string) {
		want, werr := p.parse(goja.Undefined(), vm.ToValue(s))
		got, ok := p.fast(s)
		if !ok {
			return // JSON.parse decides
		}
		if werr != nil {
			t.Fatalf("%q: fast path decoded what JSON.parse rejects: %v", s, werr)
		}
		a, _ := stringify(goja.Undefined(), want)
		b, _ := stringify(goja.Undefined(), got)
		if a.String() != b.String() {
			t.Fatalf("%q: JSON.parse %s, fast %s", s, a, b)
		}
	})
}
