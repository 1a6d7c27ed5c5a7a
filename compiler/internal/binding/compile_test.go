package binding

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// env is what compiled code is called with in the tests.
const (
	testThis     = `{"params": {"id": 42, "base": "https://api.example.io"}}`
	testInputs   = `{"limit": 10, "offset": 0, "n": 5, "q": "a b&c/d?é", "obj": {"a": 1}, "arr": [1, 2], "nul": null, "b": true, "scope": "read write", "tags": ["x", "y"]}`
	testAppsmith = `{"store": {"authAccessToken": "tok", "authRefreshToken": "r\"1", "trace": {"id": "t-1"}}}`
)

// call evaluates fnSrc, a function expression, in a fresh goja VM, calls it
// with this = testThis and (inputs, appsmith), and returns the result as
// JSON, or "undefined".
func call(t *testing.T, fnSrc string) string {
	t.Helper()
	vm := goja.New()
	v, err := vm.RunString("(function () { return [(" + fnSrc + "), " + testThis + ", " + testInputs + ", " + testAppsmith + "]; })()")
	if err != nil {
		t.Fatalf("evaluating %s: %v", fnSrc, err)
	}
	args := v.ToObject(vm)
	fn, ok := goja.AssertFunction(args.Get("0"))
	if !ok {
		t.Fatalf("%s is not a function", fnSrc)
	}
	res, err := fn(args.Get("1"), args.Get("2"), args.Get("3"))
	if err != nil {
		t.Fatalf("calling %s: %v", fnSrc, err)
	}
	if goja.IsUndefined(res) {
		return "undefined"
	}
	stringify, _ := goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("stringify"))
	out, err := stringify(nil, res)
	if err != nil {
		t.Fatalf("JSON.stringify: %v", err)
	}
	return out.String()
}

func TestCompileTemplate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		mode Mode
		want string // JSON of the value, or "undefined"
	}{
		{"plain", Text, `"plain"`},
		{"", Text, `""`},
		{`quote " back \ </script> & \u2028`, Text, `"quote \" back \\ </script> & \\u2028"`},
		{"line\u2028sep", Text, "\"line\u2028sep\""},
		{"{{inputs.n}}", Text, `5`},
		{" {{ inputs.obj }} ", Text, `{"a":1}`},
		{"{{inputs.arr}}", Text, `[1,2]`},
		{"{{inputs.b}}", Text, `true`},
		{"{{inputs.nul}}", Text, `null`},
		{"{{inputs.missing}}", Text, `undefined`},
		{"{{}}", Text, `undefined`},
		{"{{ /* nothing */ }}", Text, `undefined`},
		{"{{ // nothing\n }}", Text, `undefined`},
		{"{{this.params.id}}", Text, `42`},
		{"{{appsmith.store.authAccessToken}}", Text, `"tok"`},
		{"n={{inputs.n}}", Text, `"n=5"`},
		{"{{inputs.n}}{{inputs.n}}", Text, `"55"`},
		{"{{inputs.n}} ", Text, `5`},
		{"{{ inputs.obj }}!", Text, `"{\"a\":1}!"`},
		{"[{{inputs.arr}}]", Text, `"[[1,2]]"`},
		{"is {{inputs.b}}", Text, `"is true"`},
		{"x{{inputs.nul}}y", Text, `"xy"`},
		{"x{{inputs.missing}}y", Text, `"xy"`},
		{"a{{}}b", Text, `"ab"`},
		{"{{ inputs.n + 1 }}", Text, `6`},
		{"{{ inputs.n > 3 ? 'big' : 'small' }}", Text, `"big"`},
		{`{{ {a: "}}"}.a }}`, Text, `"}}"`},
		{`{{ {a: {b: 1}} }}`, Text, `{"a":{"b":1}}`},
		{"{{ `t${inputs.n}` }}", Text, `"t5"`},
		{"{{ '}}' + inputs.n }} and {{ /}}/.test('}}') }}", Text, `"}}5 and true"`},
		{"héllo ✓ {{inputs.q}}", Text, `"héllo ✓ a b&c/d?é"`},
		{"{{ {toJSON() {} } }}!", Text, `"!"`},
		{"{{ inputs.n / 2 }} / {{ inputs.n }}", Text, `"2.5 / 5"`},
		{"{{ a", Text, `"{{ a"`},
		{"{{{}}", Text, `"{"`},
		// URL mode: values in mixed text are percent-encoded, the text and a
		// single binding are not.
		{"https://x.io/?q={{inputs.q}}&n={{inputs.n}}", URL, `"https://x.io/?q=a%20b%26c%2Fd%3F%C3%A9&n=5"`},
		{"q={{inputs.obj}}", URL, `"q=%7B%22a%22%3A1%7D"`},
		{"q={{inputs.nul}}", URL, `"q="`},
		{"{{inputs.q}}", URL, `"a b&c/d?é"`},
		{"https://x.io/a b", URL, `"https://x.io/a b"`},
		{"{{ this.params.base }}/users/{{ inputs.q }}", URL, `"https://api.example.io/users/a%20b%26c%2Fd%3F%C3%A9"`},
		{"{{ inputs.obj }}/x", URL, `"{\"a\":1}/x"`},
		{"{{ inputs.nul }}/x?{{ inputs.nul }}", URL, `"/x?"`},
	} {
		src := CompileTemplate(tt.in, tt.mode)
		got := call(t, "function (inputs, appsmith) { "+Helper+" return "+src+"; }")
		if got != tt.want {
			t.Errorf("CompileTemplate(%q, %d) = %s\nevaluates to %s, want %s", tt.in, tt.mode, src, got, tt.want)
		}
	}
}

func TestCompileTemplateScriptSafe(t *testing.T) {
	// Compiled text can be inlined in an HTML script element.
	for _, in := range []string{"</script><script>alert(1)</script>", "a </script> {{ b }} <!-- c"} {
		if out := CompileTemplate(in, Text); strings.Contains(strings.ToLower(out), "</script") || strings.Contains(out, "<!--") {
			t.Errorf("CompileTemplate(%q) = %s", in, out)
		}
	}
}

func loadTestWorkspace(t *testing.T) *workspace.Workspace {
	t.Helper()
	ws, msgs := workspace.Load(os.DirFS("testdata/ws"))
	if msgs.HasErrors() {
		t.Fatalf("loading testdata/ws: %v", msgs)
	}
	return ws
}

func query(t *testing.T, ws *workspace.Workspace, module, name string) *workspace.Query {
	t.Helper()
	for _, q := range ws.Module(module).Queries {
		if q.Name == name {
			return q
		}
	}
	t.Fatalf("no query %s in %s", name, module)
	return nil
}

func TestCompileRequest(t *testing.T) {
	ws := loadTestWorkspace(t)
	for _, tt := range []struct {
		name string
		req  *workspace.Request
		want string
	}{
		{"query module", ws.Module("api/get_users").Request,
			`{"method":"GET","url":"https://api.example.io/users?limit=10&offset=0&q=a%20b%26c%2Fd%3F%C3%A9",` +
				`"headers":{"Authorization":"Bearer tok"},"body":null}`},
		{"no headers, no body", query(t, ws, "api/tokens", "ping").Request,
			`{"method":"GET","url":"https://api.example.io/ping","headers":{},"body":null}`},
		{"escapes, nested body, this.params", query(t, ws, "api/tokens", "refresh").Request,
			`{"method":"POST","url":"https://api.example.io/users/42/token?scope=read%20write",` +
				`"headers":{"Content-Type":"application/json","X-Quoted":"say \"read write\"","X-Trace":{"id":"t-1"}},` +
				`"body":{"refresh_token":"r\"1","note":"café éread write 😀 !","count":3,"ratio":-150,"ok":true,"nothing":null,` +
				`"user":{"id":42,"tags":["a",["x","y"],"n=[\"x\",\"y\"]"]},"raw":{"a":"}}","b":[1,2]},` +
				`"__proto__":"own 2","slash":"a/b\\c\n10"}}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := CompileRequest(tt.req)
			if got := call(t, src); got != tt.want {
				t.Errorf("got  %s\nwant %s\nfrom %s", got, tt.want, src)
			}
		})
	}
}

func TestCompileRequestProto(t *testing.T) {
	// A "__proto__" key in a body is an own property, not the prototype.
	src := CompileRequest(query(t, loadTestWorkspace(t), "api/tokens", "refresh").Request)
	got := call(t, "function () { const r = ("+src+").call(this, ...arguments); "+
		"return [Object.getPrototypeOf(r.body) === Object.prototype, Object.keys(r.body).includes('__proto__')]; }")
	if got != "[true,true]" {
		t.Errorf("body.__proto__: got %s, want [true,true]", got)
	}
}

func TestCompileRequestDeterministic(t *testing.T) {
	a := CompileRequest(query(t, loadTestWorkspace(t), "api/tokens", "refresh").Request)
	for range 3 {
		if b := CompileRequest(query(t, loadTestWorkspace(t), "api/tokens", "refresh").Request); b != a {
			t.Fatalf("two compilations differ:\n%s\n%s", a, b)
		}
	}
}

func TestBindings(t *testing.T) {
	ws := loadTestWorkspace(t)
	q := query(t, ws, "api/tokens", "refresh")
	src := q.Source
	got := Bindings(q.Request)
	want := []struct{ field, code, loc string }{
		{"url", "this.params.base", "4:15"},
		{"url", "this.params.id", "4:42"},
		{"url", "inputs.scope", "4:73"},
		{"headers.X-Quoted", " inputs.scope ", "7:28"},
		{"headers.X-Trace", " appsmith.store.trace ", "8:21"},
		{"body.refresh_token", "appsmith.store.authRefreshToken", "11:27"},
		{"body.note", ` "é" + inputs.scope `, "12:28"},
		{"body.note", " inputs.missing ", "12:73"},
		{"body.user.id", " this.params.id ", "14:26"},
		{"body.user.tags[1]", " inputs.tags ", "14:64"},
		{"body.user.tags[2]", " inputs.tags ", "14:87"},
		{"body.raw", ` {a: "}}", b: [1, 2]} `, "15:17"},
		{"body.__proto__", " 1 + 1 ", "16:27"},
		{"body.slash", " inputs.scope.length ", "17:28"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d bindings, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		loc := src.Loc(g.FileOffset)
		if g.Field != w.field || g.Code != w.code || loc.String() != "modules/api/tokens/queries/refresh.json:"+w.loc {
			t.Errorf("binding %d = %q %q at %s, want %q %q at %s", i, g.Field, g.Code, loc, w.field, w.code, w.loc)
		}
		// Every identifier in the code maps to the same identifier in the
		// file, through the JSON escapes before it.
		for _, m := range regexp.MustCompile(`[A-Za-z_$][A-Za-z0-9_$]*`).FindAllStringIndex(g.Code, -1) {
			ident := g.Code[m[0]:m[1]]
			off := g.OffsetOf(m[0])
			if !strings.HasPrefix(src.Text[off:], ident) {
				t.Errorf("binding %d: %q at code offset %d maps to %s, which reads %q", i, ident, m[0], src.Loc(off), src.Text[off:min(off+len(ident), len(src.Text))])
			}
		}
	}
	// The span of the first identifier after "\u00e9" in note, as a checker would report it.
	note := got[6]
	k := strings.Index(note.Code, "inputs")
	span := src.Span(note.OffsetOf(k), note.OffsetOf(k+len("inputs")))
	if span.String() != "modules/api/tokens/queries/refresh.json:12:42" || span.Length != 6 {
		t.Errorf("span of inputs in note: %s length %d", span, span.Length)
	}
	frame := diag.Format(diag.Errorf("binding-unknown-name", span, "unknown name"), diag.FormatOptions{CodeFrame: true})
	if !strings.Contains(frame, `{{ \"\u00e9\" + inputs.scope }}`) || !strings.Contains(frame, "^~~~~~") {
		t.Errorf("code frame:\n%s", frame)
	}
}

func TestBindingsWithoutParseTree(t *testing.T) {
	r := &workspace.Request{Method: "GET", URL: "https://x.io/{{ inputs.id }}", Headers: []workspace.Header{{Name: "A", Value: "{{ b }}"}}}
	got := Bindings(r)
	if len(got) != 2 || got[0].Code != " inputs.id " || got[0].FileOffset != -1 || got[0].OffsetOf(1) != -1 || got[1].Field != "headers.A" {
		t.Errorf("Bindings = %+v", got)
	}
}
