package gen

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// TestWrite generates a small workspace and checks that it loads and
// analyses without any message, with the promised shape.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, Options{Packages: 2, Modules: 3, Pages: 4, Bindings: 10}); err != nil {
		t.Fatal(err)
	}
	ws, msgs := workspace.Load(os.DirFS(dir))
	if len(msgs) > 0 {
		t.Fatalf("loading:\n%s", msgs)
	}
	if len(ws.Packages) != 2 {
		t.Fatalf("%d packages", len(ws.Packages))
	}
	for _, p := range ws.Packages {
		if len(p.Modules) != 3 {
			t.Fatalf("%s: %d modules", p.Name, len(p.Modules))
		}
		for _, m := range p.Modules {
			if len(m.Queries) != 2 || len(m.Examples) != 4 {
				t.Errorf("%s: %d queries, %d examples", m.ID(), len(m.Queries), len(m.Examples))
			}
			main, msgs := jsmod.Analyze(m.Main, jsmod.Env{Queries: []string{"api_get", "api_save"}})
			if main == nil || len(msgs) > 0 {
				t.Fatalf("%s:\n%s", m.ID(), msgs)
			}
			fns := 0
			for _, mem := range main.Members {
				if mem.Kind == jsmod.Function {
					fns++
					if mem.Doc == nil || mem.Doc.Summary == "" {
						t.Errorf("%s.%s has no JSDoc", m.ID(), mem.Name)
					}
				}
			}
			if fns != 5 {
				t.Errorf("%s: %d functions", m.ID(), fns)
			}
		}
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "content/pages/*.md"))
	if len(pages) != 4 {
		t.Errorf("%d pages", len(pages))
	}
	data, err := os.ReadFile(filepath.Join(dir, "apps/bench/app.json"))
	if err != nil {
		t.Fatal(err)
	}
	var app map[string]any
	if err := json.Unmarshal(data, &app); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "{{"); n != 10 {
		t.Errorf("%d bindings in app.json", n)
	}
	if n := len(app["instances"].(map[string]any)); n != 6 {
		t.Errorf("%d instances", n)
	}
}

func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := Write(d, Options{Packages: 1, Modules: 2, Pages: 2, Bindings: 5}); err != nil {
			t.Fatal(err)
		}
	}
	err := filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || string(x) != string(y) {
			t.Errorf("%s differs", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
