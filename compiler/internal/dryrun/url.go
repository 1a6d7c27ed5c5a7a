package dryrun

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// The URL parser of the WHATWG URL Standard (https://url.spec.whatwg.org),
// for the dry runs' URL and URLSearchParams: the basic URL parser with its
// state overrides (the setters), the host parser (domains through UTS #46,
// IPv4 and IPv6 addresses, opaque hosts), the serializer and the
// application/x-www-form-urlencoded parser and serializer. It follows the
// standard as node 20 implements it: a path keeps "^", and an opaque path
// keeps its spaces. Text encodings other than UTF-8 are not supported (the
// standard needs them only for forms of legacy pages). No goja value
// appears here: the glue is browser.go's.

// urlRecord is a URL (the standard's "URL record").
type urlRecord struct {
	scheme, username, password string
	host                       string // serialized; meaningful when hasHost
	hasHost                    bool
	port                       int // -1 when none
	path                       []string
	opaque                     string // the path, when the URL has an opaque path
	hasOpaque                  bool
	query                      string
	hasQuery                   bool
	fragment                   string
	hasFragment                bool
}

// urlState is a state of the basic URL parser.
type urlState int

const (
	stNone urlState = iota
	stSchemeStart
	stScheme
	stNoScheme
	stSpecialRelativeOrAuthority
	stPathOrAuthority
	stRelative
	stRelativeSlash
	stSpecialAuthoritySlashes
	stSpecialAuthorityIgnoreSlashes
	stAuthority
	stHost
	stHostname
	stPort
	stFile
	stFileSlash
	stFileHost
	stPathStart
	stPath
	stOpaquePath
	stQuery
	stFragment
)

// specialPorts are the special schemes and their default ports (-1: none).
var specialPorts = map[string]int{"ftp": 21, "file": -1, "http": 80, "https": 443, "ws": 80, "wss": 443}

func isSpecial(scheme string) bool {
	_, ok := specialPorts[scheme]
	return ok
}

// defaultPort is the default port of scheme, -1 when it has none.
func defaultPort(scheme string) int {
	if p, ok := specialPorts[scheme]; ok {
		return p
	}
	return -1
}

// The percent-encode sets, as predicates on a byte of UTF-8. Every set
// contains the C0 controls and the bytes above 0x7E.
type encodeSet func(b byte) bool

func c0Control(b byte) bool { return b < 0x20 || b > 0x7E }

func fragmentSet(b byte) bool {
	return c0Control(b) || b == ' ' || b == '"' || b == '<' || b == '>' || b == '`'
}

func querySet(b byte) bool {
	return c0Control(b) || b == ' ' || b == '"' || b == '#' || b == '<' || b == '>'
}

func specialQuerySet(b byte) bool { return querySet(b) || b == '\'' }

// pathSet is the path percent-encode set as node 20 has it (without "^").
func pathSet(b byte) bool { return querySet(b) || b == '?' || b == '`' || b == '{' || b == '}' }

func userinfoSet(b byte) bool {
	return pathSet(b) || b == '/' || b == ':' || b == ';' || b == '=' || b == '@' || (b >= '[' && b <= '^') || b == '|'
}

func componentSet(b byte) bool {
	return userinfoSet(b) || (b >= '$' && b <= '&') || b == '+' || b == ','
}

func formSet(b byte) bool {
	return componentSet(b) || b == '!' || (b >= '\'' && b <= ')') || b == '~'
}

const upperHex = "0123456789ABCDEF"

// percentEncode appends s's UTF-8 bytes to sb, percent-encoding those in
// set (and a space as "+" when spaceAsPlus).
func percentEncode(sb *strings.Builder, s string, set encodeSet, spaceAsPlus bool) {
	for i := 0; i < len(s); i++ {
		b := s[i]
		switch {
		case spaceAsPlus && b == ' ':
			sb.WriteByte('+')
		case set(b):
			sb.WriteByte('%')
			sb.WriteByte(upperHex[b>>4])
			sb.WriteByte(upperHex[b&15])
		default:
			sb.WriteByte(b)
		}
	}
}

// encodeRune appends r percent-encoded with set.
func encodeRune(sb *strings.Builder, r rune, set encodeSet) {
	if r < utf8.RuneSelf {
		b := byte(r)
		if set(b) {
			sb.WriteByte('%')
			sb.WriteByte(upperHex[b>>4])
			sb.WriteByte(upperHex[b&15])
		} else {
			sb.WriteByte(b)
		}
		return
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, b := range buf[:n] {
		sb.WriteByte('%')
		sb.WriteByte(upperHex[b>>4])
		sb.WriteByte(upperHex[b&15])
	}
}

func encodeString(s string, set encodeSet) string {
	for i := 0; i < len(s); i++ {
		if set(s[i]) {
			var sb strings.Builder
			sb.Grow(len(s) + 8)
			percentEncode(&sb, s, set, false)
			return sb.String()
		}
	}
	return s
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// percentDecode decodes the %XX sequences of s; others stay as they are.
func percentDecode(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) {
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				out = append(out, hi<<4|lo)
				i += 2
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// utf8Decode is the Encoding Standard's "UTF-8 decode without BOM": bytes
// that are not UTF-8 become U+FFFD, one per maximal subpart.
func utf8Decode(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + 8)
	for i := 0; i < len(b); {
		r, n, _ := decodeUTF8(b[i:])
		sb.WriteRune(r)
		i += n
	}
	return sb.String()
}

// decodeUTF8 decodes the first code point of b as the Encoding Standard's
// UTF-8 decoder does: an invalid sequence is U+FFFD and consumes its
// maximal subpart (at least one byte). status is utf8OK, utf8Invalid, or
// utf8Short for a sequence that is valid so far but cut by the end of b.
func decodeUTF8(b []byte) (r rune, n, status int) {
	c := b[0]
	if c < 0x80 {
		return rune(c), 1, utf8OK
	}
	var need int
	var cp rune
	lower, upper := byte(0x80), byte(0xBF)
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need, cp = 1, rune(c&0x1F)
	case c >= 0xE0 && c <= 0xEF:
		if c == 0xE0 {
			lower = 0xA0
		} else if c == 0xED {
			upper = 0x9F
		}
		need, cp = 2, rune(c&0xF)
	case c >= 0xF0 && c <= 0xF4:
		if c == 0xF0 {
			lower = 0x90
		} else if c == 0xF4 {
			upper = 0x8F
		}
		need, cp = 3, rune(c&0x7)
	default:
		return utf8.RuneError, 1, utf8Invalid
	}
	i := 1
	for ; i <= need; i++ {
		if i >= len(b) {
			return utf8.RuneError, i, utf8Short
		}
		if b[i] < lower || b[i] > upper {
			return utf8.RuneError, i, utf8Invalid
		}
		lower, upper = 0x80, 0xBF
		cp = cp<<6 | rune(b[i]&0x3F)
	}
	return cp, i, utf8OK
}

// The statuses of decodeUTF8.
const (
	utf8OK = iota
	utf8Invalid
	utf8Short
)

// parseURL parses input against base (nil for none); ok is false when it
// is not a valid URL.
func parseURL(input string, base *urlRecord) (*urlRecord, bool) {
	u := &urlRecord{port: -1}
	input = strings.TrimFunc(input, func(r rune) bool { return r <= 0x20 })
	if !basicParse(input, base, u, stNone) {
		return nil, false
	}
	return u, true
}

// isWindowsDriveLetter reports whether r is an ASCII letter and ":" (or
// "|" unless normalized is set).
func isWindowsDriveLetter(r []rune, normalized bool) bool {
	return len(r) == 2 && isAlpha(r[0]) && (r[1] == ':' || (!normalized && r[1] == '|'))
}

// startsWithWindowsDriveLetter is the standard's test on the rest of the input.
func startsWithWindowsDriveLetter(r []rune) bool {
	if len(r) < 2 || !isWindowsDriveLetter(r[:2], false) {
		return false
	}
	if len(r) == 2 {
		return true
	}
	switch r[2] {
	case '/', '\\', '?', '#':
		return true
	}
	return false
}

func isAlpha(r rune) bool { return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') }
func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isSingleDot(s string) bool {
	return s == "." || strings.EqualFold(s, "%2e")
}

func isDoubleDot(s string) bool {
	switch strings.ToLower(s) {
	case "..", ".%2e", "%2e.", "%2e%2e":
		return true
	}
	return false
}

// shortenPath removes the last segment of u's path, but not a file URL's
// lone drive letter.
func (u *urlRecord) shortenPath() {
	if u.scheme == "file" && len(u.path) == 1 && isWindowsDriveLetter([]rune(u.path[0]), true) {
		return
	}
	if len(u.path) > 0 {
		u.path = u.path[:len(u.path)-1]
	}
}

func (u *urlRecord) hasCredentials() bool { return u.username != "" || u.password != "" }

// cannotHaveCredentials is the standard's "cannot have a
// username/password/port".
func (u *urlRecord) cannotHaveCredentials() bool {
	return !u.hasHost || u.host == "" || u.scheme == "file"
}

// basicParse is the standard's basic URL parser, writing into u; with a
// state override it changes one component of u (a setter) and its result
// says whether it did.
func basicParse(input string, base, u *urlRecord, override urlState) bool {
	if strings.ContainsAny(input, "\t\n\r") {
		input = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, input)
	}
	in := []rune(input)
	state := override
	if state == stNone {
		state = stSchemeStart
	}
	var buf []rune
	atSignSeen, insideBrackets, passwordTokenSeen := false, false, false
	special := isSpecial(u.scheme)
	const eof = rune(-1)
	for p := 0; p <= len(in); p++ {
		c := eof
		if p < len(in) {
			c = in[p]
		}
		rest := func() []rune { // the input after c
			if p+1 <= len(in) {
				return in[p+1:]
			}
			return nil
		}
		switch state {
		case stSchemeStart:
			switch {
			case isAlpha(c):
				buf = append(buf, toLower(c))
				state = stScheme
			case override == stNone:
				state = stNoScheme
				p--
			default:
				return false
			}
		case stScheme:
			switch {
			case isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.':
				buf = append(buf, toLower(c))
			case c == ':':
				scheme := string(buf)
				if override != stNone {
					if isSpecial(u.scheme) != isSpecial(scheme) {
						return false
					}
					if (u.hasCredentials() || u.port >= 0) && scheme == "file" {
						return false
					}
					if u.scheme == "file" && u.hasHost && u.host == "" {
						return false
					}
				}
				u.scheme = scheme
				special = isSpecial(scheme)
				if override != stNone {
					if u.port == defaultPort(scheme) {
						u.port = -1
					}
					return true
				}
				buf = buf[:0]
				r := rest()
				switch {
				case scheme == "file":
					state = stFile
				case special && base != nil && base.scheme == scheme:
					state = stSpecialRelativeOrAuthority
				case special:
					state = stSpecialAuthoritySlashes
				case len(r) > 0 && r[0] == '/':
					state = stPathOrAuthority
					p++
				default:
					u.hasOpaque, u.opaque = true, ""
					state = stOpaquePath
				}
			case override == stNone:
				buf = buf[:0]
				state = stNoScheme
				p = -1
			default:
				return false
			}
		case stNoScheme:
			switch {
			case base == nil || (base.hasOpaque && c != '#'):
				return false
			case base.hasOpaque && c == '#':
				u.scheme, special = base.scheme, isSpecial(base.scheme)
				u.hasOpaque, u.opaque = true, base.opaque
				u.query, u.hasQuery = base.query, base.hasQuery
				u.fragment, u.hasFragment = "", true
				state = stFragment
			case base.scheme != "file":
				state = stRelative
				p--
			default:
				state = stFile
				p--
			}
		case stSpecialRelativeOrAuthority:
			if r := rest(); c == '/' && len(r) > 0 && r[0] == '/' {
				state = stSpecialAuthorityIgnoreSlashes
				p++
			} else {
				state = stRelative
				p--
			}
		case stPathOrAuthority:
			if c == '/' {
				state = stAuthority
			} else {
				state = stPath
				p--
			}
		case stRelative:
			u.scheme, special = base.scheme, isSpecial(base.scheme)
			switch {
			case c == '/' || (special && c == '\\'):
				state = stRelativeSlash
			default:
				u.username, u.password = base.username, base.password
				u.host, u.hasHost, u.port = base.host, base.hasHost, base.port
				u.path = append([]string(nil), base.path...)
				u.query, u.hasQuery = base.query, base.hasQuery
				switch c {
				case '?':
					u.query, u.hasQuery = "", true
					state = stQuery
				case '#':
					u.fragment, u.hasFragment = "", true
					state = stFragment
				case eof:
				default:
					u.query, u.hasQuery = "", false
					u.shortenPath()
					state = stPath
					p--
				}
			}
		case stRelativeSlash:
			switch {
			case special && (c == '/' || c == '\\'):
				state = stSpecialAuthorityIgnoreSlashes
			case c == '/':
				state = stAuthority
			default:
				u.username, u.password = base.username, base.password
				u.host, u.hasHost, u.port = base.host, base.hasHost, base.port
				state = stPath
				p--
			}
		case stSpecialAuthoritySlashes:
			if r := rest(); c == '/' && len(r) > 0 && r[0] == '/' {
				p++
			} else {
				p--
			}
			state = stSpecialAuthorityIgnoreSlashes
		case stSpecialAuthorityIgnoreSlashes:
			if c != '/' && c != '\\' {
				state = stAuthority
				p--
			}
		case stAuthority:
			switch {
			case c == '@':
				if atSignSeen {
					buf = append([]rune("%40"), buf...)
				}
				atSignSeen = true
				var user, pass strings.Builder
				user.WriteString(u.username)
				pass.WriteString(u.password)
				for _, r := range buf {
					if r == ':' && !passwordTokenSeen {
						passwordTokenSeen = true
						continue
					}
					if passwordTokenSeen {
						encodeRune(&pass, r, userinfoSet)
					} else {
						encodeRune(&user, r, userinfoSet)
					}
				}
				u.username, u.password = user.String(), pass.String()
				buf = buf[:0]
			case c == eof || c == '/' || c == '?' || c == '#' || (special && c == '\\'):
				if atSignSeen && len(buf) == 0 {
					return false
				}
				p -= len(buf) + 1
				buf = buf[:0]
				state = stHost
			default:
				buf = append(buf, c)
			}
		case stHost, stHostname:
			switch {
			case override != stNone && u.scheme == "file":
				p--
				state = stFileHost
			case c == ':' && !insideBrackets:
				if len(buf) == 0 || override == stHostname {
					return false
				}
				h, ok := parseHost(string(buf), !special)
				if !ok {
					return false
				}
				u.host, u.hasHost = h, true
				buf = buf[:0]
				state = stPort
			case c == eof || c == '/' || c == '?' || c == '#' || (special && c == '\\'):
				p--
				if special && len(buf) == 0 {
					return false
				}
				if override != stNone && len(buf) == 0 && (u.hasCredentials() || u.port >= 0) {
					return false
				}
				h, ok := parseHost(string(buf), !special)
				if !ok {
					return false
				}
				u.host, u.hasHost = h, true
				buf = buf[:0]
				state = stPathStart
				if override != stNone {
					return true
				}
			default:
				if c == '[' {
					insideBrackets = true
				} else if c == ']' {
					insideBrackets = false
				}
				buf = append(buf, c)
			}
		case stPort:
			switch {
			case isDigit(c):
				buf = append(buf, c)
			case c == eof || c == '/' || c == '?' || c == '#' || (special && c == '\\') || override != stNone:
				if len(buf) > 0 {
					port := 0
					for _, d := range buf {
						port = port*10 + int(d-'0')
						if port > 65535 {
							return false
						}
					}
					if port == defaultPort(u.scheme) {
						u.port = -1
					} else {
						u.port = port
					}
					buf = buf[:0]
					if override != stNone {
						return true
					}
				}
				if override != stNone {
					return false
				}
				state = stPathStart
				p--
			default:
				return false
			}
		case stFile:
			u.scheme, special = "file", true
			u.host, u.hasHost = "", true
			switch {
			case c == '/' || c == '\\':
				state = stFileSlash
			case base != nil && base.scheme == "file":
				u.host, u.hasHost = base.host, base.hasHost
				u.path = append([]string(nil), base.path...)
				u.query, u.hasQuery = base.query, base.hasQuery
				switch c {
				case '?':
					u.query, u.hasQuery = "", true
					state = stQuery
				case '#':
					u.fragment, u.hasFragment = "", true
					state = stFragment
				case eof:
				default:
					u.query, u.hasQuery = "", false
					if !startsWithWindowsDriveLetter(in[p:]) {
						u.shortenPath()
					} else {
						u.path = nil
					}
					state = stPath
					p--
				}
			default:
				state = stPath
				p--
			}
		case stFileSlash:
			if c == '/' || c == '\\' {
				state = stFileHost
			} else {
				if base != nil && base.scheme == "file" {
					u.host, u.hasHost = base.host, base.hasHost
					if !startsWithWindowsDriveLetter(in[min(p, len(in)):]) && len(base.path) > 0 && isWindowsDriveLetter([]rune(base.path[0]), true) {
						u.path = append(u.path, base.path[0])
					}
				}
				state = stPath
				p--
			}
		case stFileHost:
			switch c {
			case eof, '/', '\\', '?', '#':
				p--
				switch {
				case override == stNone && isWindowsDriveLetter(buf, false):
					state = stPath // buf is the path's first segment
				case len(buf) == 0:
					u.host, u.hasHost = "", true
					if override != stNone {
						return true
					}
					state = stPathStart
				default:
					h, ok := parseHost(string(buf), false)
					if !ok {
						return false
					}
					if h == "localhost" {
						h = ""
					}
					u.host, u.hasHost = h, true
					if override != stNone {
						return true
					}
					buf = buf[:0]
					state = stPathStart
				}
			default:
				buf = append(buf, c)
			}
		case stPathStart:
			switch {
			case special:
				state = stPath
				if c != '/' && c != '\\' {
					p--
				}
			case override == stNone && c == '?':
				u.query, u.hasQuery = "", true
				state = stQuery
			case override == stNone && c == '#':
				u.fragment, u.hasFragment = "", true
				state = stFragment
			case c != eof:
				state = stPath
				if c != '/' {
					p--
				}
			case override != stNone && !u.hasHost:
				u.path = append(u.path, "")
			}
		case stPath:
			if c == eof || c == '/' || (special && c == '\\') || (override == stNone && (c == '?' || c == '#')) {
				seg := string(buf)
				slash := c == '/' || (special && c == '\\')
				switch {
				case isDoubleDot(seg):
					u.shortenPath()
					if !slash {
						u.path = append(u.path, "")
					}
				case isSingleDot(seg):
					if !slash {
						u.path = append(u.path, "")
					}
				default:
					if u.scheme == "file" && len(u.path) == 0 && isWindowsDriveLetter(buf, false) {
						seg = string(buf[0]) + ":"
					}
					u.path = append(u.path, seg)
				}
				buf = buf[:0]
				switch c {
				case '?':
					u.query, u.hasQuery = "", true
					state = stQuery
				case '#':
					u.fragment, u.hasFragment = "", true
					state = stFragment
				}
			} else {
				var sb strings.Builder
				encodeRune(&sb, c, pathSet)
				buf = append(buf, []rune(sb.String())...)
			}
		case stOpaquePath:
			switch c {
			case '?':
				u.query, u.hasQuery = "", true
				state = stQuery
			case '#':
				u.fragment, u.hasFragment = "", true
				state = stFragment
			case eof:
			default:
				var sb strings.Builder
				sb.WriteString(u.opaque)
				encodeRune(&sb, c, c0Control)
				u.opaque = sb.String()
			}
		case stQuery:
			if (override == stNone && c == '#') || c == eof {
				set := querySet
				if special {
					set = specialQuerySet
				}
				var sb strings.Builder
				sb.WriteString(u.query)
				percentEncode(&sb, string(buf), set, false)
				u.query, u.hasQuery = sb.String(), true
				buf = buf[:0]
				if c == '#' {
					u.fragment, u.hasFragment = "", true
					state = stFragment
				}
			} else if c != eof {
				buf = append(buf, c)
			}
		case stFragment:
			if c != eof {
				var sb strings.Builder
				sb.WriteString(u.fragment)
				for ; p < len(in); p++ {
					encodeRune(&sb, in[p], fragmentSet)
				}
				u.fragment = sb.String()
			}
		}
	}
	return true
}

func toLower(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

// forbiddenHost reports the forbidden host code points.
func forbiddenHost(r rune) bool {
	switch r {
	case 0, '\t', '\n', '\r', ' ', '#', '/', ':', '<', '>', '?', '@', '[', '\\', ']', '^', '|':
		return true
	}
	return false
}

func forbiddenDomain(r rune) bool {
	return forbiddenHost(r) || r <= 0x1F || r == '%' || r == 0x7F
}

// idnaProfile is UTS #46 ToASCII with the options of the URL Standard's
// "domain to ASCII" (beStrict false).
var idnaProfile = idna.New(idna.MapForLookup(), idna.BidiRule(), idna.Transitional(false),
	idna.StrictDomainName(false), idna.CheckHyphens(false), idna.CheckJoiners(true), idna.VerifyDNSLength(false))

// parseHost is the host parser: it returns the serialized host.
func parseHost(input string, opaque bool) (string, bool) {
	if strings.HasPrefix(input, "[") {
		if !strings.HasSuffix(input, "]") {
			return "", false
		}
		a, ok := parseIPv6([]rune(input[1 : len(input)-1]))
		if !ok {
			return "", false
		}
		return "[" + serializeIPv6(a) + "]", true
	}
	if opaque {
		for _, r := range input {
			if forbiddenHost(r) {
				return "", false
			}
		}
		return encodeString(input, c0Control), true
	}
	domain := utf8Decode(percentDecode(input))
	ascii, ok := domainToASCII(domain)
	if !ok || ascii == "" {
		return "", false
	}
	for _, r := range ascii {
		if forbiddenDomain(r) {
			return "", false
		}
	}
	if endsInNumber(ascii) {
		v, ok := parseIPv4(ascii)
		if !ok {
			return "", false
		}
		return serializeIPv4(v), true
	}
	return ascii, true
}

// domainToASCII lowercases an ASCII domain with no punycode label (what
// UTS #46 does to it) and hands any other to the idna package.
func domainToASCII(domain string) (string, bool) {
	plain := true
	for i := 0; i < len(domain); i++ {
		if domain[i] >= utf8.RuneSelf {
			plain = false
			break
		}
	}
	lower := strings.ToLower(domain)
	if plain && !strings.HasPrefix(lower, "xn--") && !strings.Contains(lower, ".xn--") {
		return lower, true
	}
	out, err := idnaProfile.ToASCII(domain)
	if err != nil {
		return "", false
	}
	return out, true
}

// endsInNumber is the standard's "ends in a number" checker.
func endsInNumber(s string) bool {
	parts := strings.Split(s, ".")
	if parts[len(parts)-1] == "" {
		if len(parts) == 1 {
			return false
		}
		parts = parts[:len(parts)-1]
	}
	last := parts[len(parts)-1]
	if last != "" && strings.Trim(last, "0123456789") == "" {
		return true
	}
	_, ok := parseIPv4Number(last)
	return ok
}

// parseIPv4Number parses a part of an IPv4 address: decimal, 0x hex or 0 octal.
func parseIPv4Number(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	radix := 10
	switch {
	case len(s) >= 2 && (s[:2] == "0x" || s[:2] == "0X"):
		s, radix = s[2:], 16
	case len(s) >= 2 && s[0] == '0':
		s, radix = s[1:], 8
	}
	if s == "" {
		return 0, true
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		d, ok := unhex(s[i])
		if !ok || int(d) >= radix {
			return 0, false
		}
		v = v*uint64(radix) + uint64(d)
		if v > 1<<40 {
			v = 1 << 40 // too big for any part; keep it from overflowing
		}
	}
	return v, true
}

func parseIPv4(s string) (uint32, bool) {
	parts := strings.Split(s, ".")
	if parts[len(parts)-1] == "" && len(parts) > 1 {
		parts = parts[:len(parts)-1]
	}
	if len(parts) > 4 {
		return 0, false
	}
	nums := make([]uint64, len(parts))
	for i, p := range parts {
		n, ok := parseIPv4Number(p)
		if !ok {
			return 0, false
		}
		nums[i] = n
	}
	for _, n := range nums[:len(nums)-1] {
		if n > 255 {
			return 0, false
		}
	}
	last := nums[len(nums)-1]
	if last >= 1<<(8*(5-len(nums))) {
		return 0, false
	}
	v := last
	for i, n := range nums[:len(nums)-1] {
		v += n << (8 * (3 - i))
	}
	return uint32(v), true
}

func serializeIPv4(v uint32) string {
	return strconv.Itoa(int(v>>24)) + "." + strconv.Itoa(int(v>>16&255)) + "." + strconv.Itoa(int(v>>8&255)) + "." + strconv.Itoa(int(v&255))
}

// parseIPv6 is the standard's IPv6 parser.
func parseIPv6(in []rune) ([8]uint16, bool) {
	var a [8]uint16
	piece, compress := 0, -1
	p := 0
	at := func(i int) rune {
		if i < len(in) {
			return in[i]
		}
		return -1
	}
	if at(p) == ':' {
		if at(p+1) != ':' {
			return a, false
		}
		p += 2
		piece++
		compress = piece
	}
	for at(p) != -1 {
		if piece == 8 {
			return a, false
		}
		if at(p) == ':' {
			if compress >= 0 {
				return a, false
			}
			p++
			piece++
			compress = piece
			continue
		}
		value, length := 0, 0
		for length < 4 && at(p) >= 0 && at(p) < 128 {
			d, ok := unhex(byte(at(p)))
			if !ok {
				break
			}
			value = value*16 + int(d)
			p++
			length++
		}
		if at(p) == '.' {
			if length == 0 {
				return a, false
			}
			p -= length
			if piece > 6 {
				return a, false
			}
			seen := 0
			for at(p) != -1 {
				v := -1
				if seen > 0 {
					if at(p) == '.' && seen < 4 {
						p++
					} else {
						return a, false
					}
				}
				if !isDigit(at(p)) {
					return a, false
				}
				for isDigit(at(p)) {
					n := int(at(p) - '0')
					switch {
					case v == -1:
						v = n
					case v == 0:
						return a, false
					default:
						v = v*10 + n
					}
					if v > 255 {
						return a, false
					}
					p++
				}
				a[piece] = a[piece]*0x100 + uint16(v)
				seen++
				if seen == 2 || seen == 4 {
					piece++
				}
			}
			if seen != 4 {
				return a, false
			}
			break
		} else if at(p) == ':' {
			p++
			if at(p) == -1 {
				return a, false
			}
		} else if at(p) != -1 {
			return a, false
		}
		a[piece] = uint16(value)
		piece++
	}
	if compress >= 0 {
		swaps := piece - compress
		piece = 7
		for piece != 0 && swaps > 0 {
			a[piece], a[compress+swaps-1] = a[compress+swaps-1], a[piece]
			piece--
			swaps--
		}
	} else if piece != 8 {
		return a, false
	}
	return a, true
}

// serializeIPv6 writes a, compressing its first longest run of two or
// more zero pieces.
func serializeIPv6(a [8]uint16) string {
	best, bestLen := -1, 1
	for i := 0; i < 8; {
		if a[i] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && a[j] == 0 {
			j++
		}
		if j-i > bestLen {
			best, bestLen = i, j-i
		}
		i = j
	}
	var sb strings.Builder
	for i := 0; i < 8; i++ {
		if i == best {
			if i == 0 {
				sb.WriteString("::")
			} else {
				sb.WriteByte(':')
			}
			i += bestLen - 1
			continue
		}
		sb.WriteString(strconv.FormatUint(uint64(a[i]), 16))
		if i < 7 {
			sb.WriteByte(':')
		}
	}
	return sb.String()
}

// href is the URL serializer.
func (u *urlRecord) href() string {
	var sb strings.Builder
	sb.WriteString(u.scheme)
	sb.WriteByte(':')
	if u.hasHost {
		sb.WriteString("//")
		if u.hasCredentials() {
			sb.WriteString(u.username)
			if u.password != "" {
				sb.WriteByte(':')
				sb.WriteString(u.password)
			}
			sb.WriteByte('@')
		}
		sb.WriteString(u.host)
		if u.port >= 0 {
			sb.WriteByte(':')
			sb.WriteString(strconv.Itoa(u.port))
		}
	} else if !u.hasOpaque && len(u.path) > 1 && u.path[0] == "" {
		sb.WriteString("/.")
	}
	sb.WriteString(u.pathname())
	if u.hasQuery {
		sb.WriteByte('?')
		sb.WriteString(u.query)
	}
	if u.hasFragment {
		sb.WriteByte('#')
		sb.WriteString(u.fragment)
	}
	return sb.String()
}

func (u *urlRecord) pathname() string {
	if u.hasOpaque {
		return u.opaque
	}
	var sb strings.Builder
	for _, s := range u.path {
		sb.WriteByte('/')
		sb.WriteString(s)
	}
	return sb.String()
}

func (u *urlRecord) hostPort() string {
	if !u.hasHost {
		return ""
	}
	if u.port < 0 {
		return u.host
	}
	return u.host + ":" + strconv.Itoa(u.port)
}

// origin is the serialized origin.
func (u *urlRecord) origin() string {
	switch u.scheme {
	case "blob":
		if inner, ok := parseURL(u.pathname(), nil); ok && (inner.scheme == "http" || inner.scheme == "https") {
			return inner.origin()
		}
	case "ftp", "http", "https", "ws", "wss":
		return u.scheme + "://" + u.hostPort()
	}
	return "null"
}

func (u *urlRecord) search() string {
	if !u.hasQuery || u.query == "" {
		return ""
	}
	return "?" + u.query
}

func (u *urlRecord) hash() string {
	if !u.hasFragment || u.fragment == "" {
		return ""
	}
	return "#" + u.fragment
}

// stripTrailingSpaces is the standard's "potentially strip trailing spaces
// from an opaque path".
func (u *urlRecord) stripTrailingSpaces() {
	if !u.hasOpaque || u.hasFragment || u.hasQuery {
		return
	}
	u.opaque = strings.TrimRight(u.opaque, " ")
}

// set runs the setter of the URL attribute name with value; setters
// ignore values they cannot use, except href's, whose failure is reported.
func (u *urlRecord) set(name, value string) bool {
	c := *u
	c.path = append([]string(nil), u.path...)
	switch name {
	case "href":
		n, ok := parseURL(value, nil)
		if !ok {
			return false
		}
		*u = *n
		return true
	case "protocol":
		if basicParse(value+":", nil, &c, stSchemeStart) {
			*u = c
		}
	case "username", "password":
		if u.cannotHaveCredentials() {
			return true
		}
		if name == "username" {
			u.username = encodeString(value, userinfoSet)
		} else {
			u.password = encodeString(value, userinfoSet)
		}
	case "host", "hostname":
		if u.hasOpaque {
			return true
		}
		st := stHost
		if name == "hostname" {
			st = stHostname
		}
		if basicParse(value, nil, &c, st) {
			*u = c
		}
	case "port":
		if u.cannotHaveCredentials() {
			return true
		}
		if value == "" {
			u.port = -1
			return true
		}
		if basicParse(value, nil, &c, stPort) {
			*u = c
		}
	case "pathname":
		if u.hasOpaque {
			return true
		}
		c.path = nil
		if basicParse(value, nil, &c, stPathStart) {
			*u = c
		}
	case "search":
		if value == "" {
			u.query, u.hasQuery = "", false
			u.stripTrailingSpaces()
			return true
		}
		c.query, c.hasQuery = "", true
		if basicParse(strings.TrimPrefix(value, "?"), nil, &c, stQuery) {
			*u = c
		}
	case "hash":
		if value == "" {
			u.fragment, u.hasFragment = "", false
			u.stripTrailingSpaces()
			return true
		}
		c.fragment, c.hasFragment = "", true
		if basicParse(strings.TrimPrefix(value, "#"), nil, &c, stFragment) {
			*u = c
		}
	}
	return true
}

// formParse is the application/x-www-form-urlencoded parser: name, value,
// name, value….
func formParse(s string) []string {
	var out []string
	for len(s) > 0 {
		var seq string
		if i := strings.IndexByte(s, '&'); i >= 0 {
			seq, s = s[:i], s[i+1:]
		} else {
			seq, s = s, ""
		}
		if seq == "" {
			continue
		}
		name, value, _ := strings.Cut(seq, "=")
		out = append(out, formDecode(name), formDecode(value))
	}
	return out
}

func formDecode(s string) string {
	if !strings.ContainsAny(s, "+%") {
		return s
	}
	return utf8Decode(percentDecode(strings.ReplaceAll(s, "+", " ")))
}

// formSerialize is the application/x-www-form-urlencoded serializer of
// name, value, name, value….
func formSerialize(pairs []string) string {
	var sb strings.Builder
	for i := 0; i+1 < len(pairs); i += 2 {
		if i > 0 {
			sb.WriteByte('&')
		}
		percentEncode(&sb, pairs[i], formSet, true)
		sb.WriteByte('=')
		percentEncode(&sb, pairs[i+1], formSet, true)
	}
	return sb.String()
}
