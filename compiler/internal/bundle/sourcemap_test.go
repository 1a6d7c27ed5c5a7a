package bundle

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/go-sourcemap/sourcemap"
)

// genPos returns the 1-based line and 0-based column of the first needle in code.
func genPos(t *testing.T, code, needle string) (int, int) {
	t.Helper()
	i := strings.Index(code, needle)
	if i < 0 {
		t.Fatalf("%q not in the bundle", needle)
	}
	line := strings.Count(code[:i], "\n") + 1
	return line, i - (strings.LastIndexByte(code[:i], '\n') + 1)
}

// TestSourceMaps reads the bundles' source maps with an independent
// consumer: generated positions map back to the original main.js (sources
// resolved against the map's URL), with the original text as content.
func TestSourceMaps(t *testing.T) {
	for _, minify := range []bool{true, false} {
		files := build(t, Options{Version: "1.0.0", Minify: minify})
		for _, file := range []string{"util.mjs", "util.js"} {
			code := string(files["dist/util/1.0.0/"+file])
			url := "http://127.0.0.1/site/dist/util/1.0.0/" + file + ".map"
			sm, err := sourcemap.Parse(url, files["dist/util/1.0.0/"+file+".map"])
			if err != nil {
				t.Fatal(err)
			}
			line, col := genPos(t, code, "this.count++")
			src, _, oline, ocol, ok := sm.Source(line, col)
			if !ok {
				t.Fatalf("%s: no mapping at %d:%d", file, line, col)
			}
			if src != "http://127.0.0.1/site/modules/util/greeter/main.js" || oline != 14 || ocol != 4 {
				t.Errorf("minify=%v %s: this.count++ maps to %s:%d:%d, want .../site/modules/util/greeter/main.js:14:4", minify, file, src, oline, ocol)
			}
			content := sm.SourceContent(src)
			if !strings.HasPrefix(content, "// Greets people and counts greetings.\nexport default {") {
				t.Errorf("%s: sourcesContent of main.js is not the original: %.80q", file, content)
			}
			// The generated entry is named, without its text.
			var raw struct {
				Sources        []string
				SourcesContent []*string
			}
			if err := json.Unmarshal(files["dist/util/1.0.0/"+file+".map"], &raw); err != nil {
				t.Fatal(err)
			}
			entry := false
			for i, s := range raw.Sources {
				generated := strings.HasPrefix(s, "../../../modc/")
				entry = entry || strings.HasSuffix(s, "/util/esm.js") || strings.HasSuffix(s, "/util/iife.js")
				if generated != (raw.SourcesContent[i] == nil) {
					t.Errorf("%s: source %s has content %v", file, s, raw.SourcesContent[i] != nil)
				}
			}
			if !entry {
				t.Errorf("%s: the map does not name the generated entry: %q", file, raw.Sources)
			}
		}
	}
}

// TestFirstLine checks the column shift on main.js's first line, where the
// factory adds its parameter list: in the source map and in messages.
func TestFirstLine(t *testing.T) {
	ws, mains := load(t, "testdata/warn")
	files, msgs := Build(ws, mains, Options{Version: "1.0.0"})
	var got []string
	for _, m := range msgs {
		got = append(got, m.Location.String()+": "+string(m.Severity))
	}
	t.Logf("messages:\n%s", msgs)
	want := []string{"modules/w/m/main.js:1:47: warning", "modules/w/m/main.js:3:18: warning"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages at\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(msgs) > 0 && msgs[0].Location.LineText != `export default { kind(x) { return typeof x == "strng"; },` {
		t.Errorf("line text %q", msgs[0].Location.LineText)
	}
	code := string(files["dist/w/1.0.0/w.mjs"])
	sm, err := sourcemap.Parse("http://h/dist/w/1.0.0/w.mjs.map", files["dist/w/1.0.0/w.mjs.map"])
	if err != nil {
		t.Fatal(err)
	}
	line, col := genPos(t, code, `"strng"`)
	src, _, oline, ocol, ok := sm.Source(line, col)
	if !ok || src != "http://h/modules/w/m/main.js" || oline != 1 || ocol != 46 {
		t.Errorf(`"strng" maps to %s:%d:%d (ok=%v), want http://h/modules/w/m/main.js:1:46`, src, oline, ocol, ok)
	}
}

func TestShiftFirstLineRoundTrip(t *testing.T) {
	in := "AAAA,SAASA,GAAG;AACA,IAAI,CAAC;;AAEH,gBAAgBA"
	out, err := shiftFirstLine(in, []int{0})
	if err != nil || out != in {
		t.Errorf("round trip: %q, %v", out, err)
	}
	// Columns 10 and 12 on the first line become 6 and 8; line 2 keeps 12.
	out, err = shiftFirstLine("AAAU,EAAE;AACA", []int{4})
	if err != nil || out != "AAAM,EAAE;AACI" {
		t.Errorf("shifted: %q, %v", out, err)
	}
	if _, err := shiftFirstLine("A!", nil); err == nil {
		t.Error("bad mapping accepted")
	}
}
