package dryrun

import (
	"fmt"
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
		if got, deep := g.jsonFits(v); got != c.want || deep {
			t.Errorf("jsonFits(%s) = %v, %v; want %v, false", c.src, got, deep, c.want)
		}
	}
}

// TestJSONFitsDepth: values nested more than stringifyMaxDepth levels,
// through shared subtrees too, are too deep for JSON.stringify, which
// then throws a RangeError at once (goja's own takes time quadratic in the
// depth).
func TestJSONFitsDepth(t *testing.T) {
	vm := goja.New()
	g := &guards{vm: vm, lim: newLimits(DefaultMemoryLimit)}
	// deep(n) is n levels of arrays; deep(n, a) wraps a in n levels.
	if _, err := vm.RunString(`var deep = (n, a = []) => { for (let i = 1; i < n; i++) a = [a]; return a; };`); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		src  string
		deep bool
	}{
		{`deep(1000)`, false},
		{`deep(1001)`, true},
		{`deep(100000)`, true},
		{`[deep(1000)]`, true},
		{`(() => { const d = deep(600); return [d, deep(400, [d])]; })()`, true},  // d measured first, then met 401 levels down
		{`(() => { const d = deep(600); return [d, deep(399, [d])]; })()`, false}, // 1 + 399 + 600 levels
	} {
		v, err := vm.RunString(c.src)
		if err != nil {
			t.Fatal(err)
		}
		if fits, deep := g.jsonFits(v); deep != c.deep || fits == deep {
			t.Errorf("jsonFits(%s) = %v, %v; want deep %v", c.src, fits, deep, c.deep)
		}
	}
}

// TestNestedJoin: joining arrays nested more than stringifyMaxDepth levels
// (String(a), a.join(), `${a}`) throws a RangeError at once instead of
// taking time quadratic in the depth; shallower ones still join, and a
// thrown error leaves the count right.
func TestNestedJoin(t *testing.T) {
	vm := goja.New()
	(&guards{vm: vm, lim: newLimits(DefaultMemoryLimit)}).install("a.toLocaleString()") // names it: guarded
	if _, err := vm.RunString(`var deep = (n) => { let a = [1]; for (let i = 1; i < n; i++) a = [a]; return a; };`); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ src, want string }{
		{`String(deep(1000))`, "1"},
		{`deep(1000).join("-")`, "1"},
		{`try { String(deep(100000)); "no error" } catch (e) { e.name + ": " + e.message }`, "RangeError: Array.prototype.join of arrays nested more than 1000 levels deep"},
		{`try { deep(1001).join(); "no error" } catch (e) { e.name }`, "RangeError"},
		{`try { ` + "`${[deep(5000)]}`" + `; "no error" } catch (e) { e.name }`, "RangeError"},
		{`try { deep(1001).toLocaleString(); "no error" } catch (e) { e.name }`, "RangeError"},
		{`String(deep(1000))`, "1"}, // after the errors
	} {
		v, err := vm.RunString(c.src)
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		if got := v.String(); got != c.want {
			t.Errorf("%s = %q, want %q", c.src, got, c.want)
		}
	}
}

// TestNameScanner checks the one-pass scan against strings.Contains.
func TestNameScanner(t *testing.T) {
	texts := []string{"", "eval", "x.prototype", "new ArrayBuffer(8)", "const b = Buffer;", "a.concat(b).fill(0)",
		"retrieval fromage applyDiscount", "Uint8ArrayX Float64Array BigUint64Array", "__proto__", "toLocaleStringy", "Reflec", "x.fill", "Symbo", "S"}
	for _, text := range texts {
		found := codeNames.scan(text)
		for _, n := range codeNames.names {
			if got, want := codeNames.has(found, n, text), strings.Contains(text, n); got != want {
				t.Errorf("%q: has(%q) = %v, want %v", text, n, got, want)
			}
		}
		if got, want := codeNames.has(found, "unknown", text+"unknown"), true; got != want {
			t.Errorf("unknown name not searched")
		}
	}
}

// TestNameScanner128 checks a scanner of more than 64 names (codeNames has
// more, with the browser globals): names past the first word are found, set
// bits stay apart, the hatches are the first names, and a 129th name panics.
func TestNameScanner128(t *testing.T) {
	t.Logf("codeNames has %d names", len(codeNames.names))
	names := make([]string, maxScanNames)
	for i := range names {
		names[i] = fmt.Sprintf("n%03dx", i)
	}
	s := newNameScanner(names[:3], names[3:])
	for _, picks := range [][]int{{}, {0}, {63}, {64}, {127}, {2, 64, 65, 126}, {1, 63, 64, 100, 127}} {
		var b strings.Builder
		want := map[int]bool{}
		for _, k := range picks {
			b.WriteString("..")
			b.WriteString(names[k])
			want[k] = true
		}
		text := b.String()
		found := s.scan(text)
		for k, n := range names {
			if got := s.has(found, n, text); got != want[k] {
				t.Errorf("%v: has(%q) = %v, want %v", picks, n, got, want[k])
			}
		}
		hatch := want[0] || want[1] || want[2]
		if got := found.meets(s.hatches); got != hatch {
			t.Errorf("%v: meets(hatches) = %v, want %v", picks, got, hatch)
		}
		if u := found.union(s.hatches); !u.has(0) || !u.has(2) || u.has(3) != want[3] || u.has(127) != want[127] {
			t.Errorf("%v: union with the hatches = %x", picks, u)
		}
	}
	// Every one of codeNames' names, the browser globals' among them.
	for _, n := range codeNames.names {
		if !codeNames.has(codeNames.scan("x "+n+" y"), n, "") {
			t.Errorf("codeNames does not find %q", n)
		}
	}
	defer func() {
		if recover() == nil {
			t.Errorf("newNameScanner took %d names", maxScanNames+1)
		}
	}()
	newNameScanner(nil, append(names, "toomany"))
}

func BenchmarkNameScan(b *testing.B) {
	in := load(b, "testdata/bench")[0]
	text := in.Module.Main.Text
	for _, r := range in.Requests {
		text += r
	}
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			codeNames.scan(text)
		}
	})
	b.Run("contains", func(b *testing.B) {
		for b.Loop() {
			for _, n := range codeNames.names {
				strings.Contains(text, n)
			}
		}
	})
}
