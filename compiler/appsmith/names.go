package appsmith

import (
	"strings"
	"unicode"

	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// SnakeName turns an Appsmith name (a JS object, a page, an app) into a
// modc package or module name: words split at case changes and at
// anything but ASCII letters and digits, lowercased, joined by "_"
// ("JSObject1" → "js_object1", "Home Admin" → "home_admin"). A name that
// would start with a digit gets fallback and "_" in front; one with no
// ASCII letter or digit at all is fallback.
func SnakeName(s, fallback string) string {
	var b strings.Builder
	rs := []rune(s)
	pendingSep := false
	for i, r := range rs {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			pendingSep = b.Len() > 0
			continue
		}
		if unicode.IsUpper(r) && i > 0 && b.Len() > 0 {
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				pendingSep = true
			}
		}
		if pendingSep {
			b.WriteByte('_')
			pendingSep = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	out := b.String()
	switch {
	case out == "":
		return fallback
	case out[0] >= '0' && out[0] <= '9':
		out = fallback + "_" + out
	}
	if !workspace.IsName(out) {
		return fallback
	}
	return out
}

// identifier makes s a JS identifier for app.json: invalid characters
// become "_", and a leading digit gets "_" in front.
func identifier(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '_' || r == '$' || (r <= unicode.MaxASCII && unicode.IsLetter(r)):
			b.WriteRune(r)
		case r <= unicode.MaxASCII && unicode.IsDigit(r):
			if i == 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	out := b.String()
	if !workspace.IsIdentifier(out) {
		out = "_" + out
	}
	return out
}
