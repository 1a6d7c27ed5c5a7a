// Package intl gives the dry-run VMs (goja, which has no ECMA-402) the
// Intl API and locale-aware toLocaleString, toLocaleDateString,
// toLocaleTimeString and localeCompare, giving the same strings as
// Chromium (V8 with ICU) for the locales en-US, en-GB, en-IN, de-DE,
// fr-FR, es-ES, pt-BR and ja-JP.
//
// Covered: Intl.NumberFormat (decimal, percent and currency styles with
// symbol, narrowSymbol, code and name displays and accounting signs;
// every digit and rounding option; grouping, including en-IN's lakh and
// es-ES's minimum of two digits; signDisplay; scientific, engineering
// and compact notations; format, formatToParts, resolvedOptions),
// Intl.DateTimeFormat (every field option but era and dayPeriod, hour12
// and hourCycle, dateStyle and timeStyle, IANA time zones with their
// names for common zones and GMT offsets for the rest; format,
// formatToParts, resolvedOptions), Intl.Collator
// (golang.org/x/text/collate: sensitivity, numeric, ignorePunctuation),
// Intl.PluralRules, Intl.RelativeTimeFormat, Intl.ListFormat,
// Intl.getCanonicalLocales and supportedValuesOf, and
// Number/BigInt/Date.prototype.toLocale*String and
// String.prototype.localeCompare on top of them.
//
// Other locales: a language of the eight without its region (or with
// another one) uses the data of its main region (de-AT formats like
// de-DE, en-AU like en-GB) and resolves to that locale; any other
// language (and no locale) is en-US, as in a browser set to American
// English. Numbers use latn digits and dates the Gregorian calendar: an
// unsupported numberingSystem, calendar or Unicode extension is ignored,
// as ECMA-402 does for values a locale lacks. Style "unit" and the era
// and dayPeriod options throw a RangeError that names them; caseFirst
// "upper" is not supported (resolved as "false"); generic time zone names
// (shortGeneric, longGeneric) are shown as GMT offsets. formatRange and
// formatRangeToParts (of both formats) throw a TypeError that says they
// are not supported in dry runs.
//
// Bounds: each call runs in Go, where the dry run's watchdog cannot
// interrupt it, so the work one call does is bounded. A collator (and
// localeCompare) compares strings of at most 262,144 characters, but for equal
// ones, and a ListFormat takes at most 16384 strings and 4 MiB of text:
// past these a call throws a RangeError that says so. A locales list is
// read up to its 1000th entry (the rest is ignored), a language tag of
// more than 255 characters is invalid, and the rest is bounded as in ICU
// (digit options, time zone names).
//
// The locale data (data.json) comes from node's ICU through gen.js, which
// checks every date pattern it records against node's own output. To
// regenerate it, run `go generate` in this directory (it runs
// `node gen.js > data.json`, about two minutes); data.json was made by
// node v20.20.2 (ICU 78.2, CLDR 48), and the same node makes the same
// file. The tests compare a table of cases with the node on the PATH
// (skipped without one); a node with another ICU may differ in a few
// strings.
package intl
