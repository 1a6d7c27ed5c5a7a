package app

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzCheck compiles arbitrary app.json text against the shop workspace:
// it must never panic, and every message must have a position in a file.
func FuzzCheck(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/bad/*.json")
	seeds = append(seeds, "testdata/ws/apps/shop/app.json", "../../../apps/portal/app.json")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add(`{"pages":[{"name":"P","widgets":[{"name":"T","type":"text","text":"{{` + "`${`" + `}}"}]}]}`)
	base := overlay(f, "testdata/ws", nil)
	ws, mains := analyze(f, base)
	f.Fuzz(func(t *testing.T, app string) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys["apps/f/app.json"] = &fstest.MapFile{Data: []byte(app)}
		w := *ws
		w.FS = fsys
		_, msgs := Check(&w, mains, Options{})
		for _, m := range msgs {
			if m.Location.File == "" {
				t.Errorf("message without a file: %s", m.Text)
			}
		}
	})
}
