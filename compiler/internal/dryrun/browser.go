package dryrun

import (
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/modc-dev/modc/compiler/internal/jslib"
)

//go:embed browser.js
var browserJS string

// browserName is the file name of browser.js in stack traces.
const browserName = "modc:dryrun/browser.js"

// browserProgram is browser.js compiled once, shared by every VM.
var browserProgram = sync.OnceValues(func() (*goja.Program, error) {
	return goja.Compile(browserName, browserJS, true)
})

// browserGlobals are the globals browser.js gives dry runs (issue 14):
// the first pureGlobals compute and are the browsers' own; the rest are
// stand-ins of a browser page.
var browserGlobals = []string{
	"URL", "URLSearchParams", "TextEncoder", "TextDecoder", "Blob", "crypto", "structuredClone", "queueMicrotask",
	"navigator", "document", "window", "confirm", "alert",
}

const pureGlobals = 8

// browserUses maps each name installBrowser looks for in a module's code to
// the globals it installs (bits of browserGlobals): a module that reads
// window may reach every one through it.
var browserUses = map[string]uint32{
	"URL": 1<<0 | 1<<1, "TextEncoder": 1 << 2, "TextDecoder": 1 << 3, "Blob": 1 << 4, "crypto": 1 << 5,
	"structuredClone": 1 << 6, "queueMicrotask": 1 << 7, "navigator": 1 << 8, "document": 1 << 9,
	"window": 1<<13 - 1, "confirm": 1 << 11, "alert": 1 << 12,
}

// browserScanNames are the keys of browserUses, for codeNames (guards.go).
var browserScanNames = []string{
	"URL", "TextEncoder", "TextDecoder", "Blob", "crypto", "structuredClone", "queueMicrotask",
	"navigator", "document", "window", "confirm", "alert",
}

// browser gives one VM the globals of browser.js, each defined the first
// time code reads it (an accessor on the global object that replaces
// itself with the value), and browser.js run the first time any is read:
// a module that names none of them pays nothing, one that names them
// without reading them (appsmith.URL has URL in it) a few accessors.
type browser struct {
	vm      *goja.Runtime
	g       *guards       // for its limits and RangeErrors
	driver  *goja.Object  // runtime.js's driver: record and alert
	get     goja.Callable // browser.js's get(name); nil until a global is read
	loading bool
}

// installBrowser defines, in vm, the browser globals that code (main.js
// and the request sources) names, found being what codeNames found in
// it, and the computing ones the libraries' sources name (the stand-ins
// are left out for libraries: they test for window or document to take
// their browser paths, which a dry run cannot follow).
func installBrowser(vm *goja.Runtime, code string, found nameSet, libs []*jslib.Library, lim limits, driver *goja.Object) {
	want := browserWants(code, found)
	for _, l := range libs {
		want |= libraryWants(l)
	}
	if want == 0 {
		return
	}
	b := &browser{vm: vm, g: &guards{vm: vm, lim: lim}, driver: driver}
	global := vm.GlobalObject()
	for i, name := range browserGlobals {
		if want&(1<<i) == 0 || global.Get(name) != nil {
			continue
		}
		get := func(goja.FunctionCall) goja.Value {
			v := b.value(name)
			_ = global.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
			return v
		}
		set := func(c goja.FunctionCall) goja.Value {
			_ = global.DefineDataProperty(name, c.Argument(0), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
			return goja.Undefined()
		}
		_ = global.DefineAccessorProperty(name, vm.ToValue(get), vm.ToValue(set), goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
}

// browserScanIndex are the indexes of browserScanNames in codeNames.
var browserScanIndex = func() []int {
	idx := make([]int, len(browserScanNames))
	for i, n := range browserScanNames {
		idx[i] = codeNames.index[n]
	}
	return idx
}()

// browserWants returns the bits of browserGlobals that code names, found
// being what codeNames found in it.
func browserWants(code string, found nameSet) uint32 {
	var want uint32
	for i, name := range browserScanNames {
		if !found.has(browserScanIndex[i]) {
			continue
		}
		if name == "URL" && !codeNames.has(found, "globalThis", code) && !bare(code, name) {
			continue // appsmith.URL, window.URL (window installs it)
		}
		want |= browserUses[name]
	}
	return want
}

// browserDialogs reports whether code whose codeNames are found can call
// confirm or alert: it names them, or window. (runtime.js creates what
// records their calls only then: host.uses.dialogs.)
func browserDialogs(found nameSet) bool {
	return found.meets(dialogNames)
}

// dialogNames are confirm, alert and window in codeNames.
var dialogNames = func() nameSet {
	var s nameSet
	for _, n := range [...]string{"confirm", "alert", "window"} {
		s.add(codeNames.index[n])
	}
	return s
}()

// libraryWants returns the bits of the computing browser globals that l's
// source names, found once per library.
func libraryWants(l *jslib.Library) uint32 {
	if v, ok := libraryBrowser.Load(l); ok {
		return v.(uint32)
	}
	src := l.Source()
	want := browserWants(src, codeNames.scan(src)) & (1<<pureGlobals - 1)
	libraryBrowser.Store(l, want)
	return want
}

// libraryBrowser holds libraryWants' findings, by library.
var libraryBrowser sync.Map

// bare reports whether name occurs in code other than as a property (after a dot).
func bare(code, name string) bool {
	for i := 0; i < len(code); {
		j := strings.Index(code[i:], name)
		if j < 0 {
			return false
		}
		if i+j == 0 || code[i+j-1] != '.' {
			return true
		}
		i += j + len(name)
	}
	return false
}

// value returns the global name, running browser.js the first time.
func (b *browser) value(name string) goja.Value {
	if b.get == nil {
		if b.loading {
			return goja.Undefined()
		}
		b.loading = true
		get, err := b.load()
		b.loading = false
		if err != nil {
			rethrow(b.vm, err)
		}
		b.get = get
	}
	v, err := b.get(goja.Undefined(), b.vm.ToValue(name))
	if err != nil {
		rethrow(b.vm, err)
	}
	return v
}

// rethrow throws err in vm: a limit that stopped it stays uncatchable, and
// an exception is thrown as it is.
func rethrow(vm *goja.Runtime, err error) {
	var ie *goja.InterruptedError
	var so *goja.StackOverflowError
	var ex *goja.Exception
	switch {
	case errors.As(err, &ie):
		panic(ie)
	case errors.As(err, &so):
		panic(so)
	case errors.As(err, &ex):
		panic(ex)
	}
	panic(vm.NewGoError(err))
}

// load runs browser.js and returns its get.
func (b *browser) load() (goja.Callable, error) {
	vm := b.vm
	prog, err := browserProgram()
	if err != nil {
		return nil, fmt.Errorf("compiling browser.js: %w", err)
	}
	fv, err := vm.RunProgram(prog)
	if err != nil {
		return nil, err
	}
	f, ok := goja.AssertFunction(fv)
	if !ok {
		return nil, errors.New("browser.js: not a function")
	}
	host := vm.NewObject()
	for name, fn := range map[string]func(goja.FunctionCall) goja.Value{
		"usv":           func(c goja.FunctionCall) goja.Value { return vm.ToValue(c.Argument(0).String()) },
		"urlParse":      b.urlParse,
		"urlSet":        b.urlSet,
		"formParse":     b.formParse,
		"formSerialize": b.formSerialize,
		"encode":        b.encode,
		"encodeInto":    b.encodeInto,
		"decode":        b.decode,
		"random":        b.random,
		"uuid":          func(goja.FunctionCall) goja.Value { return vm.ToValue(uuid4()) },
		"record":        b.call("record"),
		"alert":         b.call("alert"),
	} {
		_ = host.Set(name, fn)
	}
	_ = host.Set("maxBytes", b.g.lim.maxBytes)
	v, err := f(goja.Undefined(), host)
	if err != nil {
		return nil, err
	}
	get, ok := goja.AssertFunction(v)
	if !ok {
		return nil, errors.New("browser.js: it returned no function")
	}
	return get, nil
}

// call returns a host function that calls the driver's function name
// (runtime.js records), or does nothing when the driver has none.
func (b *browser) call(name string) func(goja.FunctionCall) goja.Value {
	return func(c goja.FunctionCall) goja.Value {
		if b.driver == nil {
			return goja.Undefined()
		}
		f, ok := goja.AssertFunction(b.driver.Get(name))
		if !ok {
			return goja.Undefined()
		}
		return callOrPanic(f, c)
	}
}

// maxURLGrowth is how many characters of a parsed URL one character of
// its input may become: a UTF-16 unit of three UTF-8 bytes, each
// percent-encoded.
const maxURLGrowth = 9

// jsString is ToString(v) as a goja String.
func jsString(v goja.Value) goja.String {
	if s, ok := v.ToString().(goja.String); ok {
		return s
	}
	return goja.StringFromUTF16(utf16.Encode([]rune(v.String())))
}

// urlText is v as the text of a URL, if the URL it could make fits.
func (b *browser) urlText(what string, v goja.Value) string {
	s := jsString(v)
	n := int64(s.Length())
	if max := b.g.lim.maxString / maxURLGrowth; n > max {
		panic(b.g.rangeError(fmt.Sprintf("%s: a URL of %d characters, over the dry-run memory limit (%d characters)", what, n, max)))
	}
	return s.String()
}

// urlParse(input, base) returns the components of the URL (see urlArray),
// or null when it is not a valid URL.
func (b *browser) urlParse(c goja.FunctionCall) goja.Value {
	input := b.urlText("URL", c.Argument(0))
	var base *urlRecord
	if bv := c.Argument(1); !goja.IsUndefined(bv) {
		var ok bool
		if base, ok = parseURL(b.urlText("URL", bv), nil); !ok {
			return goja.Null()
		}
	}
	u, ok := parseURL(input, base)
	if !ok {
		return goja.Null()
	}
	return b.urlArray(u)
}

// urlSet(href, name, value) runs the setter name on the URL href and
// returns the components of the result (null when href's setter fails).
func (b *browser) urlSet(c goja.FunctionCall) goja.Value {
	u, ok := parseURL(c.Argument(0).String(), nil)
	if !ok || !u.set(c.Argument(1).String(), b.urlText("URL", c.Argument(2))) {
		return goja.Null()
	}
	return b.urlArray(u)
}

// urlArray is [href, origin, protocol, username, password, host, hostname,
// port, pathname, search, hash].
func (b *browser) urlArray(u *urlRecord) goja.Value {
	port := ""
	if u.port >= 0 {
		port = fmt.Sprint(u.port)
	}
	host := ""
	if u.hasHost {
		host = u.host
	}
	return b.vm.NewArray(u.href(), u.origin(), u.scheme+":", u.username, u.password, u.hostPort(), host, port, u.pathname(), u.search(), u.hash())
}

// formParse(s) parses an application/x-www-form-urlencoded string into
// [name, value, name, value…].
func (b *browser) formParse(c goja.FunctionCall) goja.Value {
	s := c.Argument(0).String()
	b.g.check("URLSearchParams", 2*int64(strings.Count(s, "&")+1), b.g.lim.maxElems, "elements")
	list := formParse(s)
	items := make([]any, len(list))
	for i, v := range list {
		items[i] = v
	}
	return b.vm.NewArray(items...)
}

// formSerialize([name, value…]) is the application/x-www-form-urlencoded
// serializer.
func (b *browser) formSerialize(c goja.FunctionCall) goja.Value {
	items, _ := c.Argument(0).Export().([]any)
	list := make([]string, len(items))
	var n int64
	for i, it := range items {
		list[i] = fmt.Sprint(it)
		n += int64(len(list[i]))
	}
	b.g.check("URLSearchParams.toString", n*3, b.g.lim.maxString, "characters")
	return b.vm.ToValue(formSerialize(list))
}

// utf8Len is the length of s in UTF-8, lone surrogates counted as U+FFFD.
func utf8Len(s goja.String) int64 {
	var n int64
	r := s.Reader()
	for {
		c, _, err := r.ReadRune()
		if err != nil {
			return n
		}
		if l := utf8.RuneLen(c); l > 0 {
			n += int64(l)
		} else {
			n += 3
		}
	}
}

// encode(s, used, what) returns an ArrayBuffer of s in UTF-8, unless
// used bytes (of a Blob under construction) and those would be over the
// memory limit; what names the caller in the RangeError.
func (b *browser) encode(c goja.FunctionCall) goja.Value {
	s := jsString(c.Argument(0))
	used := max(c.Argument(1).ToInteger(), 0)
	what := "TextEncoder.encode"
	if w := c.Argument(2); !goja.IsUndefined(w) {
		what = w.String()
	}
	if n := used + int64(s.Length()); n > b.g.lim.maxBytes {
		b.g.check(what, n, b.g.lim.maxBytes, "bytes") // UTF-8 has at least as many bytes as UTF-16 units
	} else if used+3*int64(s.Length()) > b.g.lim.maxBytes {
		b.g.check(what, used+utf8Len(s), b.g.lim.maxBytes, "bytes")
	}
	return b.vm.ToValue(b.vm.NewArrayBuffer([]byte(s.String())))
}

// bytesOf returns the bytes of an ArrayBuffer or a Uint8Array (shared, not copied).
func bytesOf(v goja.Value) ([]byte, bool) {
	if v == nil {
		return nil, false
	}
	if x, ok := exportAs(v, bytesType).([]byte); ok {
		return x, true
	}
	if x, ok := exportAs(v, arrayBufferType).(goja.ArrayBuffer); ok {
		return x.Bytes(), true
	}
	return nil, false
}

// encodeInto(s, u8) writes as much of s in UTF-8 as fits into u8 (whole
// code points) and returns [UTF-16 units read, bytes written].
func (b *browser) encodeInto(c goja.FunctionCall) goja.Value {
	dst, ok := bytesOf(c.Argument(1))
	if !ok {
		panic(b.vm.NewTypeError("TextEncoder.encodeInto: the destination is not a Uint8Array"))
	}
	var read, written int
	r := jsString(c.Argument(0)).Reader()
	for {
		ch, _, err := r.ReadRune()
		if err != nil {
			break
		}
		if !utf8.ValidRune(ch) {
			ch = utf8.RuneError
		}
		n := utf8.RuneLen(ch)
		if written+n > len(dst) {
			break
		}
		utf8.EncodeRune(dst[written:], ch)
		written += n
		read++
		if ch > 0xFFFF {
			read++
		}
	}
	return b.vm.NewArray(read, written)
}

// decode(u8, fatal, stripBOM, stream) decodes UTF-8 and returns [text,
// pending], pending being how many bytes at the end were left for the
// next call (an incomplete sequence, when streaming).
func (b *browser) decode(c goja.FunctionCall) goja.Value {
	data, ok := bytesOf(c.Argument(0))
	if !ok {
		panic(b.vm.NewTypeError("TextDecoder.decode: the argument is not an ArrayBuffer or a view of one"))
	}
	fatal, stream := c.Argument(1).ToBoolean(), c.Argument(3).ToBoolean()
	if c.Argument(2).ToBoolean() && len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		data = data[3:]
	}
	if utf8.Valid(data) {
		return b.vm.NewArray(string(data), 0)
	}
	var sb strings.Builder
	sb.Grow(len(data) + 8)
	pending := 0
	for i := 0; i < len(data); {
		r, n, status := decodeUTF8(data[i:])
		if status == utf8Short && stream {
			pending = len(data) - i
			break
		}
		if status != utf8OK && fatal {
			panic(b.vm.NewTypeError("TextDecoder.decode: the data is not valid UTF-8"))
		}
		sb.WriteRune(r)
		i += n
	}
	return b.vm.NewArray(sb.String(), pending)
}

// random(u8) fills u8 with random bytes (browser.js bounds its length).
func (b *browser) random(c goja.FunctionCall) goja.Value {
	data, ok := bytesOf(c.Argument(0))
	if !ok || len(data) > 65536 {
		panic(b.vm.NewTypeError("crypto.getRandomValues: the argument is not an integer typed array of 65536 bytes or less"))
	}
	_, _ = rand.Read(data)
	return goja.Undefined()
}

// uuid4 is a random (version 4) UUID, as crypto.randomUUID makes.
func uuid4() string {
	var u [16]byte
	_, _ = rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	h := hex.EncodeToString(u[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
