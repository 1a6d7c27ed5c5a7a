package intl

import (
	"math"
	"math/big"

	"github.com/dop251/goja"
)

// installPrototypes replaces goja's locale-blind toLocaleString,
// toLocaleDateString, toLocaleTimeString and localeCompare with ECMA-402
// ones.
func (r *rt) installPrototypes() {
	vm := r.vm
	r.captureErrors()
	proto := func(name string) *goja.Object {
		c, ok := vm.Get(name).(*goja.Object)
		if !ok {
			return nil
		}
		p, _ := c.Get("prototype").(*goja.Object)
		return p
	}
	if p := proto("Number"); p != nil {
		r.method(p, "toLocaleString", 0, func(c goja.FunctionCall) goja.Value {
			x := r.thisNumber(c.This)
			nf := r.cachedNumberFormat(c.Argument(0), c.Argument(1))
			return vm.ToValue(joinParts(r.formatNumber(nf, fromFloat(x))))
		})
	}
	if p := proto("BigInt"); p != nil {
		r.method(p, "toLocaleString", 0, func(c goja.FunctionCall) goja.Value {
			x := r.thisBigInt(c.This)
			nf := r.cachedNumberFormat(c.Argument(0), c.Argument(1))
			return vm.ToValue(joinParts(r.formatNumber(nf, fromBig(x))))
		})
	}
	if p := proto("Date"); p != nil {
		for _, m := range []struct{ name, required, defaults string }{
			{"toLocaleString", "any", "all"},
			{"toLocaleDateString", "date", "date"},
			{"toLocaleTimeString", "time", "time"},
		} {
			r.method(p, m.name, 0, func(c goja.FunctionCall) goja.Value {
				o, _ := c.This.(*goja.Object)
				var tv float64
				ok := false
				if o != nil {
					tv, ok = r.timeOf(o)
				}
				if !ok {
					r.throwType("Method Date.prototype.%s called on incompatible receiver %s", m.name, shown(r.receiver(c.This)))
				}
				if math.IsNaN(tv) {
					return vm.ToValue("Invalid Date")
				}
				df := r.cachedDateFormat(c.Argument(0), c.Argument(1), m.required, m.defaults)
				return vm.ToValue(dateText(r.formatDate(df, tv)))
			})
		}
	}
	if p := proto("String"); p != nil {
		r.method(p, "localeCompare", 1, func(c goja.FunctionCall) goja.Value {
			if goja.IsUndefined(c.This) || goja.IsNull(c.This) {
				r.throwType("String.prototype.localeCompare called on null or undefined")
			}
			s := r.toJSString(c.This)
			that := r.toJSString(c.Argument(0))
			co := r.cachedCollator(c.Argument(1), c.Argument(2))
			return vm.ToValue(r.compare(co, s, that))
		})
	}
}

// thisNumber is thisNumberValue.
func (r *rt) thisNumber(v goja.Value) float64 {
	if goja.IsNumber(v) {
		return v.ToFloat()
	}
	if o, ok := v.(*goja.Object); ok && o.ClassName() == "Number" {
		switch n := o.Export().(type) {
		case int64:
			return float64(n)
		case float64:
			return n
		}
	}
	r.throwType("Number.prototype.toLocaleString requires that 'this' be a Number")
	return 0
}

// thisBigInt is thisBigIntValue.
func (r *rt) thisBigInt(v goja.Value) *big.Int {
	if o, ok := v.(*goja.Object); ok && o.ClassName() == "BigInt" {
		if b, ok := o.Export().(*big.Int); ok {
			return b
		}
	}
	if goja.IsBigInt(v) {
		if b, ok := v.Export().(*big.Int); ok {
			return b
		}
	}
	r.throwType("BigInt.prototype.toLocaleString requires that 'this' be a BigInt")
	return nil
}

// cacheKey is a key for formatters made from simple arguments: no
// options, and no locales or one locale string. ok is false otherwise.
func cacheKey(kind string, locales, options goja.Value) (string, bool) {
	if !goja.IsUndefined(options) {
		return "", false
	}
	if goja.IsUndefined(locales) {
		return kind, true
	}
	if goja.IsString(locales) {
		s := locales.String()
		if len(s) <= 64 {
			return kind + "\x00" + s, true
		}
	}
	return "", false
}

func (r *rt) cached(key string, ok bool, make func() any) any {
	if !ok {
		return make()
	}
	if r.cache == nil {
		r.cache = map[string]any{}
	}
	if v, found := r.cache[key]; found {
		return v
	}
	v := make()
	if len(r.cache) < 256 {
		r.cache[key] = v
	}
	return v
}

func (r *rt) cachedNumberFormat(locales, options goja.Value) *numberFormat {
	key, ok := cacheKey("n", locales, options)
	return r.cached(key, ok, func() any { return r.newNumberFormat(locales, options) }).(*numberFormat)
}

func (r *rt) cachedDateFormat(locales, options goja.Value, required, defaults string) *dateFormat {
	key, ok := cacheKey("d"+required, locales, options)
	return r.cached(key, ok, func() any { return r.newDateFormat(locales, options, required, defaults) }).(*dateFormat)
}

func (r *rt) cachedCollator(locales, options goja.Value) *collator {
	key, ok := cacheKey("c", locales, options)
	return r.cached(key, ok, func() any { return r.newCollator(locales, options) }).(*collator)
}
