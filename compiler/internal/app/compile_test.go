package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/modc-dev/modc/compiler/internal/binding"
)

// compileApp compiles one app.json in the shop workspace.
func compileApp(t *testing.T, appJSON string, opts Options) (*compiled, string) {
	t.Helper()
	ws, mains := analyze(t, overlay(t, "testdata/ws", map[string]string{"apps/t/app.json": appJSON}))
	f := load(ws.FS, "t")
	if f.root == nil {
		t.Fatalf("app.json: %s", f.msgs)
	}
	c := compile(ws, mains, opts, f)
	f.msgs.Sort()
	return c, f.msgs.String()
}

// widgetsApp is an app with the shop's instances and the given widgets.
func widgetsApp(widgets string) string {
	return `{ "packages": { "shop": "workspace" },
  "instances": { "Cart": { "module": "shop/cart" }, "Products": { "module": "shop/products" }, "Stock": { "module": "shop/stock" } },
  "pages": [ { "name": "Home", "widgets": [ ` + widgets + ` ] } ] }`
}

func bindingOf(c *compiled, owner string) *bnd {
	for _, b := range c.bindings {
		if b.owner == owner {
			return b
		}
	}
	return nil
}

// evalBinding runs a compiled data binding in goja against plain objects.
func evalBinding(t *testing.T, b *bnd, env string) any {
	t.Helper()
	vm := goja.New()
	src := binding.Helper + "\n(" + envName + ") => { const { " + strings.Join(b.names, ", ") + " } = " + envName + "; return () => " + b.js + "; }"
	if len(b.names) == 0 {
		src = binding.Helper + "\n(" + envName + ") => () => " + b.js
	}
	factory, err := vm.RunString(src)
	if err != nil {
		t.Fatalf("%s: %v\n%s", b.owner, err, src)
	}
	e, err := vm.RunString("(" + env + ")")
	if err != nil {
		t.Fatal(err)
	}
	mk, _ := goja.AssertFunction(factory)
	fn, err := mk(goja.Undefined(), e)
	if err != nil {
		t.Fatal(err)
	}
	call, _ := goja.AssertFunction(fn)
	v, err := call(goja.Undefined())
	if err != nil {
		t.Fatalf("%s: %v", b.owner, err)
	}
	return v.Export()
}

// TestCompile checks bindings that compile: their reads, and what their
// compiled code computes.
func TestCompile(t *testing.T) {
	env := `{ Cart: { items: [{ name: "pen", price: 2 }], total: Object.assign(() => 2, { data: 7 }), label: (n) => n + " EUR" },
	  Products: { data: [{ sku: "b1" }], isLoading: false, responseMeta: { statusCode: 200 } },
	  Name: { text: "Ada" }, Box: { isVisible: true }, Tbl: { selectedRow: { id: 3 }, pageSize: 5 },
	  appsmith: { store: { token: "t0k" }, user: { email: "ada@example.io" }, URL: {}, mode: "PUBLISHED" } }`
	base := `{ "name": "Name", "type": "input" }, { "name": "Box", "type": "container" }, { "name": "Tbl", "type": "table" }, `
	tests := []struct {
		name, widget string
		reads        string // the binding's reads
		want         any    // its value
	}{
		{"raw value", `{ "name": "T", "type": "text", "text": "{{Cart.items}}" }`, "[Cart]", []any{map[string]any{"name": "pen", "price": int64(2)}}},
		{"raw value with spaces", `{ "name": "T", "type": "text", "text": "  {{ Cart.total.data }} " }`, "[Cart]", int64(7)},
		{"mixed text", `{ "name": "T", "type": "text", "text": "Hello {{Name.text}}!" }`, "[Name.text]", "Hello Ada!"},
		{"objects in text are JSON", `{ "name": "T", "type": "text", "text": "Items: {{Cart.items}}, none: {{null}}{{undefined}}" }`, "[Cart]", `Items: [{"name":"pen","price":2}], none: `},
		{"sync function call", `{ "name": "T", "type": "text", "text": "{{Cart.label(Cart.total())}}" }`, "[Cart]", "2 EUR"},
		{"store", `{ "name": "T", "type": "text", "text": "{{appsmith.store.token}} {{appsmith.user.email}}" }`, "[appsmith.store appsmith.user]", "t0k ada@example.io"},
		{"whole appsmith", `{ "name": "T", "type": "text", "text": "{{Object.keys(appsmith).length}}" }`, "[appsmith.store]", int64(4)},
		{"optional chaining", `{ "name": "T", "type": "text", "text": "{{Tbl.selectedRow?.id}}" }`, "[Tbl.selectedRow]", int64(3)},
		{"bracket member", `{ "name": "T", "type": "text", "text": "{{Tbl['pageSize'] * 2}}" }`, "[Tbl.pageSize]", int64(10)},
		{"computed member reads the widget", `{ "name": "T", "type": "text", "text": "{{Tbl[String('pageSize')]}}" }`, "[Tbl]", int64(5)},
		{"locals shadow entities", `{ "name": "T", "type": "text", "text": "{{((Cart) => Cart + 1)(1)}}" }`, "[]", int64(2)},
		{"arrow functions and globals", `{ "name": "T", "type": "text", "text": "{{Products.data.map(p => p.sku.toUpperCase()).join(JSON.stringify(','))}}" }`, "[Products]", "B1"},
		{"query state", `{ "name": "T", "type": "text", "text": "{{Products.isLoading ? '…' : Products.responseMeta.statusCode}}" }`, "[Products]", int64(200)},
		{"JSON value with bindings", `{ "name": "T", "type": "select", "options": [{ "label": "{{Name.text}}", "value": 1 }, { "label": "x", "value": "{{Box.isVisible}}" }] }`, "[Name.text Box.isVisible]", []any{map[string]any{"label": "Ada", "value": int64(1)}, map[string]any{"label": "x", "value": true}}},
		{"blank binding", `{ "name": "T", "type": "text", "text": "{{ /* nothing */ }}" }`, "[]", nil},
		{"comment at the end", `{ "name": "T", "type": "text", "text": "{{Name.text // the name\n}}" }`, "[Name.text]", "Ada"},
		{"braces in strings", `{ "name": "T", "type": "text", "text": "{{ {a: \"}}\"}.a }}" }`, "[]", "}}"},
		{"template literal", "{ \"name\": \"T\", \"type\": \"text\", \"text\": \"{{`${Name.text}: ${Cart.items.length}`}}\" }", "[Name.text Cart]", "Ada: 1"},
		{"isVisible", `{ "name": "T", "type": "text", "isVisible": "{{Box.isVisible && Name.text != ''}}" }`, "[Box.isVisible Name.text]", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, msgs := compileApp(t, widgetsApp(base+tt.widget), Options{})
			if msgs != "" {
				t.Fatalf("messages:\n%s", msgs)
			}
			var b *bnd
			for _, x := range c.bindings {
				if x.w != nil && x.w.name == "T" {
					b = x
				}
			}
			if b == nil {
				t.Fatal("no binding for T")
			}
			if got := fmt.Sprint(b.reads); got != tt.reads {
				t.Errorf("reads %s, want %s", got, tt.reads)
			}
			if got := evalBinding(t, b, env); fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", tt.want) {
				t.Errorf("value %#v, want %#v\ncode: %s", got, tt.want, b.js)
			}
		})
	}
}

// TestCompileHandlers checks that event handlers may do what data cannot,
// and that the last expression's value is returned (so it is awaited).
func TestCompileHandlers(t *testing.T) {
	c, msgs := compileApp(t, widgetsApp(`{ "name": "Name", "type": "input", "onTextChanged": "{{Products.run()}}" },
	  { "name": "B", "type": "button", "onClick": "{{await Cart.checkout(); storeValue('k', Name.text); Name.setValue(''); showAlert('ok')}}" },
	  { "name": "C", "type": "button", "onClick": "{{ const n = Cart.items.length; if (n > 0) { navigateTo('Home') } }}" },
	  { "name": "D", "type": "button", "onClick": "{{Cart.add('a', 1) // adds\n}}" }`), Options{})
	if msgs != "" {
		t.Fatalf("messages:\n%s", msgs)
	}
	tests := []struct{ owner, js, reads, names string }{
		{"Name.onTextChanged", "return (Products.run()\n)", "[Products]", "[Products]"},
		{"B.onClick", "await Cart.checkout(); storeValue('k', Name.text); Name.setValue(''); return (showAlert('ok')\n)", "[Cart Name.text]", "[Cart storeValue Name showAlert]"},
		{"C.onClick", " const n = Cart.items.length; if (n > 0) { navigateTo('Home') } ", "[Cart]", "[Cart navigateTo]"},
		{"D.onClick", "return (Cart.add('a', 1)\n) // adds\n", "[Cart]", "[Cart]"},
	}
	for _, tt := range tests {
		b := bindingOf(c, tt.owner)
		if b == nil || !b.event {
			t.Errorf("%s: no handler", tt.owner)
			continue
		}
		if b.js != tt.js || fmt.Sprint(b.reads) != tt.reads || fmt.Sprint(b.names) != tt.names {
			t.Errorf("%s: js %q reads %v names %v\nwant js %q reads %s names %s", tt.owner, b.js, b.reads, b.names, tt.js, tt.reads, tt.names)
		}
	}
}

// TestOrders checks the evaluation order and the runOnPageLoad order.
func TestOrders(t *testing.T) {
	app := `{ "packages": { "shop": "workspace" },
  "instances": {
    "Stock": { "module": "shop/stock", "inputs": { "warehouse": "{{Where.text}}" } },
    "Cart": { "module": "shop/cart", "runOnPageLoad": ["total"], "inputs": { "currency": "{{Cur.text}}" } },
    "Products": { "module": "shop/products", "runOnPageLoad": ["run"] }
  },
  "pages": [ { "name": "Home", "widgets": [
    { "name": "Where", "type": "text", "text": "{{Cur.text}}-{{Products.data}}" },
    { "name": "Cur", "type": "text", "text": "{{Base.text}}" },
    { "name": "Base", "type": "text", "text": "EUR" },
    { "name": "Sum", "type": "text", "text": "{{Cart.label(1)}}" }
  ] } ] }`
	c, msgs := compileApp(t, app, Options{})
	if msgs != "" {
		t.Fatalf("messages:\n%s", msgs)
	}
	m := c.manifest
	// Stock's input reads Where, which reads Products: Products loads first;
	// Cart has no such need and keeps its place after Stock.
	if got := fmt.Sprint(m.RunOnPageLoad); got != "[{Products run} {Stock load} {Cart total}]" {
		t.Errorf("runOnPageLoad %s", got)
	}
	// Where reads Cur; Sum reads Cart, whose input reads Cur.
	owners := map[string]string{}
	for _, b := range c.bindings {
		owners[b.id] = b.owner
	}
	var order []string
	for _, id := range m.EvaluationOrder {
		order = append(order, owners[id])
	}
	if got := fmt.Sprint(order); got != "[Cur.text Where.text Sum.text]" {
		t.Errorf("evaluation order %s", got)
	}
}

// TestVersions checks how package ranges resolve.
func TestVersions(t *testing.T) {
	app := func(rng string) string {
		return `{ "packages": { "shop": "` + rng + `" }, "instances": { "Cart": { "module": "shop/cart" } }, "pages": [ { "name": "P", "widgets": [] } ] }`
	}
	releases := map[string][]string{"shop": {"1.0.0", "1.4.2", "2.0.0", "1.5.0-beta.1", "v1.3.0"}}
	tests := []struct {
		rng      string
		opts     Options
		want     string
		wantMsgs string
	}{
		{"workspace", Options{}, "0.0.0-dev", ""},
		{"workspace", Options{Versions: map[string]string{"shop": "1.4.3-dev.2+abc"}}, "1.4.3-dev.2+abc", ""},
		{"^1.0.0", Options{Releases: releases}, "1.4.2", ""},
		{"~1.3", Options{Releases: releases}, "v1.3.0", ""},
		{">=2", Options{Releases: releases}, "2.0.0", ""},
		{"^1.5.0-0", Options{Releases: releases}, "1.5.0-beta.1", ""},
		{"^1.2", Options{Version: "1.2.7"}, "1.2.7", ""},
		{"^3", Options{Releases: releases}, "", "no version of package \"shop\" satisfies \"^3\" (releases: 2.0.0, 1.5.0-beta.1, 1.4.2, v1.3.0, 1.0.0; the working tree is 0.0.0-dev)"},
	}
	for _, tt := range tests {
		c, msgs := compileApp(t, app(tt.rng), tt.opts)
		if got := c.versions["shop"]; got != tt.want {
			t.Errorf("%s: version %q, want %q", tt.rng, got, tt.want)
		}
		if tt.wantMsgs == "" && msgs != "" || !strings.Contains(msgs, tt.wantMsgs) {
			t.Errorf("%s: messages %q, want %q", tt.rng, msgs, tt.wantMsgs)
		}
	}
}

// TestTwoVersions builds two apps that use two versions of one package.
func TestTwoVersions(t *testing.T) {
	one := `{ "packages": { "shop": "workspace" }, "instances": { "Cart": { "module": "shop/cart" } }, "pages": [ { "name": "P", "widgets": [] } ] }`
	two := `{ "packages": { "shop": "^1.0.0" }, "instances": { "Cart": { "module": "shop/cart" } }, "pages": [ { "name": "P", "widgets": [] } ] }`
	ws, mains := analyze(t, overlay(t, "testdata/ws", map[string]string{"apps/one/app.json": one, "apps/two/app.json": two}))
	files := map[string][]byte{"dist/shop/0.0.0-dev/shop.mjs": []byte("export {}"), "dist/shop/1.1.0/shop.mjs": []byte("export {}")}
	out, msgs := Build(ws, mains, files, Options{Releases: map[string][]string{"shop": {"1.1.0"}}, Apps: []string{"one", "two"}})
	if len(msgs) > 0 {
		t.Fatalf("messages:\n%s", msgs)
	}
	for app, v := range map[string]string{"one": "0.0.0-dev", "two": "1.1.0"} {
		var m Manifest
		if err := json.Unmarshal(out.Files["apps/"+app+"/manifest.json"], &m); err != nil {
			t.Fatal(err)
		}
		if p := m.Packages["shop"]; p == nil || p.Version != v || !strings.Contains(string(out.Files["apps/"+app+"/app.js"]), "../../dist/shop/"+v+"/shop.mjs") {
			t.Errorf("app %s does not use shop %s: %+v", app, v, p)
		}
	}
	// A version whose bundle is missing is an error at the range.
	delete(files, "dist/shop/1.1.0/shop.mjs")
	_, msgs = Build(ws, mains, files, Options{Releases: map[string][]string{"shop": {"1.1.0"}}, Apps: []string{"two"}})
	if got := msgs.String(); !strings.Contains(got, "apps/two/app.json:1:25: error: the bundle of package shop 1.1.0 was not built") {
		t.Errorf("messages:\n%s", got)
	}
}

// TestUnclosed checks the warning for a "{{" that opens no binding.
func TestUnclosed(t *testing.T) {
	_, msgs := compileApp(t, widgetsApp(`{ "name": "T", "type": "text", "text": "Total: {{Cart.total()" }`), Options{})
	want := "apps/t/app.json:3:92: warning: \"{{\" without a closing \"}}\": this is text, not a binding [binding-unclosed]\n"
	if msgs != want {
		t.Errorf("messages:\n%swant:\n%s", msgs, want)
	}
}
