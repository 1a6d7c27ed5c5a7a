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
	var maxCPU time.Duration
	var maxAlloc uint64
	var slowest, largest string
	for _, c := range []struct {
		// setup makes the arguments (untimed), src is the call; want is
		// its value as text, or "throws " and the error's name.
		setup, src, want string
	}{
		// Digit options past their range.
		{"", "new Intl.NumberFormat('en', {maximumFractionDigits: 1e9}).format(1)", "throws RangeError"},
		{"", "new Intl.NumberFormat('en', {maximumFractionDigits: 2**53}).format(1)", "throws RangeError"},
		{"", "new Intl.NumberFormat('en', {maximumFractionDigits: Infinity}).format(1)", "throws RangeError"},
		{"", "new Intl.NumberFormat('en', {minimumIntegerDigits: 1e9}).format(1)", "throws RangeError"},
		{"", "new Intl.NumberFormat('en', {maximumSignificantDigits: 1e9}).format(1)", "throws RangeError"},
		{"", "new Intl.NumberFormat('en', {roundingIncrement: 1e9}).format(1)", "throws RangeError"},
		{"", "(1).toLocaleString('en', {maximumFractionDigits: 1e9})", "throws RangeError"},
		{"", "new Intl.DateTimeFormat('en', {fractionalSecondDigits: 1e9}).format(0)", "throws RangeError"},
		{"", "new Intl.NumberFormat('en', {maximumFractionDigits: 100}).format(5e-324)", "throws RangeError"},
		{"", "new Intl.NumberFormat('en', {minimumFractionDigits: 20, maximumFractionDigits: 20}).format(1e308).length", "432"},
		// Giant strings and numbers.
		{"s = '9'.repeat(1e7)", "new Intl.NumberFormat('en').format(s)", "∞"},
		{"s = '0.' + '0'.repeat(1e7) + '1'", "new Intl.NumberFormat('en').format(s)", "0"},
		{"s = '1e' + '9'.repeat(1e6)", "new Intl.NumberFormat('en').format(s)", "∞"},
		{"n = 10n ** 20000n", "new Intl.NumberFormat('en').format(n).length", "26667"},
		{"n = 10n ** 20000n", "new Intl.NumberFormat('en', {notation: 'compact'}).format(n).length", "26652"},
		{"s = '9'.repeat(1e7)", "new Intl.PluralRules('en').select(s)", "other"},
		{"s = '9'.repeat(1e7)", "new Intl.RelativeTimeFormat('en').format(s, 'day')", "throws RangeError"},
		{"s = 'en-' + 'a'.repeat(1e7)", "new Intl.NumberFormat(s)", "throws RangeError"},
		{"a = Array(1e5).fill('en-us')", "Intl.getCanonicalLocales(a)", `["en-US"]`},
		{"", "Intl.getCanonicalLocales({length: 2**32 - 1, 0: 'de'})", `["de"]`},
		{"s = 'x'.repeat(1e7)", "new Intl.DateTimeFormat('en', {timeZone: s})", "throws RangeError"},
		{"s = 'x'.repeat(1e7)", "new Intl.NumberFormat('en', {style: 'currency', currency: s})", "throws RangeError"},
		{"s = 'x'.repeat(1e7)", "(() => { try { new Intl.DateTimeFormat('en', {timeZone: s}) } catch (e) { return e.message.length < 200 } })()", "true"},
		// The dry run's own bounds, where node gives an answer: strings
		// of more than 262,144 characters to compare, lists of more than
		// 16384 strings or 4 MiB.
		{"s = 'x'.repeat(1e7); t = 'x'.repeat(1e7)", "s.localeCompare(t)", "0"},
		{"s = 'x'.repeat(1e7); t = s + 'y'", "s.localeCompare(t)", "throws RangeError"},
		{"s = '1'.repeat(1e7); t = s + '0'", "new Intl.Collator('en', {numeric: true}).compare(s, t)", "throws RangeError"},
		{"s = 'x'.repeat(1e5); t = s + 'y'", "s.localeCompare(t)", "-1"},
		{"a = Array(1e5).fill('ab')", "new Intl.ListFormat('en').format(a)", "throws RangeError"},
		{"s = 'x'.repeat(1e6)", "new Intl.ListFormat('en').format(s)", "throws RangeError"},
		{"a = Array(1e3).fill('x'.repeat(1e4))", "new Intl.ListFormat('en').format(a)", "throws RangeError"},
		{"", "new Intl.ListFormat('en').formatToParts({*[Symbol.iterator]() { for (;;) yield 'x' }})", "throws RangeError"},
		{"a = Array(1e4).fill('ab')", "new Intl.ListFormat('en').format(a).length", "40002"},
		// Deep option objects.
		{"o = {style: 'percent'}; for (let i = 0; i < 1e5; i++) o = Object.create(o)", "new Intl.NumberFormat('en', o).format(1)", "100%"},
		{"o = {timeZone: 'UTC'}; for (let i = 0; i < 1e5; i++) o = Object.create(o)", "new Intl.DateTimeFormat('en', o).format(0)", "1/1/1970"},
		{"o = {}; for (let i = 0; i < 1e5; i++) o = {style: o}", "new Intl.NumberFormat('en', o)", "throws RangeError"},
		{"o = {}; for (let i = 0; i < 1e3; i++) o = new Proxy(o, {})", "new Intl.NumberFormat('en', o).format(1)", "1"},
		{"o = []; for (let i = 0; i < 300; i++) o = [o]", "new Intl.NumberFormat(o)", "throws RangeError"},
		{"o = 'USD'; for (let i = 0; i < 1e4; i++) o = {toString: ((p) => () => p)(o)}", "new Intl.NumberFormat('en', {style: 'currency', currency: o})", "throws TypeError"},
		{"n = 0; o = {get style() { n++; return 'decimal' }}", "(new Intl.NumberFormat('en', o), n)", "1"},
	} {
		vm := goja.New()
		Install(vm, "Intl toLocaleString localeCompare")
		if _, err := vm.RunString(runner); err != nil {
			t.Fatal(err)
		}
		if c.setup != "" {
			if _, err := vm.RunString(c.setup); err != nil {
				t.Fatalf("%s: %v", c.setup, err)
			}
		}
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		start, cpu := time.Now(), cpuTime()
		v, err := vm.RunString("run(" + quote(c.src) + ")")
		wall, cpu := time.Since(start), cpuTime()-cpu
		runtime.ReadMemStats(&m1)
		name := c.src
		if c.setup != "" {
			name = c.setup + "; " + c.src
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := v.String(); got != c.want {
			t.Errorf("%s = %.200q, want %q", name, got, c.want)
		}
		// CPU time (the clock's grows with the machine's load), and the
		// clock's for a call that would wait.
		if cpu > time.Second || wall > 10*time.Second {
			t.Errorf("%s took %s (%s of CPU)", name, wall, cpu)
		}
		a := m1.TotalAlloc - m0.TotalAlloc
		if a > 32<<20 { // a quarter of the default memory limit, what guards allow one step
			t.Errorf("%s allocated %d MiB", name, a>>20)
		}
		if cpu > maxCPU {
			maxCPU, slowest = cpu, name
		}
		if a > maxAlloc {
			maxAlloc, largest = a, name
		}
	}
	t.Logf("most CPU: %s (%s); most allocated: %d MiB (%s)", maxCPU, slowest, maxAlloc>>20, largest)
}
