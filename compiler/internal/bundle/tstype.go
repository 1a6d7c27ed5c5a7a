package bundle

import (
	"strconv"
	"strings"
	"unicode"
)

// TSType converts a JSDoc type expression (the text between the braces of
// @param {…}) into a TypeScript type that compiles on its own. It accepts
// the common JSDoc and TypeScript forms — unions, arrays, generics written
// Array<T> or Array.<T>, record types {a: T}, tuples, literals, nullable ?T
// and non-null !T, function(a): R and (a: T) => R — and maps what it does
// not know (names of types that are not declared anywhere, unparsable text)
// to any. The empty type is any.
func TSType(jsdoc string) string {
	p := &typeParser{src: strings.TrimSpace(jsdoc)}
	if p.src == "" {
		return "any"
	}
	t, ok := p.union()
	p.space()
	if !ok || p.pos != len(p.src) {
		return "any"
	}
	return t.text
}

// Precedences of type expressions: a part of a bigger expression is
// parenthesized when its precedence is lower than the place needs.
const (
	precFunc = iota // (a: T) => R
	precUnion
	precInter
	precPrimary
)

type tsType struct {
	text string
	prec int
}

func (t tsType) at(prec int) string {
	if t.prec < prec {
		return "(" + t.text + ")"
	}
	return t.text
}

var anyType = tsType{"any", precPrimary}

type typeParser struct {
	src string
	pos int
}

func (p *typeParser) space() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t' || p.src[p.pos] == '\n' || p.src[p.pos] == '\r') {
		p.pos++
	}
}

// eat consumes tok (after white space) if it comes next.
func (p *typeParser) eat(tok string) bool {
	p.space()
	if strings.HasPrefix(p.src[p.pos:], tok) {
		p.pos += len(tok)
		return true
	}
	return false
}

func (p *typeParser) peek(tok string) bool {
	p.space()
	return strings.HasPrefix(p.src[p.pos:], tok)
}

func (p *typeParser) ident() string {
	p.space()
	start := p.pos
	for p.pos < len(p.src) {
		r := rune(p.src[p.pos])
		if r == '_' || r == '$' || unicode.IsLetter(r) || (p.pos > start && unicode.IsDigit(r)) {
			p.pos++
			continue
		}
		break
	}
	return p.src[start:p.pos]
}

func (p *typeParser) union() (tsType, bool) {
	var parts []tsType
	for {
		t, ok := p.inter()
		if !ok {
			return anyType, false
		}
		parts = append(parts, t)
		if !p.eat("|") {
			break
		}
	}
	if len(parts) == 1 {
		return parts[0], true
	}
	texts := make([]string, len(parts))
	for i, t := range parts {
		texts[i] = t.at(precInter)
	}
	return tsType{strings.Join(dedupe(texts), " | "), precUnion}, true
}

func dedupe(parts []string) []string {
	seen := map[string]bool{}
	out := parts[:0:0]
	for _, s := range parts {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func (p *typeParser) inter() (tsType, bool) {
	var parts []string
	for {
		t, ok := p.postfix()
		if !ok {
			return anyType, false
		}
		if len(parts) == 0 && !p.peek("&") {
			return t, true
		}
		parts = append(parts, t.at(precPrimary))
		if !p.eat("&") {
			break
		}
	}
	return tsType{strings.Join(parts, " & "), precInter}, true
}

func (p *typeParser) postfix() (tsType, bool) {
	var t tsType
	var ok bool
	switch {
	case p.eat("..."):
		// A rest parameter's element type: ...T is T[].
		if t, ok = p.postfix(); !ok {
			return anyType, false
		}
		return tsType{t.at(precPrimary) + "[]", precPrimary}, true
	case p.eat("?"):
		if p.atEnd() {
			return anyType, true
		}
		if t, ok = p.postfix(); !ok {
			return anyType, false
		}
		return tsType{t.at(precInter) + " | null", precUnion}, true
	case p.eat("!"):
		return p.postfix()
	}
	if t, ok = p.primary(); !ok {
		return anyType, false
	}
	for {
		switch {
		case p.eat("[]"):
			t = tsType{t.at(precPrimary) + "[]", precPrimary}
		case p.eat("?"): // postfix nullable, T?
			t = tsType{t.at(precInter) + " | null", precUnion}
		case p.eat("!"):
		case p.peek("=") && !p.peek("=>"): // optional marker T=, handled by jsdoc
			p.eat("=")
		default:
			return t, true
		}
	}
}

// atEnd reports whether nothing that can start a type follows.
func (p *typeParser) atEnd() bool {
	p.space()
	if p.pos >= len(p.src) {
		return true
	}
	return strings.ContainsRune(",)]}>|=", rune(p.src[p.pos]))
}

func (p *typeParser) primary() (tsType, bool) {
	p.space()
	if p.pos >= len(p.src) {
		return anyType, false
	}
	switch c := p.src[p.pos]; {
	case c == '*':
		p.pos++
		return anyType, true
	case c == '(':
		return p.parenOrArrow()
	case c == '{':
		return p.record()
	case c == '[':
		return p.tuple()
	case c == '"' || c == '\'':
		return p.stringLit(c)
	case c == '-' || (c >= '0' && c <= '9'):
		start := p.pos
		p.pos++
		for p.pos < len(p.src) && strings.ContainsRune("0123456789._eE", rune(p.src[p.pos])) {
			p.pos++
		}
		return tsType{p.src[start:p.pos], precPrimary}, true
	}
	name := p.ident()
	if name == "" {
		return anyType, false
	}
	for p.peek(".") && !p.peek(".<") && !p.peek("...") {
		p.eat(".")
		next := p.ident()
		if next == "" {
			return anyType, false
		}
		name += "." + next
	}
	if name == "function" && p.peek("(") {
		return p.closureFunction()
	}
	var args []tsType
	if p.eat(".<") || p.eat("<") {
		for {
			a, ok := p.union()
			if !ok {
				return anyType, false
			}
			args = append(args, a)
			if !p.eat(",") {
				break
			}
		}
		if !p.eat(">") {
			return anyType, false
		}
	}
	return named(name, args), true
}

// arity lists the known generic types and how many arguments each takes.
var arity = map[string]int{
	"Promise": 1, "Array": 1, "ReadonlyArray": 1, "Set": 1, "ReadonlySet": 1, "WeakSet": 1,
	"Iterable": 1, "Iterator": 1, "AsyncIterable": 1, "PromiseLike": 1, "Partial": 1, "Required": 1,
	"Readonly": 1, "NonNullable": 1, "Awaited": 1,
	"Map": 2, "ReadonlyMap": 2, "WeakMap": 2, "Record": 2, "Pick": 2, "Omit": 2, "Exclude": 2, "Extract": 2,
}

// plainTypes are the names that stand for themselves and take no arguments.
var plainTypes = map[string]string{
	"string": "string", "number": "number", "boolean": "boolean", "bigint": "bigint", "symbol": "symbol",
	"object": "object", "any": "any", "unknown": "unknown", "never": "never", "void": "void",
	"undefined": "undefined", "null": "null", "true": "true", "false": "false",
	"String": "string", "Number": "number", "Boolean": "boolean", "BigInt": "bigint", "Symbol": "symbol",
	"bool": "boolean", "int": "number", "float": "number", "integer": "number",
	"Date": "Date", "RegExp": "RegExp", "Error": "Error", "TypeError": "TypeError", "RangeError": "RangeError",
	"ArrayBuffer": "ArrayBuffer", "DataView": "DataView", "Uint8Array": "Uint8Array", "Int8Array": "Int8Array",
	"Uint16Array": "Uint16Array", "Int16Array": "Int16Array", "Uint32Array": "Uint32Array", "Int32Array": "Int32Array",
	"Float32Array": "Float32Array", "Float64Array": "Float64Array", "JSON": "JSON", "Math": "Math",
	"Function": "((...args: any[]) => any)", "function": "((...args: any[]) => any)",
}

func named(name string, args []tsType) tsType {
	switch name {
	case "Object", "object":
		if len(args) == 2 { // Object.<K, V>
			return tsType{"Record<" + args[0].text + ", " + args[1].text + ">", precPrimary}
		}
		if len(args) == 0 {
			if name == "object" {
				return tsType{"object", precPrimary}
			}
			return tsType{"Record<string, any>", precPrimary}
		}
		return anyType
	case "Array":
		if len(args) == 1 {
			return tsType{args[0].at(precPrimary) + "[]", precPrimary}
		}
		if len(args) == 0 {
			return tsType{"any[]", precPrimary}
		}
		return anyType
	}
	if t, ok := plainTypes[name]; ok && len(args) == 0 {
		return tsType{t, precPrimary}
	}
	n, ok := arity[name]
	if !ok {
		return anyType // a name TypeScript would not know
	}
	if len(args) > n {
		return anyType
	}
	parts := make([]string, n)
	for i := range parts {
		parts[i] = "any"
		if i < len(args) {
			parts[i] = args[i].text
		}
	}
	if name == "Record" && len(args) < 2 {
		parts[0] = "string"
	}
	return tsType{name + "<" + strings.Join(parts, ", ") + ">", precPrimary}
}

func (p *typeParser) stringLit(q byte) (tsType, bool) {
	start := p.pos
	p.pos++
	for p.pos < len(p.src) && p.src[p.pos] != q {
		if p.src[p.pos] == '\\' {
			p.pos++
		}
		p.pos++
	}
	if p.pos >= len(p.src) {
		return anyType, false
	}
	p.pos++
	body := p.src[start+1 : p.pos-1]
	if q == '\'' {
		body = strings.ReplaceAll(strings.ReplaceAll(body, `\'`, `'`), `"`, `\"`)
	}
	return tsType{`"` + body + `"`, precPrimary}, true
}

// parenOrArrow parses (T) or an arrow function type (a: T, b?: U) => R.
func (p *typeParser) parenOrArrow() (tsType, bool) {
	save := p.pos
	if t, ok := p.arrow(); ok {
		return t, true
	}
	p.pos = save
	p.eat("(")
	t, ok := p.union()
	if !ok || !p.eat(")") {
		return anyType, false
	}
	return tsType{"(" + t.text + ")", precPrimary}, true
}

func (p *typeParser) arrow() (tsType, bool) {
	p.eat("(")
	var params []string
	for !p.peek(")") {
		rest := p.eat("...")
		name := p.ident()
		if name == "" {
			return anyType, false
		}
		opt := p.eat("?")
		typ := anyType
		if p.eat(":") {
			var ok bool
			if typ, ok = p.union(); !ok {
				return anyType, false
			}
		}
		s := name
		if opt {
			s += "?"
		}
		if rest {
			s = "..." + s
		}
		params = append(params, s+": "+typ.text)
		if !p.eat(",") {
			break
		}
	}
	if !p.eat(")") || !p.eat("=>") {
		return anyType, false
	}
	ret, ok := p.union()
	if !ok {
		return anyType, false
	}
	return tsType{"(" + strings.Join(params, ", ") + ") => " + ret.text, precFunc}, true
}

// closureFunction parses the Closure form function(string, number=): R.
func (p *typeParser) closureFunction() (tsType, bool) {
	p.eat("(")
	var params []string
	for i := 0; !p.peek(")"); i++ {
		if p.eat("this:") || p.eat("new:") {
			if _, ok := p.union(); !ok {
				return anyType, false
			}
		} else {
			rest := p.peek("...")
			t, ok := p.union()
			if !ok {
				return anyType, false
			}
			name := "arg" + strconv.Itoa(i)
			if rest {
				params = append(params, "..."+name+": "+t.text)
			} else {
				params = append(params, name+": "+t.text)
			}
		}
		if !p.eat(",") {
			break
		}
	}
	if !p.eat(")") {
		return anyType, false
	}
	ret := tsType{"void", precPrimary}
	if p.eat(":") {
		var ok bool
		if ret, ok = p.union(); !ok {
			return anyType, false
		}
	}
	return tsType{"(" + strings.Join(params, ", ") + ") => " + ret.text, precFunc}, true
}

// record parses {a: T, b?: U, c} (JSDoc record) or {a: T; b: U} (TypeScript).
func (p *typeParser) record() (tsType, bool) {
	p.eat("{")
	var fields []string
	for !p.peek("}") {
		var key string
		p.space()
		if p.pos < len(p.src) && (p.src[p.pos] == '"' || p.src[p.pos] == '\'') {
			k, ok := p.stringLit(p.src[p.pos])
			if !ok {
				return anyType, false
			}
			key = k.text
		} else if key = p.ident(); key == "" {
			return anyType, false
		}
		opt := p.eat("?")
		typ := anyType
		if p.eat(":") {
			var ok bool
			if typ, ok = p.union(); !ok {
				return anyType, false
			}
		}
		if opt {
			key += "?"
		}
		fields = append(fields, key+": "+typ.text)
		if !p.eat(",") && !p.eat(";") {
			break
		}
	}
	if !p.eat("}") {
		return anyType, false
	}
	if len(fields) == 0 {
		return tsType{"{}", precPrimary}, true
	}
	return tsType{"{ " + strings.Join(fields, "; ") + " }", precPrimary}, true
}

func (p *typeParser) tuple() (tsType, bool) {
	p.eat("[")
	var items []string
	for !p.peek("]") {
		t, ok := p.union()
		if !ok {
			return anyType, false
		}
		items = append(items, t.text)
		if !p.eat(",") {
			break
		}
	}
	if !p.eat("]") {
		return anyType, false
	}
	return tsType{"[" + strings.Join(items, ", ") + "]", precPrimary}, true
}
