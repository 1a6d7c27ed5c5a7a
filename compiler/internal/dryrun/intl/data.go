package intl

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

//go:generate sh -c "node gen.js > data.json"

// data.json holds the CLDR data of the eight locales that gen.js reads
// from node's ICU: month and weekday names, date and time patterns,
// currency symbols and names, time zone names, compact number forms.
//
//go:embed data.json
var dataJSON []byte

type dataSet struct {
	Locales        map[string]*localeData `json:"locales"`
	CurrencyList   []string               `json:"currencies"`     // Intl.supportedValuesOf("currency")
	CurrencyDigits map[string]int         `json:"currencyDigits"` // where not 2
	TimeZones      []string               `json:"timeZones"`      // Intl.supportedValuesOf("timeZone")
	ZoneAliases    map[string]string      `json:"zoneAliases"`    // IANA name → ICU's name
	ICU            string                 `json:"icu"`
	CLDR           string                 `json:"cldr"`
}

type localeData struct {
	Months     map[string][]string          `json:"months"`   // narrow, short, long, and …Alone
	Weekdays   map[string][]string          `json:"weekdays"` // from Sunday
	DayPeriods []string                     `json:"dayPeriods"`
	UTC        []string                     `json:"utc"`       // short and long names of UTC
	HourCycle  string                       `json:"hourCycle"` // the locale's default
	Date       map[string]string            `json:"date"`      // date key → pattern
	Time       map[string]map[string]string `json:"time"`      // hour cycle → time key → pattern
	Glue       map[string]string            `json:"glue"`      // date key → "{1}…{0}"; "" the default
	Combo      map[string]string            `json:"combo"`     // "date|time|hc" → pattern, where the glue does not apply
	Styles     map[string]map[string]string `json:"styles"`    // "date" or an hour cycle → style → pattern
	Zones      map[string][]string          `json:"zones"`     // zone → short, long (standard), short, long (daylight)
	GMT        map[string]string            `json:"gmt"`
	Currencies map[string][]string          `json:"currencies"` // code → symbol, narrow symbol, name (one), name (other)
	Compact    map[string]map[string]struct {
		Div   int    `json:"div"`
		One   string `json:"one"`
		Other string `json:"other"`
		Exact string `json:"1"`
	} `json:"compact"`
	// Relative time: style → unit → future/past → plural category →
	// pattern, and "words" → offset → word (numeric: "auto").
	Relative map[string]map[string]map[string]map[string]string `json:"relative"`
	// Lists: "type-style" → between two items, after the first of more,
	// between middle ones, before the last.
	Lists map[string][]string `json:"lists"`
}

var loadData = sync.OnceValues(func() (*dataSet, error) {
	var d dataSet
	if err := json.Unmarshal(dataJSON, &d); err != nil {
		return nil, fmt.Errorf("intl: reading data.json: %w", err)
	}
	for _, tag := range supported {
		if d.Locales[tag] == nil {
			return nil, fmt.Errorf("intl: data.json has no locale %s", tag)
		}
	}
	return &d, nil
})

// supported are the locales with data, in the order of the default
// region of each language.
var supported = []string{"en-US", "en-GB", "en-IN", "de-DE", "fr-FR", "es-ES", "pt-BR", "ja-JP"}

// numberSymbols are the number formats of a locale (CLDR, latn digits).
type numberSymbols struct {
	group, decimal string
	secondary      int // grouping size after the first group
	// accountingSecondary is the secondary grouping of the accounting
	// pattern when it differs (en-IN's has no lakh grouping).
	accountingSecondary int
	minGroup            int    // minimumGroupingDigits
	percent             string // # is the number
	currency            string // ¤ is the currency
	accounting          string // negative accounting pattern
	nameGlue            string // number and currency name: {0} {1}
}

var numbers = map[string]*numberSymbols{
	"en":    {group: ",", decimal: ".", secondary: 3, minGroup: 1, percent: "#%", currency: "¤#", accounting: "(¤#)", nameGlue: "{0} {1}"},
	"en-IN": {group: ",", decimal: ".", secondary: 2, accountingSecondary: 3, minGroup: 1, percent: "#%", currency: "¤#", accounting: "(¤#)", nameGlue: "{0} {1}"},
	"de":    {group: ".", decimal: ",", secondary: 3, minGroup: 1, percent: "#\u00a0%", currency: "#\u00a0¤", accounting: "-#\u00a0¤", nameGlue: "{0} {1}"},
	"fr":    {group: "\u202f", decimal: ",", secondary: 3, minGroup: 1, percent: "#\u00a0%", currency: "#\u00a0¤", accounting: "(#\u00a0¤)", nameGlue: "{0} {1}"},
	"es":    {group: ".", decimal: ",", secondary: 3, minGroup: 2, percent: "#\u00a0%", currency: "#\u00a0¤", accounting: "-#\u00a0¤", nameGlue: "{0} {1}"},
	"pt":    {group: ".", decimal: ",", secondary: 3, minGroup: 1, percent: "#%", currency: "¤\u00a0#", accounting: "-¤\u00a0#", nameGlue: "{0} {1}"},
	"ja":    {group: ",", decimal: ".", secondary: 3, minGroup: 1, percent: "#%", currency: "¤#", accounting: "(¤#)", nameGlue: "{0}{1}"},
}

// locale is a resolved locale: the tag resolvedOptions reports and the
// data used.
type locale struct {
	tag  string // e.g. "de" for a request of "de", "en-US"
	data string // one of supported
	lang string
	ext  map[string]string // Unicode extension keywords of the request (-u-hc-h12)
}

func (l *locale) numbers() *numberSymbols {
	if s := numbers[l.data]; s != nil {
		return s
	}
	return numbers[l.lang]
}

// defaultLocale is the locale when none is requested or none matches,
// as in a browser set to American English.
const defaultLocale = "en-US"

// resolve picks the first requested locale whose language has data. A
// language without its region resolves to itself with the data of its
// main region ("de" → de-DE); an English region without data uses en-GB
// (most follow it), others the language's main region. Nothing matching
// gives en-US.
func resolve(requested []string) *locale {
	for _, tag := range requested {
		base, ext := splitExtensions(tag)
		parts := strings.Split(base, "-")
		lang := parts[0]
		region := ""
		for _, p := range parts[1:] {
			if len(p) == 2 || (len(p) == 3 && p[0] >= '0' && p[0] <= '9') {
				region = p
				break
			}
		}
		main := ""
		for _, s := range supported {
			if strings.HasPrefix(s, lang+"-") {
				main = s
				break
			}
		}
		if main == "" {
			continue
		}
		l := &locale{lang: lang, ext: ext}
		switch {
		case region == "":
			l.tag, l.data = lang, main
		case contains(supported, lang+"-"+region):
			l.tag, l.data = lang+"-"+region, lang+"-"+region
		case lang == "en":
			l.tag, l.data = "en-GB", "en-GB"
		default:
			l.tag, l.data = main, main
		}
		return l
	}
	return &locale{tag: defaultLocale, data: defaultLocale, lang: "en"}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// splitExtensions separates a canonical tag from its Unicode extension
// keywords.
func splitExtensions(tag string) (string, map[string]string) {
	i := strings.Index(tag, "-u-")
	if i < 0 {
		if j := strings.Index(tag, "-x-"); j >= 0 {
			return tag[:j], nil
		}
		return tag, nil
	}
	base, rest := tag[:i], tag[i+3:]
	ext := map[string]string{}
	key := ""
	for _, p := range strings.Split(rest, "-") {
		if len(p) == 1 {
			break // another extension
		}
		if len(p) == 2 {
			key = p
			ext[key] = ""
			continue
		}
		if key != "" {
			if ext[key] != "" {
				ext[key] += "-"
			}
			ext[key] += p
		}
	}
	return base, ext
}

// canonicalize checks a language tag's structure (BCP 47, as
// Intl.getCanonicalLocales does, without its alias tables) and returns it
// in canonical case; ok is false for a malformed tag.
func canonicalize(tag string) (string, bool) {
	if tag == "" || len(tag) > 255 {
		return "", false
	}
	parts := strings.Split(tag, "-")
	for _, p := range parts {
		if p == "" || len(p) > 8 || !alnum(p) {
			return "", false
		}
	}
	lang := parts[0]
	if !alpha(lang) || len(lang) < 2 || len(lang) == 4 || len(lang) > 8 {
		return "", false
	}
	out := []string{strings.ToLower(lang)}
	i := 1
	if i < len(parts) && len(parts[i]) == 4 && alpha(parts[i]) { // script
		s := strings.ToLower(parts[i])
		out = append(out, strings.ToUpper(s[:1])+s[1:])
		i++
	}
	if i < len(parts) && ((len(parts[i]) == 2 && alpha(parts[i])) || (len(parts[i]) == 3 && digits(parts[i]))) { // region
		out = append(out, strings.ToUpper(parts[i]))
		i++
	}
	seen := map[string]bool{}
	for ; i < len(parts) && len(parts[i]) > 1; i++ { // variants
		p := strings.ToLower(parts[i])
		if !(len(p) >= 5 || (len(p) == 4 && p[0] >= '0' && p[0] <= '9')) || seen[p] {
			return "", false
		}
		seen[p] = true
		out = append(out, p)
	}
	singletons := map[string]bool{}
	for i < len(parts) {
		single := strings.ToLower(parts[i])
		if len(single) != 1 || singletons[single] {
			return "", false
		}
		singletons[single] = true
		out = append(out, single)
		i++
		n := 0
		for ; i < len(parts) && (len(parts[i]) > 1 || single == "x"); i++ {
			if single != "x" && len(parts[i]) < 2 {
				return "", false
			}
			out = append(out, strings.ToLower(parts[i]))
			n++
		}
		if n == 0 {
			return "", false
		}
		if single == "x" {
			break
		}
	}
	return strings.Join(out, "-"), true
}

func alnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if !(c >= 'a' && c <= 'z') && !(s[i] >= '0' && s[i] <= '9') {
			return false
		}
	}
	return true
}

func alpha(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func digits(s string) bool { return allDigits(s) }
