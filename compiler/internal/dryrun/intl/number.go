package intl

import (
	"math/big"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// numberFormat is an Intl.NumberFormat.
type numberFormat struct {
	loc                                     *locale
	style                                   string // decimal, percent, currency
	currency, currencyDisplay, currencySign string
	notation, compactDisplay                string
	minInt                                  int
	minFD, maxFD, minSD, maxSD              int
	// roundingType is "fractionDigits", "significantDigits",
	// "morePrecision" or "lessPrecision".
	roundingType      string
	useGrouping       string // auto, always, min2, or "" for false
	signDisplay       string
	roundingMode      string
	roundingIncrement int
	trailingZero      string
	roundingPriority  string
	numberingSystem   string
}

var roundingIncrements = []int{1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000}

// maxFractionDigits is V8's bound of minimum/maximumFractionDigits.
const maxFractionDigits = 20

func (r *rt) newNumberFormat(locales, options goja.Value) *numberFormat {
	const service = "Intl.NumberFormat"
	requested := r.localeList(locales)
	opts := r.options(options)
	r.getString(opts, service, "localeMatcher", []string{"lookup", "best fit"}, "best fit")
	nu := r.getString(opts, service, "numberingSystem", nil, "")
	if nu != "" && !typeSequence(nu) {
		r.throwRange("Invalid numberingSystem : %s", shown(nu))
	}
	nf := &numberFormat{loc: resolve(requested), numberingSystem: "latn"}
	nf.style = r.getString(opts, service, "style", []string{"decimal", "percent", "currency", "unit"}, "decimal")
	cur := r.getString(opts, service, "currency", nil, "")
	if get(opts, "currency") != nil && !wellFormedCurrency(cur) {
		r.throwRange("Invalid currency code : %s", shown(cur))
	}
	nf.currencyDisplay = r.getString(opts, service, "currencyDisplay", []string{"code", "symbol", "narrowSymbol", "name"}, "symbol")
	nf.currencySign = r.getString(opts, service, "currencySign", []string{"standard", "accounting"}, "standard")
	unit := r.getString(opts, service, "unit", nil, "")
	r.getString(opts, service, "unitDisplay", []string{"short", "narrow", "long"}, "short")
	if nf.style == "currency" && get(opts, "currency") == nil {
		r.throwType("Currency code is required with currency style.")
	}
	if nf.style == "unit" {
		if unit == "" {
			r.throwType("Unit is required with unit style.")
		}
		// The eight locales' unit names are not in the data.
		r.throwRange("Intl.NumberFormat style \"unit\" (unit %s) is not supported in modc dry runs; format the number and add the unit", shown(unit))
	}
	mnfd, mxfd := 0, 3
	if nf.style == "currency" {
		nf.currency = strings.ToUpper(cur)
		mnfd = r.currencyDigits(nf.currency)
		mxfd = mnfd
	} else if nf.style == "percent" {
		mxfd = 0
	}
	nf.notation = r.getString(opts, service, "notation", []string{"standard", "scientific", "engineering", "compact"}, "standard")
	r.digitOptions(nf, opts, mnfd, mxfd, nf.notation)
	nf.compactDisplay = r.getString(opts, service, "compactDisplay", []string{"short", "long"}, "short")
	dflt := "auto"
	if nf.notation == "compact" {
		dflt = "min2"
	}
	nf.useGrouping = r.groupingOption(opts, dflt)
	nf.signDisplay = r.getString(opts, service, "signDisplay", []string{"auto", "never", "always", "exceptZero", "negative"}, "auto")
	return nf
}

// groupingOption is GetBooleanOrStringNumberFormatOption for useGrouping.
func (r *rt) groupingOption(opts *goja.Object, fallback string) string {
	v := get(opts, "useGrouping")
	if v == nil {
		return fallback
	}
	if b, ok := v.Export().(bool); ok && b {
		return "always"
	}
	if !v.ToBoolean() {
		return ""
	}
	s := r.toString(v)
	if s == "true" || s == "false" {
		return fallback
	}
	if s != "min2" && s != "auto" && s != "always" {
		r.throwRange("Value %s out of range for Intl.NumberFormat options property useGrouping", shown(s))
	}
	return s
}

// digitOptions is SetNumberFormatDigitOptions.
func (r *rt) digitOptions(nf *numberFormat, opts *goja.Object, mnfdDefault, mxfdDefault int, notation string) {
	const service = "Intl.NumberFormat"
	nf.minInt = r.getNumber(opts, "minimumIntegerDigits", 1, 21, 1)
	mnfd, mxfd := get(opts, "minimumFractionDigits"), get(opts, "maximumFractionDigits")
	mnsd, mxsd := get(opts, "minimumSignificantDigits"), get(opts, "maximumSignificantDigits")
	nf.roundingIncrement = r.getNumber(opts, "roundingIncrement", 1, 5000, 1)
	if !containsInt(roundingIncrements, nf.roundingIncrement) {
		r.throwRange("roundingIncrement value is out of range.")
	}
	nf.roundingMode = r.getString(opts, service, "roundingMode", []string{"ceil", "floor", "expand", "trunc", "halfCeil", "halfFloor", "halfExpand", "halfTrunc", "halfEven"}, "halfExpand")
	nf.roundingPriority = r.getString(opts, service, "roundingPriority", []string{"auto", "morePrecision", "lessPrecision"}, "auto")
	nf.trailingZero = r.getString(opts, service, "trailingZeroDisplay", []string{"auto", "stripIfInteger"}, "auto")
	if nf.roundingIncrement != 1 {
		mxfdDefault = mnfdDefault
	}
	hasSd := mnsd != nil || mxsd != nil
	hasFd := mnfd != nil || mxfd != nil
	needSd, needFd := true, true
	if nf.roundingPriority == "auto" {
		needSd = hasSd
		if needSd || (!hasFd && notation == "compact") {
			needFd = false
		}
	}
	if needSd {
		if hasSd {
			nf.minSD = r.defaultNumber(mnsd, "minimumSignificantDigits", 1, 21, 1)
			nf.maxSD = r.defaultNumber(mxsd, "maximumSignificantDigits", nf.minSD, 21, 21)
		} else {
			nf.minSD, nf.maxSD = 1, 21
		}
	}
	if needFd {
		if hasFd {
			lo := r.defaultNumber(mnfd, "minimumFractionDigits", 0, maxFractionDigits, -1)
			hi := r.defaultNumber(mxfd, "maximumFractionDigits", 0, maxFractionDigits, -1)
			switch {
			case lo < 0:
				lo = min(mnfdDefault, hi)
			case hi < 0:
				hi = max(mxfdDefault, lo)
			case lo > hi:
				r.throwRange("maximumFractionDigits value is out of range.")
			}
			nf.minFD, nf.maxFD = lo, hi
		} else {
			nf.minFD, nf.maxFD = mnfdDefault, mxfdDefault
		}
	}
	switch {
	case !needSd && !needFd:
		nf.minFD, nf.maxFD, nf.minSD, nf.maxSD = 0, 0, 1, 2
		nf.roundingType = "morePrecision"
		nf.roundingPriority = "morePrecision"
	case nf.roundingPriority == "auto" && needSd:
		nf.roundingType = "significantDigits"
	case nf.roundingPriority == "auto":
		nf.roundingType = "fractionDigits"
	default:
		nf.roundingType = nf.roundingPriority
	}
	if nf.roundingIncrement != 1 {
		if nf.roundingType != "fractionDigits" {
			r.throwType("For roundingIncrement, roundingType must be fractionDigits")
		}
		if nf.maxFD != nf.minFD {
			r.throwRange("maximumFractionDigits not equal to minimumFractionDigits")
		}
	}
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// typeSequence checks a Unicode type value (numberingSystem, calendar).
func typeSequence(s string) bool {
	for _, p := range strings.Split(s, "-") {
		if len(p) < 3 || len(p) > 8 || !alnum(p) {
			return false
		}
	}
	return true
}

func wellFormedCurrency(s string) bool {
	return len(s) == 3 && alpha(s)
}

func (r *rt) currencyDigits(code string) int {
	if d, ok := r.data().CurrencyDigits[code]; ok {
		return d
	}
	return 2
}

func (r *rt) currencyCodes() []string {
	list := append([]string(nil), r.data().CurrencyList...)
	sort.Strings(list)
	return list
}

// digitOptions lists the resolved digit options, as resolvedOptions
// shows them.
func (nf *numberFormat) digitOptions() []any {
	var kv []any
	if nf.roundingType != "fractionDigits" {
		kv = append(kv, "minimumSignificantDigits", nf.minSD, "maximumSignificantDigits", nf.maxSD)
	}
	if nf.roundingType != "significantDigits" {
		kv = append(kv, "minimumFractionDigits", nf.minFD, "maximumFractionDigits", nf.maxFD)
	}
	return kv
}

// round rounds d as the digit options say; minFrac is how many fraction
// digits to show at least.
func (nf *numberFormat) round(d decimal) (decimal, int) {
	sig := func() (decimal, int, int) {
		mag := d.magnitude()
		pos := mag - nf.maxSD + 1
		out := d.roundAt(pos, nf.roundingMode)
		m := 0
		if !out.isZero() {
			m = out.magnitude()
		}
		return out, max(0, nf.minSD-1-m), pos
	}
	frac := func() (decimal, int, int) {
		return d.roundIncrement(-nf.maxFD, nf.roundingIncrement, nf.roundingMode), nf.minFD, -nf.maxFD
	}
	var out decimal
	var minFrac int
	switch nf.roundingType {
	case "significantDigits":
		out, minFrac, _ = sig()
	case "fractionDigits":
		out, minFrac, _ = frac()
	default:
		s, sMin, sPos := sig()
		f, fMin, fPos := frac()
		if (nf.roundingType == "morePrecision") == (sPos <= fPos) {
			out, minFrac = s, sMin
		} else {
			out, minFrac = f, fMin
		}
	}
	if nf.trailingZero == "stripIfInteger" && len(out.fracDigits()) == 0 {
		minFrac = 0
	}
	return out, minFrac
}

// toIntlNumber is ToIntlMathematicalValue: strings and BigInts keep all
// their digits.
func (r *rt) toIntlNumber(v goja.Value) number {
	if v == nil {
		return number{nan: true}
	}
	if o, ok := v.(*goja.Object); ok {
		if o.ClassName() == "BigInt" {
			if b, ok := o.Export().(*big.Int); ok {
				return fromBig(b)
			}
		}
		v = o.ToNumber()
	}
	if goja.IsBigInt(v) {
		if b, ok := v.Export().(*big.Int); ok {
			return fromBig(b)
		}
	}
	if goja.IsString(v) {
		return fromString(v.String())
	}
	if _, ok := v.(*goja.Symbol); ok {
		r.throwType("Cannot convert a Symbol value to a number")
	}
	return fromFloat(v.ToFloat())
}

// format formats x into parts.
func (r *rt) formatNumber(nf *numberFormat, x number) []part {
	ld := r.localeData(nf.loc)
	sym := nf.loc.numbers()
	if nf.style == "currency" && nf.currencySign == "accounting" && sym.accountingSecondary != 0 {
		acc := *sym
		acc.secondary = sym.accountingSecondary
		sym = &acc
	}
	var num []part // the number, its exponent or compact affixes
	neg := x.d.neg
	zero := false
	ops := operands{other: true}
	switch {
	case x.nan:
		num = []part{{typ: "nan", val: "NaN"}}
		neg = false
	case x.inf:
		num = []part{{typ: "infinity", val: "∞"}}
	default:
		d := x.d
		if nf.style == "percent" {
			d = d.shift(2)
		}
		num, zero, ops = r.formatDecimal(nf, ld, sym, d)
	}

	// The sign.
	sign := ""
	switch nf.signDisplay {
	case "auto":
		if neg {
			sign = "-"
		}
	case "always":
		sign = "+"
		if neg {
			sign = "-"
		}
	case "exceptZero":
		if !zero && !x.nan {
			sign = "+"
			if neg {
				sign = "-"
			}
		}
	case "negative":
		if neg && !zero {
			sign = "-"
		}
	}
	signPart := func() []part {
		switch sign {
		case "-":
			return []part{{typ: "minusSign", val: "-"}}
		case "+":
			return []part{{typ: "plusSign", val: "+"}}
		}
		return nil
	}

	switch nf.style {
	case "percent":
		return applyPattern(sym.percent, signPart(), num, part{typ: "percentSign", val: "%"}, !ops.other)
	case "currency":
		if nf.currencyDisplay == "name" {
			name := nf.currency
			if c := ld.Currencies[nf.currency]; c != nil {
				name = c[3]
				if plural(nf.loc.lang, ops, false) == "one" {
					name = c[2]
				}
			}
			out := append(signPart(), num...)
			glue := strings.TrimSuffix(strings.TrimPrefix(sym.nameGlue, "{0}"), "{1}")
			if glue != "" {
				out = append(out, part{typ: "literal", val: glue})
			}
			return append(out, part{typ: "currency", val: name})
		}
		symbol := nf.currency
		if c := ld.Currencies[nf.currency]; c != nil {
			switch nf.currencyDisplay {
			case "symbol":
				symbol = c[0]
			case "narrowSymbol":
				symbol = c[1]
			}
		}
		pat := sym.currency
		sp := signPart()
		if nf.currencySign == "accounting" && sign == "-" {
			pat, sp = sym.accounting, nil
		}
		return applyPattern(pat, sp, num, part{typ: "currency", val: symbol}, !ops.other)
	}
	return append(signPart(), num...)
}

// applyPattern lays out a number pattern: # is the number, ¤ the currency
// or % the percent sign (affix), - the minus sign, other text literals.
// The sign, when given, goes first. A currency symbol next to the number
// whose adjacent character is a letter gets a no-break space (CLDR's
// currency spacing) when digits is true.
func applyPattern(pat string, sign, num []part, affix part, digits bool) []part {
	out := append([]part(nil), sign...)
	lit := ""
	flush := func() {
		if lit != "" {
			out = append(out, part{typ: "literal", val: lit})
			lit = ""
		}
	}
	prev := rune(0)
	for _, c := range pat {
		switch c {
		case '#':
			flush()
			if prev == '¤' && digits && spaced(lastRune(affix.val)) {
				out = append(out, part{typ: "literal", val: "\u00a0"})
			}
			out = append(out, num...)
		case '¤', '%':
			flush()
			if prev == '#' && digits && affix.typ == "currency" && spaced(firstRune(affix.val)) {
				out = append(out, part{typ: "literal", val: "\u00a0"})
			}
			out = append(out, affix)
		case '-':
			flush()
			out = append(out, part{typ: "minusSign", val: "-"})
		default:
			lit += string(c)
		}
		prev = c
	}
	flush()
	return out
}

// spaced reports whether a currency symbol ending (or starting) with c
// is set apart from digits: c is not a symbol nor a space.
func spaced(c rune) bool {
	return c != 0 && !unicode.IsSymbol(c) && !unicode.IsSpace(c) && c != '\u00a0' && c != '\u202f'
}

func lastRune(s string) rune {
	c, _ := utf8.DecodeLastRuneInString(s)
	if c == utf8.RuneError {
		return 0
	}
	return c
}

func firstRune(s string) rune {
	c, _ := utf8.DecodeRuneInString(s)
	if c == utf8.RuneError {
		return 0
	}
	return c
}

// formatDecimal formats a finite number's digits in the notation; zero
// tells whether it rounded to zero, ops are its plural operands.
func (r *rt) formatDecimal(nf *numberFormat, ld *localeData, sym *numberSymbols, d decimal) ([]part, bool, operands) {
	switch nf.notation {
	case "scientific", "engineering":
		step := 1
		if nf.notation == "engineering" {
			step = 3
		}
		e := 0
		if !d.isZero() {
			e = floorDiv(d.magnitude(), step) * step
		}
		m, minFrac := nf.round(d.shift(-e))
		if !m.isZero() && m.magnitude() >= step {
			e += step
			m, minFrac = nf.round(d.shift(-e))
		}
		ps, ops := nf.digits(sym, m, minFrac, false)
		ps = append(ps, part{typ: "exponentSeparator", val: "E"})
		if e < 0 {
			ps = append(ps, part{typ: "exponentMinusSign", val: "-"})
			e = -e
		}
		return append(ps, part{typ: "exponentInteger", val: strconv.Itoa(e)}), m.isZero(), ops
	case "compact":
		table := ld.Compact[nf.compactDisplay]
		mag := 0
		if !d.isZero() {
			mag = d.magnitude()
		}
		entry := func(mag int) (int, string, string, string) {
			if mag < 3 || table == nil {
				return 0, "{0}", "{0}", ""
			}
			e := table[strconv.Itoa(min(mag, 17))]
			return e.Div, e.One, e.Other, e.Exact
		}
		div, one, other, exact := entry(mag)
		m, minFrac := nf.round(d.shift(-div))
		if !m.isZero() && m.magnitude()+div > mag {
			// Rounded up to the next power of ten (999,999 → 1M).
			div, one, other, exact = entry(m.magnitude() + div)
			m, minFrac = nf.round(d.shift(-div))
		}
		ps, ops := nf.digits(sym, m, minFrac, true)
		tpl := other
		if plural(nf.loc.lang, ops, false) == "one" && one != "" {
			tpl = one
		}
		if exact != "" && ops.iIs("1") && ops.v == 0 {
			return compactParts(exact, nil), false, ops
		}
		return compactParts(tpl, ps), m.isZero(), ops
	}
	m, minFrac := nf.round(d)
	ps, ops := nf.digits(sym, m, minFrac, false)
	return ps, m.isZero(), ops
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// compactParts lays out a compact template: {0} is the number, spaces
// are literals, the rest the compact affix.
func compactParts(tpl string, num []part) []part {
	var out []part
	before, after, found := strings.Cut(tpl, "{0}")
	if !found {
		before, after = tpl, ""
	}
	affix := func(s string) {
		for s != "" {
			i := strings.IndexFunc(s, func(c rune) bool { return c == ' ' || c == '\u00a0' || c == '\u202f' })
			switch {
			case i < 0:
				out = append(out, part{typ: "compact", val: s})
				return
			case i > 0:
				out = append(out, part{typ: "compact", val: s[:i]})
				s = s[i:]
			default:
				_, size := utf8.DecodeRuneInString(s)
				out = append(out, part{typ: "literal", val: s[:size]})
				s = s[size:]
			}
		}
	}
	affix(before)
	if found {
		out = append(out, num...)
	}
	affixAfter := after
	// A space inside the affix belongs to it ("mil M", "lakh crore"),
	// only those next to the number are literals.
	if affixAfter != "" {
		lead := ""
		for _, c := range affixAfter {
			if c == ' ' || c == '\u00a0' || c == '\u202f' {
				lead += string(c)
				continue
			}
			break
		}
		if lead != "" {
			out = append(out, part{typ: "literal", val: lead})
		}
		if rest := affixAfter[len(lead):]; rest != "" {
			out = append(out, part{typ: "compact", val: rest})
		}
	}
	return out
}

// digits lays out a rounded number's digits with grouping.
func (nf *numberFormat) digits(sym *numberSymbols, d decimal, minFrac int, compact bool) ([]part, operands) {
	intDigits := d.intDigits()
	if intDigits == "" {
		intDigits = "0"
	}
	if len(intDigits) < nf.minInt {
		intDigits = strings.Repeat("0", nf.minInt-len(intDigits)) + intDigits
	}
	frac := d.fracDigits()
	if len(frac) < minFrac {
		frac += strings.Repeat("0", minFrac-len(frac))
	}
	var out []part
	minGroup := 0
	switch nf.useGrouping {
	case "always":
		minGroup = 1
	case "min2":
		minGroup = 2
	case "auto":
		minGroup = sym.minGroup
	}
	if minGroup > 0 && len(intDigits) >= 3+minGroup {
		var groups []string
		s := intDigits
		groups = append(groups, s[len(s)-3:])
		s = s[:len(s)-3]
		for len(s) > sym.secondary {
			groups = append(groups, s[len(s)-sym.secondary:])
			s = s[:len(s)-sym.secondary]
		}
		if s != "" {
			groups = append(groups, s)
		}
		for i := len(groups) - 1; i >= 0; i-- {
			out = append(out, part{typ: "integer", val: groups[i]})
			if i > 0 {
				out = append(out, part{typ: "group", val: sym.group})
			}
		}
	} else {
		out = append(out, part{typ: "integer", val: intDigits})
	}
	if frac != "" {
		out = append(out, part{typ: "decimal", val: sym.decimal}, part{typ: "fraction", val: frac})
	}
	return out, operandsOf(intDigits, frac)
}

func (r *rt) defineNumberFormat(intl *goja.Object) {
	vm := r.vm
	proto := r.constructor(intl, "NumberFormat", 0, func(obj *goja.Object, args []goja.Value) {
		r.numberFormats[obj] = r.newNumberFormat(arg(args, 0), arg(args, 1))
	})
	this := func(c goja.FunctionCall, method string) *numberFormat {
		if o, ok := c.This.(*goja.Object); ok {
			if nf := r.numberFormats[o]; nf != nil {
				return nf
			}
		}
		r.throwType("Method Intl.NumberFormat.prototype.%s called on incompatible receiver %s", method, shown(r.receiver(c.This)))
		return nil
	}
	r.getter(proto, "format", func(c goja.FunctionCall) goja.Value {
		nf := this(c, "format")
		f := vm.ToValue(func(c goja.FunctionCall) goja.Value {
			return vm.ToValue(joinParts(r.formatNumber(nf, r.toIntlNumber(c.Argument(0)))))
		}).(*goja.Object)
		_ = f.DefineDataProperty("name", vm.ToValue(""), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		_ = f.DefineDataProperty("length", vm.ToValue(1), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		return f
	})
	r.method(proto, "formatToParts", 1, func(c goja.FunctionCall) goja.Value {
		nf := this(c, "formatToParts")
		return r.parts(r.formatNumber(nf, r.toIntlNumber(c.Argument(0))), nil)
	})
	r.unsupported(proto, "Intl.NumberFormat.prototype", "formatRange", 2)
	r.unsupported(proto, "Intl.NumberFormat.prototype", "formatRangeToParts", 2)
	r.method(proto, "resolvedOptions", 0, func(c goja.FunctionCall) goja.Value {
		nf := this(c, "resolvedOptions")
		kv := []any{"locale", nf.loc.tag, "numberingSystem", nf.numberingSystem, "style", nf.style}
		if nf.style == "currency" {
			kv = append(kv, "currency", nf.currency, "currencyDisplay", nf.currencyDisplay, "currencySign", nf.currencySign)
		}
		kv = append(kv, "minimumIntegerDigits", nf.minInt)
		kv = append(kv, nf.digitOptions()...)
		var grouping any = nf.useGrouping
		if nf.useGrouping == "" {
			grouping = false
		}
		kv = append(kv, "useGrouping", grouping, "notation", nf.notation)
		if nf.notation == "compact" {
			kv = append(kv, "compactDisplay", nf.compactDisplay)
		}
		kv = append(kv, "signDisplay", nf.signDisplay, "roundingMode", nf.roundingMode, "roundingIncrement", nf.roundingIncrement,
			"trailingZeroDisplay", nf.trailingZero, "roundingPriority", nf.roundingPriority)
		return r.object(kv...)
	})
}

// receiver renders a this value for an error message.
func (r *rt) receiver(v goja.Value) string {
	if o, ok := v.(*goja.Object); ok {
		return "#<" + o.ClassName() + ">"
	}
	if v == nil {
		return "undefined"
	}
	if _, ok := v.(*goja.Symbol); ok {
		return "Symbol()"
	}
	return v.String()
}
