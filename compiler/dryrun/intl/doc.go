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
// and compact notations; format, formatToParts, formatRange,
// resolvedOptions), Intl.DateTimeFormat (every field option but era and
// dayPeriod, hour12 and hourCycle, dateStyle and timeStyle, IANA time
// zones with their names for common zones and GMT offsets for the rest;
// format, formatToParts, formatRange, resolvedOptions), Intl.Collator
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
// (shortGeneric, longGeneric) are shown as GMT offsets.
//
// The locale data (data.json) comes from node's ICU through gen.js (go
// generate), which checks every date pattern it records against node's
// own output; tests compare a table of cases with node.
package intl
