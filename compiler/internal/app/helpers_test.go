package app

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/modc-dev/modc/compiler/internal/bundle"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// analyze loads the workspace in fsys and analyses every main.js, as
// compiler.Check does before it gets to apps.
func analyze(t testing.TB, fsys fs.FS) (*workspace.Workspace, map[string]*jsmod.Main) {
	t.Helper()
	ws, msgs := workspace.Load(fsys)
	if msgs.HasErrors() {
		t.Fatalf("workspace:\n%s", msgs)
	}
	mains := map[string]*jsmod.Main{}
	for _, p := range ws.Packages {
		for _, m := range p.Modules {
			if m.Kind != workspace.KindJS || m.Main == nil {
				continue
			}
			var queries []string
			for _, q := range m.Queries {
				queries = append(queries, q.Name)
			}
			main, ms := jsmod.Analyze(m.Main, jsmod.Env{Queries: queries})
			if ms.HasErrors() {
				t.Fatalf("%s:\n%s", m.ID(), ms)
			}
			mains[m.ID()] = main
		}
	}
	return ws, mains
}

// bundles builds the package bundles of ws.
func bundles(t testing.TB, ws *workspace.Workspace, mains map[string]*jsmod.Main) map[string][]byte {
	t.Helper()
	files, msgs := bundle.Build(ws, mains, bundle.Options{Minify: true})
	if msgs.HasErrors() {
		t.Fatalf("bundles:\n%s", msgs)
	}
	return files
}

// overlay returns the files of dir (modules and modc.json) as a MapFS,
// plus the given extra files.
func overlay(t testing.TB, dir string, extra map[string]string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel != "modc.json" && !hasPrefix(rel, "modules/") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		m[rel] = &fstest.MapFile{Data: data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range extra {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }
