package binding

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/modc-dev/modc/compiler/internal/jsonpos"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// Mode says how [CompileTemplate] turns binding values in mixed text into text.
type Mode int

const (
	// Text converts each value with the helper (see [Helper]).
	Text Mode = iota
	// URL also percent-encodes each value with encodeURIComponent, so
	// "?q={{inputs.q}}" stays one query parameter whatever q holds, and
	// "/users/{{id}}" one path segment. The literal text is left as
	// written, and so is the value of a binding that starts the string
	// (the base URL, as in "{{this.params.base}}/users"), which is not
	// encoded.
	URL
)

// HelperName is the JavaScript function that compiled mixed text calls to
// turn a binding's value into text.
const HelperName = "__modc_str"

// Helper declares [HelperName]: null and undefined become "", objects and
// arrays their JSON, anything else String(v). Code that evaluates the
// output of [CompileTemplate] must have it in scope.
const Helper = `const __modc_str = function (v) { if (v == null) return ""; if (typeof v === "object") { const j = JSON.stringify(v); return j === undefined ? "" : j; } return String(v); };`

// CompileTemplate compiles s into the source of a JavaScript expression:
//
//   - a string without bindings yields a string literal;
//   - a string that is exactly one binding (see [IsSingleBinding]) yields
//     the binding's raw value, whatever its type, even in [URL] mode;
//   - mixed text yields a string: the text with each binding's value
//     converted by [HelperName] (and percent-encoded in [URL] mode, but
//     for a binding at the very start).
//
// A binding that is empty or holds only comments has the value undefined.
// The bindings are not checked: a binding that is not a JavaScript
// expression makes the output invalid, so parse each binding before
// compiling.
func CompileTemplate(s string, mode Mode) string {
	return compileSegments(s, Split(s), mode)
}

func compileSegments(s string, segs []Segment, mode Mode) string {
	if IsSingleBinding(segs) {
		for _, seg := range segs {
			if seg.Binding {
				return expr(seg.Text)
			}
		}
	}
	if len(segs) <= 1 { // no binding at all
		return Quote(s)
	}
	parts := make([]string, len(segs))
	for i, seg := range segs {
		switch {
		case !seg.Binding:
			parts[i] = Quote(seg.Text)
		case mode == URL && i > 0:
			parts[i] = "encodeURIComponent(" + HelperName + "(" + expr(seg.Text) + "))"
		default:
			parts[i] = HelperName + "(" + expr(seg.Text) + ")"
		}
	}
	return strings.Join(parts, " + ")
}

// expr wraps a binding's code as a parenthesized expression.
func expr(code string) string {
	if Blank(code) {
		return "undefined"
	}
	return "(" + code + ")"
}

// Blank reports whether a binding's code holds nothing but white space and
// comments (such a binding evaluates to undefined).
func Blank(code string) bool {
	for i := 0; i < len(code); {
		r, n := utf8.DecodeRuneInString(code[i:])
		switch {
		case unicode.IsSpace(r) || r == '\uFEFF':
			i += n
		case strings.HasPrefix(code[i:], "//"):
			i = lineEnd(code, i+2)
		case strings.HasPrefix(code[i:], "/*"):
			k := strings.Index(code[i+2:], "*/")
			if k < 0 {
				return false
			}
			i += 2 + k + 2
		default:
			return false
		}
	}
	return true
}

// Quote quotes s as a JavaScript string literal (JSON, with <, > and &
// escaped, so the output is safe inside an HTML script element).
func Quote(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// CompileRequest compiles a query's request into the source of a JavaScript
// function expression
//
//	function (inputs, appsmith) { …; return {method, url, headers, body}; }
//
// to be called with this set to {params}, so bindings can read
// this.params.x, inputs.x and appsmith.x. The url is compiled in [URL]
// mode, header values in [Text] mode; body is any JSON value whose string
// leaves are templates ([Text] mode) and whose other values and keys stay
// as written. An absent body is null. The output depends only on r.
func CompileRequest(r *workspace.Request) string {
	return compileRequest(r, true)
}

// CompileRequestShared is [CompileRequest] without the function's own
// declaration of [HelperName]: for code that declares [Helper] once in the
// scope of all its requests (a package's bundle, where a copy in each
// request was most of the bytes of the compiled requests).
func CompileRequestShared(r *workspace.Request) string {
	return compileRequest(r, false)
}

func compileRequest(r *workspace.Request, helper bool) string {
	var b strings.Builder
	b.WriteString("function (inputs, appsmith) {\n\t")
	if helper {
		b.WriteString(Helper + "\n\t")
	}
	b.WriteString("return {\n\t\tmethod: ")
	b.WriteString(Quote(r.Method))
	b.WriteString(",\n\t\turl: ")
	b.WriteString(CompileTemplate(r.URL, URL))
	b.WriteString(",\n\t\theaders: {")
	for i, h := range r.Headers {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n\t\t\t")
		b.WriteString(jsKey(h.Name))
		b.WriteString(": ")
		b.WriteString(CompileTemplate(h.Value, Text))
	}
	if len(r.Headers) > 0 {
		b.WriteString("\n\t\t")
	}
	b.WriteString("},\n\t\tbody: ")
	if r.Body == nil {
		b.WriteString("null")
	} else {
		compileJSON(&b, r.Body)
	}
	b.WriteString("\n\t};\n}")
	return b.String()
}

// jsKey quotes an object literal key. "__proto__" is computed, so that it
// makes an own property rather than setting the prototype.
func jsKey(k string) string {
	if k == "__proto__" {
		return `["__proto__"]`
	}
	return Quote(k)
}

// compileJSON writes n as a JavaScript expression whose strings are templates.
func compileJSON(b *strings.Builder, n *jsonpos.Node) {
	switch n.Kind {
	case jsonpos.String:
		b.WriteString(CompileTemplate(n.Str, Text))
	case jsonpos.Array:
		b.WriteString("[")
		for i, item := range n.Items {
			if i > 0 {
				b.WriteString(", ")
			}
			compileJSON(b, item)
		}
		b.WriteString("]")
	case jsonpos.Object:
		b.WriteString("{")
		for i, f := range n.Fields {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(jsKey(f.Key))
			b.WriteString(": ")
			compileJSON(b, f.Value)
		}
		b.WriteString("}")
	case jsonpos.Number:
		b.WriteString(string(n.Num))
	case jsonpos.Bool:
		b.WriteString(strconv.FormatBool(n.Bool))
	default:
		b.WriteString("null")
	}
}

// Located is one binding of a request, with where it is in the JSON file.
type Located struct {
	// Code is the binding's JavaScript source (the decoded JSON string).
	Code string
	// FileOffset is the byte offset in the file where Code starts, or -1
	// when the request has no parse tree for the field.
	FileOffset int
	// Field names the request field: "url", "headers.Authorization",
	// "body.refresh_token", "body.items[0].id".
	Field string

	node  *jsonpos.Node // the JSON string holding the binding
	start int           // where Code starts in node.Str
}

// OffsetOf returns the byte offset in the file of byte i of Code, mapped
// through the JSON string's escapes (so positions the JavaScript parser
// reports inside Code can be turned into file positions), or -1 when the
// request has no parse tree for the field.
func (l Located) OffsetOf(i int) int {
	if l.node == nil {
		return -1
	}
	return l.node.StringOffset(l.start + i)
}

// Bindings lists every binding of r — in the url, the header values and
// the string leaves of the body, in file order within each — with its
// position in the JSON file.
func Bindings(r *workspace.Request) []Located {
	var out []Located
	if n := r.Node.Get("url"); n != nil && n.Kind == jsonpos.String {
		out = locate(out, n.Str, n, "url")
	} else {
		out = locate(out, r.URL, nil, "url")
	}
	for _, h := range r.Headers {
		node := h.Node
		if node != nil && node.Kind != jsonpos.String {
			node = nil
		}
		out = locate(out, h.Value, node, "headers."+h.Name)
	}
	if r.Body != nil {
		out = locateJSON(out, r.Body, "body")
	}
	return out
}

func locateJSON(out []Located, n *jsonpos.Node, field string) []Located {
	switch n.Kind {
	case jsonpos.String:
		out = locate(out, n.Str, n, field)
	case jsonpos.Array:
		for i, item := range n.Items {
			out = locateJSON(out, item, field+"["+strconv.Itoa(i)+"]")
		}
	case jsonpos.Object:
		for _, f := range n.Fields {
			out = locateJSON(out, f.Value, field+"."+f.Key)
		}
	}
	return out
}

// locate appends the bindings of s, the decoded value of node (nil when unknown).
func locate(out []Located, s string, node *jsonpos.Node, field string) []Located {
	for _, seg := range Split(s) {
		if !seg.Binding {
			continue
		}
		l := Located{Code: seg.Text, FileOffset: -1, Field: field, node: node, start: seg.Offset}
		if node != nil {
			l.FileOffset = node.StringOffset(seg.Offset)
		}
		out = append(out, l)
	}
	return out
}
