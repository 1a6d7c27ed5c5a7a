package docs

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler/model"
	"github.com/modc-dev/modc/internal/treetest"
)

// indentJSONRef is how module pages formatted JSON before showJSON: with
// encoding/json, on one line when short, else indented.
func indentJSONRef(raw []byte) string {
	var c bytes.Buffer
	if err := json.Compact(&c, raw); err != nil {
		return string(raw)
	}
	var s strings.Builder
	inStr, esc := false, false
	for _, ch := range c.Bytes() {
		s.WriteByte(ch)
		switch {
		case esc:
			esc = false
		case inStr && ch == '\\':
			esc = true
		case ch == '"':
			inStr = !inStr
		case !inStr && (ch == ',' || ch == ':'):
			s.WriteByte(' ')
		}
	}
	if s.Len() <= oneLine {
		return s.String()
	}
	var b bytes.Buffer
	if err := json.Indent(&b, c.Bytes(), "", "  "); err != nil {
		return string(raw)
	}
	return b.String()
}

// TestShowJSONLikeIndent: values within the caps are shown as before.
func TestShowJSONLikeIndent(t *testing.T) {
	samples := []string{
		`1`, `"x"`, `null`, `true`, `[]`, `{}`, ` [ 1 , 2 ] `,
		`{"a": [1, {"b": "x, y: z"}], "c": {}}`,
		`{"items":[{"name":"tea","price":3},{"name":"coffee","price":4.5}],"total":2,"empty":[],"none":{}}`,
		`["a \"quoted\" \\ string, with: punctuation", "é ✓", -1.5e10, [[[[]]]], {"k": {"k": {"k": null}}}]`,
		`{"deep":` + strings.Repeat(`[`, showDepth-1) + `1` + strings.Repeat(`]`, showDepth-1) + `, "pad": "` + strings.Repeat("p", 80) + `"}`,
	}
	// And every JSON file of the test workspaces.
	for _, dir := range []string{"testdata/ws", "../../modules"} {
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".json") {
				data, _ := os.ReadFile(p)
				samples = append(samples, string(data))
			}
			return nil
		})
	}
	for _, s := range samples {
		got, cut := showJSON([]byte(s), showBytes)
		if want := indentJSONRef([]byte(s)); got != want || cut {
			t.Errorf("showJSON(%s) = %v\n%s\nwant\n%s", s, cut, got, want)
		}
	}
}

// TestShowJSONCaps: deep, long and wide values are cut, in one pass.
func TestShowJSONCaps(t *testing.T) {
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	got, cut := showJSON([]byte(deep), showBytes)
	if !cut || len(got) > 2000 || !strings.Contains(got, "[…]") {
		t.Errorf("100,000 levels: cut %v, %d bytes:\n%s", cut, len(got), got)
	}
	for _, line := range strings.Split(got, "\n") {
		if indent := len(line) - len(strings.TrimLeft(line, " ")); indent > 2*showDepth {
			t.Fatalf("indented %d: %q", indent, line)
		}
	}
	if got, _ := compactShown([]byte(deep), 1000); got != strings.Repeat("[", showDepth)+"[…]"+strings.Repeat("]", showDepth) {
		t.Errorf("100,000 levels on one line: %s", got)
	}
	if got, cut := showJSON([]byte(`{"a": [[[]]], "b": `+strings.Repeat(`{"c": `, 30)+`{}`+strings.Repeat(`}`, 30)+`}`), showBytes); !cut || strings.Contains(got, "…") && !strings.Contains(got, "{…}") {
		t.Errorf("deep objects: %v\n%s", cut, got)
	}

	flat := "[" + strings.Repeat("12345,", 1<<20) + "0]"
	got, cut = showJSON([]byte(flat), showBytes)
	if lines := strings.Count(got, "\n"); !cut || lines > showLines || len(got) > showBytes || !strings.HasSuffix(got, "  …") {
		t.Errorf("6 MB array: cut %v, %d lines, %d bytes, ends %q", cut, lines, len(got), got[max(0, len(got)-20):])
	}
	got, cut = showJSON([]byte(flat), 100)
	if !cut || len(got) > 100+len(ellipsis) {
		t.Errorf("limit 100: %d bytes", len(got))
	}

	long := `{"s": "` + strings.Repeat("é", 50000) + `"}`
	got, cut = showJSON([]byte(long), 1000)
	if !cut || len(got) > 1000+len(ellipsis) || !strings.HasSuffix(got, "é…") || !strings.HasPrefix(got, "{\n  \"s\": \"é") {
		t.Errorf("long string: cut %v, %d bytes: %q…", cut, len(got), got[:40])
	}

	// Not JSON: shown as it is, clipped.
	for _, bad := range []string{`{"a": 1]`, `[1, 2`, `"open`, `1 2`, `]`} {
		if got, _ := showJSON([]byte(bad), 100); got != bad {
			t.Errorf("showJSON(%q) = %q", bad, got)
		}
	}
	if got, cut := showJSON([]byte(`[1, 2`+strings.Repeat(" ", 200)), 100); !cut || len(got) > 104 {
		t.Errorf("long bad JSON: %v %q", cut, got)
	}
}

func TestClipCode(t *testing.T) {
	for _, c := range []struct {
		in           string
		maxLine, max int
		want         string
		wantCut      bool
	}{
		{"short", 10, 100, "short", false},
		{"a\nbb\nccc", 10, 100, "a\nbb\nccc", false},
		{"a\n" + strings.Repeat("b", 20) + "\nc", 10, 100, "a\n" + strings.Repeat("b", 10) + "…\nc", true},
		{"aaaa\nbbbb\ncccc", 10, 7, "aaaa\nbb…", true},
		{"aaaa\nbbbb\ncccc", 10, 5, "aaaa\n…", true},
		{"ééé", 3, 100, "é…", true},
	} {
		got, cut := clipCode(c.in, c.maxLine, c.max)
		if got != c.want || cut != c.wantCut {
			t.Errorf("clipCode(%q, %d, %d) = %q, %v; want %q, %v", c.in, c.maxLine, c.max, got, cut, c.want, c.wantCut)
		}
	}
}

func TestQueryDescription(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{`{"description": "Reads it.", "mock": {}}`, "Reads it."},
		{`{"mock": {"description": "not this"}, "description": "this"}`, "this"},
		{`{"mock": {"data": ["description", "x"]}, "request": {}}`, ""},
		{`{"a": "description", "description": "b"}`, "b"},
		{`{"descr\u0069ption": "tab\there \u00e9"}`, "tab\there é"},
		{`{"description": 3}`, ""},
		{`["description", "x"]`, ""},
	} {
		q := &model.Query{Path: "q.json", Text: c.src}
		if got := queryDescription(q); got != c.want {
			t.Errorf("queryDescription(%s) = %q, want %q", c.src, got, c.want)
		}
	}
}

// hugeWorkspace writes a workspace whose modules hold huge values: a mock
// nested 9,990 levels deep (as deep as a query file may be: encoding/json
// stops at 10,000), a 5 MB flat mock, a main.js variable holding a string
// of strLen bytes, examples with deep arguments, store and results, and a
// content page with a one-line code block of strLen bytes.
func hugeWorkspace(t testing.TB, strLen int) string {
	dir := t.TempDir()
	deep := strings.Repeat("[", 9990) + strings.Repeat("]", 9990)
	flat := "[" + strings.Repeat("12345,", 5<<20/6) + "0]"
	query := func(data string) string {
		return `{"description": "Huge.", "request": {"method": "GET", "url": "https://example.com/"}, "mock": {"status": 200, "data": ` + data + `}}`
	}
	main := "export default {\n  async load() { await q.run(); return q.data.length; },\n};\n"
	big := strings.Repeat("x", strLen)
	files := map[string]string{
		"modc.json":                      `{"title": "Huge"}`,
		"modules/p/modc-package.json":    `{}`,
		"modules/p/deep/module.json":     `{"kind": "js"}`,
		"modules/p/deep/main.js":         main,
		"modules/p/deep/queries/q.json":  query(deep),
		"modules/p/flat/module.json":     `{"kind": "js"}`,
		"modules/p/flat/main.js":         main,
		"modules/p/flat/queries/q.json":  query(flat),
		"modules/p/str/module.json":      `{"kind": "js"}`,
		"modules/p/str/main.js":          "export default {\n  big: \"" + big + "\",\n  /** @param {string} name */\n  greet(name = \"x\") { return \"hi \" + name; },\n};\n",
		"modules/p/values/module.json":   `{"kind": "js"}`,
		"modules/p/values/main.js":       "const deep = (n) => { let a = [1]; for (let i = 1; i < n; i++) a = [a]; return a; };\nexport default {\n  value: deep(900),\n  make(n) { return deep(n); },\n  keep(v) { storeValue(\"v\", v); return 1; },\n};\n",
		"modules/p/values/examples.json": `[{"name": "deep result", "call": "make", "args": [900], "expect": ` + strings.Repeat("[", 900) + "1" + strings.Repeat("]", 900) + `}, {"name": "deep args and store", "call": "keep", "args": [` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `], "store": {"old": ` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `}, "expect": 1}]`,
		"content/_index.md":              "# Huge\n",
		"content/big.md":                 "# Big\n\n```js\nconst s = \"" + big + "\";\n```\n\n```js\nconst small = 1;\n```\n",
	}
	treetest.Write(t, dir, files)
	return dir
}

// TestHugeValues: pages of modules with huge values stay small, say where
// they were cut and which file holds the rest; code with a huge token is
// not highlighted, normal code still is.
func TestHugeValues(t *testing.T) {
	files := render(t, hugeWorkspace(t, 1<<20), Options{})
	big := strings.Repeat("x", 1<<20)
	page := func(p string) string {
		t.Helper()
		data, ok := files[p]
		if !ok {
			t.Fatalf("no %s", p)
		}
		if len(data) > 1<<20 {
			t.Errorf("%s has %d bytes", p, len(data))
		}
		return string(data)
	}
	note := func(file string) string { return `<p class="truncated">(truncated; see <code>` + file + `</code>)</p>` }
	for _, m := range []string{"deep", "flat"} {
		html := page("packages/p/" + m + "/index.html")
		if !strings.Contains(html, "…") || !strings.Contains(html, note("modules/p/"+m+"/queries/q.json")) {
			t.Errorf("%s: no … or no note", m)
		}
	}
	if html := page("packages/p/deep/index.html"); !strings.Contains(html, "[…]") {
		t.Errorf("deep: no […]")
	}

	html := page("packages/p/str/index.html")
	if !strings.Contains(html, note("modules/p/str/main.js")) || !strings.Contains(html, "…") || strings.Contains(html, strings.Repeat("x", showLine)) {
		t.Errorf("str: the variable is not cut with a note")
	}
	// The signature is still highlighted.
	if !strings.Contains(html, `greet(name: <span class="kt">string</span> <span class="o">=</span> <span class="s2">"x"</span>)`) {
		t.Errorf("str: the signature is not highlighted")
	}

	html = page("packages/p/values/index.html")
	if !strings.Contains(html, note("modules/p/values/examples.json")) || !strings.Contains(html, "[…]") {
		t.Errorf("values: the examples are not cut with a note")
	}

	// A content page shows its code blocks whole.
	html = string(files["big/index.html"])
	if !strings.Contains(html, `<pre><code class="language-js">const s = &quot;`+big+`&quot;;`) || !strings.Contains(html, `<p class="code-note">(shown without highlighting: a line is longer than 2000 bytes)</p>`) {
		t.Errorf("big: the long code block is not plain with a note")
	}
	if !strings.Contains(html, `<span class="kr">const</span> small <span class="o">=</span> <span class="mi">1</span>`) {
		t.Errorf("big: the small code block is not highlighted")
	}
}

// BenchmarkHugeValues renders the site of hugeWorkspace, with a main.js
// string and a content code line of 40 KB and of 1 MB.
func BenchmarkHugeValues(b *testing.B) {
	for _, c := range []struct {
		name string
		size int
	}{{"40KB", 40 << 10}, {"1MB", 1 << 20}} {
		b.Run(c.name, func(b *testing.B) {
			dir := hugeWorkspace(b, c.size)
			r := check(b, dir)
			var size int
			for b.Loop() {
				files, msgs := Render(r, os.DirFS(dir), Options{})
				if msgs.HasErrors() {
					b.Fatal(msgs)
				}
				size = 0
				for _, data := range files {
					size += len(data)
				}
			}
			b.ReportMetric(float64(size), "site-bytes")
		})
	}
}

// BenchmarkShowJSON formats deep and flat values of two sizes each: the
// time per input byte stays flat (one pass), the output within the caps.
func BenchmarkShowJSON(b *testing.B) {
	for _, c := range []struct {
		name string
		raw  string
	}{
		{"deep-10k", strings.Repeat("[", 10000) + strings.Repeat("]", 10000)},
		{"deep-100k", strings.Repeat("[", 100000) + strings.Repeat("]", 100000)},
		{"flat-1MB", "[" + strings.Repeat("12345,", 1<<20/6) + "0]"},
		{"flat-5MB", "[" + strings.Repeat("12345,", 5<<20/6) + "0]"},
	} {
		b.Run(c.name, func(b *testing.B) {
			raw := []byte(c.raw)
			var out string
			for b.Loop() {
				out, _ = showJSON(raw, showBytes)
			}
			b.ReportMetric(float64(len(out)), "out-bytes")
		})
	}
}
