package diag

import (
	"strings"
	"sync"
	"testing"
)

func TestFormatCodeFrame(t *testing.T) {
	src := NewSource("modules/a/b/main.js", "export default {\n\tgo() { return fo.run(); },\n};\n")
	off := strings.Index(src.Text, "fo.")
	m := Errorf("js-unknown-name", src.Span(off, off+2), "unknown identifier %q", "fo").WithHint("did you mean %q?", "foo")
	got := Format(m, FormatOptions{CodeFrame: true})
	want := "modules/a/b/main.js:2:16: error: unknown identifier \"fo\" [js-unknown-name]\n" +
		"    2 |  go() { return fo.run(); },\n" +
		"      |                ^~\n" +
		"  hint: did you mean \"foo\"?\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if plain := Format(m, FormatOptions{}); strings.Contains(plain, "|") {
		t.Errorf("code frame without CodeFrame: %q", plain)
	}
	if colored := Format(m, FormatOptions{CodeFrame: true, Color: true}); !strings.Contains(colored, "\x1b[") {
		t.Error("no colour with Color")
	}
	if got, want := m.Error(), `modules/a/b/main.js:2:16: error: unknown identifier "fo" [js-unknown-name]`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	m.ID = ""
	if got := Format(m, FormatOptions{}); !strings.HasPrefix(got, "modules/a/b/main.js:2:16: error: unknown identifier \"fo\"\n") {
		t.Errorf("without an ID: %q", got)
	}
}

func TestLocations(t *testing.T) {
	src := NewSource("f.js", "héllo\nwörld\r\nend")
	if l := src.Loc(strings.Index(src.Text, "rld")); l.Line != 2 || l.Column != 3 || l.LineText != "wörld" {
		t.Errorf("loc %+v", l)
	}
	if off := src.Offset(2, 3); src.Text[off:off+3] != "rld" {
		t.Errorf("offset %d", off)
	}
	if l := src.Loc(len(src.Text) + 5); l.Line != 3 || l.Column != 4 {
		t.Errorf("clamped loc %+v", l)
	}
}

func TestListSortAndJSON(t *testing.T) {
	l := List{
		Errorf("test", Location{File: "b", Line: 1, Column: 1}, "x"),
		Warningf("test", Location{File: "a", Line: 2, Column: 1}, "w"),
		Errorf("test", Location{File: "a", Line: 1, Column: 5}, "y"),
	}
	l.Sort()
	if l[0].Text != "y" || l[1].Text != "w" || !l.HasErrors() || len(l.Errors()) != 2 {
		t.Errorf("sorted %v", l)
	}
	data, err := l.JSON()
	if err != nil || !strings.Contains(string(data), `"warnings": [`) || !strings.Contains(string(data), `"line": 2`) || !strings.Contains(string(data), `"id": "test"`) {
		t.Errorf("json %s %v", data, err)
	}
}

func TestAbout(t *testing.T) {
	l := List{
		Errorf("test", Location{File: "a"}, "one"),
		{Severity: Warning, Text: "set", Package: "q"},
	}
	l.About("p/m")
	if l[0].Package != "p" || l[0].Module != "p/m" {
		t.Errorf("about a module: %+v", l[0])
	}
	if l[1].Package != "q" || l[1].Module != "" {
		t.Errorf("a message that says what it is about changed: %+v", l[1])
	}
	pkg := List{Errorf("test", Location{File: "b"}, "two")}.About("p")
	if pkg[0].Package != "p" || pkg[0].Module != "" {
		t.Errorf("about a package: %+v", pkg[0])
	}
}

// TestLocationsAtOnce: the line index is made at the first location asked
// for, which may come from several goroutines at once (run with -race).
func TestLocationsAtOnce(t *testing.T) {
	text := strings.Repeat("line one\nläne two\r\n\n", 200)
	want := NewSource("f.js", text)
	offsets := []int{0, 5, 9, 30, len(text) / 2, len(text) - 1, len(text)}
	var locs []Location
	for _, off := range offsets {
		locs = append(locs, want.Loc(off))
	}
	src := NewSource("f.js", text)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i, off := range offsets {
				if got := src.Loc(off); got != locs[i] {
					t.Errorf("Loc(%d) = %+v, want %+v", off, got, locs[i])
				}
				if got := src.LineText(locs[i].Line); got != locs[i].LineText {
					t.Errorf("LineText(%d) = %q", locs[i].Line, got)
				}
			}
		})
	}
	wg.Wait()
	if l := want.Loc(len(text) / 2); l.Line != 301 {
		t.Errorf("line %d, want 301", l.Line)
	}
}
