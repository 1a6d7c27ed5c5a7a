package binding

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func T(s string) Segment { return Segment{Text: s} }
func B(s string) Segment { return Segment{Text: s, Binding: true} }

var splitTests = []struct {
	in   string
	want []Segment
}{
	// Plain text and simple bindings.
	{"", nil},
	{"hello", []Segment{T("hello")}},
	{"{{a}}", []Segment{B("a")}},
	{"{{ a }}", []Segment{B(" a ")}},
	{"Hello {{user.name}}!", []Segment{T("Hello "), B("user.name"), T("!")}},
	{"{{a}}{{b}}", []Segment{B("a"), B("b")}},
	{"{{a}} and {{b}}", []Segment{B("a"), T(" and "), B("b")}},
	{"{{ a }}\n{{ b }}", []Segment{B(" a "), T("\n"), B(" b ")}},
	{"{{}}", []Segment{B("")}},
	{"{{ }}", []Segment{B(" ")}},
	{"{{ /* c */ }}", []Segment{B(" /* c */ ")}},
	{"{{ JSModule_manage_tokens.getAccessToken(); }}", []Segment{B(" JSModule_manage_tokens.getAccessToken(); ")}},
	{"https://api.example.io/users?limit={{inputs.limit}}&offset={{inputs.offset}}",
		[]Segment{T("https://api.example.io/users?limit="), B("inputs.limit"), T("&offset="), B("inputs.offset")}},
	{"Bearer {{appsmith.store.authAccessToken}}", []Segment{T("Bearer "), B("appsmith.store.authAccessToken")}},
	{"héllo {{ naïve }} ✓", []Segment{T("héllo "), B(" naïve "), T(" ✓")}},

	// Stray and unbalanced braces.
	{"{{a}}}", []Segment{B("a"), T("}")}},
	{"{{ a }}}}", []Segment{B(" a "), T("}}")}},
	{"{{a}} }}", []Segment{B("a"), T(" }}")}},
	{"a }}", []Segment{T("a }}")}},
	{"}}{{a}}", []Segment{T("}}"), B("a")}},
	{"}}}}", []Segment{T("}}}}")}},
	{"{", []Segment{T("{")}},
	{"{{", []Segment{T("{{")}},
	{"{{ a", []Segment{T("{{ a")}},
	{"{{{{{{", []Segment{T("{{{{{{")}},
	{"{{{}}", []Segment{T("{"), B("")}},
	{"{{{ a }}", []Segment{T("{"), B(" a ")}},
	{"{{ a {{ b }}", []Segment{T("{{ a "), B(" b ")}},
	{"{{ a }} {{ b", []Segment{B(" a "), T(" {{ b")}},
	{"{{ a } b }}", []Segment{B(" a } b ")}},
	{"{{ a } b {{ c }}", []Segment{T("{{ a } b "), B(" c ")}},
	{"{{ {{a}} }}", []Segment{B(" {{a}} ")}},
	{strings.Repeat("{", 10) + " a }}", []Segment{T(strings.Repeat("{", 8)), B(" a ")}},
	// Past maxUnclosed openings that never close, the rest is text.
	{strings.Repeat("{", 100) + " a }}", []Segment{T(strings.Repeat("{", 100) + " a }}")}},

	// Nested braces.
	{"{{ {a: 1} }}", []Segment{B(" {a: 1} ")}},
	{"{{ {a: {b: 1}} }}", []Segment{B(" {a: {b: 1}} ")}},
	{"{{{a:1}}}", []Segment{B("{a:1}")}},
	{"{{ ({}) }}", []Segment{B(" ({}) ")}},
	{"{{ a ? {b:1} : {c:2} }}", []Segment{B(" a ? {b:1} : {c:2} ")}},
	{"{{ (() => { return 1 })() }}", []Segment{B(" (() => { return 1 })() ")}},
	// Event handlers: statements, with blocks, strings and regular expressions.
	{"{{ await A.run(); if (x) { showAlert('}}') } }}", []Segment{B(" await A.run(); if (x) { showAlert('}}') } ")}},
	{"{{ for (const r of rows) { n += r.v } }}", []Segment{B(" for (const r of rows) { n += r.v } ")}},
	{"{{ try { await a() } catch (e) { showAlert(e.message, 'error') } }}", []Segment{B(" try { await a() } catch (e) { showAlert(e.message, 'error') } ")}},
	{"{{ const o = {a: {b: 1}}; storeValue('o', o) }}", []Segment{B(" const o = {a: {b: 1}}; storeValue('o', o) ")}},
	{"{{ x = y / 2; z = /}}/.test(s) }}", []Segment{B(" x = y / 2; z = /}}/.test(s) ")}},
	{"{{ if (a) { b() }\n// done }}\n}}", []Segment{B(" if (a) { b() }\n// done }}\n")}},
	{"{{ (() => { if (a) { return {x: 1}}})() }}x", []Segment{B(" (() => { if (a) { return {x: 1}}})() "), T("x")}},

	// Strings.
	{`{{ {a: "}}"}.a }}`, []Segment{B(` {a: "}}"}.a `)}},
	{`{{ {a: "}}"} }}`, []Segment{B(` {a: "}}"} `)}},
	{`{{ '}}' }}`, []Segment{B(` '}}' `)}},
	{`{{ "a\"}}" }}`, []Segment{B(` "a\"}}" `)}},
	{`{{ 'it\'s }}' }}`, []Segment{B(` 'it\'s }}' `)}},
	{`{{ "\\" }}`, []Segment{B(` "\\" `)}},
	{`{{ "a\\"}} b" }}`, []Segment{B(` "a\\"`), T(` b" }}`)}},
	{`{{ "{" }}`, []Segment{B(` "{" `)}},
	{`{{ '✓}}' }}`, []Segment{B(` '✓}}' `)}},
	{"{{ \"abc\n}}", []Segment{B(" \"abc\n")}},             // an unterminated string ends at the line break
	{"{{ 'a\\\nb' }}", []Segment{B(" 'a\\\nb' ")}},         // line continuation
	{"{{ 'a\\\r\nb}}' }}", []Segment{B(" 'a\\\r\nb}}' ")}}, // line continuation with CRLF
	{"{{ \"}}", []Segment{T("{{ \"}}")}},                   // the string runs to the end
	{"{{ \"a\" + 'b' }}{{ \"}}\" }}", []Segment{B(" \"a\" + 'b' "), B(" \"}}\" ")}},

	// Template literals.
	{"{{ `}}` }}", []Segment{B(" `}}` ")}},
	{"{{ `${a}}` }}", []Segment{B(" `${a}}` ")}},
	{"{{ `}}${a}` }}", []Segment{B(" `}}${a}` ")}},
	{"{{ `${ {a:1}.a }` }}", []Segment{B(" `${ {a:1}.a }` ")}},
	{"{{ `a${`b${c}}`}` }}", []Segment{B(" `a${`b${c}}`}` ")}},
	{"{{ `${`${`${a}`}`}` }}", []Segment{B(" `${`${`${a}`}`}` ")}},
	{"{{ `\\`}}` }}", []Segment{B(" `\\`}}` ")}},
	{"{{ `$}}{}` }}", []Segment{B(" `$}}{}` ")}},
	{"{{ `a\n}}` }}", []Segment{B(" `a\n}}` ")}},
	{"{{ `${ \"}\" }` }}", []Segment{B(" `${ \"}\" }` ")}},
	{"{{ `unterminated }}", []Segment{T("{{ `unterminated }}")}},
	{"{{ `${ }}", []Segment{T("{{ `${ }}")}},

	// Comments.
	{"{{ a // }}\n }}", []Segment{B(" a // }}\n ")}},
	{"{{ a // }}", []Segment{T("{{ a // }}")}},
	{"{{ a // c\u2028 }}", []Segment{B(" a // c\u2028 ")}},
	{"{{ a /* }} */ }}", []Segment{B(" a /* }} */ ")}},
	{"{{ a /* }}", []Segment{T("{{ a /* }}")}},
	{"{{ a /* } */ }}", []Segment{B(" a /* } */ ")}},

	// Regular expressions and division.
	{"{{ /}}/.test(x) }}", []Segment{B(" /}}/.test(x) ")}},
	{"{{ x.replace(/}}/g, '') }}", []Segment{B(" x.replace(/}}/g, '') ")}},
	{"{{ /a/gi.test(x) }}", []Segment{B(" /a/gi.test(x) ")}},
	{"{{ /a\\/}}/ }}", []Segment{B(" /a\\/}}/ ")}},
	{"{{ x = /[}]/ }}", []Segment{B(" x = /[}]/ ")}},
	{"{{ x = /[/]}}/ }}", []Segment{B(" x = /[/]}}/ ")}},
	{"{{ return /}}/ }}", []Segment{B(" return /}}/ ")}},
	{"{{ typeof /}}/ }}", []Segment{B(" typeof /}}/ ")}},
	{"{{ a && /}}/.test(b) }}", []Segment{B(" a && /}}/.test(b) ")}},
	{"{{ a / b }}", []Segment{B(" a / b ")}},
	{"{{ a / b / c }}", []Segment{B(" a / b / c ")}},
	{"{{ x / 2 }} / {{ y }}", []Segment{B(" x / 2 "), T(" / "), B(" y ")}},
	{"{{ 10 / 2 }} / {{ 4 }}", []Segment{B(" 10 / 2 "), T(" / "), B(" 4 ")}},
	{"{{ (a) / 2 }} / {{ b }}", []Segment{B(" (a) / 2 "), T(" / "), B(" b ")}},
	{"{{ a[0] / 2 }} / {{ b }}", []Segment{B(" a[0] / 2 "), T(" / "), B(" b ")}},
	{"{{ a++ / 2 }} / {{ b }}", []Segment{B(" a++ / 2 "), T(" / "), B(" b ")}},
	{"{{ a.return / 2 }} / {{ b }}", []Segment{B(" a.return / 2 "), T(" / "), B(" b ")}},
	{"{{ `x` / 2 }} / {{ b }}", []Segment{B(" `x` / 2 "), T(" / "), B(" b ")}},
	{"{{ '1' / 2 }} / {{ b }}", []Segment{B(" '1' / 2 "), T(" / "), B(" b ")}},
	{"{{ = / }}", []Segment{B(" = / ")}}, // no closing '/' on the line: a division
	{"{{ a = / }} x / 2 }}", []Segment{B(" a = / }} x / 2 ")}},
	{"{{ a /= 2 }}", []Segment{B(" a /= 2 ")}},
	// After 16 regular expressions that do not close, '/' is a division.
	{"{{ " + strings.Repeat("(/[ ", 15) + "/}}/ }}", []Segment{B(" " + strings.Repeat("(/[ ", 15) + "/}}/ ")}},
	{"{{ " + strings.Repeat("(/[ ", 16) + "/}}/ }}", []Segment{B(" " + strings.Repeat("(/[ ", 16) + "/"), T("/ }}")}},
}

// checkSegments verifies the invariants every result of Split holds.
func checkSegments(t *testing.T, s string, segs []Segment) {
	t.Helper()
	var b strings.Builder
	pos := 0
	for i, seg := range segs {
		if seg.Binding {
			if !strings.HasPrefix(s[pos:], "{{") {
				t.Fatalf("Split(%q): binding %d does not follow {{", s, i)
			}
			pos += 2
		} else if seg.Text == "" {
			t.Fatalf("Split(%q): empty text segment %d", s, i)
		} else if i > 0 && !segs[i-1].Binding {
			t.Fatalf("Split(%q): adjacent text segments %d and %d", s, i-1, i)
		}
		if seg.Offset != pos || seg.Offset+len(seg.Text) > len(s) || s[seg.Offset:seg.Offset+len(seg.Text)] != seg.Text {
			t.Fatalf("Split(%q): segment %d %+v has a wrong offset (want %d)", s, i, seg, pos)
		}
		pos += len(seg.Text)
		if seg.Binding {
			if !strings.HasPrefix(s[pos:], "}}") {
				t.Fatalf("Split(%q): binding %d is not followed by }}", s, i)
			}
			pos += 2
			b.WriteString("{{" + seg.Text + "}}")
		} else {
			b.WriteString(seg.Text)
		}
	}
	if b.String() != s {
		t.Fatalf("Split(%q) does not round-trip: %q", s, b.String())
	}
}

func TestSplit(t *testing.T) {
	if len(splitTests) < 60 {
		t.Fatalf("only %d cases", len(splitTests))
	}
	for _, tt := range splitTests {
		got := Split(tt.in)
		checkSegments(t, tt.in, got)
		if len(got) != len(tt.want) {
			t.Errorf("Split(%q) = %s, want %s", tt.in, show(got), show(tt.want))
			continue
		}
		for i := range got {
			if got[i].Text != tt.want[i].Text || got[i].Binding != tt.want[i].Binding {
				t.Errorf("Split(%q) = %s, want %s", tt.in, show(got), show(tt.want))
				break
			}
		}
	}
}

func show(segs []Segment) string {
	var parts []string
	for _, s := range segs {
		if s.Binding {
			parts = append(parts, "B"+strconv.Quote(s.Text))
		} else {
			parts = append(parts, "T"+strconv.Quote(s.Text))
		}
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func TestIsSingleBinding(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"{{a}}", true},
		{" {{ a }} ", true},
		{"\n\t{{a}}\n", true},
		{"{{}}", true},
		{"", false},
		{"a", false},
		{"x{{a}}", false},
		{"{{a}}.", false},
		{"{{a}}{{b}}", false},
		{"{{a}} {{b}}", false},
		{"{{ a", false},
		{"{{{}}", false},
	} {
		if got := IsSingleBinding(Split(tt.in)); got != tt.want {
			t.Errorf("IsSingleBinding(Split(%q)) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzSplit(f *testing.F) {
	for _, tt := range splitTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		segs := Split(s)
		checkSegments(t, s, segs)
		single := IsSingleBinding(segs)
		n := 0
		for _, seg := range segs {
			if seg.Binding {
				n++
			}
		}
		if single && n != 1 {
			t.Fatalf("IsSingleBinding(Split(%q)) with %d bindings", s, n)
		}
		out := CompileTemplate(s, URL)
		if n == 0 && utf8.ValidString(s) {
			var back string
			if err := json.Unmarshal([]byte(out), &back); err != nil || back != s {
				t.Fatalf("CompileTemplate(%q) = %s, not the string literal", s, out)
			}
		}
	})
}

// A realistic property: a URL with several bindings, one with a string, an
// object literal and a template literal.
const benchInput = "https://api.example.io/users/{{ this.params.id }}/items?limit={{inputs.limit}}" +
	"&filter={{ JSON.stringify({ status: \"active}}\", tags: appsmith.store.tags }) }}" +
	"&q={{ `${inputs.q ?? ''}`.trim().replace(/\\s+/g, '+') }}&page={{ Table1.pageNo / 2 }}"

// Pathological input: every "{{" fails to close, and every '/' looks like
// an unterminated regular expression. The work stays linear in its length.
func BenchmarkSplitPathological(b *testing.B) {
	for _, n := range []int{1 << 10, 1 << 14, 1 << 18} {
		in := strings.Repeat("{{ (/[ ", n/7)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				Split(in)
			}
		})
	}
}

func BenchmarkSplit(b *testing.B) {
	b.SetBytes(int64(len(benchInput)))
	for b.Loop() {
		Split(benchInput)
	}
}
