package intl

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/modc-dev/modc/internal/nodetest"
)

var locales = []string{"en-US", "en-GB", "en-IN", "de-DE", "fr-FR", "es-ES", "pt-BR", "ja-JP"}

// runner evaluates each case the same way in goja and in node: its
// value as text (JSON for anything but a string), or "throws" and the
// error's name.
const runner = `
const run = (src) => {
  try {
    const v = (0, eval)(src);
    return typeof v === "string" ? v : JSON.stringify(v);
  } catch (e) {
    return "throws " + (e && e.name);
  }
};
`

// compareWithNode runs the cases in goja (with Install) and in node, and
// reports every case whose text differs.
func compareWithNode(t *testing.T, cases []string) {
	t.Helper()
	nodetest.SkipIfMissing(t)
	dir := t.TempDir()
	js, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cases.json"), js, 0o644); err != nil {
		t.Fatal(err)
	}
	script := runner + `
const cases = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
process.stdout.write(JSON.stringify(cases.map(run)));
`
	out := nodetest.Run(t, dir, []string{"TZ=" + defaultZone().name, "LANG=en_US.UTF-8"}, "-e", script, filepath.Join(dir, "cases.json"))
	var want []string
	if err := json.Unmarshal([]byte(out), &want); err != nil {
		t.Fatalf("node's output: %v", err)
	}
	got := evalAll(t, cases)
	bad := 0
	for i := range cases {
		if got[i] != want[i] {
			bad++
			if bad <= 40 {
				t.Errorf("%s\n got: %q\nwant: %q", cases[i], got[i], want[i])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d cases differ from node", bad, len(cases))
	} else {
		t.Logf("%d cases give node's text", len(cases))
	}
}

// evalAll evaluates the cases in one goja VM with Install.
func evalAll(t *testing.T, cases []string) []string {
	t.Helper()
	vm := goja.New()
	Install(vm, "Intl toLocaleString localeCompare")
	if _, err := vm.RunString(runner); err != nil {
		t.Fatal(err)
	}
	run, ok := goja.AssertFunction(vm.Get("run"))
	if !ok {
		t.Fatal("no run function")
	}
	out := make([]string, len(cases))
	for i, c := range cases {
		v, err := run(goja.Undefined(), vm.ToValue(c))
		if err != nil {
			out[i] = "go error: " + err.Error()
			continue
		}
		out[i] = v.String()
	}
	return out
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// numberCases are NumberFormat and toLocaleString cases: every locale
// with values (signs, zero, rounding edges, large numbers) and options.
func numberCases() []string {
	values := []string{"0", "-0", "1", "-1", "0.5", "1.005", "2.5", "-2.5", "1234", "12345", "123456.789", "-1234.5",
		"1234567.891", "0.000123456", "999999.995", "123456789012", "1e21", "NaN", "-Infinity", "0.1+0.2"}
	options := []string{
		"{}",
		"{style:'percent'}",
		"{style:'percent',maximumFractionDigits:2}",
		"{style:'currency',currency:'USD'}",
		"{style:'currency',currency:'EUR'}",
		"{style:'currency',currency:'INR'}",
		"{style:'currency',currency:'GBP'}",
		"{style:'currency',currency:'JPY'}",
		"{style:'currency',currency:'BRL'}",
		"{style:'currency',currency:'CHF'}",
		"{style:'currency',currency:'KWD'}",
		"{style:'currency',currency:'XYZ'}",
		"{style:'currency',currency:'USD',currencyDisplay:'code'}",
		"{style:'currency',currency:'USD',currencyDisplay:'narrowSymbol'}",
		"{style:'currency',currency:'EUR',currencyDisplay:'name'}",
		"{style:'currency',currency:'USD',currencySign:'accounting'}",
		"{style:'currency',currency:'EUR',currencySign:'accounting',signDisplay:'always'}",
		"{maximumFractionDigits:0}",
		"{maximumFractionDigits:2}",
		"{minimumFractionDigits:2}",
		"{minimumFractionDigits:2,maximumFractionDigits:2}",
		"{maximumFractionDigits:20}",
		"{maximumSignificantDigits:3}",
		"{minimumSignificantDigits:5}",
		"{maximumSignificantDigits:2,maximumFractionDigits:3,roundingPriority:'morePrecision'}",
		"{maximumSignificantDigits:2,maximumFractionDigits:3,roundingPriority:'lessPrecision'}",
		"{minimumIntegerDigits:3}",
		"{useGrouping:false}",
		"{useGrouping:'always'}",
		"{useGrouping:'min2'}",
		"{signDisplay:'always'}",
		"{signDisplay:'exceptZero'}",
		"{signDisplay:'never'}",
		"{signDisplay:'negative'}",
		"{roundingMode:'floor',maximumFractionDigits:1}",
		"{roundingMode:'ceil',maximumFractionDigits:1}",
		"{roundingMode:'halfEven',maximumFractionDigits:0}",
		"{roundingMode:'trunc',maximumSignificantDigits:2}",
		"{roundingIncrement:5,minimumFractionDigits:2,maximumFractionDigits:2}",
		"{roundingIncrement:25,maximumFractionDigits:2,minimumFractionDigits:2}",
		"{trailingZeroDisplay:'stripIfInteger',minimumFractionDigits:2}",
		"{notation:'scientific'}",
		"{notation:'engineering'}",
		"{notation:'compact'}",
		"{notation:'compact',compactDisplay:'long'}",
		"{notation:'compact',maximumFractionDigits:2}",
		"{notation:'compact',style:'currency',currency:'EUR'}",
	}
	var cases []string
	for _, l := range locales {
		for _, o := range options {
			for _, v := range values {
				cases = append(cases, fmt.Sprintf("new Intl.NumberFormat(%s, %s).format(%s)", quote(l), o, v))
			}
			cases = append(cases, fmt.Sprintf("new Intl.NumberFormat(%s, %s).resolvedOptions()", quote(l), o))
			cases = append(cases, fmt.Sprintf("new Intl.NumberFormat(%s, %s).formatToParts(-1234567.891)", quote(l), o))
		}
		for _, v := range []string{"1234567.891", "-0.5", "1e21", "12345678901234567890n", "-42n"} {
			cases = append(cases, fmt.Sprintf("(%s).toLocaleString(%s)", v, quote(l)))
		}
		cases = append(cases, fmt.Sprintf("(1234.5).toLocaleString(%s, {style:'currency',currency:'USD'})", quote(l)))
	}
	// Strings keep their digits; other values convert.
	for _, v := range []string{`"1.005"`, `"123456789012345678901234567890.5"`, `" 12 "`, `"0x1F"`, `"abc"`, `""`, `"1e400"`, `"-0"`,
		`"Infinity"`, `"1_000"`, `true`, `null`, `undefined`, `{valueOf(){return 7}}`, `[5]`, `new Number(3)`, `Symbol()`} {
		cases = append(cases, fmt.Sprintf("new Intl.NumberFormat('en', {maximumFractionDigits: 2}).format(%s)", v))
	}
	cases = append(cases,
		"(1234.5).toLocaleString()",
		"(1234.5).toLocaleString(undefined, {maximumFractionDigits: 0})",
		"(1234.5).toLocaleString([])",
		"(1234.5).toLocaleString(['xx', 'de-DE'])",
		"(1234.5).toLocaleString('de')",
		"(1234.5).toLocaleString('de-AT').length > 0",
		"(1234.5).toLocaleString('zz')",
		"(1234.5).toLocaleString('EN-in')",
		"new Intl.NumberFormat('de').resolvedOptions().locale",
		"new Intl.NumberFormat('pt').format(1234.5)",
		"Number.prototype.toLocaleString.call('5')",
		"new Intl.NumberFormat().format(1234.5)",
		"Intl.NumberFormat('en').format(5)",
		"[1234.5, 2].map(new Intl.NumberFormat('de').format)",
	)
	return cases
}

// dateCases are DateTimeFormat and toLocale*String cases: every locale
// with dates near year boundaries, option sets and time zones.
func dateCases() []string {
	dates := []string{
		"Date.UTC(2024, 11, 31, 13, 5, 9, 123)",
		"Date.UTC(2024, 0, 1, 0, 0, 0)",
		"Date.UTC(2023, 11, 31, 23, 59, 59, 999)",
		"Date.UTC(2000, 1, 29, 12, 0, 0)",
		"Date.UTC(1999, 6, 4, 5, 6, 7)",
		"Date.UTC(2025, 5, 15, 18, 30, 0)",
		"Date.UTC(1, 0, 1) - 86400000 * 366",
		"Date.UTC(275760, 8, 13)",
	}
	options := []string{
		"{timeZone:'UTC'}",
		"{timeZone:'UTC',dateStyle:'full'}",
		"{timeZone:'UTC',dateStyle:'long'}",
		"{timeZone:'UTC',dateStyle:'medium'}",
		"{timeZone:'UTC',dateStyle:'short'}",
		"{timeZone:'UTC',timeStyle:'full'}",
		"{timeZone:'UTC',timeStyle:'medium'}",
		"{timeZone:'UTC',timeStyle:'short'}",
		"{timeZone:'UTC',dateStyle:'long',timeStyle:'short'}",
		"{timeZone:'UTC',dateStyle:'full',timeStyle:'long'}",
		"{timeZone:'UTC',dateStyle:'short',timeStyle:'short',hour12:true}",
		"{timeZone:'UTC',day:'2-digit',month:'short',year:'numeric'}",
		"{timeZone:'UTC',weekday:'long',day:'numeric',month:'long',year:'numeric'}",
		"{timeZone:'UTC',weekday:'short',day:'numeric',month:'short'}",
		"{timeZone:'UTC',year:'2-digit',month:'2-digit',day:'2-digit'}",
		"{timeZone:'UTC',month:'long',year:'numeric'}",
		"{timeZone:'UTC',month:'short'}",
		"{timeZone:'UTC',month:'narrow'}",
		"{timeZone:'UTC',weekday:'narrow'}",
		"{timeZone:'UTC',hour:'numeric',minute:'2-digit'}",
		"{timeZone:'UTC',hour:'2-digit',minute:'2-digit',hour12:false}",
		"{timeZone:'UTC',hour:'numeric',hour12:true}",
		"{timeZone:'UTC',hour:'numeric',minute:'numeric',hourCycle:'h11'}",
		"{timeZone:'UTC',hour:'numeric',minute:'numeric',hourCycle:'h24'}",
		"{timeZone:'UTC',hour:'numeric',minute:'numeric',second:'numeric',fractionalSecondDigits:3}",
		"{timeZone:'UTC',weekday:'short',hour:'numeric',minute:'numeric'}",
		"{timeZone:'UTC',year:'numeric',month:'short',day:'numeric',hour:'numeric',minute:'numeric'}",
		"{timeZone:'UTC',year:'numeric',month:'long',day:'numeric',hour:'numeric',minute:'numeric',timeZoneName:'short'}",
		"{timeZone:'UTC',timeZoneName:'long'}",
		"{timeZone:'UTC',hour:'numeric',timeZoneName:'shortOffset'}",
		"{timeZone:'America/New_York',timeZoneName:'short',hour:'numeric',minute:'numeric'}",
		"{timeZone:'America/New_York',dateStyle:'full',timeStyle:'full'}",
		"{timeZone:'Europe/Berlin',dateStyle:'medium',timeStyle:'long'}",
		"{timeZone:'Asia/Kolkata',hour:'numeric',minute:'numeric',timeZoneName:'long'}",
		"{timeZone:'Asia/Tokyo'}",
		"{timeZone:'Australia/Sydney',timeZoneName:'short'}",
		"{timeZone:'America/Sao_Paulo',timeStyle:'full'}",
		"{timeZone:'Pacific/Chatham',timeZoneName:'longOffset'}",
	}
	var cases []string
	for _, l := range locales {
		for _, o := range options {
			for _, d := range dates {
				cases = append(cases, fmt.Sprintf("new Intl.DateTimeFormat(%s, %s).format(%s)", quote(l), o, d))
			}
			cases = append(cases, fmt.Sprintf("new Intl.DateTimeFormat(%s, %s).resolvedOptions()", quote(l), o))
			cases = append(cases, fmt.Sprintf("new Intl.DateTimeFormat(%s, %s).formatToParts(%s)", quote(l), o, dates[0]))
		}
		for _, d := range dates[:4] {
			for _, m := range []string{"toLocaleString", "toLocaleDateString", "toLocaleTimeString"} {
				cases = append(cases, fmt.Sprintf("new Date(%s).%s(%s, {timeZone:'UTC'})", d, m, quote(l)))
				cases = append(cases, fmt.Sprintf("new Date(%s).%s(%s)", d, m, quote(l)))
			}
		}
		// Every field combination the tables hold, with and without a time.
		fields := []struct {
			name   string
			values []string
		}{
			{"weekday", []string{"", "narrow", "short", "long"}},
			{"year", []string{"", "numeric", "2-digit"}},
			{"month", []string{"", "numeric", "2-digit", "narrow", "short", "long"}},
			{"day", []string{"", "numeric", "2-digit"}},
		}
		var combos []string
		var walk func(i int, acc string)
		walk = func(i int, acc string) {
			if i == len(fields) {
				combos = append(combos, acc)
				return
			}
			for _, v := range fields[i].values {
				next := acc
				if v != "" {
					next += fmt.Sprintf(",%s:'%s'", fields[i].name, v)
				}
				walk(i+1, next)
			}
		}
		walk(0, "")
		for i, c := range combos {
			times := []string{"", ",hour:'numeric',minute:'2-digit'"}
			if i%7 == 0 {
				times = append(times, ",hour:'2-digit',hour12:false", ",minute:'numeric',second:'2-digit'", ",hour:'numeric',minute:'numeric',second:'numeric',hourCycle:'h11'")
			}
			for _, tm := range times {
				if c == "" && tm == "" {
					continue
				}
				cases = append(cases, fmt.Sprintf("new Intl.DateTimeFormat(%s, {timeZone:'UTC'%s%s}).format(Date.UTC(2024, 2, 5, 0, 7, 9))", quote(l), c, tm))
			}
		}
	}
	cases = append(cases,
		"new Date(NaN).toLocaleString()",
		"new Date(NaN).toLocaleDateString('de-DE')",
		"new Intl.DateTimeFormat('en').format(NaN)",
		"new Intl.DateTimeFormat('en', {timeZone: 'UTC'}).format(0)",
		"new Intl.DateTimeFormat('en', {timeZone: 'UTC'}).format('5')",
		"new Intl.DateTimeFormat('en', {timeZone: 'UTC'}).format(8.64e15 + 1)",
		"new Intl.DateTimeFormat('en', {timeZone: 'america/new_york'}).resolvedOptions().timeZone",
		"new Intl.DateTimeFormat('en', {timeZone: 'Etc/GMT'}).resolvedOptions().timeZone",
		"new Intl.DateTimeFormat('en', {timeZone: 'Asia/Calcutta'}).resolvedOptions().timeZone",
		"new Intl.DateTimeFormat('en', {timeZone: 'Foo/Bar'})",
		"new Intl.DateTimeFormat('en', {timeZone: '+05:30'})",
		"new Intl.DateTimeFormat('en', {dateStyle: 'short', month: 'long'})",
		"new Intl.DateTimeFormat('en', {weekday: 'bogus'})",
		"new Intl.DateTimeFormat('en', {fractionalSecondDigits: 4})",
		"new Date(0).toLocaleDateString('en', {timeStyle: 'short'})",
		"new Date(0).toLocaleTimeString('en', {dateStyle: 'short'})",
		"Date.prototype.toLocaleString.call({})",
		"new Intl.DateTimeFormat('en-US-u-hc-h23', {hour: 'numeric', timeZone: 'UTC'}).resolvedOptions()",
		"new Intl.DateTimeFormat('en-US', {hour: 'numeric', hour12: 'yes', timeZone: 'UTC'}).format(0)",
		"new Intl.DateTimeFormat().resolvedOptions().timeZone",
		"new Intl.DateTimeFormat().resolvedOptions().locale",
		"new Date(Date.UTC(2024, 11, 31, 13, 5, 9)).toLocaleString()",
		"new Date(Date.UTC(2024, 11, 31, 13, 5, 9)).toLocaleDateString()",
		"new Date(Date.UTC(2024, 11, 31, 13, 5, 9)).toLocaleTimeString()",
		"[0, 86400000].map(new Intl.DateTimeFormat('de', {timeZone: 'UTC'}).format)",
	)
	return cases
}

// otherCases cover Collator, localeCompare, PluralRules,
// RelativeTimeFormat, ListFormat and the Intl object.
func otherCases() []string {
	words := `["Zebra", "apple", "Äpfel", "äpfel", "apfel", "a", "A", "b", "résumé", "resume", "Resume", "item10", "item2", "item1", "ñu", "nube", "oso", "z", "", " a", "a-b", "ab"]`
	var cases []string
	for _, l := range locales {
		for _, o := range []string{"{}", "{sensitivity:'base'}", "{sensitivity:'accent'}", "{numeric:true}"} {
			cases = append(cases, fmt.Sprintf("%s.sort(new Intl.Collator(%s, %s).compare)", words, quote(l), o))
			cases = append(cases, fmt.Sprintf("new Intl.Collator(%s, %s).resolvedOptions()", quote(l), o))
		}
		cases = append(cases, fmt.Sprintf("%s.sort((a, b) => a.localeCompare(b, %s))", words, quote(l)))
		for _, n := range []string{"0", "1", "1.5", "2", "5", "1000000", "-1", "0.0"} {
			cases = append(cases, fmt.Sprintf("new Intl.PluralRules(%s).select(%s)", quote(l), n))
		}
		cases = append(cases, fmt.Sprintf("[1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101].map(n => new Intl.PluralRules(%s, {type: 'ordinal'}).select(n))", quote(l)))
		cases = append(cases, fmt.Sprintf("new Intl.PluralRules(%s).resolvedOptions()", quote(l)))
		for _, style := range []string{"long", "short", "narrow"} {
			for _, numeric := range []string{"always", "auto"} {
				for _, unit := range []string{"second", "minute", "hour", "day", "week", "month", "quarter", "year"} {
					cases = append(cases, fmt.Sprintf("[-2, -1, 0, 1, 2, 5, -1.5, 1000].map(v => new Intl.RelativeTimeFormat(%s, {style: '%s', numeric: '%s'}).format(v, '%s'))", quote(l), style, numeric, unit))
				}
			}
		}
		cases = append(cases, fmt.Sprintf("new Intl.RelativeTimeFormat(%s).formatToParts(-3, 'days')", quote(l)))
		for _, typ := range []string{"conjunction", "disjunction", "unit"} {
			for _, style := range []string{"long", "short", "narrow"} {
				cases = append(cases, fmt.Sprintf("[[], ['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd']].map(x => new Intl.ListFormat(%s, {type: '%s', style: '%s'}).format(x))", quote(l), typ, style))
			}
		}
	}
	cases = append(cases,
		`"a".localeCompare("b")`, `"b".localeCompare("a")`, `"a".localeCompare("a")`, `"a".localeCompare("A")`,
		`"ä".localeCompare("a", "de", {sensitivity: "base"})`, `"a".localeCompare("A", undefined, {sensitivity: "accent"})`,
		`String.prototype.localeCompare.call(null, "a")`,
		`Intl.getCanonicalLocales(["EN-us", "de", "en-us"])`,
		`Intl.getCanonicalLocales("en_US")`,
		`Intl.getCanonicalLocales([5])`,
		`Intl.NumberFormat.supportedLocalesOf(["de-DE", "zz", "ja"])`,
		`Object.prototype.toString.call(Intl)`,
		`Object.prototype.toString.call(new Intl.NumberFormat())`,
		`typeof Intl.DateTimeFormat.prototype.formatToParts`,
		`Intl.DateTimeFormat.length`,
		`new Intl.NumberFormat("en", null)`,
		`new Intl.NumberFormat("en", {style: "currency"})`,
		`new Intl.NumberFormat("en", {style: "currency", currency: "US"})`,
		`new Intl.NumberFormat("en", {maximumFractionDigits: 21})`,
		`new Intl.NumberFormat("en", {minimumFractionDigits: 3, maximumFractionDigits: 2})`,
		`new Intl.NumberFormat("en", {useGrouping: "bogus"})`,
		`new Intl.NumberFormat("en", {roundingIncrement: 3})`,
		`new Intl.NumberFormat("en", {roundingIncrement: 5, maximumFractionDigits: 2})`,
		`new Intl.NumberFormat("en", {minimumIntegerDigits: 22})`,
		`Intl.NumberFormat.prototype.format.call({})`,
		`new Intl.PluralRules("en", {type: "bogus"})`,
		`new Intl.RelativeTimeFormat("en").format(1, "fortnight")`,
		`new Intl.RelativeTimeFormat("en").format(NaN, "day")`,
		`new Intl.ListFormat("en").format(["a", 5])`,
	)
	return cases
}

func TestNumbersLikeNode(t *testing.T) { compareWithNode(t, numberCases()) }
func TestDatesLikeNode(t *testing.T)   { compareWithNode(t, dateCases()) }
func TestOthersLikeNode(t *testing.T)  { compareWithNode(t, otherCases()) }

func TestCaseCount(t *testing.T) {
	n := len(numberCases()) + len(dateCases()) + len(otherCases())
	if n < 80 {
		t.Fatalf("%d cases, want at least 80", n)
	}
	t.Logf("%d cases compared with node", n)
	_ = strings.TrimSpace
}
