package intl

import (
	"github.com/dop251/goja"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// collator is an Intl.Collator: golang.org/x/text/collate (CLDR root
// collation with the locale's tailoring), which goja already uses for
// localeCompare.
type collator struct {
	loc                           *locale
	usage, sensitivity, caseFirst string
	numeric, ignorePunctuation    bool
	c                             *collate.Collator
}

func (r *rt) newCollator(locales, options goja.Value) *collator {
	const service = "Intl.Collator"
	requested := r.localeList(locales)
	opts := r.options(options)
	co := &collator{}
	co.usage = r.getString(opts, service, "usage", []string{"sort", "search"}, "sort")
	r.getString(opts, service, "localeMatcher", []string{"lookup", "best fit"}, "best fit")
	if c := r.getString(opts, service, "collation", nil, ""); get(opts, "collation") != nil && !typeSequence(c) {
		r.throwRange("Invalid collation : %s", shown(c))
	}
	numeric := getBool(opts, "numeric")
	caseFirst := r.getString(opts, service, "caseFirst", []string{"upper", "lower", "false"}, "")
	co.loc = resolve(requested)
	if numeric == 0 {
		if kn, ok := co.loc.ext["kn"]; ok && (kn == "" || kn == "true") {
			numeric = 2
		}
	}
	co.numeric = numeric == 2
	co.caseFirst = "false"
	if caseFirst == "lower" {
		co.caseFirst = "lower"
	}
	co.sensitivity = r.getString(opts, service, "sensitivity", []string{"base", "accent", "case", "variant"}, "variant")
	co.ignorePunctuation = getBool(opts, "ignorePunctuation") == 2
	var o []collate.Option
	switch co.sensitivity {
	case "base":
		o = append(o, collate.IgnoreCase, collate.IgnoreDiacritics)
	case "accent":
		o = append(o, collate.IgnoreCase)
	case "case":
		o = append(o, collate.IgnoreDiacritics)
	}
	if co.numeric {
		o = append(o, collate.Numeric)
	}
	tag := language.Make(co.loc.data)
	if co.ignorePunctuation {
		tag = language.Make(co.loc.data + "-u-ka-shifted")
		o = append(o, collate.OptionsFromTag(tag))
	}
	co.c = collate.New(tag, o...)
	return co
}

// maxCompare is the longest string (in UTF-16 code units) a collator
// compares with another: x/text/collate keeps the collation elements of
// the part of both strings it has read, some 40 bytes a character, in one
// native call the VM cannot interrupt.
const maxCompare = 1 << 18

// compare is ToString of both values, then their comparison: 0 for equal
// strings, a RangeError when one is too long.
func (r *rt) compare(co *collator, x, y goja.Value) int {
	a, b := r.toJSString(x), r.toJSString(y)
	if a.StrictEquals(b) {
		return 0
	}
	if n := max(a.Length(), b.Length()); n > maxCompare {
		r.throwRange("Intl.Collator compares strings of at most %d characters in a dry run (this one has %d)", maxCompare, n)
	}
	return co.c.CompareString(a.String(), b.String())
}

func (r *rt) defineCollator(intl *goja.Object) {
	vm := r.vm
	proto := r.constructor(intl, "Collator", 0, func(obj *goja.Object, args []goja.Value) {
		r.collators[obj] = r.newCollator(arg(args, 0), arg(args, 1))
	})
	this := func(c goja.FunctionCall, method string) *collator {
		if o, ok := c.This.(*goja.Object); ok {
			if co := r.collators[o]; co != nil {
				return co
			}
		}
		r.throwType("Method Intl.Collator.prototype.%s called on incompatible receiver %s", method, shown(r.receiver(c.This)))
		return nil
	}
	r.getter(proto, "compare", func(c goja.FunctionCall) goja.Value {
		co := this(c, "compare")
		f := vm.ToValue(func(c goja.FunctionCall) goja.Value {
			return vm.ToValue(r.compare(co, c.Argument(0), c.Argument(1)))
		}).(*goja.Object)
		_ = f.DefineDataProperty("name", vm.ToValue(""), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		_ = f.DefineDataProperty("length", vm.ToValue(2), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		return f
	})
	r.method(proto, "resolvedOptions", 0, func(c goja.FunctionCall) goja.Value {
		co := this(c, "resolvedOptions")
		// ICU's collations are by language, but for en-US.
		tag := co.loc.lang
		if co.loc.tag == "en-US" {
			tag = "en-US"
		}
		return r.object("locale", tag, "usage", co.usage, "sensitivity", co.sensitivity,
			"ignorePunctuation", co.ignorePunctuation, "collation", "default", "numeric", co.numeric, "caseFirst", co.caseFirst)
	})
}
