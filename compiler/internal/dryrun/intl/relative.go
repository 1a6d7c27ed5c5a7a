package intl

import (
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// relativeFormat is an Intl.RelativeTimeFormat.
type relativeFormat struct {
	loc            *locale
	style, numeric string
	nf             *numberFormat
}

// relativeUnits maps the units RelativeTimeFormat takes (and their
// plurals) to the singular.
var relativeUnits = map[string]string{
	"second": "second", "seconds": "second", "minute": "minute", "minutes": "minute", "hour": "hour", "hours": "hour",
	"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
	"quarter": "quarter", "quarters": "quarter", "year": "year", "years": "year",
}

func (r *rt) newRelativeFormat(locales, options goja.Value) *relativeFormat {
	const service = "Intl.RelativeTimeFormat"
	requested := r.localeList(locales)
	opts := r.options(options)
	r.getString(opts, service, "localeMatcher", []string{"lookup", "best fit"}, "best fit")
	if nu := r.getString(opts, service, "numberingSystem", nil, ""); get(opts, "numberingSystem") != nil && !typeSequence(nu) {
		r.throwRange("Invalid numberingSystem : %s", shown(nu))
	}
	rf := &relativeFormat{loc: resolve(requested)}
	rf.style = r.getString(opts, service, "style", []string{"long", "short", "narrow"}, "long")
	rf.numeric = r.getString(opts, service, "numeric", []string{"always", "auto"}, "always")
	rf.nf = &numberFormat{loc: rf.loc, style: "decimal", notation: "standard", minInt: 1, maxFD: 3,
		roundingType: "fractionDigits", useGrouping: "auto", signDisplay: "auto", roundingMode: "halfExpand", roundingIncrement: 1,
		trailingZero: "auto", roundingPriority: "auto"}
	return rf
}

func (r *rt) formatRelative(rf *relativeFormat, value, unitV goja.Value) []part {
	v := r.toNumber(value)
	unitName := r.toString(unitV)
	unit, ok := relativeUnits[unitName]
	if !ok {
		r.throwRange("Invalid unit argument for format() '%s'", shown(unitName))
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		r.throwRange("Invalid value: %s", strconv.FormatFloat(v, 'g', -1, 64))
	}
	tab := r.localeData(rf.loc).Relative[rf.style][unit]
	if rf.numeric == "auto" && v == math.Trunc(v) && math.Abs(v) <= 2 {
		key := strconv.Itoa(int(v))
		if v == 0 && math.Signbit(v) {
			key = "-0"
		}
		if w, ok := tab["words"][key]; ok {
			return []part{{typ: "literal", val: w}}
		}
		if key == "-0" {
			if w, ok := tab["words"]["0"]; ok {
				return []part{{typ: "literal", val: w}}
			}
		}
	}
	dir := "future"
	if v < 0 || (v == 0 && math.Signbit(v)) {
		dir = "past"
	}
	x := fromFloat(math.Abs(v))
	num, _, ops := r.formatDecimal(rf.nf, nil, rf.loc.numbers(), x.d)
	cat := plural(rf.loc.lang, ops, false)
	tpl, ok := tab[dir][cat]
	if !ok {
		tpl = tab[dir]["other"]
	}
	before, after, _ := strings.Cut(tpl, "{0}")
	var out []part
	if before != "" {
		out = append(out, part{typ: "literal", val: before})
	}
	for _, p := range num {
		p.unit = unit
		out = append(out, p)
	}
	if after != "" {
		out = append(out, part{typ: "literal", val: after})
	}
	return out
}

func (r *rt) defineRelativeTimeFormat(intl *goja.Object) {
	vm := r.vm
	proto := r.constructor(intl, "RelativeTimeFormat", 0, func(obj *goja.Object, args []goja.Value) {
		r.relativeFormats[obj] = r.newRelativeFormat(arg(args, 0), arg(args, 1))
	})
	this := func(c goja.FunctionCall, method string) *relativeFormat {
		if o, ok := c.This.(*goja.Object); ok {
			if rf := r.relativeFormats[o]; rf != nil {
				return rf
			}
		}
		r.throwType("Method Intl.RelativeTimeFormat.prototype.%s called on incompatible receiver %s", method, shown(r.receiver(c.This)))
		return nil
	}
	r.method(proto, "format", 2, func(c goja.FunctionCall) goja.Value {
		rf := this(c, "format")
		return vm.ToValue(joinParts(r.formatRelative(rf, c.Argument(0), c.Argument(1))))
	})
	r.method(proto, "formatToParts", 2, func(c goja.FunctionCall) goja.Value {
		rf := this(c, "formatToParts")
		return r.parts(r.formatRelative(rf, c.Argument(0), c.Argument(1)), func(o *goja.Object, p part) {
			if p.unit != "" {
				_ = o.Set("unit", p.unit)
			}
		})
	})
	r.method(proto, "resolvedOptions", 0, func(c goja.FunctionCall) goja.Value {
		rf := this(c, "resolvedOptions")
		return r.object("locale", rf.loc.tag, "style", rf.style, "numeric", rf.numeric, "numberingSystem", "latn")
	})
}

// maxListItems and maxListText bound what one ListFormat call takes and
// makes: a module could join an iterator that yields one long string a
// million times, or a million short ones, in one native call the VM
// cannot interrupt.
const (
	maxListItems = 1 << 14
	maxListText  = 1 << 22
)

// listFormat is an Intl.ListFormat.
type listFormat struct {
	loc        *locale
	typ, style string
}

func (r *rt) defineListFormat(intl *goja.Object) {
	vm := r.vm
	const service = "Intl.ListFormat"
	proto := r.constructor(intl, "ListFormat", 0, func(obj *goja.Object, args []goja.Value) {
		requested := r.localeList(arg(args, 0))
		opts := r.options(arg(args, 1))
		r.getString(opts, service, "localeMatcher", []string{"lookup", "best fit"}, "best fit")
		lf := &listFormat{loc: resolve(requested)}
		lf.typ = r.getString(opts, service, "type", []string{"conjunction", "disjunction", "unit"}, "conjunction")
		lf.style = r.getString(opts, service, "style", []string{"long", "short", "narrow"}, "long")
		r.listFormats[obj] = lf
	})
	this := func(c goja.FunctionCall, method string) *listFormat {
		if o, ok := c.This.(*goja.Object); ok {
			if lf := r.listFormats[o]; lf != nil {
				return lf
			}
		}
		r.throwType("Method Intl.ListFormat.prototype.%s called on incompatible receiver %s", method, shown(r.receiver(c.This)))
		return nil
	}
	format := func(lf *listFormat, list goja.Value) []part {
		items := r.stringList(list)
		glue := r.localeData(lf.loc).Lists[lf.typ+"-"+lf.style]
		if len(glue) != 4 {
			glue = []string{", ", ", ", ", ", ", "}
		}
		var out []part
		for i, s := range items {
			if i > 0 {
				var g string
				switch {
				case len(items) == 2:
					g = glue[0]
				case i == 1:
					g = glue[1]
				case i == len(items)-1:
					g = glue[3]
				default:
					g = glue[2]
				}
				if g != "" {
					out = append(out, part{typ: "literal", val: g})
				}
			}
			out = append(out, part{typ: "element", val: s})
		}
		return out
	}
	r.method(proto, "format", 1, func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(joinParts(format(this(c, "format"), c.Argument(0))))
	})
	r.method(proto, "formatToParts", 1, func(c goja.FunctionCall) goja.Value {
		return r.parts(format(this(c, "formatToParts"), c.Argument(0)), nil)
	})
	r.method(proto, "resolvedOptions", 0, func(c goja.FunctionCall) goja.Value {
		lf := this(c, "resolvedOptions")
		return r.object("locale", lf.loc.tag, "type", lf.typ, "style", lf.style)
	})
}

// stringList is StringListFromIterable: the strings an iterable yields,
// a TypeError for one that is not a string (the iterator is closed), a
// RangeError past maxListItems strings or maxListText bytes (the
// iteration runs in one native call the VM cannot interrupt).
func (r *rt) stringList(v goja.Value) []string {
	if v == nil || goja.IsUndefined(v) {
		return nil
	}
	var out []string
	size := 0
	add := func(s string) bool {
		size += len(s) + 8
		if len(out) >= maxListItems || size > maxListText {
			return false
		}
		out = append(out, s)
		return true
	}
	tooBig := func() {
		r.throwRange("Intl.ListFormat takes at most %d strings, %d bytes in all, in a dry run", maxListItems, maxListText)
	}
	o, ok := v.(*goja.Object)
	if !ok {
		if !goja.IsString(v) {
			r.throwType("%s is not iterable", shown(r.receiver(v)))
		}
		for _, c := range v.String() {
			if !add(string(c)) {
				tooBig()
			}
		}
		return out
	}
	var bad goja.Value
	full := false
	r.vm.ForOf(o, func(item goja.Value) bool {
		if !goja.IsString(item) {
			bad = item
			return false
		}
		full = !add(item.String())
		return !full
	})
	if bad != nil {
		r.throwType("Iterable yielded %s which is not a string", shown(r.receiver(bad)))
	}
	if full {
		tooBig()
	}
	return out
}
