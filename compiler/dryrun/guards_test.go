package dryrun

import (
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// TestJSONFits covers the sizes jsonFits keeps in slices and in maps.
func TestJSONFits(t *testing.T) {
	vm := goja.New()
	g := &guards{vm: vm, lim: newLimits(DefaultMemoryLimit)}
	for _, c := range []struct {
		src  string
		want bool
	}{
		{`1`, true},
		{`({a: [1, {b: "x"}]})`, true},
		{`(() => { const o = {}; o.self = o; return o; })()`, true}, // circular: stringify throws itself
		{`(() => { let o = {}; const root = o; for (let i = 0; i < 40; i++) { o.next = {}; o = o.next; } o.back = root; return root; })()`, true},
		{`(() => { let o = {}; for (let i = 0; i < 40; i++) o = {next: o}; return o; })()`, true},
		{`(() => { const leaf = {x: 1}; const a = []; for (let i = 0; i < 40; i++) a.push(leaf); return a; })()`, true},
		{`(() => { let o = {leaf: "x"}; for (let i = 0; i < 40; i++) o = {a: o, b: o}; return o; })()`, false},
		{`(() => { let o = {leaf: "x"}; for (let i = 0; i < 8; i++) o = {a: o, b: o}; return o; })()`, true},
	} {
		v, err := vm.RunString(c.src)
		if err != nil {
			t.Fatal(err)
		}
		if got := g.jsonFits(v); got != c.want {
			t.Errorf("jsonFits(%s) = %v, want %v", c.src, got, c.want)
		}
	}
}

// TestNameScanner checks the one-pass scan against strings.Contains.
func TestNameScanner(t *testing.T) {
	texts := []string{"", "eval", "x.prototype", "new ArrayBuffer(8)", "const b = Buffer;", "a.concat(b).fill(0)",
		"retrieval fromage applyDiscount", "Uint8ArrayX Float64Array BigUint64Array", "__proto__", "toLocaleStringy", "Reflec", "x.fill", "Symbo", "S"}
	for _, text := range texts {
		found := guardNames.scan(text)
		for _, n := range guardNames.names {
			if got, want := guardNames.has(found, n, text), strings.Contains(text, n); got != want {
				t.Errorf("%q: has(%q) = %v, want %v", text, n, got, want)
			}
		}
		if got, want := guardNames.has(found, "unknown", text+"unknown"), true; got != want {
			t.Errorf("unknown name not searched")
		}
	}
}

func BenchmarkNameScan(b *testing.B) {
	in := load(b, "testdata/bench")[0]
	text := in.Module.Main.Text
	for _, r := range in.Requests {
		text += r
	}
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			guardNames.scan(text)
		}
	})
	b.Run("contains", func(b *testing.B) {
		for b.Loop() {
			for _, n := range guardNames.names {
				strings.Contains(text, n)
			}
		}
	})
}
