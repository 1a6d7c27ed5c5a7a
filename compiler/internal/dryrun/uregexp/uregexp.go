// Package uregexp makes Unicode property escapes (\p{…} and \P{…} in a
// regular expression with the u flag) work in goja, which reads them as
// the letter p. Before goja compiles code, the patterns of its regular
// expression literals with the u flag have their escapes replaced by the
// classes of code points they stand for; Install does the same for
// patterns given to the RegExp constructor. The expressions then match
// as in browsers; their source property shows the expanded classes.
//
// Properties: General_Category values (L, Letter, gc=Lu,
// General_Category=Uppercase_Letter…), scripts (Script=Greek, sc=Grek;
// Script_Extensions is read as Script), the binary properties of Go's
// unicode package (White_Space, Dash…), the derived ones ECMAScript
// lists (Alphabetic, Lowercase, Uppercase, Math, ID_Start, ID_Continue,
// Cased, Any, ASCII, Assigned…) and the emoji properties (Emoji,
// Emoji_Presentation, Extended_Pictographic…). Go's tables are Unicode
// 15, the emoji ones (from node) Unicode 17. An unknown name is left as
// it was.
package uregexp

//go:generate ./gen.sh

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/dop251/goja"
	"github.com/dop251/goja/ast"
)

// Compile is goja.Compile, with the property escapes of the code's
// regular expression literals rewritten.
func Compile(name, src string, strict bool) (*goja.Program, error) {
	if !strings.Contains(src, `\p{`) && !strings.Contains(src, `\P{`) {
		return goja.Compile(name, src, strict)
	}
	prog, err := goja.Parse(name, src)
	if err != nil {
		return nil, err
	}
	rewriteLiterals(reflect.ValueOf(prog), map[uintptr]bool{})
	return goja.CompileAST(prog, strict)
}

var regExpLiteral = reflect.TypeOf(&ast.RegExpLiteral{})

// rewriteLiterals walks an AST and rewrites every regular expression
// literal with the u flag.
func rewriteLiterals(v reflect.Value, seen map[uintptr]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		if v.Type() == regExpLiteral {
			lit := v.Interface().(*ast.RegExpLiteral)
			if strings.ContainsRune(lit.Flags, 'u') {
				if p, ok := Rewrite(lit.Pattern); ok {
					lit.Pattern = p
				}
			}
			return
		}
		rewriteLiterals(v.Elem(), seen)
	case reflect.Interface:
		if !v.IsNil() {
			rewriteLiterals(v.Elem(), seen)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.CanInterface() {
				rewriteLiterals(f, seen)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			rewriteLiterals(v.Index(i), seen)
		}
	}
}

// maxPattern bounds a rewritten pattern: each \p{L} grows into some 10 KB
// of ranges, and a pattern made of thousands of them would take the
// memory (and time) of the compiler.
const maxPattern = 1 << 20

// Rewrite replaces the property escapes of a pattern read with the u flag
// by classes of code points; ok is false when there is nothing to
// rewrite (no escape, or only unknown properties), or when the classes
// would make a pattern of more than a MiB.
func Rewrite(pattern string) (string, bool) {
	if !strings.Contains(pattern, `\p{`) && !strings.Contains(pattern, `\P{`) {
		return pattern, false
	}
	var b strings.Builder
	changed := false
	inClass := false
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case c == '\\' && i+1 < len(pattern):
			n := pattern[i+1]
			if (n == 'p' || n == 'P') && i+2 < len(pattern) && pattern[i+2] == '{' {
				end := strings.IndexByte(pattern[i+3:], '}')
				if end >= 0 {
					name := pattern[i+3 : i+3+end]
					if ranges, ok := lookup(name); ok {
						if n == 'P' {
							ranges = complement(ranges)
						}
						switch {
						case inClass:
							writeRanges(&b, ranges)
						case len(ranges) == 0:
							b.WriteString("[^\\u{0}-\\u{10FFFF}]") // matches nothing
						default:
							b.WriteByte('[')
							writeRanges(&b, ranges)
							b.WriteByte(']')
						}
						changed = true
						i += 3 + end
						if b.Len() > maxPattern {
							return pattern, false
						}
						continue
					}
				}
			}
			b.WriteByte(c)
			b.WriteByte(n)
			i++
		case c == '[' && !inClass:
			inClass = true
			b.WriteByte(c)
		case c == ']' && inClass:
			inClass = false
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	if !changed {
		return pattern, false
	}
	return b.String(), true
}

// span is a range of code points, both ends included.
type span struct{ lo, hi rune }

func writeRanges(b *strings.Builder, ranges []span) {
	for _, r := range ranges {
		if r.lo == r.hi {
			fmt.Fprintf(b, `\u{%X}`, r.lo)
		} else {
			fmt.Fprintf(b, `\u{%X}-\u{%X}`, r.lo, r.hi)
		}
	}
}

// spans lists a table's code points as sorted, merged ranges, without
// the surrogates (which a pattern cannot hold).
func spans(tabs ...*unicode.RangeTable) []span {
	var out []span
	for _, t := range tabs {
		for _, r := range t.R16 {
			out = appendStride(out, rune(r.Lo), rune(r.Hi), rune(r.Stride))
		}
		for _, r := range t.R32 {
			out = appendStride(out, rune(r.Lo), rune(r.Hi), rune(r.Stride))
		}
	}
	return normalize(out)
}

func appendStride(out []span, lo, hi, stride rune) []span {
	if stride <= 1 {
		return append(out, span{lo, hi})
	}
	for c := lo; c <= hi; c += stride {
		out = append(out, span{c, c})
	}
	return out
}

// normalize sorts and merges ranges and removes the surrogates.
func normalize(in []span) []span {
	sort.Slice(in, func(i, j int) bool { return in[i].lo < in[j].lo })
	var out []span
	for _, r := range in {
		if n := len(out); n > 0 && r.lo <= out[n-1].hi+1 {
			out[n-1].hi = max(out[n-1].hi, r.hi)
			continue
		}
		out = append(out, r)
	}
	var clean []span
	for _, r := range out {
		if r.hi < 0xD800 || r.lo > 0xDFFF {
			clean = append(clean, r)
			continue
		}
		if r.lo < 0xD800 {
			clean = append(clean, span{r.lo, 0xD7FF})
		}
		if r.hi > 0xDFFF {
			clean = append(clean, span{0xE000, r.hi})
		}
	}
	return clean
}

// complement is every code point (but the surrogates) not in ranges.
func complement(ranges []span) []span {
	var out []span
	next := rune(0)
	for _, r := range ranges {
		if r.lo > next {
			out = append(out, span{next, r.lo - 1})
		}
		next = r.hi + 1
	}
	if next <= unicode.MaxRune {
		out = append(out, span{next, unicode.MaxRune})
	}
	return normalize(out)
}

// minus is a without the code points of b.
func minus(a, b []span) []span {
	return intersect(a, complement(b))
}

func intersect(a, b []span) []span {
	var out []span
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		lo, hi := max(a[i].lo, b[j].lo), min(a[i].hi, b[j].hi)
		if lo <= hi {
			out = append(out, span{lo, hi})
		}
		if a[i].hi < b[j].hi {
			i++
		} else {
			j++
		}
	}
	return out
}

func union(sets ...[]span) []span {
	var all []span
	for _, s := range sets {
		all = append(all, s...)
	}
	return normalize(all)
}

type resolved struct {
	spans []span
	ok    bool
}

var (
	cacheMu sync.Mutex
	cache   = map[string]resolved{}
)

// lookup resolves a property expression, once per process.
func lookup(expr string) ([]span, bool) {
	cacheMu.Lock()
	r, found := cache[expr]
	cacheMu.Unlock()
	if found {
		return r.spans, r.ok
	}
	r.spans, r.ok = resolveProperty(expr)
	cacheMu.Lock()
	if len(cache) < 512 {
		cache[expr] = r
	}
	cacheMu.Unlock()
	return r.spans, r.ok
}

// resolveProperty resolves a property expression: "Name", "Name=Value".
func resolveProperty(expr string) ([]span, bool) {
	name, value, hasValue := strings.Cut(expr, "=")
	if hasValue {
		switch name {
		case "General_Category", "gc":
			return category(value)
		case "Script", "sc", "Script_Extensions", "scx":
			if long, ok := scriptAliases[value]; ok {
				value = long
			}
			if t, ok := unicode.Scripts[value]; ok {
				return spans(t), true
			}
		}
		return nil, false
	}
	if s, ok := category(name); ok {
		return s, true
	}
	return binary(name)
}

// category resolves a General_Category value.
func category(v string) ([]span, bool) {
	if short, ok := unicode.CategoryAliases[v]; ok {
		v = short
	}
	if v == "punct" {
		v = "P"
	}
	if t, ok := unicode.Categories[v]; ok {
		return spans(t), true
	}
	return nil, false
}

// binary resolves a binary property, deriving those Go's unicode package
// lacks as DerivedCoreProperties.txt does.
func binary(name string) ([]span, bool) {
	if t, ok := unicode.Properties[name]; ok {
		return spans(t), true
	}
	if t, ok := emojiTables[name]; ok {
		return spans(t), true
	}
	cat := func(names ...string) []span {
		var tabs []*unicode.RangeTable
		for _, n := range names {
			tabs = append(tabs, unicode.Categories[n])
		}
		return spans(tabs...)
	}
	prop := func(n string) []span { return spans(unicode.Properties[n]) }
	idStart := func() []span {
		return minus(minus(union(cat("L", "Nl"), prop("Other_ID_Start")), prop("Pattern_Syntax")), prop("Pattern_White_Space"))
	}
	switch name {
	case "Any":
		return []span{{0, 0xD7FF}, {0xE000, unicode.MaxRune}}, true
	case "ASCII":
		return []span{{0, 0x7F}}, true
	case "Assigned":
		return complement(cat("Cn")), true
	case "Alphabetic", "Alpha":
		return union(cat("Lu", "Ll", "Lt", "Lm", "Lo", "Nl"), prop("Other_Alphabetic")), true
	case "Lowercase", "Lower":
		return union(cat("Ll"), prop("Other_Lowercase")), true
	case "Uppercase", "Upper":
		return union(cat("Lu"), prop("Other_Uppercase")), true
	case "Math":
		return union(cat("Sm"), prop("Other_Math")), true
	case "Cased":
		return union(cat("Lu", "Ll", "Lt"), prop("Other_Lowercase"), prop("Other_Uppercase")), true
	case "ID_Start", "IDS", "XID_Start", "XIDS":
		return idStart(), true
	case "ID_Continue", "IDC", "XID_Continue", "XIDC":
		return minus(minus(union(idStart(), cat("Mn", "Mc", "Nd", "Pc"), prop("Other_ID_Continue")), prop("Pattern_Syntax")), prop("Pattern_White_Space")), true
	case "Grapheme_Extend", "Gr_Ext":
		return union(cat("Me", "Mn"), prop("Other_Grapheme_Extend")), true
	case "Default_Ignorable_Code_Point", "DI":
		return union(prop("Other_Default_Ignorable_Code_Point"), cat("Cf"), prop("Variation_Selector")), true
	case "Emoji_Presentation", "EPres", "Emoji_Modifier", "EMod", "Emoji_Modifier_Base", "EBase", "Emoji_Component", "EComp", "Extended_Pictographic", "ExtPict":
		long := map[string]string{"EPres": "Emoji_Presentation", "EMod": "Emoji_Modifier", "EBase": "Emoji_Modifier_Base", "EComp": "Emoji_Component", "ExtPict": "Extended_Pictographic"}[name]
		return spans(emojiTables[long]), true
	case "White_Space", "space":
		return prop("White_Space"), true
	}
	// The short names of Go's properties.
	short := map[string]string{
		"AHex": "ASCII_Hex_Digit", "Bidi_C": "Bidi_Control", "Dep": "Deprecated", "Dia": "Diacritic", "Ext": "Extender",
		"Hex": "Hex_Digit", "IDSB": "IDS_Binary_Operator", "IDST": "IDS_Trinary_Operator", "Ideo": "Ideographic",
		"Join_C": "Join_Control", "LOE": "Logical_Order_Exception", "NChar": "Noncharacter_Code_Point",
		"Pat_Syn": "Pattern_Syntax", "Pat_WS": "Pattern_White_Space", "QMark": "Quotation_Mark", "RI": "Regional_Indicator",
		"SD": "Soft_Dotted", "STerm": "Sentence_Terminal", "Term": "Terminal_Punctuation", "UIdeo": "Unified_Ideograph",
		"VS": "Variation_Selector", "WSpace": "White_Space",
	}
	if long, ok := short[name]; ok {
		return prop(long), true
	}
	return nil, false
}

// Install makes new RegExp(pattern, flags) rewrite the property escapes
// of a pattern with the u flag, when code (the module's source) names
// RegExp and has one: the constructor becomes a Proxy of itself.
func Install(vm *goja.Runtime, code string) {
	if !strings.Contains(code, "RegExp") || (!strings.Contains(code, `p{`) && !strings.Contains(code, `P{`)) {
		return
	}
	global := vm.GlobalObject()
	orig, ok := global.Get("RegExp").(*goja.Object)
	if !ok {
		return
	}
	ctor, ok := goja.AssertConstructor(orig)
	if !ok {
		return
	}
	call, _ := goja.AssertFunction(orig)
	fix := func(args []goja.Value) []goja.Value {
		if len(args) < 2 || !goja.IsString(args[0]) || goja.IsUndefined(args[1]) {
			return args
		}
		if !strings.ContainsRune(args[1].String(), 'u') {
			return args
		}
		if p, ok := Rewrite(args[0].String()); ok {
			args = append([]goja.Value{vm.ToValue(p)}, args[1:]...)
		}
		return args
	}
	var proxy, hasInstance *goja.Object
	p := vm.NewProxy(orig, &goja.ProxyTrapConfig{
		// goja's instanceof cannot see through a Proxy: answer for the original.
		GetSym: func(target *goja.Object, sym *goja.Symbol, receiver goja.Value) goja.Value {
			if sym != goja.SymHasInstance {
				return target.GetSymbol(sym)
			}
			if hasInstance == nil {
				hasInstance = vm.ToValue(func(c goja.FunctionCall) goja.Value {
					return vm.ToValue(vm.InstanceOf(c.Argument(0), orig))
				}).(*goja.Object)
			}
			return hasInstance
		},
		Construct: func(target *goja.Object, args []goja.Value, newTarget *goja.Object) *goja.Object {
			if newTarget == proxy {
				newTarget = nil
			}
			o, err := ctor(newTarget, fix(args)...)
			if err != nil {
				panic(err)
			}
			return o
		},
		Apply: func(target *goja.Object, this goja.Value, args []goja.Value) goja.Value {
			v, err := call(this, fix(args)...)
			if err != nil {
				panic(err)
			}
			return v
		},
	})
	proxy = vm.ToValue(p).(*goja.Object)
	_ = global.DefineDataProperty("RegExp", proxy, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}
