package intl

import (
	"fmt"
	"math"
	"strings"

	"github.com/dop251/goja"
)

// maxLocales is how many entries of a locales array are read: a sparse
// array of 2**32-1 would otherwise keep a native loop going, which the VM
// cannot interrupt.
const maxLocales = 1000

// rt is the Intl of one VM.
type rt struct {
	vm *goja.Runtime
	// RangeError, taken when Intl or toLocale* is first set up (not by
	// Install: reading a global costs more than the rest of it).
	rangeErrorCtor goja.Constructor
	intl           *goja.Object
	protos         map[string]*goja.Object
	// The internal slots of the objects Intl constructed.
	numberFormats   map[*goja.Object]*numberFormat
	dateFormats     map[*goja.Object]*dateFormat
	collators       map[*goja.Object]*collator
	pluralRules     map[*goja.Object]*pluralRules
	relativeFormats map[*goja.Object]*relativeFormat
	listFormats     map[*goja.Object]*listFormat
	// Formatters of toLocaleString calls, by their arguments' text.
	cache map[string]any
}

// MethodNames are the names of the methods Install replaces (when code
// names one of them); toLocaleLowerCase and toLocaleUpperCase are not
// among them.
var MethodNames = []string{"toLocaleString", "toLocaleDateString", "toLocaleTimeString", "localeCompare"}

// Install gives vm an Intl object and locale-aware toLocaleString,
// toLocaleDateString, toLocaleTimeString and localeCompare, for code (the
// module's source) that names them: other code gets nothing and pays
// nothing. Intl itself is built on its first use, through an accessor
// on the global object. Install must run before the module does.
func Install(vm *goja.Runtime, code string) {
	usesIntl := strings.Contains(code, "Intl")
	usesMethods := false
	for _, n := range MethodNames {
		usesMethods = usesMethods || strings.Contains(code, n)
	}
	if !usesIntl && !usesMethods {
		return
	}
	r := &rt{vm: vm}
	if usesIntl {
		global := vm.GlobalObject()
		getter := vm.ToValue(func(goja.FunctionCall) goja.Value {
			o := r.build()
			_ = global.DefineDataProperty("Intl", o, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
			return o
		})
		setter := vm.ToValue(func(c goja.FunctionCall) goja.Value {
			_ = global.DefineDataProperty("Intl", c.Argument(0), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
			return goja.Undefined()
		})
		_ = global.DefineAccessorProperty("Intl", getter, setter, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	if usesMethods {
		r.installPrototypes()
	}
}

// captureErrors takes the RangeError constructor, before the module can
// replace it (if it did already, that is what gets thrown, or a
// TypeError when it is not a constructor).
func (r *rt) captureErrors() {
	if r.rangeErrorCtor == nil {
		r.rangeErrorCtor, _ = goja.AssertConstructor(r.vm.Get("RangeError"))
	}
}

// throwRange and throwType throw a RangeError or a TypeError.
func (r *rt) throwRange(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	r.captureErrors()
	if r.rangeErrorCtor != nil {
		if o, err := r.rangeErrorCtor(nil, r.vm.ToValue(msg)); err == nil {
			panic(o)
		}
	}
	panic(r.vm.NewTypeError(msg))
}

func (r *rt) throwType(format string, args ...any) {
	panic(r.vm.NewTypeError(fmt.Sprintf(format, args...)))
}

// shown is a value in an error message, cut short.
func shown(s string) string {
	if len(s) > 100 {
		return s[:100] + "…"
	}
	return s
}

// toString is ToString: a Symbol throws a TypeError.
func (r *rt) toString(v goja.Value) string {
	if v == nil {
		return "undefined"
	}
	s := v.ToString()
	if _, ok := s.(*goja.Symbol); ok {
		r.throwType("Cannot convert a Symbol value to a string")
	}
	return s.String()
}

// toJSString is ToString, keeping the VM's string (a Symbol throws a
// TypeError).
func (r *rt) toJSString(v goja.Value) goja.String {
	if v == nil {
		v = goja.Undefined()
	}
	s, ok := v.ToString().(goja.String)
	if !ok {
		r.throwType("Cannot convert a Symbol value to a string")
	}
	return s
}

// toNumber is ToNumber (a Symbol or a BigInt throws a TypeError).
func (r *rt) toNumber(v goja.Value) float64 {
	if goja.IsBigInt(v) {
		r.throwType("Cannot convert a BigInt value to a number")
	}
	return v.ToFloat()
}

// options is the options argument as an object; nil for undefined.
func (r *rt) options(v goja.Value) *goja.Object {
	if v == nil || goja.IsUndefined(v) {
		return nil
	}
	if goja.IsNull(v) {
		r.throwType("Cannot convert undefined or null to object")
	}
	return v.ToObject(r.vm)
}

func get(o *goja.Object, name string) goja.Value {
	if o == nil {
		return nil
	}
	v := o.Get(name)
	if v == nil || goja.IsUndefined(v) {
		return nil
	}
	return v
}

// getString is GetOption for a string: fallback when undefined, a
// RangeError for a value not in allowed (when given).
func (r *rt) getString(o *goja.Object, service, name string, allowed []string, fallback string) string {
	v := get(o, name)
	if v == nil {
		return fallback
	}
	s := r.toString(v)
	if allowed != nil && !contains(allowed, s) {
		r.throwRange("Value %s out of range for %s options property %s", shown(s), service, name)
	}
	return s
}

// getBool is GetOption for a boolean: 0 undefined, 1 false, 2 true.
func getBool(o *goja.Object, name string) int {
	v := get(o, name)
	if v == nil {
		return 0
	}
	if v.ToBoolean() {
		return 2
	}
	return 1
}

// getNumber is GetNumberOption: fallback when undefined, a RangeError
// outside [lo, hi], else the floor.
func (r *rt) getNumber(o *goja.Object, name string, lo, hi, fallback int) int {
	return r.defaultNumber(get(o, name), name, lo, hi, fallback)
}

func (r *rt) defaultNumber(v goja.Value, name string, lo, hi, fallback int) int {
	if v == nil || goja.IsUndefined(v) {
		return fallback
	}
	f := r.toNumber(v)
	if math.IsNaN(f) || f < float64(lo) || f > float64(hi) {
		r.throwRange("%s value is out of range.", name)
	}
	return int(math.Floor(f))
}

// localeList is CanonicalizeLocaleList.
func (r *rt) localeList(v goja.Value) []string {
	if v == nil || goja.IsUndefined(v) {
		return nil
	}
	var items []goja.Value
	if goja.IsString(v) {
		items = []goja.Value{v}
	} else {
		if goja.IsNull(v) {
			r.throwType("Cannot convert undefined or null to object")
		}
		o := v.ToObject(r.vm)
		n := int64(0)
		if l := o.Get("length"); l != nil {
			f := l.ToFloat()
			if f > 0 && !math.IsNaN(f) {
				n = int64(min(f, maxLocales))
			}
		}
		for i := int64(0); i < n; i++ {
			e := o.Get(fmt.Sprint(i))
			if e == nil { // a hole (undefined is a TypeError below)
				continue
			}
			items = append(items, e)
		}
	}
	var out []string
	for _, e := range items {
		var s string
		if eo, ok := e.(*goja.Object); ok {
			s = r.toString(eo)
		} else if goja.IsString(e) {
			s = e.String()
		} else {
			r.throwType("Language ID should be string or object.")
		}
		tag, ok := canonicalize(s)
		if !ok {
			r.throwRange("Incorrect locale information provided")
		}
		if !contains(out, tag) {
			out = append(out, tag)
		}
	}
	return out
}

// build makes the Intl object.
func (r *rt) build() *goja.Object {
	if r.intl != nil {
		return r.intl
	}
	vm := r.vm
	r.captureErrors()
	r.protos = map[string]*goja.Object{}
	r.numberFormats = map[*goja.Object]*numberFormat{}
	r.dateFormats = map[*goja.Object]*dateFormat{}
	r.collators = map[*goja.Object]*collator{}
	r.pluralRules = map[*goja.Object]*pluralRules{}
	r.relativeFormats = map[*goja.Object]*relativeFormat{}
	r.listFormats = map[*goja.Object]*listFormat{}
	o := vm.NewObject()
	_ = o.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Intl"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	r.method(o, "getCanonicalLocales", 1, func(c goja.FunctionCall) goja.Value {
		list := r.localeList(c.Argument(0))
		out := make([]any, len(list))
		for i, s := range list {
			out[i] = s
		}
		return vm.NewArray(out...)
	})
	r.method(o, "supportedValuesOf", 1, func(c goja.FunctionCall) goja.Value {
		key := r.toString(c.Argument(0))
		var vals []string
		switch key {
		case "calendar":
			vals = []string{"gregory"}
		case "collation":
			vals = []string{"default"}
		case "currency":
			vals = r.currencyCodes()
		case "numberingSystem":
			vals = []string{"latn"}
		case "timeZone":
			vals = zoneList()
		case "unit":
			vals = nil
		default:
			r.throwRange("Invalid key : %s", shown(key))
		}
		out := make([]any, len(vals))
		for i, s := range vals {
			out[i] = s
		}
		return vm.NewArray(out...)
	})
	r.defineNumberFormat(o)
	r.defineDateTimeFormat(o)
	r.defineCollator(o)
	r.definePluralRules(o)
	r.defineRelativeTimeFormat(o)
	r.defineListFormat(o)
	r.intl = o
	return o
}

// method defines a function property, non-enumerable like the built-ins.
func (r *rt) method(o *goja.Object, name string, length int, f func(goja.FunctionCall) goja.Value) *goja.Object {
	fn := r.vm.ToValue(f).(*goja.Object)
	_ = fn.DefineDataProperty("name", r.vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = fn.DefineDataProperty("length", r.vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = o.DefineDataProperty(name, fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return fn
}

// unsupported defines a method that throws a TypeError naming itself:
// better than text that differs from a browser's.
func (r *rt) unsupported(o *goja.Object, owner, name string, length int) {
	r.method(o, name, length, func(goja.FunctionCall) goja.Value {
		r.throwType("%s.%s is not supported in modc dry runs", owner, name)
		return nil
	})
}

// getter defines an accessor property with a getter only.
func (r *rt) getter(o *goja.Object, name string, f func(goja.FunctionCall) goja.Value) {
	fn := r.vm.ToValue(f).(*goja.Object)
	_ = fn.DefineDataProperty("name", r.vm.ToValue("get "+name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = o.DefineAccessorProperty(name, fn, nil, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// constructor defines Intl[name]: a constructor (which goja also runs
// when called without new, as browsers do for NumberFormat,
// DateTimeFormat and Collator), with a prototype and supportedLocalesOf.
// init fills the new object's slot from the arguments.
func (r *rt) constructor(intl *goja.Object, name string, length int, init func(obj *goja.Object, args []goja.Value)) *goja.Object {
	vm := r.vm
	proto := vm.NewObject()
	ctor := vm.ToValue(func(c goja.ConstructorCall) *goja.Object {
		obj := c.This
		if c.NewTarget == nil && obj.Prototype() != proto {
			_ = obj.SetPrototype(proto) // called without new
		}
		init(obj, c.Arguments)
		return obj
	}).(*goja.Object)
	_ = ctor.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = ctor.DefineDataProperty("length", vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = ctor.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	_ = proto.DefineDataProperty("constructor", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Intl."+name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	r.method(ctor, "supportedLocalesOf", 1, func(c goja.FunctionCall) goja.Value {
		list := r.localeList(c.Argument(0))
		if opts := r.options(c.Argument(1)); opts != nil {
			r.getString(opts, "Intl."+name, "localeMatcher", []string{"lookup", "best fit"}, "best fit")
		}
		var out []any
		for _, tag := range list {
			base, _ := splitExtensions(tag)
			lang, _, _ := strings.Cut(base, "-")
			for _, s := range supported {
				if strings.HasPrefix(s, lang+"-") {
					out = append(out, tag)
					break
				}
			}
		}
		return vm.NewArray(out...)
	})
	_ = intl.DefineDataProperty(name, ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	r.protos[name] = proto
	return proto
}

// object makes a plain object with properties in order; nil values are
// left out.
func (r *rt) object(kv ...any) *goja.Object {
	o := r.vm.NewObject()
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == nil {
			continue
		}
		_ = o.Set(kv[i].(string), kv[i+1])
	}
	return o
}

// parts makes the array formatToParts returns.
func (r *rt) parts(ps []part, extra func(o *goja.Object, p part)) goja.Value {
	out := make([]any, len(ps))
	for i, p := range ps {
		o := r.object("type", p.typ, "value", p.val)
		if extra != nil {
			extra(o, p)
		}
		out[i] = o
	}
	return r.vm.NewArray(out...)
}

// part is one piece of formatted text.
type part struct {
	typ, val string
	unit     string // for RelativeTimeFormat
}

func joinParts(ps []part) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.val)
	}
	return b.String()
}

// data returns the locale data, throwing if it cannot be read (a bug).
func (r *rt) data() *dataSet {
	d, err := loadData()
	if err != nil {
		r.throwType("%v", err)
	}
	return d
}

func (r *rt) localeData(l *locale) *localeData {
	return r.data().Locales[l.data]
}
