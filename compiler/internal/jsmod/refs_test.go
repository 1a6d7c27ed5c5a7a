package jsmod

import (
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler/diag"
)

func TestModuleRefs(t *testing.T) {
	src := diag.NewSource("main.js", "const k = 1;\nexport default {\n\ta: Input1.text,\n\tf (x) { return q1.run({x, k}).then(() => this.a + Table1.selectedRow.id + moment()); },\n}\n")
	info, msg := ModuleRefs(src)
	if msg != nil {
		t.Fatal(msg)
	}
	var got []string
	for _, r := range info.Refs {
		got = append(got, r.Name+"."+r.Member+"@"+src.Loc(r.Offset).String())
	}
	want := "Input1.text@main.js:3:5 q1.run@main.js:4:17 Table1.selectedRow@main.js:4:52 moment.@main.js:4:76"
	if strings.Join(got, " ") != want {
		t.Errorf("refs\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	if len(info.Members) != 2 || info.Members[1].Name != "f" || info.Members[1].Kind != Function {
		t.Errorf("members %+v", info.Members)
	}
	if _, msg := ModuleRefs(diag.NewSource("main.js", "{{ Input1.text }}")); msg == nil {
		t.Error("a binding parsed as a module")
	}
}

// TestWidgets: names in Env.Widgets resolve, the factory binds those the
// code reads to live views of inputs, and other names stay errors.
func TestWidgets(t *testing.T) {
	src := diag.NewSource("main.js", "export default {\n\tf () { return Input1.text + Table1.pageSize; },\n}\n")
	m, msgs := Analyze(src, Env{Widgets: []string{"Table1", "Input1", "Unused"}})
	if len(msgs) > 0 {
		t.Fatal(msgs)
	}
	if strings.Join(m.Widgets, ",") != "Input1,Table1" {
		t.Errorf("widgets %v", m.Widgets)
	}
	f := m.Factory(Env{})
	first, _, _ := strings.Cut(f, "\n")
	for _, want := range []string{"const " + LiveName + " = (n) => new Proxy(", `Input1 = $modcLive("Input1")`, `Table1 = $modcLive("Table1"); export default {`} {
		if !strings.Contains(first, strings.Replace(want, "export default {", "return (", 1)) && !strings.Contains(first, want) {
			t.Errorf("factory's first line lacks %q:\n%s", want, first)
		}
	}
	if strings.Count(f, "\n") != strings.Count(src.Text, "\n")+1 {
		t.Errorf("the factory moved lines:\n%s", f)
	}
	_, msgs = Analyze(src, Env{Widgets: []string{"Input1"}})
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, `unknown identifier "Table1"`) {
		t.Errorf("messages %s", msgs)
	}
}
