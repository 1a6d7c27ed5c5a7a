package jsmod

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/modc-dev/modc/compiler/diag"
)

func analyzeFile(t *testing.T, path string, env Env) (*Main, diag.List) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Analyze(diag.NewSource("modules/auth/tok/main.js", string(data)), env)
}

func TestSeed(t *testing.T) {
	m, msgs := analyzeFile(t, "testdata/seed.js", Env{Queries: []string{"api_authToken"}})
	if m == nil {
		t.Fatalf("no main: %s", msgs)
	}
	for _, mem := range m.Members {
		t.Logf("%s %s line %d doc=%+v", mem.Kind, mem.Signature(), mem.Line, mem.Doc)
	}
	t.Log("\n" + msgs.String())
}

func TestExpressionRefs(t *testing.T) {
	refs, err := ExpressionRefs(` inputs.limit + this.params.x + appsmith.store.tok + [1].map(a => a + zz)[0] + this + typeof tz`)
	if err != nil {
		t.Fatal(err)
	}
	want := []Reference{{"inputs", 1, false, "limit", 8, false, false}, {"params", 16, true, "", 0, false, false}, {"appsmith", 32, false, "store", 41, false, false}, {"zz", 70, false, "", 0, false, false}, {"", 79, true, "", 0, false, false}, {"tz", 93, false, "", 0, false, true}}
	if len(refs) != len(want) {
		t.Fatalf("refs %+v", refs)
	}
	for i := range want {
		if refs[i] != want[i] {
			t.Errorf("ref %d = %+v, want %+v", i, refs[i], want[i])
		}
	}
	_, err = ExpressionRefs("a +* b")
	if se, ok := err.(*SyntaxError); !ok || se.Offset != 3 {
		t.Errorf("syntax error %#v", err)
	}
	if _, err := ExpressionRefs("a; b"); err == nil {
		t.Error("two statements accepted")
	}
	if _, err := ExpressionRefs("a }) + ({ b"); err == nil {
		t.Error("escape from the parentheses accepted")
	}
}

// messages analyses src (with one query, api_getRows) and returns its
// messages, one "line:col: text | hint" per message.
func messages(t *testing.T, src string) []string {
	t.Helper()
	_, msgs := Analyze(diag.NewSource("modules/p/m/main.js", src), Env{Queries: []string{"api_getRows"}})
	var out []string
	for _, m := range msgs {
		s := fmt.Sprintf("%d:%d: %s", m.Location.Line, m.Location.Column, m.Text)
		for _, n := range m.Notes {
			s += " | " + n.Text
		}
		out = append(out, s)
	}
	return out
}

func TestTypeofUnknown(t *testing.T) {
	got := messages(t, `export default {
  hasDayjs: () => typeof dayjs !== "undefined",
  inBrowser: () => typeof Window === "function" && typeof (Mystery) !== "undefined",
  version: () => typeof dayjs.version,
  kind: (x) => typeof x,
};
`)
	want := []string{`4:25: unknown identifier "dayjs" | dayjs is the npm library dayjs: declare it for the workspace with these two lines, then run npm install beside modc.json | package.json:  "dependencies": { "dayjs": "*" } | modc.json:     "libraries": { "dayjs": "dayjs" }`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNonASCIINames: names with letters beyond ASCII, astral ones too, come
// out as written, and positions after them count characters.
func TestNonASCIINames(t *testing.T) {
	src := `export default {
  // L'état du formulaire
  état: "prêt",
  année: () => new Date().getFullYear(),
  größe: 3, 数量: 2, 𝑥: 1, "clé": 4,
  total() { return this.größe * this.数量 + this.𝑥 + this.clé + this.année() + this.anée; },
  label: () => { const prix = "€€€"; return prix + étiquette; },
};
`
	main, msgs := Analyze(diag.NewSource("main.js", src), Env{})
	if main == nil {
		t.Fatalf("no main: %s", msgs)
	}
	var names []string
	for _, m := range main.Members {
		names = append(names, m.Name)
	}
	if got := strings.Join(names, " "); got != "état année größe 数量 𝑥 clé total label" {
		t.Errorf("members %q", got)
	}
	if d := main.Member("état").Doc; d == nil || d.Summary != "L'état du formulaire" {
		t.Errorf("doc of état: %+v", d)
	}
	col := func(line int, needle string) int { // 1-based, in characters
		l := strings.Split(src, "\n")[line-1]
		return utf8.RuneCountInString(l[:strings.Index(l, needle)]) + 1
	}
	want := []string{
		fmt.Sprintf(`main.js:6:%d: error: the Main object has no member "anée"`, col(6, "anée")),
		fmt.Sprintf(`main.js:7:%d: error: unknown identifier "étiquette"`, col(7, "étiquette")),
	}
	var got []string
	for _, m := range msgs {
		got = append(got, m.Location.String()+": "+string(m.Severity)+": "+m.Text)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if h := msgs[0].Notes; len(h) != 1 || h[0].Text != "did you mean this.année?" {
		t.Errorf("hint %+v", h)
	}
	refs, err := ExpressionRefs(`état.x + this.année + größe`)
	if err != nil || len(refs) != 3 || refs[0].Name != "état" || refs[0].Member != "x" || refs[1].Name != "année" || refs[2].Name != "größe" || refs[2].Offset != len("état.x + this.année + ") {
		t.Errorf("refs %+v, %v", refs, err)
	}
}

// TestParseErrorAfterNonASCII: goja counts columns in bytes; an export
// after non-ASCII text on its line is still found.
func TestParseErrorAfterNonASCII(t *testing.T) {
	main, msgs := Analyze(diag.NewSource("main.js", "/* données */ export default { a: 1 };\n"), Env{})
	if main == nil || len(msgs) > 0 || main.Member("a") == nil {
		t.Errorf("main %v, messages %s", main, msgs)
	}
	_, msgs = Analyze(diag.NewSource("main.js", "const é = 1; export const b = 2;\nexport default {};\n"), Env{})
	if len(msgs) != 1 || msgs[0].Location.String() != "main.js:1:14" || msgs[0].Text != "named exports are not supported" {
		t.Errorf("messages %s", msgs)
	}
}

// TestUnknownKinds: "did you mean" stays within a kind of name.
func TestUnknownKinds(t *testing.T) {
	for _, c := range []struct{ code, hint string }{
		{"JSObject1.myFun()", "JSObject1 looks like a JS object"},
		{"location.href", "location is a browser global, which module code cannot use"},
		{"history", "history is a browser global"},
		{"Input2.text", `Input2 looks like a widget: a module cannot see an app's widgets; declare an input in module.json ("inputs": {"text": …}), read it as inputs.text, and bind it in the app ("inputs": {"text": "{{Input2.text}}"})`},
		{"Table1.selectedRow", `Table1 looks like a widget`},
		{"input1.text", `input1 looks like a widget`},
		{"Api1.data", `Api1 looks like an app's query`},
		{"stroeValue('k', 1)", `did you mean "storeValue"?`},
		{"inptus.limit", `did you mean "inputs"?`},
		{"api_getRow.run()", `did you mean "api_getRows"?`},
		{"Jsonn.parse('1')", `did you mean "JSON"?`},
		{"new Mapp()", `did you mean "Map"?`},
		{"Mapp", `did you mean "Map"?`},
		{"consle.log(1)", `did you mean "console"?`},
		{"consle(1)", "module code may use its queries (api_getRows), inputs"}, // console is not a function
		{"navigteTo('Home')", `did you mean "navigateTo"?`},
		{"navigteTo.x", "module code may use"}, // navigateTo is not an object
		{"appsmit.store", `did you mean "appsmith"?`},
		{"new storeValu()", "module code may use"},
	} {
		got := messages(t, "export default {\n  run: () => "+c.code+",\n};\n")
		if len(got) != 1 || !strings.Contains(got[0], " | "+c.hint) {
			t.Errorf("%s: %q, want the hint %q", c.code, got, c.hint)
		}
	}
}

// TestMemberDescriptions: a run of // comments describes the member below
// it unless it is a banner or commented-out code.
func TestMemberDescriptions(t *testing.T) {
	src := `export default {
  // ----- state -----
  rows: [],
  // Rows per page in the orders table.
  pageSize: 25,

  // ==========================
  // Helpers
  // ==========================
  fmt: (d) => new Date(d).toISOString().slice(0, 10),
  // const x = foo();
  // this.rows = [];
  clear() { this.rows = []; },
  //this.run()
  async run() { return this.pageSize; },
  // ===== Table actions =====
  // Reloads the orders of the selected customer.
  // Called from the Refresh button.
  async reload() { return this.run(); },
  // Loads the first page.
  // oldLoad: async () => {
  //   const res = await this.run();
  //   return res
  // },
  load() { return this.reload(); },
  /** The JSDoc wins over nothing. */
  total: 0,
};
`
	main, msgs := Analyze(diag.NewSource("main.js", src), Env{})
	if main == nil || len(msgs) > 0 {
		t.Fatalf("main %v, messages %s", main, msgs)
	}
	want := map[string]string{
		"rows":     "",
		"pageSize": "Rows per page in the orders table.",
		"fmt":      "",
		"clear":    "",
		"run":      "",
		"reload":   "Reloads the orders of the selected customer.\nCalled from the Refresh button.",
		"load":     "Loads the first page.",
		"total":    "The JSDoc wins over nothing.",
	}
	for _, m := range main.Members {
		got := ""
		if m.Doc != nil {
			got = m.Doc.Summary
		}
		if got != want[m.Name] {
			t.Errorf("description of %s: %q, want %q", m.Name, got, want[m.Name])
		}
	}
}

// TestHintOnce: a hint repeated for the same name is given at its first
// occurrence only; a different hint for the same name is still given.
func TestHintOnce(t *testing.T) {
	src := `export default {
  save() {
    return [Input1.text, Table1.selectedRow, Input1.text.trim(), Input1.isValid];
  },
};
`
	_, msgs := Analyze(diag.NewSource("main.js", src), Env{})
	var got []string
	for _, m := range msgs {
		line := m.Location.String() + " " + m.Text
		for _, n := range m.Notes {
			if n.Location != nil {
				line += " | " + n.Location.String() + " " + n.Text
			} else {
				line += " | " + n.Text[:strings.Index(n.Text, ":")]
			}
		}
		got = append(got, line)
	}
	want := []string{
		`main.js:3:13 unknown identifier "Input1" | Input1 looks like a widget`,
		`main.js:3:26 unknown identifier "Table1" | Table1 looks like a widget`,
		`main.js:3:46 unknown identifier "Input1" | main.js:3:13 see the hint at the first occurrence`,
		`main.js:3:66 unknown identifier "Input1" | Input1 looks like a widget`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestWithoutBodies: function bodies become the stub and blanks, with every
// line terminator and every byte outside them in place; an expression body
// and a body shorter than the stub are kept.
func TestWithoutBodies(t *testing.T) {
	text := "export default {\r\n" +
		"  n: 1,\r\n" +
		"  f(a) {\r\n    return a + 'é\u2028';\r\n  },\r\n" +
		"  g: async () => { await 1; return 2; },\r\n" +
		"  h: () => 3,\r\n" +
		"  k() {},\r\n" +
		"};\r\n"
	main, msgs := Analyze(diag.NewSource("m/main.js", text), Env{})
	if main == nil || msgs.HasErrors() {
		t.Fatalf("analysis: %s", msgs)
	}
	got := main.WithoutBodies("$s();").Source.Text
	want := "export default {\r\n" +
		"  n: 1,\r\n" +
		"  f(a) {\r\n$s();             \u2028  \r\n  },\r\n" +
		"  g: async () => {$s();               },\r\n" +
		"  h: () => 3,\r\n" +
		"  k() {},\r\n" +
		"};\r\n"
	if got != want {
		t.Errorf("WithoutBodies:\n%q\nwant\n%q", got, want)
	}
	if main.Source.Text != text {
		t.Error("WithoutBodies changed the original")
	}
	if main.WithoutBodies("$a_stub_longer_than_every_body();") != main {
		t.Error("a stub too long for every body should leave the Main as it is")
	}
}
