package uregexp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/modc-dev/modc/internal/nodetest"
)

// cases are expressions with regular expressions, literals and built
// with the constructor; each is compiled as a program of its own.
var cases = []string{
	`/\p{L}+/u.exec("héllo wörld")[0]`,
	`/^\p{Lu}/u.test("Élan")`,
	`/^\p{Lu}/u.test("élan")`,
	`/\p{Script=Greek}+/u.exec("abc αβγ def")[0]`,
	`/\p{sc=Cyrillic}/u.test("ж")`,
	`/\p{sc=Grek}/u.test("α")`,
	`/\p{scx=Latn}/u.test("a")`,
	`/\p{Script_Extensions=Han}/u.test("漢")`,
	`/\P{L}+/u.exec("abc123!")[0]`,
	`/[\p{L}\p{N}]+/u.exec("-ab12-")[0]`,
	`/[^\p{L}\p{N}]+/u.exec("ab-+12")[0]`,
	`/[\P{L}]+/u.exec("ab12cd")[0]`,
	`/\p{Emoji}/u.test("😀")`,
	`/\p{Emoji_Presentation}/u.test("😀")`,
	`/\p{Extended_Pictographic}/u.test("❤")`,
	`"a😀b👍c".replace(/\p{Extended_Pictographic}/gu, "")`,
	`/\p{General_Category=Letter}/u.test("a")`,
	`/\p{gc=Lu}/u.test("A")`,
	`/\p{Letter}/u.test("a")`,
	`/\p{ASCII}/u.test("é")`,
	`/^\p{Any}$/u.test("😀")`,
	`/\p{Alphabetic}/u.test("ª")`,
	`/\p{White_Space}/u.test("\u00a0")`,
	`/\p{Nd}/u.test("٣")`,
	`/^\p{L}$/u.test("😀")`,
	`"a-b—c".replace(/\p{P}/gu, "")`,
	`"a-b—c".replace(/\p{Pd}/gu, "_")`,
	`/\p{Lowercase}/u.test("ß")`,
	`/\p{Uppercase}/u.test("Ⓐ")`,
	`/^\p{ID_Start}\p{ID_Continue}*$/u.test("héllo_1")`,
	`/(?<x>\p{L}+)/u.exec("42 abc").groups.x`,
	`/\p{Lu}/iu.test("a")`,
	`/\p{Ll}+/gu.exec("ABCdéf").index`,
	`"Ünïcödé Straße 123".match(/\p{L}+/gu).join("|")`,
	`"😀a".match(/\p{L}/u).index`,
	`/\p{L}/.test("p{L}")`,
	`/\\p\{L\}/u.test("\\p{L}")`,
	`/[\p{L}-]+/u.exec("a-b!")[0]`,
	`/\p{Sc}/u.exec("costs €5")[0]`,
	`/\p{Math}/u.test("∑")`,
	`/(?=\p{Lu})\p{L}+/u.exec("abc Def")[0]`,
	`new RegExp("\\p{L}+", "u").exec("ça va")[0]`,
	`new RegExp("\\p{Script=Han}+", "gu").exec("中文 text")[0]`,
	`RegExp("\\P{N}+", "u").exec("12ab34")[0]`,
	`new RegExp("\\p{L}", "u") instanceof RegExp`,
	`/x/ instanceof RegExp`,
	`new RegExp("\\p{L}").test("p{L}")`,
	`new RegExp(/\p{L}/u).test("é")`,
	`"Crème Brûlée".normalize("NFD").replace(/\p{Diacritic}/gu, "")`,
	`"Crème Brûlée".normalize("NFD").replace(/\p{M}/gu, "")`,
}

const runner = `
const run = (src) => {
  try {
    const v = (0, eval)(src);
    return typeof v === "string" ? v : JSON.stringify(v);
  } catch (e) {
    return "throws " + (e && e.name);
  }
};
`

func TestPropertyEscapesLikeNode(t *testing.T) {
	nodetest.SkipIfMissing(t)
	dir := t.TempDir()
	js, _ := json.Marshal(cases)
	if err := os.WriteFile(filepath.Join(dir, "cases.json"), js, 0o644); err != nil {
		t.Fatal(err)
	}
	out := nodetest.Run(t, dir, nil, "-e", runner+`
const cases = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
process.stdout.write(JSON.stringify(cases.map(run)));
`, filepath.Join(dir, "cases.json"))
	var want []string
	if err := json.Unmarshal([]byte(out), &want); err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		got := evalGoja(t, c)
		if got != want[i] {
			t.Errorf("%s\n got: %q\nwant: %q", c, got, want[i])
		}
	}
}

// evalGoja compiles one case with Compile and runs it with Install.
func evalGoja(t *testing.T, src string) string {
	t.Helper()
	vm := goja.New()
	Install(vm, src)
	prog, err := Compile("case.js", "(() => { try { const v = ("+src+"); return typeof v === 'string' ? v : JSON.stringify(v) } catch (e) { return 'throws ' + e.name } })()", true)
	if err != nil {
		return "compile error: " + err.Error()
	}
	v, err := vm.RunProgram(prog)
	if err != nil {
		return "error: " + err.Error()
	}
	return v.String()
}

func TestRewrite(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // a prefix of the rewritten pattern; "" for unchanged
	}{
		{`\p{L}`, `[\u{41}-\u{5A}\u{61}-\u{7A}`},
		{`[\p{ASCII}x]`, `[\u{0}-\u{7F}x]`},
		{`\P{ASCII}`, `[\u{80}-\u{D7FF}\u{E000}-\u{10FFFF}]`},
		{`\\p{L}`, ``},
		{`\p{Unknown_Thing}`, ``},
		{`\p{L`, ``},
		{`abc`, ``},
	} {
		got, ok := Rewrite(c.in)
		if c.want == "" {
			if ok {
				t.Errorf("Rewrite(%q) = %q, want it unchanged", c.in, got)
			}
			continue
		}
		if !ok || !strings.HasPrefix(got, c.want) {
			t.Errorf("Rewrite(%q) = %q, want a prefix %q", c.in, got, c.want)
		}
	}
}

// TestPositionsKept checks that a rewritten literal leaves the positions
// of the code after it as they were (errors point at main.js lines).
func TestPositionsKept(t *testing.T) {
	src := "const r = /\\p{L}+/u; const x = 1;\nnull.boom;"
	prog, err := Compile("m.js", src, true)
	if err != nil {
		t.Fatal(err)
	}
	_, err = goja.New().RunProgram(prog)
	var ex *goja.Exception
	if err == nil || !strings.Contains(err.Error(), "m.js:2:") {
		t.Fatalf("error %v, want one at m.js:2", err)
	}
	_ = ex
}

// TestHugePattern checks that a pattern made of many escapes is left as
// it is rather than grown without bound.
func TestHugePattern(t *testing.T) {
	p := strings.Repeat(`\p{L}`, 10000)
	if _, ok := Rewrite(p); ok {
		t.Fatal("a pattern of 10,000 \\p{L} was rewritten")
	}
	if _, ok := Rewrite(`\p{Cs}`); !ok {
		t.Fatal(`\p{Cs} (no code point a pattern can hold) was not rewritten`)
	}
}
