package intl

import (
	"strings"

	"github.com/dop251/goja"
)

// operands are the plural operands of CLDR of a formatted number: its
// integer digits i (as text, it may be long), its visible fraction digits
// (v of them), and whether they are all zero.
type operands struct {
	i        string // without leading zeros; like ICU, only its last 18 digits
	one      bool   // n = 1
	v        int
	fracZero bool
	e        int  // the compact exponent
	other    bool // NaN or an infinity: always "other"
}

func operandsOf(intDigits, fracDigits string) operands {
	intDigits = strings.TrimLeft(intDigits, "0")
	o := operands{i: intDigits, v: len(fracDigits), fracZero: strings.Trim(fracDigits, "0") == ""}
	o.one = intDigits == "1" && o.fracZero
	if len(o.i) > 18 {
		o.i = strings.TrimLeft(o.i[len(o.i)-18:], "0")
	}
	return o
}

// iIs reports whether i equals n (small n).
func (o operands) iIs(n string) bool {
	if n == "0" {
		return o.i == ""
	}
	return o.i == n
}

// iMillions reports i != 0 and i % 1000000 = 0.
func (o operands) iMillions() bool {
	return len(o.i) > 6 && strings.Trim(o.i[len(o.i)-6:], "0") == ""
}

// plural is the cardinal plural category of a number in a language
// (CLDR 48 rules of the eight locales' languages).
func plural(lang string, o operands, ordinal bool) string {
	if o.other {
		return "other"
	}
	if ordinal {
		return ordinalCategory(lang, o)
	}
	switch lang {
	case "en", "de":
		if o.iIs("1") && o.v == 0 {
			return "one"
		}
	case "fr":
		if o.iIs("0") || o.iIs("1") {
			return "one"
		}
		if (o.e == 0 && o.iMillions() && o.v == 0) || o.e > 5 {
			return "many"
		}
	case "pt":
		if o.iIs("0") || o.iIs("1") {
			return "one"
		}
		if (o.e == 0 && o.iMillions() && o.v == 0) || o.e > 5 {
			return "many"
		}
	case "es":
		if o.one {
			return "one"
		}
		if (o.e == 0 && o.iMillions() && o.v == 0) || o.e > 5 {
			return "many"
		}
	}
	return "other"
}

// ordinalCategory is the ordinal plural category (1st, 2nd…).
func ordinalCategory(lang string, o operands) string {
	if lang == "fr" {
		if o.iIs("1") && o.v == 0 {
			return "one"
		}
		return "other"
	}
	if lang != "en" || o.v != 0 {
		return "other"
	}
	n := o.i
	last := byte('0')
	if n != "" {
		last = n[len(n)-1]
	}
	tens := byte('0')
	if len(n) > 1 {
		tens = n[len(n)-2]
	}
	switch {
	case last == '1' && tens != '1':
		return "one"
	case last == '2' && tens != '1':
		return "two"
	case last == '3' && tens != '1':
		return "few"
	}
	return "other"
}

// categories lists the categories of a language, in the order V8 gives.
func categories(lang string, ordinal bool) []string {
	if ordinal {
		switch lang {
		case "en":
			return []string{"few", "one", "other", "two"}
		case "fr":
			return []string{"one", "other"}
		}
		return []string{"other"}
	}
	switch lang {
	case "en", "de":
		return []string{"one", "other"}
	case "fr", "es", "pt":
		return []string{"many", "one", "other"}
	}
	return []string{"other"}
}

// pluralRules is an Intl.PluralRules.
type pluralRules struct {
	loc     *locale
	ordinal bool
	nf      *numberFormat // the digit options
}

func (r *rt) definePluralRules(intl *goja.Object) {
	proto := r.constructor(intl, "PluralRules", 0, func(obj *goja.Object, args []goja.Value) {
		r.pluralRules[obj] = r.newPluralRules(arg(args, 0), arg(args, 1))
	})
	this := func(c goja.FunctionCall, method string) *pluralRules {
		if o, ok := c.This.(*goja.Object); ok {
			if p := r.pluralRules[o]; p != nil {
				return p
			}
		}
		r.throwType("Method Intl.PluralRules.prototype.%s called on incompatible receiver", method)
		return nil
	}
	r.method(proto, "select", 1, func(c goja.FunctionCall) goja.Value {
		p := this(c, "select")
		return r.vm.ToValue(p.selectNumber(fromFloat(r.toNumber(c.Argument(0)))))
	})
	r.method(proto, "selectRange", 2, func(c goja.FunctionCall) goja.Value {
		p := this(c, "selectRange")
		if goja.IsUndefined(c.Argument(0)) || goja.IsUndefined(c.Argument(1)) {
			r.throwType("start or end is undefined")
		}
		x, y := r.toNumber(c.Argument(0)), r.toNumber(c.Argument(1))
		if x != x || y != y {
			r.throwRange("Invalid start : NaN")
		}
		return r.vm.ToValue(p.selectNumber(fromFloat(y)))
	})
	r.method(proto, "resolvedOptions", 0, func(c goja.FunctionCall) goja.Value {
		p := this(c, "resolvedOptions")
		typ := "cardinal"
		if p.ordinal {
			typ = "ordinal"
		}
		cats := categories(p.loc.lang, p.ordinal)
		list := make([]any, len(cats))
		for i, s := range cats {
			list[i] = s
		}
		kv := []any{"locale", p.loc.lang, "type", typ, "minimumIntegerDigits", p.nf.minInt}
		kv = append(kv, p.nf.digitOptions()...)
		kv = append(kv, "pluralCategories", r.vm.NewArray(list...))
		return r.object(kv...)
	})
}

func arg(args []goja.Value, i int) goja.Value {
	if i < len(args) {
		return args[i]
	}
	return goja.Undefined()
}

func (r *rt) newPluralRules(locales, options goja.Value) *pluralRules {
	requested := r.localeList(locales)
	opts := r.options(options)
	r.getString(opts, "Intl.PluralRules", "localeMatcher", []string{"lookup", "best fit"}, "best fit")
	typ := r.getString(opts, "Intl.PluralRules", "type", []string{"cardinal", "ordinal"}, "cardinal")
	p := &pluralRules{loc: resolve(requested), ordinal: typ == "ordinal"}
	p.nf = &numberFormat{loc: p.loc, style: "decimal", notation: "standard"}
	r.digitOptions(p.nf, opts, 0, 3, "standard")
	return p
}

func (p *pluralRules) selectNumber(x number) string {
	if x.nan || x.inf {
		return "other"
	}
	d, minFrac := p.nf.round(x.d)
	frac := d.fracDigits()
	for len(frac) < minFrac {
		frac += "0"
	}
	return plural(p.loc.lang, operandsOf(d.intDigits(), frac), p.ordinal)
}
