package intl

import (
	"errors"
	"fmt"
	"math/rand"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
)

// hostileValues are arguments a module may pass anywhere.
var hostileValues = []string{
	"undefined", "null", "NaN", "Infinity", "-Infinity", "-0", "0", "1e308", "-1e308", "5e-324", "2**53", "2**31",
	"1e21", "-1e-7", "'x'.repeat(10000)", "''", "Symbol()", "{}", "[]", "[[]]", "10n", "-10n", "10n**400n",
	"function () {}", "'en-US'", "['en', 5]", "['en', null]", "'🙂'", "'de-DE-u-nu-arab-hc-h25'", "'x-private'",
	"'en-US-u-ca-japanese-hc-h11'", "new Date(NaN)", "new Date(8.64e15)", "new Date(-8.64e15)", "new Date(0)",
	"new Number(5)", "Object(10n)", "'1e400'", "'0x' + 'f'.repeat(500)", "'9'.repeat(5000)", "'-0.' + '0'.repeat(400) + '1'",
	"{valueOf() { return Symbol() }}", "{toString() { throw new Error('boom') }}", "{get length() { return 2**32 - 1 }}",
	"{length: 2**32 - 1}", "new Proxy({}, {get() { throw new TypeError('trap') }})", "new Proxy([], {})",
	"{maximumFractionDigits: 1e9}", "{minimumIntegerDigits: NaN}", "{timeZone: '../../etc/passwd'}", "{timeZone: 'Local'}",
	"{timeZone: 'x'.repeat(1000)}", "{currency: '€€€', style: 'currency'}", "{style: {toString() { throw 1 }}}",
	"{style: 'currency', currency: 'usd', currencyDisplay: 'name'}", "{notation: 'compact', compactDisplay: 'long'}",
	"{maximumSignificantDigits: 21, minimumSignificantDigits: 21}", "{maximumFractionDigits: 20, minimumIntegerDigits: 21}",
	"{roundingIncrement: 5000, maximumFractionDigits: 20, minimumFractionDigits: 20}",
	"{dateStyle: 'full', timeStyle: 'full', timeZone: 'Pacific/Kiritimati'}", "{hour12: Symbol()}", "{hourCycle: 'h24', hour: 'numeric'}",
	"{fractionalSecondDigits: 3, second: 'numeric', timeZoneName: 'longGeneric'}", "{era: 'long'}", "{dayPeriod: 'short'}",
	"{weekday: 'long', year: '2-digit', month: 'narrow', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'}",
	"{type: 'ordinal'}", "{numeric: 'auto', style: 'narrow'}", "{sensitivity: 'base', numeric: true, ignorePunctuation: true}",
	"{usage: 'search', caseFirst: 'upper'}", "'day'", "'fortnight'", "'seconds'",
}

// hostileCalls are the calls, %s replaced by hostile values.
var hostileCalls = []string{
	"new Intl.NumberFormat(%s, %s).format(%s)",
	"new Intl.NumberFormat(%s, %s).formatToParts(%s)",
	"new Intl.NumberFormat(%s, %s).resolvedOptions()",
	"Intl.NumberFormat(%s, %s).format.call(%s)",
	"(%s).toLocaleString(%s, %s)",
	"Number.prototype.toLocaleString.call(%s, %s, %s)",
	"BigInt.prototype.toLocaleString.call(%s, %s, %s)",
	"new Intl.DateTimeFormat(%s, %s).format(%s)",
	"new Intl.DateTimeFormat(%s, %s).formatToParts(%s)",
	"new Intl.DateTimeFormat(%s, %s).resolvedOptions()",
	"Date.prototype.toLocaleString.call(%s, %s, %s)",
	"Date.prototype.toLocaleDateString.call(%s, %s, %s)",
	"Date.prototype.toLocaleTimeString.call(%s, %s, %s)",
	"new Intl.Collator(%s, %s).compare(%s, 'x')",
	"String.prototype.localeCompare.call(%s, %s, %s)",
	"new Intl.PluralRules(%s, %s).select(%s)",
	"new Intl.RelativeTimeFormat(%s, %s).format(%s, 'day')",
	"new Intl.RelativeTimeFormat('en', %s).format(%s, %s)",
	"new Intl.ListFormat(%s, %s).format(%s)",
	"Intl.getCanonicalLocales(%s)",
	"Intl.NumberFormat.supportedLocalesOf(%s, %s)",
	"Intl.supportedValuesOf(%s)",
	"Intl.DateTimeFormat.prototype.resolvedOptions.call(%s)",
	"Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, 'format').get.call(%s)",
}

// TestHostileArguments calls every Intl function with hostile arguments:
// each call returns or throws a JavaScript error; none panics the Go
// side or takes long.
func TestHostileArguments(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	vm := goja.New()
	Install(vm, "Intl toLocaleString localeCompare")
	n := 0
	for _, call := range hostileCalls {
		slots := strings.Count(call, "%s")
		runs := 300
		if testing.Short() {
			runs = 40
		}
		for i := 0; i < runs; i++ {
			args := make([]any, slots)
			for j := range args {
				args[j] = hostileValues[rng.Intn(len(hostileValues))]
			}
			src := fmt.Sprintf(call, args...)
			checkCall(t, vm, src)
			n++
		}
	}
	// Every value in every slot of the first call, once.
	for _, a := range hostileValues {
		for _, b := range hostileValues {
			checkCall(t, vm, fmt.Sprintf("new Intl.NumberFormat('en', %s).format(%s)", a, b))
			checkCall(t, vm, fmt.Sprintf("new Intl.DateTimeFormat(%s, %s).format(0)", a, b))
			n += 2
		}
	}
	t.Logf("%d hostile calls", n)
}

func checkCall(t *testing.T, vm *goja.Runtime, src string) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s: Go panic: %v", src, r)
		}
	}()
	start := time.Now()
	v, err := vm.RunString(src)
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("%s took %s", src, d)
	}
	if err != nil {
		var ex *goja.Exception
		if !errors.As(err, &ex) {
			t.Errorf("%s: %v (not a JavaScript exception)", src, err)
			return
		}
		// The exception is an Error object, never a Go error value.
		if o, ok := ex.Value().(*goja.Object); ok {
			if _, isGo := o.Export().(error); isGo && o.ClassName() == "GoError" {
				t.Errorf("%s: threw a Go error: %v", src, err)
			}
		}
		return
	}
	if s, ok := v.Export().(string); ok && len(s) > 1<<20 {
		t.Errorf("%s made a string of %d bytes", src, len(s))
	}
}

func FuzzFromString(f *testing.F) {
	for _, s := range []string{"1.005", "-0", "1e400", "0x1F", " 12 ", "1e-400", "9" + strings.Repeat("9", 400), ".5", "5.", "+.e1", "1e+", "0b101", "0o17"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := fromString(s)
		if n.nan || n.inf {
			return
		}
		nf := &numberFormat{roundingType: "fractionDigits", maxFD: 20, roundingMode: "halfExpand", roundingIncrement: 1}
		d, _ := nf.round(n.d)
		_ = d.intDigits() + d.fracDigits()
	})
}

// BenchmarkInstallUnused is a VM's setup (the global object in use, as
// runtime.js has it) with Install for code that uses neither Intl nor
// toLocale*; compare with BenchmarkSetup.
func BenchmarkInstallUnused(b *testing.B) {
	for i := 0; i < b.N; i++ {
		vm := goja.New()
		_ = vm.GlobalObject().Set("console", 1)
		Install(vm, "export default { add(a, b) { return a + b } }")
	}
}

func BenchmarkSetup(b *testing.B) {
	for i := 0; i < b.N; i++ {
		vm := goja.New()
		_ = vm.GlobalObject().Set("console", 1)
	}
}

// BenchmarkToLocaleString is toLocaleString with a locale, the formatter
// made once and cached.
func BenchmarkToLocaleString(b *testing.B) {
	vm := goja.New()
	Install(vm, "toLocaleString")
	f, err := vm.RunString("(x) => x.toLocaleString('en-IN')")
	if err != nil {
		b.Fatal(err)
	}
	fn, _ := goja.AssertFunction(f)
	arg := vm.ToValue(1234567.891)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := fn(goja.Undefined(), arg); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHugeList checks that ListFormat refuses to join a huge text in one
// call.
func TestHugeList(t *testing.T) {
	vm := goja.New()
	Install(vm, "Intl")
	start := time.Now()
	v, err := vm.RunString(`try {
		new Intl.ListFormat('en').format({ *[Symbol.iterator]() { const s = 'x'.repeat(1e4); for (;;) yield s } });
		'no error'
	} catch (e) { e.name }`)
	if err != nil || v.String() != "RangeError" {
		t.Fatalf("got %v, %v; want a RangeError", v, err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s", d)
	}
}

// TestHostileSizes gives Intl the largest arguments a module can make
// within the dry-run memory limit (strings of millions of characters,
// huge digit options, deep option objects, endless iterables): each call
// gives node's answer or throws a RangeError or TypeError, within a time
// and an allocation bound, since one native call cannot be interrupted.
func TestHostileSizes(t *testing.T) {
	for _, c := range []struct {
		src, want string // want: the value as text, or "throws " and the error's name
	}{
		// Digit options past their range.
		{"new Intl.NumberFormat('en', {maximumFractionDigits: 1e9}).format(1)", "throws RangeError"},
		{"new Intl.NumberFormat('en', {maximumFractionDigits: 2**53}).format(1)", "throws RangeError"},
		{"new Intl.NumberFormat('en', {maximumFractionDigits: Infinity}).format(1)", "throws RangeError"},
		{"new Intl.NumberFormat('en', {minimumIntegerDigits: 1e9}).format(1)", "throws RangeError"},
		{"new Intl.NumberFormat('en', {maximumSignificantDigits: 1e9}).format(1)", "throws RangeError"},
		{"new Intl.NumberFormat('en', {roundingIncrement: 1e9}).format(1)", "throws RangeError"},
		{"(1).toLocaleString('en', {maximumFractionDigits: 1e9})", "throws RangeError"},
		{"new Intl.DateTimeFormat('en', {fractionalSecondDigits: 1e9}).format(0)", "throws RangeError"},
		{"new Intl.NumberFormat('en', {maximumFractionDigits: 100}).format(5e-324)", "throws RangeError"},
		{"new Intl.NumberFormat('en', {minimumFractionDigits: 20, maximumFractionDigits: 20}).format(1e308).length", "432"},
		// Giant strings and numbers.
		{"new Intl.NumberFormat('en').format('9'.repeat(1e7))", "∞"},
		{"new Intl.NumberFormat('en').format('0.' + '0'.repeat(1e7) + '1')", "0"},
		{"new Intl.NumberFormat('en').format('1e' + '9'.repeat(1e6))", "∞"},
		{"new Intl.NumberFormat('en').format(10n ** 20000n).length", "26667"},
		{"new Intl.NumberFormat('en', {notation: 'compact'}).format(10n ** 20000n).length", "26652"},
		{"new Intl.PluralRules('en').select('9'.repeat(1e7))", "other"},
		{"new Intl.RelativeTimeFormat('en').format('9'.repeat(1e7), 'day')", "throws RangeError"},
		{"new Intl.NumberFormat('en-' + 'a'.repeat(1e7))", "throws RangeError"},
		{"Intl.getCanonicalLocales(Array(1e5).fill('en-us'))", `["en-US"]`},
		{"Intl.getCanonicalLocales({length: 2**32 - 1, 0: 'de'})", `["de"]`},
		{"new Intl.DateTimeFormat('en', {timeZone: 'x'.repeat(1e7)})", "throws RangeError"},
		{"new Intl.NumberFormat('en', {style: 'currency', currency: 'x'.repeat(1e7)})", "throws RangeError"},
		{"(() => { try { new Intl.DateTimeFormat('en', {timeZone: 'x'.repeat(1e7)}) } catch (e) { return e.message.length < 200 } })()", "true"},
		// The dry run's own bounds, where node gives an answer: strings
		// of more than 262,144 characters to compare, lists of more than 16384
		// strings or 4 MiB.
		{"'x'.repeat(1e7).localeCompare('x'.repeat(1e7))", "0"},
		{"'x'.repeat(1e7).localeCompare('x'.repeat(1e7) + 'y')", "throws RangeError"},
		{"new Intl.Collator('en', {numeric: true}).compare('1'.repeat(1e7), '1'.repeat(1e7) + '0')", "throws RangeError"},
		{"'x'.repeat(1e5).localeCompare('x'.repeat(1e5) + 'y')", "-1"},
		{"new Intl.ListFormat('en').format(Array(1e5).fill('ab'))", "throws RangeError"},
		{"new Intl.ListFormat('en').format('x'.repeat(1e6))", "throws RangeError"},
		{"new Intl.ListFormat('en').format(Array(1e3).fill('x'.repeat(1e4)))", "throws RangeError"},
		{"new Intl.ListFormat('en').formatToParts({*[Symbol.iterator]() { for (;;) yield 'x' }})", "throws RangeError"},
		{"new Intl.ListFormat('en').format(Array(1e4).fill('ab')).length", "40002"},
		// Deep option objects.
		{"(() => { let o = {style: 'percent'}; for (let i = 0; i < 1e5; i++) o = Object.create(o); return new Intl.NumberFormat('en', o).format(1) })()", "100%"},
		{"(() => { let o = {timeZone: 'UTC'}; for (let i = 0; i < 1e5; i++) o = Object.create(o); return new Intl.DateTimeFormat('en', o).format(0) })()", "1/1/1970"},
		{"(() => { let o = {}; for (let i = 0; i < 1e5; i++) o = {style: o}; return new Intl.NumberFormat('en', o) })()", "throws RangeError"},
		{"(() => { let o = {}; for (let i = 0; i < 1e3; i++) o = new Proxy(o, {}); return new Intl.NumberFormat('en', o).format(1) })()", "1"},
		{"(() => { let o = []; for (let i = 0; i < 300; i++) o = [o]; return new Intl.NumberFormat(o) })()", "throws RangeError"},
		{"(() => { let o = 'USD'; for (let i = 0; i < 1e4; i++) o = {toString: ((p) => () => p)(o)}; return new Intl.NumberFormat('en', {style: 'currency', currency: o}) })()", "throws TypeError"},
		{"(() => { let n = 0; const o = {get style() { n++; return 'decimal' }}; new Intl.NumberFormat('en', o); return n })()", "1"},
	} {
		vm := goja.New()
		Install(vm, "Intl toLocaleString localeCompare")
		if _, err := vm.RunString(runner); err != nil {
			t.Fatal(err)
		}
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		start := time.Now()
		v, err := vm.RunString("run(" + quote(c.src) + ")")
		d := time.Since(start)
		runtime.ReadMemStats(&m1)
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		if got := v.String(); got != c.want {
			t.Errorf("%s = %.200q, want %q", c.src, got, c.want)
		}
		// The time and memory of the JavaScript that makes the arguments
		// count too (a string of ten million characters is 10 MB).
		if d > 2*time.Second {
			t.Errorf("%s took %s", c.src, d)
		}
		if a := m1.TotalAlloc - m0.TotalAlloc; a > 100<<20 {
			t.Errorf("%s allocated %d MiB", c.src, a>>20)
		}
	}
}
