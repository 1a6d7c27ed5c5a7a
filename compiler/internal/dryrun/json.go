package dryrun

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// jsonMaxDepth is how deeply nested a text fastParse decodes itself; a
// deeper one goes to JSON.parse.
const jsonMaxDepth = 1000

// jsonParser decodes the JSON texts runtime.js parses for every example
// (the store, the inputs, the arguments, the queries' mock data) straight
// into values of one VM. goja's own JSON.parse goes through
// encoding/json's token stream and costs several times more. The values
// are those JSON.parse makes: plain objects and arrays with data
// properties in text order (a later duplicate key replaces the value in
// place), numbers as float64, strings decoded as encoding/json decodes
// them. Any text the fast path is not sure about (bad syntax, a number out
// of range, deep nesting) goes to JSON.parse itself, so its errors are
// unchanged.
type jsonParser struct {
	vm    *goja.Runtime
	parse goja.Callable // the VM's JSON.parse
	s     string
	i     int
	vals  []any // scratch for array elements
}

// errFallback stops the fast path: JSON.parse decides.
type errFallback struct{}

func newJSONParser(vm *goja.Runtime) (*jsonParser, error) {
	parse, ok := goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("parse"))
	if !ok {
		return nil, errNoJSONParse
	}
	return &jsonParser{vm: vm, parse: parse}, nil
}

var errNoJSONParse = jsonError("JSON.parse is not a function")

type jsonError string

func (e jsonError) Error() string { return string(e) }

// call is the host function: parse(text).
func (p *jsonParser) call(c goja.FunctionCall) goja.Value {
	arg := c.Argument(0)
	if s, ok := exportAs(arg, stringType).(string); ok {
		if v, ok := p.fast(s); ok {
			return v
		}
	}
	v, err := p.parse(goja.Undefined(), arg)
	if err != nil {
		panic(err)
	}
	return v
}

// fast decodes s, or reports false when JSON.parse must.
func (p *jsonParser) fast(s string) (v goja.Value, ok bool) {
	p.s, p.i = s, 0
	defer func() {
		p.s = ""
		clear(p.vals) // a fallback midway leaves an array's values behind
		p.vals = p.vals[:0]
		if r := recover(); r != nil {
			if _, fb := r.(errFallback); !fb {
				panic(r)
			}
			v, ok = nil, false
		}
	}()
	v = p.value(0)
	p.space()
	if p.i != len(p.s) {
		return nil, false
	}
	return v, true
}

func (p *jsonParser) fail() { panic(errFallback{}) }

func (p *jsonParser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) goja.Value {
	p.space()
	if p.i >= len(p.s) {
		p.fail()
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object(depth + 1)
	case c == '[':
		return p.array(depth + 1)
	case c == '"':
		return p.vm.ToValue(p.str())
	case c == '-' || c >= '0' && c <= '9':
		return p.vm.ToValue(p.number())
	case p.word("true"):
		return p.vm.ToValue(true)
	case p.word("false"):
		return p.vm.ToValue(false)
	case p.word("null"):
		return goja.Null()
	}
	p.fail()
	return nil
}

func (p *jsonParser) word(w string) bool {
	if len(p.s)-p.i >= len(w) && p.s[p.i:p.i+len(w)] == w {
		p.i += len(w)
		return true
	}
	return false
}

func (p *jsonParser) object(depth int) goja.Value {
	if depth > jsonMaxDepth {
		p.fail()
	}
	p.i++ // {
	o := p.vm.NewObject()
	p.space()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return o
	}
	for {
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != '"' {
			p.fail()
		}
		key := p.str()
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			p.fail()
		}
		p.i++
		v := p.value(depth)
		if err := o.DefineDataProperty(key, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
			p.fail()
		}
		p.space()
		if p.i >= len(p.s) {
			p.fail()
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return o
		default:
			p.fail()
		}
	}
}

func (p *jsonParser) array(depth int) goja.Value {
	if depth > jsonMaxDepth {
		p.fail()
	}
	p.i++ // [
	start := len(p.vals)
	p.space()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return p.vm.NewArray()
	}
	for {
		p.vals = append(p.vals, p.value(depth))
		p.space()
		if p.i >= len(p.s) {
			p.fail()
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			a := p.vm.NewArray(p.vals[start:]...)
			clear(p.vals[start:])
			p.vals = p.vals[:start]
			return a
		default:
			p.fail()
		}
	}
}

// str decodes the string token at p.i. One with escapes, control or
// non-ASCII bytes is decoded by encoding/json, as JSON.parse does.
func (p *jsonParser) str() string {
	start := p.i
	p.i++ // "
	simple := true
	for {
		if p.i >= len(p.s) {
			p.fail()
		}
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			if simple {
				return p.s[start+1 : p.i-1]
			}
			raw := p.s[start:p.i]
			if utf8.ValidString(raw) && !hasEscapeOrControl(raw) {
				return raw[1 : len(raw)-1]
			}
			var out string
			if json.Unmarshal([]byte(raw), &out) != nil {
				p.fail()
			}
			return out
		case c == '\\':
			simple = false
			p.i += 2
		case c < 0x20 || c >= 0x80:
			simple = false
			p.i++
		default:
			p.i++
		}
	}
}

func hasEscapeOrControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' || s[i] < 0x20 {
			return true
		}
	}
	return false
}

// number decodes the number token at p.i, checking JSON's grammar.
func (p *jsonParser) number() float64 {
	start := p.i
	digits := func() int {
		n := 0
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.s[p.i] == '-' {
		p.i++
	}
	intStart := p.i
	switch n := digits(); {
	case n == 0, n > 1 && p.s[intStart] == '0':
		p.fail()
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if digits() == 0 {
			p.fail()
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			p.fail()
		}
	}
	f, err := strconv.ParseFloat(p.s[start:p.i], 64)
	if err != nil {
		p.fail()
	}
	return f
}
