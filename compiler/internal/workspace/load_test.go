package workspace

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unsafe"

	"github.com/modc-dev/modc/compiler/internal/jsonpos"
)

func TestLoadGood(t *testing.T) {
	fsys := fstest.MapFS{
		"modc.json":                             {Data: []byte(`{"title": "T", "global": "acme"}`)},
		"modules/auth/modc-package.json":        {Data: []byte(`{"description": "Auth", "keywords": ["jwt"]}`)},
		"modules/auth/tok/module.json":          {Data: []byte(`{"kind": "js", "inputs": {"a": 1}, "settings": {"get": {"runOnPageLoad": true, "confirmBeforeExecute": true}}}`)},
		"modules/auth/tok/main.js":              {Data: []byte(`export default { get() { return 1; } };`)},
		"modules/auth/tok/README.md":            {Data: []byte("# Tok\n")},
		"modules/auth/tok/queries/api_b.json":   {Data: []byte(`{"request": {"method": "post", "url": "https://x/{{inputs.a}}", "headers": {"A": "b"}, "body": {"k": "{{1}}"}}, "mock": {"status": 201, "data": {"ok": true}}}`)},
		"modules/auth/tok/queries/api_a.json":   {Data: []byte(`{"request": {"url": "https://x"}}`)},
		"modules/auth/tok/examples.json":        {Data: []byte(`[{"name": "one", "call": "get", "expect": 1}, {"call": "get", "expectError": "x"}]`)},
		"modules/users/get_users/module.json":   {Data: []byte(`{"kind": "query", "inputs": {"limit": 10}, "request": {"url": "https://x?l={{inputs.limit}}"}, "mock": {"data": []}}`)},
		"modules/.hidden/x/module.json":         {Data: []byte(`broken`)},
		"modules/auth/tok/queries/notes.txt":    {Data: []byte(`ignored`)},
		"modules/auth/.DS_Store/module.json":    {Data: []byte(`ignored`)},
		"modules/users/get_users/README.md":     {Data: []byte("Lists users.")},
		"modules/users/modc-package.json":       {Data: []byte(`{}`)},
		"modules/users/get_users/examples.json": {Data: []byte(`[]`)},
	}
	ws, msgs := Load(fsys)
	if len(msgs) > 0 {
		t.Fatalf("messages: %s", msgs)
	}
	if ws.Config.Title != "T" || ws.Config.Global != "acme" || ws.Config.Out != "out" {
		t.Errorf("config %+v", ws.Config)
	}
	tok := ws.Module("auth/tok")
	if tok == nil || ws.Package("auth").Description != "Auth" {
		t.Fatalf("auth/tok not loaded: %+v", ws.Packages)
	}
	if len(tok.Queries) != 2 || tok.Queries[0].Name != "api_a" || tok.Queries[1].Request.Method != "POST" || tok.Queries[1].Mock.Status != 201 {
		t.Errorf("queries %+v", tok.Queries)
	}
	if tok.Queries[0].Request.Method != "GET" || tok.Queries[0].Mock != nil {
		t.Errorf("defaults of api_a: %+v", tok.Queries[0])
	}
	if len(tok.Examples) != 2 || tok.Examples[1].Name != "example 2" || *tok.Examples[1].ExpectError != "x" || string(tok.Examples[0].Expect) != "1" {
		t.Errorf("examples %+v", tok.Examples)
	}
	if len(tok.Settings) != 1 || !tok.Settings[0].RunOnPageLoad || !tok.Settings[0].Confirm || len(tok.Inputs) != 1 || string(tok.Inputs[0].Default) != "1" {
		t.Errorf("settings %+v inputs %+v", tok.Settings, tok.Inputs)
	}
	q := ws.Module("users/get_users")
	if q == nil || q.Kind != KindQuery || q.Request.URL != "https://x?l={{inputs.limit}}" || q.Mock.Status != 200 || q.README != "Lists users." {
		t.Errorf("query module %+v", q)
	}
}

// FuzzLoad loads a workspace whose module files are fuzzed: loading must
// never panic and every message must carry a file.
func FuzzLoad(f *testing.F) {
	f.Add(`{"kind": "js", "inputs": {"a": 1}}`, `export default {}`, `[{"call": "x", "expect": 1}]`, `{"request": {"url": "u{{a}}"}}`)
	f.Add(`{"kind": "query", "request": {"url": "x", "headers": {"a": 1}}, "mock": {"status": 99}}`, ``, `{}`, `[]`)
	f.Add(`{"settings": {"f": {"runOnPageLoad": 1}}}`, `x`, `[{"name": 1}]`, `{"request": {"body": [1, "{{x}}"]}}`)
	f.Fuzz(func(t *testing.T, moduleJSON, mainJS, examples, query string) {
		fsys := fstest.MapFS{
			"modc.json":                      {Data: []byte(moduleJSON)},
			"modules/p/m/module.json":        {Data: []byte(moduleJSON)},
			"modules/p/m/main.js":            {Data: []byte(mainJS)},
			"modules/p/m/examples.json":      {Data: []byte(examples)},
			"modules/p/m/queries/api_q.json": {Data: []byte(query)},
			"modules/p/q/module.json":        {Data: []byte(query)},
			"modules/p/m/modc-package.json":  {Data: []byte(examples)},
		}
		_, msgs := Load(fsys)
		for _, m := range msgs {
			if m.Location.File == "" {
				t.Fatalf("message without a file: %+v", m)
			}
		}
	})
}

// TestSchemaKeys: every JSON file may name its schema in "$schema" (a
// string); examples.json may then be {"$schema", "examples"}, read as the
// array it holds.
func TestSchemaKeys(t *testing.T) {
	ref := `"$schema": "../../../.modc/schema/x.schema.json"`
	fsys := fstest.MapFS{
		"modc.json":                   {Data: []byte(`{` + ref + `, "title": "T"}`)},
		"modules/p/modc-package.json": {Data: []byte(`{` + ref + `}`)},
		"modules/p/m/module.json":     {Data: []byte(`{` + ref + `, "kind": "js"}`)},
		"modules/p/m/main.js":         {Data: []byte(`export default { f() { return 1; } };`)},
		"modules/p/m/queries/q.json":  {Data: []byte(`{` + ref + `, "request": {"url": "https://x"}}`)},
		"modules/p/m/examples.json":   {Data: []byte(`{` + ref + `, "examples": [{"call": "f", "expect": 1}, {"call": "f", "expect": 1, "name": "two"}]}`)},
	}
	ws, msgs := Load(fsys)
	if len(msgs) > 0 {
		t.Fatalf("messages: %s", msgs)
	}
	if m := ws.Module("p/m"); m == nil || len(m.Examples) != 2 || m.Examples[1].Name != "two" || len(m.Queries) != 1 {
		t.Fatalf("module p/m not read whole: %+v", m)
	}
	fsys["modules/p/m/module.json"] = &fstest.MapFile{Data: []byte(`{"$schema": 1, "kind": "js"}`)}
	fsys["modules/p/m/examples.json"] = &fstest.MapFile{Data: []byte(`{"$schema": "x", "exampels": []}`)}
	_, msgs = Load(fsys)
	want := []string{
		`modules/p/m/module.json:1:13: error: "$schema" must be a string, not number`,
		`modules/p/m/examples.json:1:18: error: unknown field "exampels" in examples.json`,
		`modules/p/m/examples.json:1:1: error: examples.json as an object needs "examples": the array of examples`,
	}
	got := msgs.String()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("want %q in:\n%s", w, got)
		}
	}
}

// TestRequestTreesCopied: Load keeps a request's JSON as one tree (copied
// out of its file's, jsonpos.Copy): its body and headers are nodes of its
// request object, for a JS module's query and for a query module; and the
// nodes of all the package's requests are one array, side by side.
func TestRequestTreesCopied(t *testing.T) {
	fsys := fstest.MapFS{
		"modules/p/m/module.json":            {Data: []byte(`{"kind": "js"}`)},
		"modules/p/m/main.js":                {Data: []byte(`export default { f() { return 1; } };`)},
		"modules/p/m/queries/api_b.json":     {Data: []byte(`{"request": {"method": "post", "url": "https://x", "headers": {"A": "b", "C": "{{inputs.c}}"}, "body": {"k": ["{{1}}", 2]}}}`)},
		"modules/p/q/module.json":            {Data: []byte(`{"kind": "query", "request": {"url": "https://x", "headers": {"H": "v"}, "body": [1]}, "mock": {"data": []}}`)},
		"modules/p/modc-package.json":        {Data: []byte(`{}`)},
		"modules/p/m/queries/api_plain.json": {Data: []byte(`{"request": {"url": "https://y"}}`)},
	}
	ws, msgs := Load(fsys)
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	for _, r := range []*Request{ws.Module("p/m").Queries[0].Request, ws.Module("p/m").Queries[1].Request, ws.Module("p/q").Request} {
		if r.Node == nil || r.Node.Get("url") == nil {
			t.Fatalf("a request without its tree: %+v", r)
		}
		if r.Body != r.Node.Get("body") {
			t.Errorf("%s: the body is not the request's own node", r.URL)
		}
		for _, h := range r.Headers {
			if h.Node != r.Node.Get("headers").Get(h.Name) {
				t.Errorf("%s: header %s is not the request's own node", r.URL, h.Name)
			}
		}
	}
	var addrs []uintptr
	var walk func(n *jsonpos.Node)
	walk = func(n *jsonpos.Node) {
		addrs = append(addrs, uintptr(unsafe.Pointer(n)))
		for _, c := range n.Items {
			walk(c)
		}
		for _, f := range n.Fields {
			walk(f.Value)
		}
	}
	walk(ws.Module("p/m").Queries[0].Request.Node)
	walk(ws.Module("p/m").Queries[1].Request.Node)
	walk(ws.Module("p/q").Request.Node)
	slices.Sort(addrs)
	size := unsafe.Sizeof(jsonpos.Node{})
	if span := (addrs[len(addrs)-1]-addrs[0])/size + 1; span != uintptr(len(addrs)) {
		t.Errorf("the requests' %d nodes span %d nodes of memory, not one array", len(addrs), span)
	}
}
