package intl

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// dateFormat is an Intl.DateTimeFormat.
type dateFormat struct {
	loc       *locale
	ld        *localeData
	zone      zone
	hourCycle string // h11, h12, h23, h24; "" when the pattern has no hour
	dateStyle string
	timeStyle string
	tzKind    string // the timeZoneName option
	source    string // the pattern's text
	pattern   []token
}

// token is a field of a pattern (letter repeated count times) or literal
// text (letter 0).
type token struct {
	letter byte
	count  int
	text   string
}

// parsePattern reads an ICU date pattern.
func parsePattern(p string) []token {
	var out []token
	var lit []byte
	flush := func() {
		if len(lit) > 0 {
			out = append(out, token{text: string(lit)})
			lit = nil
		}
	}
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == '\'':
			if i+1 < len(p) && p[i+1] == '\'' {
				lit = append(lit, '\'')
				i += 2
				continue
			}
			j := i + 1
			for j < len(p) {
				if p[j] == '\'' {
					if j+1 < len(p) && p[j+1] == '\'' {
						lit = append(lit, '\'')
						j += 2
						continue
					}
					break
				}
				lit = append(lit, p[j])
				j++
			}
			i = j + 1
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			flush()
			j := i
			for j < len(p) && p[j] == c {
				j++
			}
			out = append(out, token{letter: c, count: j - i})
			i = j
		default:
			lit = append(lit, c)
			i++
		}
	}
	flush()
	return out
}

// The date-time fields of the options, in the order of the spec's table.
var fieldOptions = []struct {
	name   string
	values []string
}{
	{"weekday", []string{"narrow", "short", "long"}},
	{"era", []string{"narrow", "short", "long"}},
	{"year", []string{"2-digit", "numeric"}},
	{"month", []string{"2-digit", "numeric", "narrow", "short", "long"}},
	{"day", []string{"2-digit", "numeric"}},
	{"dayPeriod", []string{"narrow", "short", "long"}},
	{"hour", []string{"2-digit", "numeric"}},
	{"minute", []string{"2-digit", "numeric"}},
	{"second", []string{"2-digit", "numeric"}},
	{"fractionalSecondDigits", nil},
	{"timeZoneName", []string{"short", "long", "shortOffset", "longOffset", "shortGeneric", "longGeneric"}},
}

// newDateFormat is CreateDateTimeFormat; required and defaults are
// "date", "time", "any" / "all" as in the spec.
func (r *rt) newDateFormat(locales, options goja.Value, required, defaults string) *dateFormat {
	const service = "Intl.DateTimeFormat"
	requested := r.localeList(locales)
	opts := r.options(options)
	r.getString(opts, service, "localeMatcher", []string{"lookup", "best fit"}, "best fit")
	if cal := r.getString(opts, service, "calendar", nil, ""); get(opts, "calendar") != nil && !typeSequence(cal) {
		r.throwRange("Invalid calendar : %s", shown(cal))
	}
	if nu := r.getString(opts, service, "numberingSystem", nil, ""); get(opts, "numberingSystem") != nil && !typeSequence(nu) {
		r.throwRange("Invalid numberingSystem : %s", shown(nu))
	}
	hour12 := getBool(opts, "hour12")
	hc := r.getString(opts, service, "hourCycle", []string{"h11", "h12", "h23", "h24"}, "")
	if hour12 != 0 {
		hc = ""
	}
	df := &dateFormat{loc: resolve(requested)}
	df.ld = r.localeData(df.loc)
	if hc == "" && hour12 == 0 {
		if ext := df.loc.ext["hc"]; ext == "h11" || ext == "h12" || ext == "h23" || ext == "h24" {
			hc = ext
		}
	}

	df.zone = defaultZone()
	if v := get(opts, "timeZone"); v != nil {
		name := r.toString(v)
		z, ok := loadZone(name)
		if !ok {
			r.throwRange("Invalid time zone specified: %s", shown(name))
		}
		df.zone = z
	}

	fields := map[string]string{}
	for _, f := range fieldOptions {
		if f.name == "fractionalSecondDigits" {
			if n := r.getNumber(opts, f.name, 1, 3, 0); n > 0 {
				fields[f.name] = strconv.Itoa(n)
			}
			continue
		}
		if v := r.getString(opts, service, f.name, f.values, ""); v != "" {
			fields[f.name] = v
		}
	}
	r.getString(opts, service, "formatMatcher", []string{"basic", "best fit"}, "best fit")
	df.dateStyle = r.getString(opts, service, "dateStyle", []string{"full", "long", "medium", "short"}, "")
	df.timeStyle = r.getString(opts, service, "timeStyle", []string{"full", "long", "medium", "short"}, "")
	if df.dateStyle != "" || df.timeStyle != "" {
		for _, f := range fieldOptions {
			if fields[f.name] != "" {
				style := "dateStyle"
				if df.dateStyle == "" {
					style = "timeStyle"
				}
				r.throwType("Can't set option %s when %s is used", f.name, style)
			}
		}
		if required == "date" && df.dateStyle == "" {
			r.throwType("Invalid option : timeStyle")
		}
		if required == "time" && df.timeStyle == "" {
			r.throwType("Invalid option : dateStyle")
		}
	} else {
		need := true
		if required == "date" || required == "any" {
			for _, n := range []string{"weekday", "year", "month", "day"} {
				if fields[n] != "" {
					need = false
				}
			}
		}
		if required == "time" || required == "any" {
			for _, n := range []string{"dayPeriod", "hour", "minute", "second", "fractionalSecondDigits"} {
				if fields[n] != "" {
					need = false
				}
			}
		}
		if need && (defaults == "date" || defaults == "all") {
			fields["year"], fields["month"], fields["day"] = "numeric", "numeric", "numeric"
		}
		if need && (defaults == "time" || defaults == "all") {
			fields["hour"], fields["minute"], fields["second"] = "numeric", "numeric", "numeric"
		}
	}
	for _, n := range []string{"era", "dayPeriod"} {
		if fields[n] != "" {
			r.throwRange("Intl.DateTimeFormat option %s is not supported in modc dry runs", n)
		}
	}

	// The hour cycle: hour12 picks the locale's 12- or 24-hour variant.
	dflt := df.ld.HourCycle
	switch {
	case hour12 == 2 && (dflt == "h11" || dflt == "h23"):
		hc = "h11"
	case hour12 == 2:
		hc = "h12"
	case hour12 == 1 && (dflt == "h11" || dflt == "h23"):
		hc = "h23"
	case hour12 == 1:
		hc = "h24"
	case hc == "":
		hc = dflt
	}
	df.tzKind = fields["timeZoneName"]
	df.source = df.choosePattern(fields, hc)
	df.pattern = parsePattern(df.source)
	for _, t := range df.pattern {
		if t.letter == 'h' || t.letter == 'H' || t.letter == 'k' || t.letter == 'K' {
			df.hourCycle = hc
		}
	}
	return df
}

// base is the generated hour cycle a cycle's patterns derive from.
func base(hc string) string {
	if hc == "h11" || hc == "h12" {
		return "h12"
	}
	return "h23"
}

// swapHour turns a base pattern into h11's or h24's: V8 replaces the
// hour letters.
func swapHour(p, hc string) string {
	from, to := byte(0), byte(0)
	switch hc {
	case "h11":
		from, to = 'h', 'K'
	case "h24":
		from, to = 'H', 'k'
	default:
		return p
	}
	b := []byte(p)
	quoted := false
	for i, c := range b {
		if c == '\'' {
			quoted = !quoted
		} else if !quoted && c == from {
			b[i] = to
		}
	}
	return string(b)
}

// digit encodes an option value as its index in the generator's lists.
func digit(v string, values ...string) byte {
	for i, x := range values {
		if x == v {
			return byte('1' + i)
		}
	}
	return '0'
}

// choosePattern finds the pattern for the fields (or styles) in the
// tables gen.js made.
func (df *dateFormat) choosePattern(fields map[string]string, hc string) string {
	ld := df.ld
	if df.dateStyle != "" || df.timeStyle != "" {
		switch {
		case df.timeStyle == "":
			return ld.Styles["date"][df.dateStyle]
		case df.dateStyle == "":
			return swapHour(ld.Styles[base(hc)][df.timeStyle], hc)
		}
		return swapHour(ld.Styles[base(hc)][df.dateStyle+"|"+df.timeStyle], hc)
	}
	dk := string([]byte{
		digit(fields["weekday"], "narrow", "short", "long"),
		digit(fields["year"], "numeric", "2-digit"),
		digit(fields["month"], "numeric", "2-digit", "narrow", "short", "long"),
		digit(fields["day"], "numeric", "2-digit"),
	})
	// ICU makes odd patterns without minutes between hours and seconds,
	// and fractions without seconds: the tables have none, the minutes
	// or seconds are added.
	if fields["hour"] != "" && fields["second"] != "" && fields["minute"] == "" {
		fields["minute"] = "2-digit"
	}
	if fields["fractionalSecondDigits"] != "" && fields["second"] == "" {
		fields["second"] = "2-digit"
	}
	z := byte('0')
	switch fields["timeZoneName"] {
	case "short", "shortOffset", "shortGeneric":
		z = '1'
	case "long", "longOffset", "longGeneric":
		z = '2'
	}
	tk := string([]byte{
		digit(fields["hour"], "numeric", "2-digit"),
		digit(fields["minute"], "numeric", "2-digit"),
		digit(fields["second"], "numeric", "2-digit"),
		digit(fields["fractionalSecondDigits"], "1", "2", "3"),
		z,
	})
	timePattern := func(tk string) string {
		switch tk {
		case "00001": // the tables' patterns of a zone alone hold the default date
			return "z"
		case "00002":
			return "zzzz"
		}
		if tk[0] == '0' {
			return ld.Time["h12"][tk]
		}
		if p, ok := ld.Time[hc][tk]; ok && (hc == "h11" || hc == "h24") {
			return p
		}
		return swapHour(ld.Time[base(hc)][tk], hc)
	}
	hasDate, hasTime := dk != "0000", tk != "00000"
	switch {
	case !hasDate && !hasTime:
		return ld.Date["0111"]
	case !hasTime:
		return ld.Date[dk]
	case !hasDate:
		return timePattern(tk)
	}
	if tk[3] == '0' && tk[4] == '0' {
		key := dk + "|" + tk + "|"
		if tk[0] != '0' {
			key += base(hc)
		}
		if p, ok := ld.Combo[key]; ok {
			return swapHour(p, hc)
		}
	}
	glue, ok := ld.Glue[dk]
	if !ok {
		glue = ld.Glue[""]
	}
	return strings.Replace(strings.Replace(glue, "{1}", ld.Date[dk], 1), "{0}", timePattern(tk), 1)
}

// dateValue is the time value of a format argument: now for undefined,
// else ToNumber (a Date gives its time).
func (r *rt) dateValue(v goja.Value) float64 {
	if v == nil || goja.IsUndefined(v) {
		return float64(time.Now().UnixMilli())
	}
	if o, ok := v.(*goja.Object); ok && o.ClassName() == "Date" {
		if t, ok := r.timeOf(o); ok {
			return t
		}
		return math.NaN()
	}
	return r.toNumber(v)
}

// timeOf is the time value of a Date object.
func (r *rt) timeOf(o *goja.Object) (float64, bool) {
	if o.ClassName() != "Date" {
		return 0, false
	}
	switch t := o.Export().(type) {
	case time.Time:
		return float64(t.UnixMilli()), true
	}
	return math.NaN(), true
}

// formatDate formats a time value; a RangeError for one out of range.
func (r *rt) formatDate(df *dateFormat, tv float64) []part {
	if math.IsNaN(tv) || math.Abs(tv) > 8.64e15 {
		r.throwRange("Invalid time value")
	}
	ms := int64(tv)
	t := time.UnixMilli(ms).In(df.zone.loc)
	ld := df.ld
	var out []part
	add := func(typ, val string) { out = append(out, part{typ: typ, val: val}) }
	pad := func(n, width int) string {
		s := strconv.Itoa(n)
		for len(s) < width {
			s = "0" + s
		}
		return s
	}
	for _, tk := range df.pattern {
		n := tk.count
		switch tk.letter {
		case 0:
			add("literal", tk.text)
		case 'y':
			y := t.Year()
			if y <= 0 {
				y = 1 - y // the era's year: 1 BC is year 0
			}
			if n == 2 {
				add("year", pad(y%100, 2))
			} else {
				add("year", pad(y, n))
			}
		case 'M', 'L':
			m := int(t.Month()) - 1
			alone := ""
			if tk.letter == 'L' {
				alone = "Alone"
			}
			switch n {
			case 1, 2:
				add("month", pad(m+1, n))
			case 3:
				add("month", ld.Months["short"+alone][m])
			case 4:
				add("month", ld.Months["long"+alone][m])
			default:
				add("month", ld.Months["narrow"+alone][m])
			}
		case 'd':
			add("day", pad(t.Day(), n))
		case 'E', 'c':
			w := int(t.Weekday())
			alone := ""
			if tk.letter == 'c' {
				alone = "Alone"
			}
			switch {
			case n == 4:
				add("weekday", ld.Weekdays["long"+alone][w])
			case n == 5:
				add("weekday", ld.Weekdays["narrow"+alone][w])
			default:
				add("weekday", ld.Weekdays["short"+alone][w])
			}
		case 'a', 'b', 'B':
			i := 0
			if t.Hour() >= 12 {
				i = 1
			}
			add("dayPeriod", ld.DayPeriods[i])
		case 'h':
			add("hour", pad((t.Hour()+11)%12+1, n))
		case 'H':
			add("hour", pad(t.Hour(), n))
		case 'K':
			add("hour", pad(t.Hour()%12, n))
		case 'k':
			h := t.Hour()
			if h == 0 {
				h = 24
			}
			add("hour", pad(h, n))
		case 'm':
			add("minute", pad(t.Minute(), n))
		case 's':
			add("second", pad(t.Second(), n))
		case 'S':
			frac := pad(int(((ms%1000)+1000)%1000), 3)
			add("fractionalSecond", frac[:min(n, 3)])
		case 'z', 'O', 'v', 'V':
			add("timeZoneName", df.zoneName(t, n >= 4))
		default:
			add("literal", strings.Repeat(string(tk.letter), n))
		}
	}
	return out
}

// zoneName is the time zone's name for the timeZoneName option: the
// localized names of UTC and of the zones in the data, else the GMT
// offset (as for the offset and generic kinds).
func (df *dateFormat) zoneName(t time.Time, long bool) string {
	ld := df.ld
	i := 0
	if long {
		i = 1
	}
	kind := df.tzKind
	if kind == "" { // timeStyle full and long
		kind = "short"
		if long {
			kind = "long"
		}
	}
	_, off := t.Zone()
	// ICU knows the names of zones only from 1970 (and up to 9999).
	if y := t.Year(); (kind == "short" || kind == "long") && (df.zone.name == "UTC" || (y >= 1970 && y <= 9999)) {
		if df.zone.name == "UTC" {
			return ld.UTC[i]
		}
		if names := ld.Zones[df.zone.name]; len(names) == 4 {
			j := i
			if t.IsDST() {
				j += 2
			}
			if names[j] != "" {
				return names[j]
			}
		}
	}
	return gmtName(ld, off, long)
}

// gmtName is the localized GMT format of an offset: "GMT-5", "GMT+5:30",
// "GMT-05:00".
func gmtName(ld *localeData, off int, long bool) string {
	g := ld.GMT
	if off == 0 {
		if long {
			return g["zeroLong"]
		}
		return g["zeroShort"]
	}
	ref := g["short"] // the offset -5: prefix, minus sign, 5
	i := strings.IndexAny(ref, "+-\u2212")
	if i < 0 {
		return ref
	}
	prefix := ref[:i]
	minus := strings.TrimRight(ref[i:], "0123456789")
	sign := "+"
	if off < 0 {
		sign, off = minus, -off
	}
	h, m, sec := off/3600, (off%3600)/60, off%60
	secs := ""
	if sec != 0 { // local mean time, before standard time zones
		secs = ":" + pad2(sec)
	}
	if long {
		return prefix + sign + pad2(h) + ":" + pad2(m) + secs
	}
	if m != 0 || sec != 0 {
		return prefix + sign + strconv.Itoa(h) + ":" + pad2(m) + secs
	}
	return prefix + sign + strconv.Itoa(h)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// patternItems are V8's table for resolvedOptions: a field's value is
// that of the first pattern text found in the pattern (quoted text
// included, as V8 does: es-ES "LLLL 'de' y" reports a day).
var patternItems = []struct {
	field string
	pairs [][2]string
}{
	{"weekday", [][2]string{{"EEEEE", "narrow"}, {"EEEE", "long"}, {"EEE", "short"}, {"ccccc", "narrow"}, {"cccc", "long"}, {"ccc", "short"}}},
	{"year", [][2]string{{"yy", "2-digit"}, {"y", "numeric"}}},
	{"month", [][2]string{{"MMMMM", "narrow"}, {"MMMM", "long"}, {"MMM", "short"}, {"MM", "2-digit"}, {"M", "numeric"},
		{"LLLLL", "narrow"}, {"LLLL", "long"}, {"LLL", "short"}, {"LL", "2-digit"}, {"L", "numeric"}}},
	{"day", [][2]string{{"dd", "2-digit"}, {"d", "numeric"}}},
	{"hour", [][2]string{{"HH", "2-digit"}, {"H", "numeric"}, {"hh", "2-digit"}, {"h", "numeric"}, {"kk", "2-digit"}, {"k", "numeric"}, {"KK", "2-digit"}, {"K", "numeric"}}},
	{"minute", [][2]string{{"mm", "2-digit"}, {"m", "numeric"}}},
	{"second", [][2]string{{"ss", "2-digit"}, {"s", "numeric"}}},
	{"timeZoneName", [][2]string{{"zzzz", "long"}, {"z", "short"}}},
}

// resolvedFields lists the fields as V8 reads them from the pattern.
func (df *dateFormat) resolvedFields() []any {
	var kv []any
	for _, it := range patternItems {
		for _, p := range it.pairs {
			if !strings.Contains(df.source, p[0]) {
				continue
			}
			v := p[1]
			if it.field == "timeZoneName" && df.tzKind != "" {
				v = df.tzKind
			}
			kv = append(kv, it.field, v)
			if it.field == "second" {
				if n := strings.Count(df.source, "S"); n > 0 {
					kv = append(kv, "fractionalSecondDigits", min(n, 3))
				}
			}
			break
		}
	}
	return kv
}

func twoDigit(n int) string {
	if n == 2 {
		return "2-digit"
	}
	return "numeric"
}

func (r *rt) defineDateTimeFormat(intl *goja.Object) {
	vm := r.vm
	proto := r.constructor(intl, "DateTimeFormat", 0, func(obj *goja.Object, args []goja.Value) {
		r.dateFormats[obj] = r.newDateFormat(arg(args, 0), arg(args, 1), "any", "date")
	})
	this := func(c goja.FunctionCall, method string) *dateFormat {
		if o, ok := c.This.(*goja.Object); ok {
			if df := r.dateFormats[o]; df != nil {
				return df
			}
		}
		r.throwType("Method Intl.DateTimeFormat.prototype.%s called on incompatible receiver %s", method, shown(r.receiver(c.This)))
		return nil
	}
	r.getter(proto, "format", func(c goja.FunctionCall) goja.Value {
		df := this(c, "format")
		f := vm.ToValue(func(c goja.FunctionCall) goja.Value {
			return vm.ToValue(dateText(r.formatDate(df, r.dateValue(c.Argument(0)))))
		}).(*goja.Object)
		_ = f.DefineDataProperty("name", vm.ToValue(""), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		_ = f.DefineDataProperty("length", vm.ToValue(1), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		return f
	})
	r.method(proto, "formatToParts", 1, func(c goja.FunctionCall) goja.Value {
		df := this(c, "formatToParts")
		return r.parts(r.formatDate(df, r.dateValue(c.Argument(0))), nil)
	})
	r.unsupported(proto, "Intl.DateTimeFormat.prototype", "formatRange", 2)
	r.unsupported(proto, "Intl.DateTimeFormat.prototype", "formatRangeToParts", 2)
	r.method(proto, "resolvedOptions", 0, func(c goja.FunctionCall) goja.Value {
		df := this(c, "resolvedOptions")
		tag := df.loc.tag
		if hc := df.loc.ext["hc"]; hc != "" && hc == df.hourCycle {
			tag += "-u-hc-" + hc
		}
		kv := []any{"locale", tag, "calendar", "gregory", "numberingSystem", "latn", "timeZone", df.zone.name}
		if df.hourCycle != "" {
			kv = append(kv, "hourCycle", df.hourCycle, "hour12", df.hourCycle == "h11" || df.hourCycle == "h12")
		}
		if df.dateStyle == "" && df.timeStyle == "" {
			kv = append(kv, df.resolvedFields()...)
		}
		if df.dateStyle != "" {
			kv = append(kv, "dateStyle", df.dateStyle)
		}
		if df.timeStyle != "" {
			kv = append(kv, "timeStyle", df.timeStyle)
		}
		return r.object(kv...)
	})
}

// dateText is the text of format and toLocaleString: V8 writes the
// narrow no-break spaces of CLDR 42+ as plain spaces there (not in
// formatToParts), for pages that parse dates.
func dateText(ps []part) string {
	return strings.ReplaceAll(joinParts(ps), "\u202f", " ")
}
