package jsmod

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/modc-dev/modc/compiler/diag"
)

// FuzzAnalyze feeds arbitrary main.js text to the analyser: it must never
// panic, every message must point inside the file, and a successful
// analysis must produce a factory that still parses.
func FuzzAnalyze(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/broken/*/modules/*/*/main.js")
	seeds = append(seeds, "testdata/seed.js")
	for _, p := range seeds {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(string(data))
		}
	}
	f.Add("export default {a(){return this.b}, b: 1}")
	f.Add("export /* c */ default\n{x: () => y}")
	f.Fuzz(func(t *testing.T, text string) {
		src := diag.NewSource("m/main.js", text)
		main, msgs := Analyze(src, Env{Queries: []string{"q"}})
		for _, m := range msgs {
			if m.Location.File != "m/main.js" || m.Location.Line < 1 || m.Location.Line > len(text)+1 || m.Location.Column < 1 {
				t.Fatalf("message outside the file: %+v", m)
			}
		}
		if main == nil {
			if !msgs.HasErrors() {
				t.Fatal("no Main and no error")
			}
			return
		}
		if main.ObjectOffset < main.ExportOffset || main.ObjectEnd > len(text) {
			t.Fatalf("bad offsets %+v", main)
		}
		if _, err := ExpressionRefs(main.Factory(Env{Queries: []string{"q"}})); err != nil {
			t.Fatalf("factory does not parse: %v\n%s", err, main.Factory(Env{}))
		}
		// Without its bodies, the module keeps every line break where it
		// was and still parses.
		bare := main.WithoutBodies("$lazy();")
		if len(bare.Source.Text) != len(text) {
			t.Fatalf("WithoutBodies changed the length: %d, want %d", len(bare.Source.Text), len(text))
		}
		for i := range text {
			if (text[i] == '\n') != (bare.Source.Text[i] == '\n') {
				t.Fatalf("WithoutBodies moved a line break at %d:\n%s", i, bare.Source.Text)
			}
		}
		if _, err := ExpressionRefs(bare.Factory(Env{Queries: []string{"q"}})); err != nil {
			t.Fatalf("factory without bodies does not parse: %v\n%s", err, bare.Source.Text)
		}
	})
}
