package dryrun

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// jsonMaxWork is how many distinct objects jsonFits visits at most.
const jsonMaxWork = 1 << 20

// stringifyMaxDepth is how deeply nested a value JSON.stringify serialises:
// goja's stringify recurses in Go and looks for cycles along the whole path
// at every level, so a deep value costs time quadratic in its depth (a
// 100,000-deep array takes minutes) where the watchdog cannot interrupt it.
// Browsers throw a RangeError (call stack size) a few thousand levels deep.
const stringifyMaxDepth = 1000

// limits bounds what one built-in call may allocate in one step.
type limits struct {
	maxString int64 // characters of a string
	maxElems  int64 // elements of an array, arguments of a call, nodes of a JSON text
	maxBytes  int64 // bytes of an ArrayBuffer or typed array
}

// newLimits derives the per-call limits from the memory limit: one step
// may use a quarter of it (arrays count 32 bytes an element).
func newLimits(memory uint64) limits {
	quarter := int64(min(memory/4, math.MaxInt64/2))
	return limits{maxString: quarter, maxElems: max(quarter/32, 1024), maxBytes: quarter}
}

// guards replaces, in one VM, the built-ins that allocate in one step in
// proportion to an argument, so that they throw a RangeError instead of
// allocating past the memory limit (goja only checks for interrupts
// between instructions, so the watchdog cannot stop a native call). The
// wrappers are Go functions: cheaper to install than JavaScript ones.
type guards struct {
	vm  *goja.Runtime
	lim limits
	// joins counts the guarded joins under way (see wrapNested).
	joins int
}

// check throws a RangeError when n is over max.
func (g *guards) check(what string, n, max int64, unit string) {
	if n > max {
		panic(g.rangeError(fmt.Sprintf("%s would make %d %s, over the dry-run memory limit (%d %s)", what, n, unit, max, unit)))
	}
}

// rangeError makes a RangeError of this VM.
func (g *guards) rangeError(msg string) *goja.Object {
	ctor, _ := goja.AssertConstructor(g.vm.Get("RangeError"))
	o, err := ctor(nil, g.vm.ToValue(msg))
	if err != nil {
		panic(err)
	}
	return o
}

// length is ToLength(v), clamped to int64.
func length(v goja.Value) int64 {
	if v == nil || goja.IsUndefined(v) {
		return 0
	}
	f := v.ToFloat()
	switch {
	case math.IsNaN(f) || f <= 0:
		return 0
	case f >= math.MaxInt64/2:
		return math.MaxInt64 / 2
	}
	return int64(f)
}

// lengthOf is ToLength(ToObject(v).length), 0 for undefined and null.
func lengthOf(vm *goja.Runtime, v goja.Value) int64 {
	if o, ok := v.(*goja.Object); ok {
		return length(o.Get("length"))
	}
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return 0
	}
	return length(v.ToObject(vm).Get("length"))
}

// wrap replaces obj[name] with a function that runs check before the original.
func (g *guards) wrap(obj *goja.Object, name string, check func(call goja.FunctionCall)) {
	g.replace(obj, name, func(call goja.FunctionCall, orig goja.Callable) goja.Value {
		check(call)
		return callOrPanic(orig, call)
	})
}

// wrapNested is wrap for join and toLocaleString, which turn nested arrays
// into text by recursing in Go (through each element's toString, which
// calls join, or toLocaleString): goja looks
// for a cycle along the whole chain at every level, so the time is
// quadratic in the depth (minutes for a 100,000-deep array), and the
// watchdog cannot interrupt it. Past stringifyMaxDepth nested calls they
// throw a RangeError, as browsers do (call stack size).
func (g *guards) wrapNested(obj *goja.Object, name string, check func(call goja.FunctionCall)) {
	g.replace(obj, name, func(call goja.FunctionCall, orig goja.Callable) goja.Value {
		if g.joins >= stringifyMaxDepth {
			panic(g.rangeError(fmt.Sprintf("Array.prototype.%s of arrays nested more than %d levels deep", name, stringifyMaxDepth)))
		}
		check(call)
		g.joins++
		defer func() { g.joins-- }()
		return callOrPanic(orig, call)
	})
}

// replace replaces the function obj[name] with f, which gets the original,
// keeping its name and length.
func (g *guards) replace(obj *goja.Object, name string, f func(call goja.FunctionCall, orig goja.Callable) goja.Value) {
	origV := obj.Get(name)
	orig, ok := goja.AssertFunction(origV)
	if !ok {
		return
	}
	o := origV.ToObject(g.vm)
	fn := g.vm.ToValue(func(call goja.FunctionCall) goja.Value { return f(call, orig) }).(*goja.Object)
	_ = fn.DefineDataProperty("name", o.Get("name"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = fn.DefineDataProperty("length", o.Get("length"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = obj.DefineDataProperty(name, fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// callOrPanic calls orig, rethrowing what it throws.
func callOrPanic(orig goja.Callable, call goja.FunctionCall) goja.Value {
	v, err := orig(call.This, call.Arguments...)
	if err != nil {
		panic(err)
	}
	return v
}

// strLen is the length of ToString(v).
func (g *guards) strLen(v goja.Value) int64 {
	if v == nil {
		return 0
	}
	if s, ok := v.ToString().(goja.String); ok {
		return int64(s.Length())
	}
	return 0
}

// joinSize is a lower bound of the length of a.join(sep): the separators
// and the string elements.
func (g *guards) joinSize(what string, a goja.Value, sep int64) int64 {
	o, ok := a.(*goja.Object)
	if !ok {
		return 0
	}
	n := length(o.Get("length"))
	g.check(what, n, g.lim.maxElems, "elements")
	size := max(n-1, 0) * sep
	for i := int64(0); i < n && size <= g.lim.maxString; i++ {
		if s, ok := o.Get(strconv.FormatInt(i, 10)).(goja.String); ok {
			size += int64(s.Length())
		}
	}
	return size
}

// escapeHatches are the names through which code can reach a built-in
// without naming it (the global object, dynamic code, prototypes). Code
// that mentions one of them gets every guard.
var escapeHatches = []string{"eval", "Function", "constructor", "globalThis", "getPrototypeOf", "__proto__", "prototype", "Reflect", "Symbol"}

// guardedNames are the names install looks for besides the escape hatches:
// the guarded built-ins and what leads to them.
var guardedNames = []string{
	"repeat", "padStart", "padEnd", "concat", "toLocaleString", "fill", "from", "apply", "construct", "Buffer",
	"ArrayBuffer", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
	"Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
}

// codeNames are the names a dry run looks for in a module's code, in one
// pass: the escape hatches, the guarded built-ins, the runtime API that
// runtime.js creates only for code that names it (apiNames, run.go), what
// Intl and \p{…} are installed for (featureNames, run.go), and the browser
// globals installBrowser defines for code that names them
// (browserScanNames, browser.go).
var codeNames = newNameScanner(escapeHatches, distinct(guardedNames, apiNames, featureNames, browserScanNames))

// distinct concatenates lists, leaving out the names seen before.
func distinct(lists ...[]string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range lists {
		for _, n := range l {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// maxScanNames is how many names a nameScanner holds: a nameSet's bits.
const maxScanNames = 128

// nameSet is a set of a nameScanner's names, one bit each (by index).
type nameSet [maxScanNames / 64]uint64

// has reports whether the set holds the k-th name.
func (s *nameSet) has(k int) bool { return s[k>>6]&(1<<(k&63)) != 0 }

// add puts the k-th name in the set.
func (s *nameSet) add(k int) { s[k>>6] |= 1 << (k & 63) }

// union returns the names of s and those of t.
func (s nameSet) union(t nameSet) nameSet {
	for i := range s {
		s[i] |= t[i]
	}
	return s
}

// meets reports whether s and t have a name in common.
func (s nameSet) meets(t nameSet) bool {
	for i := range s {
		if s[i]&t[i] != 0 {
			return true
		}
	}
	return false
}

// nameScanner finds which of up to maxScanNames names occur in a text (as
// substrings, like strings.Contains), in one pass over it.
type nameScanner struct {
	names   []string
	index   map[string]int
	first   [256][]uint8 // the names starting with each byte
	bigrams [1 << 16 / 64]uint64
	hatches nameSet // the escape hatches
}

func newNameScanner(hatches, others []string) *nameScanner {
	s := &nameScanner{index: map[string]int{}}
	for i, n := range append(append([]string(nil), hatches...), others...) {
		if len(s.names) == maxScanNames || len(n) < 2 {
			panic(fmt.Sprintf("nameScanner: more than %d names, or one shorter than two bytes", maxScanNames))
		}
		s.names = append(s.names, n)
		s.index[n] = i
		s.first[n[0]] = append(s.first[n[0]], uint8(i))
		b := uint16(n[0])<<8 | uint16(n[1]) // every name has two bytes or more
		s.bigrams[b/64] |= 1 << (b % 64)
		if i < len(hatches) {
			s.hatches.add(i)
		}
	}
	return s
}

// scan returns the set of names that occur in text.
func (s *nameScanner) scan(text string) nameSet {
	var found nameSet
	for i := 0; i+1 < len(text); i++ {
		if b := uint16(text[i])<<8 | uint16(text[i+1]); s.bigrams[b/64]&(1<<(b%64)) == 0 {
			continue
		}
		for _, k := range s.first[text[i]] {
			if !found.has(int(k)) && strings.HasPrefix(text[i:], s.names[k]) {
				found.add(int(k))
			}
		}
	}
	return found
}

// has reports whether name is in the set found in text (a name the
// scanner does not know is searched for).
func (s *nameScanner) has(found nameSet, name, text string) bool {
	if k, ok := s.index[name]; ok {
		return found.has(k)
	}
	return strings.Contains(text, name)
}

// install wraps the guarded built-ins that code (main.js and the request
// sources) can reach. A guard costs a few microseconds per VM, mostly by
// materialising goja's lazily built prototypes, so a built-in that the code
// never names, and cannot reach through an escape hatch, is left as it is.
// The guards defend against runaway code, not hostile code: a module that
// builds a built-in's name at run time to dodge them is not stopped here
// (the watchdog and the time limit still apply between native calls).
func (g *guards) install(code string) {
	g.installFound(codeNames.scan(code), code)
}

// installFound is install given the names found in code (codeNames.scan).
func (g *guards) installFound(found nameSet, code string) {
	vm, lim := g.vm, g.lim
	hatch := found.meets(codeNames.hatches)
	uses := func(names ...string) bool {
		if hatch {
			return true
		}
		for _, n := range names {
			if codeNames.has(found, n, code) {
				return true
			}
		}
		return false
	}
	if uses("repeat", "padStart", "padEnd", "concat") {
		sp := vm.ToValue("").ToObject(vm).Prototype() // not vm.Get("String"): see ap below
		g.wrap(sp, "repeat", func(c goja.FunctionCall) {
			n := c.Argument(0).ToFloat()
			if n >= 1 {
				g.check("String.prototype.repeat", int64(min(float64(g.strLen(c.This))*math.Trunc(n), math.MaxInt64/2)), lim.maxString, "characters")
			}
		})
		for _, name := range []string{"padStart", "padEnd"} {
			g.wrap(sp, name, func(c goja.FunctionCall) {
				g.check("String.prototype."+name, length(c.Argument(0)), lim.maxString, "characters")
			})
		}
		g.wrap(sp, "concat", func(c goja.FunctionCall) {
			n := g.strLen(c.This)
			for _, a := range c.Arguments {
				n += g.strLen(a)
			}
			g.check("String.prototype.concat", n, lim.maxString, "characters")
		})
	}

	// Arrays turn into text implicitly (String(a), `${a}`), so join and
	// toString are always guarded; toLocaleString only when named.
	// Array.prototype through an array: the Array constructor, which the
	// code may never name, costs 60 allocations to materialise.
	ap := vm.NewArray().Prototype()
	g.wrapNested(ap, "join", func(c goja.FunctionCall) {
		sep := int64(1)
		if s := c.Argument(0); !goja.IsUndefined(s) {
			sep = g.strLen(s)
		}
		g.check("Array.prototype.join", g.joinSize("Array.prototype.join", c.This, sep), lim.maxString, "characters")
	})
	for _, name := range []string{"toString", "toLocaleString"} {
		if name == "toLocaleString" && !uses(name) {
			continue
		}
		check := func(c goja.FunctionCall) {
			g.check("Array.prototype."+name, g.joinSize("Array.prototype."+name, c.This, 1), lim.maxString, "characters")
		}
		if name == "toString" {
			g.wrap(ap, name, check) // it calls join, which counts the level
		} else {
			g.wrapNested(ap, name, check)
		}
	}
	if uses("fill") {
		g.wrap(ap, "fill", func(c goja.FunctionCall) {
			g.check("Array.prototype.fill", lengthOf(vm, c.This), lim.maxElems, "elements")
		})
	}
	if uses("from") {
		g.wrap(vm.Get("Array").ToObject(vm), "from", func(c goja.FunctionCall) {
			if o, ok := c.Argument(0).(*goja.Object); ok {
				if _, iterable := goja.AssertFunction(o.GetSymbol(goja.SymIterator)); !iterable {
					g.check("Array.from", length(o.Get("length")), lim.maxElems, "elements")
				}
			}
		})
	}
	args := func(what string, v goja.Value) {
		if o, ok := v.(*goja.Object); ok {
			g.check(what, length(o.Get("length")), lim.maxElems, "arguments")
		}
	}
	if uses("apply", "construct") {
		fp := vm.Get("Function").ToObject(vm).Get("prototype").ToObject(vm)
		g.wrap(fp, "apply", func(c goja.FunctionCall) { args("Function.prototype.apply", c.Argument(1)) })
		reflect := vm.Get("Reflect").ToObject(vm)
		g.wrap(reflect, "apply", func(c goja.FunctionCall) { args("Reflect.apply", c.Argument(2)) })
		g.wrap(reflect, "construct", func(c goja.FunctionCall) { args("Reflect.construct", c.Argument(1)) })
	}

	// runtime.js serialises results with JSON.stringify: always guarded.
	jsonObj := vm.Get("JSON").ToObject(vm)
	g.wrap(jsonObj, "stringify", func(c goja.FunctionCall) {
		fits, deep := g.jsonFits(c.Argument(0))
		if deep {
			panic(g.rangeError(fmt.Sprintf("JSON.stringify of a value nested more than %d levels deep", stringifyMaxDepth)))
		}
		if !fits {
			panic(g.rangeError(fmt.Sprintf("JSON.stringify would make more than %d nodes or %d characters, over the dry-run memory limit", lim.maxElems, lim.maxString)))
		}
	})

	// Buffers and typed arrays allocate their whole size when constructed.
	global := vm.GlobalObject()
	for _, b := range []struct {
		name string
		size int64
	}{
		{"ArrayBuffer", 1}, {"Int8Array", 1}, {"Uint8Array", 1}, {"Uint8ClampedArray", 1},
		{"Int16Array", 2}, {"Uint16Array", 2}, {"Int32Array", 4}, {"Uint32Array", 4},
		{"Float32Array", 4}, {"Float64Array", 8}, {"BigInt64Array", 8}, {"BigUint64Array", 8},
	} {
		if uses(b.name, "Buffer") {
			g.guardBuffer(global, b.name, b.size)
		}
	}
}

// guardBuffer replaces the constructor global[name] with a Proxy that
// checks the size of what it would allocate.
func (g *guards) guardBuffer(global *goja.Object, name string, size int64) {
	vm := g.vm
	orig, ok := global.Get(name).(*goja.Object)
	if !ok {
		return
	}
	ctor, ok := goja.AssertConstructor(orig)
	if !ok {
		return
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
			var n int64
			if len(args) > 0 {
				switch a := args[0].(type) {
				case *goja.Object:
					if a.ExportType() != arrayBufferType {
						n = length(a.Get("length"))
					}
				default:
					n = length(a)
				}
			}
			g.check(name, min(n, math.MaxInt64/16)*size, g.lim.maxBytes, "bytes")
			if newTarget == proxy {
				newTarget = nil
			}
			o, err := ctor(newTarget, args...)
			if err != nil {
				panic(err)
			}
			return o
		},
	})
	proxy = vm.ToValue(p).(*goja.Object)
	_ = global.DefineDataProperty(name, proxy, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// jsonFits reports whether JSON.stringify(v) stays within the limits. It
// measures the text v would make (nodes and characters, a subtree counted
// once per occurrence, as in the text) with sizes memoised per object, so
// a value whose subtrees are shared many times over is measured in time
// proportional to its real size. At most jsonMaxWork distinct objects are
// visited: a bigger value does not fit. A value nested more than
// stringifyMaxDepth levels deep is tooDeep (and does not fit).
func (g *guards) jsonFits(v goja.Value) (fits, tooDeep bool) {
	root, ok := v.(*goja.Object)
	if !ok {
		return true, false
	}
	// height is the levels of objects of a subtree, itself included.
	type size struct{ nodes, chars, height int64 }
	add := func(a *size, b size) {
		a.nodes = min(a.nodes+b.nodes, math.MaxInt64/2)
		a.chars = min(a.chars+b.chars, math.MaxInt64/2)
		a.height = max(a.height, b.height+1)
	}
	type frame struct {
		o        *goja.Object
		children []goja.Value
		i        int
		acc      size
	}
	// Most values are small: the sizes and the path are searched in
	// slices, and go into maps only past smallValue objects.
	const smallValue = 16
	type measured struct {
		o  *goja.Object
		sz size
	}
	var (
		memoList []measured
		memo     map[*goja.Object]size
		onPath   map[*goja.Object]bool // nil while the stack is small
		stack    []frame
	)
	remember := func(o *goja.Object, sz size) {
		if memo == nil && len(memoList) < smallValue {
			memoList = append(memoList, measured{o, sz})
			return
		}
		if memo == nil {
			memo = make(map[*goja.Object]size, 2*smallValue)
			for _, m := range memoList {
				memo[m.o] = m.sz
			}
		}
		memo[o] = sz
	}
	recall := func(o *goja.Object) (size, bool) {
		if memo != nil {
			sz, ok := memo[o]
			return sz, ok
		}
		for _, m := range memoList {
			if m.o == o {
				return m.sz, true
			}
		}
		return size{}, false
	}
	isOnPath := func(o *goja.Object) bool {
		if onPath != nil {
			return onPath[o]
		}
		for i := range stack {
			if stack[i].o == o {
				return true
			}
		}
		return false
	}
	push := func(f frame) {
		stack = append(stack, f)
		if onPath == nil && len(stack) > smallValue {
			onPath = make(map[*goja.Object]bool, 2*smallValue)
			for i := range stack {
				onPath[stack[i].o] = true
			}
		} else if onPath != nil {
			onPath[f.o] = true
		}
	}
	work := 0
	open := func(o *goja.Object) (frame, bool) {
		f := frame{o: o, acc: size{nodes: 1, height: 1}}
		if work++; work > jsonMaxWork {
			return f, false
		}
		if _, isFunc := goja.AssertFunction(o); isFunc {
			return f, true
		}
		if o.ClassName() == "Array" {
			n := length(o.Get("length"))
			if n > g.lim.maxElems {
				return f, false
			}
			f.children = make([]goja.Value, n)
			for i := range f.children {
				f.children[i] = o.Get(strconv.Itoa(i))
			}
			return f, true
		}
		keys := o.Keys()
		f.children = make([]goja.Value, len(keys))
		for i, k := range keys {
			f.acc.chars += int64(len(k))
			f.children[i] = o.Get(k)
		}
		return f, true
	}
	first, ok := open(root)
	if !ok {
		return false, false
	}
	push(first)
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.i == len(top.children) {
			done := *top
			stack = stack[:len(stack)-1]
			if onPath != nil {
				delete(onPath, done.o)
			}
			remember(done.o, done.acc)
			if len(stack) > 0 {
				add(&stack[len(stack)-1].acc, done.acc)
			}
			if done.acc.nodes > g.lim.maxElems || done.acc.chars > g.lim.maxString {
				return false, false
			}
			continue
		}
		c := top.children[top.i]
		top.i++
		switch c := c.(type) {
		case goja.String:
			top.acc.chars += int64(c.Length())
		case *goja.Object:
			if sz, seen := recall(c); seen {
				if int64(len(stack))+sz.height > stringifyMaxDepth {
					return false, true
				}
				add(&top.acc, sz)
				continue
			}
			if isOnPath(c) {
				return true, false // circular: the real stringify throws a TypeError
			}
			if len(stack) >= stringifyMaxDepth {
				return false, true
			}
			f, ok := open(c)
			if !ok {
				return false, false
			}
			push(f)
		}
	}
	return true, false
}
