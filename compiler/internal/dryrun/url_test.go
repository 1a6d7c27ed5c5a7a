package dryrun

import (
	"testing"
	"unicode/utf8"
)

// FuzzURL: parsing never panics, a parsed URL's href parses to itself
// (the serializer and the parser agree), and every setter leaves a URL
// that does too.
func FuzzURL(f *testing.F) {
	for _, s := range []string{
		"https://user:pa ss@Example.COM:8080/a/../b?q=1 2#h", "http://[::ffff:1.2.3.4]/", "http://0x7f.1/",
		"foo://h/a b?c#d", "mailto:a@b", "file:///C:/x/../..", "data:text/plain,a b", "http:/\\h.io\\x",
		"https://ünicode.de/ä", "blob:https://h.io/1", "foo:/.//x", "sc:\\../", "http://a..b/",
	} {
		f.Add(s, "https://base.io/p/q?r#s", "x y")
	}
	setters := []string{"href", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"}
	f.Fuzz(func(t *testing.T, input, base, value string) {
		if !utf8.ValidString(input) || !utf8.ValidString(base) || !utf8.ValidString(value) {
			return // goja hands the parser valid UTF-8 only
		}
		var b *urlRecord
		if br, ok := parseURL(base, nil); ok {
			b = br
		}
		u, ok := parseURL(input, b)
		if !ok {
			return
		}
		urlRoundTrip(t, u, "parse "+input)
		for _, name := range setters {
			c := *u
			c.path = append([]string(nil), u.path...)
			if c.set(name, value) {
				urlRoundTrip(t, &c, "set "+name+" on "+u.href())
			}
		}
	})
}

func urlRoundTrip(t *testing.T, u *urlRecord, what string) {
	t.Helper()
	href := u.href()
	again, ok := parseURL(href, nil)
	if !ok {
		t.Fatalf("%s: %q does not parse", what, href)
	}
	if got := again.href(); got != href {
		t.Fatalf("%s: %q parses to %q", what, href, got)
	}
}
