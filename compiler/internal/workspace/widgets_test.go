package workspace

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestWidgetsAndOrigin reads module.json's "widgets" and "origin", and a
// query's "origin", and reports each mistake in them at its place.
func TestWidgetsAndOrigin(t *testing.T) {
	fsys := fstest.MapFS{
		"modules/p/m/module.json": {Data: []byte(`{"kind": "js", "inputs": {"Input1": {"text": ""}, "Table1": {}}, "widgets": ["Input1", "Table1"],
			"origin": {"from": "appsmith", "page": "Home", "name": "JSObject1"}}`)},
		"modules/p/m/main.js":        {Data: []byte(`export default { f() { return Input1.text; } };`)},
		"modules/p/m/queries/q.json": {Data: []byte(`{"origin": {"from": "appsmith", "name": "q", "plugin": "mysql-plugin", "placeholder": true}, "request": {"url": "https://x"}}`)},
	}
	ws, msgs := Load(fsys)
	if len(msgs) > 0 {
		t.Fatalf("messages: %s", msgs)
	}
	m := ws.Module("p/m")
	if strings.Join(m.Widgets, ",") != "Input1,Table1" || m.Origin == nil || m.Origin.Name != "JSObject1" || m.Origin.Page != "Home" {
		t.Errorf("widgets %v origin %+v", m.Widgets, m.Origin)
	}
	if o := m.Queries[0].Origin; o == nil || !o.Placeholder || o.Plugin != "mysql-plugin" {
		t.Errorf("query origin %+v", o)
	}

	for _, c := range []struct{ moduleJSON, want string }{
		{`{"widgets": "Input1"}`, `"widgets" must be an array of input names, not string`},
		{`{"widgets": ["Input2"], "inputs": {"Input1": {}}}`, `widget "Input2" is not declared in "inputs"`},
		{`{"widgets": [1]}`, `each of "widgets" is an input's name, as a string, not number`},
		{`{"widgets": ["A", "A"], "inputs": {"A": {}}}`, `widget "A" is listed twice`},
		{`{"widgets": ["moment"], "inputs": {"moment": {}}}`, `widget "moment" would hide the global of that name`},
		{`{"kind": "query", "widgets": [], "request": {"url": "x"}}`, `a query module has no code to read "widgets"`},
		{`{"origin": {"from": "appsmith", "nmae": "x"}}`, `unknown field "nmae" in origin`},
		{`{"origin": {"placeholder": "yes"}}`, `"placeholder" must be true or false, not string`},
	} {
		fsys := fstest.MapFS{
			"modules/p/m/module.json": {Data: []byte(c.moduleJSON)},
			"modules/p/m/main.js":     {Data: []byte(`export default {};`)},
		}
		_, msgs := Load(fsys)
		if len(msgs) == 0 || !strings.Contains(msgs[0].Text, c.want) || msgs[0].Location.Line == 0 {
			t.Errorf("%s: messages %s, want %q at a line", c.moduleJSON, msgs, c.want)
		}
	}
}
