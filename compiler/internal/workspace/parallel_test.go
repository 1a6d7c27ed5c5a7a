package workspace_test

import (
	"io/fs"
	"os"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/modc-dev/modc/compiler/gen"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// TestParallelLoadIsTheSame loads a workspace with good packages, broken
// ones, an empty one, a stray file and an invalid name, one package at a
// time and four at once: the workspaces and the messages, in their order,
// are the same.
func TestParallelLoadIsTheSame(t *testing.T) {
	module := func(fsys fstest.MapFS, dir, mainJS, moduleJSON string) {
		fsys[dir+"/main.js"] = &fstest.MapFile{Data: []byte(mainJS)}
		fsys[dir+"/module.json"] = &fstest.MapFile{Data: []byte(moduleJSON)}
	}
	fsys := fstest.MapFS{
		"modc.json":                       {Data: []byte(`{ "title": "t" }`)},
		"modules/README":                  {Data: []byte("stray")},
		"modules/Bad-Name/x/main.js":      {Data: []byte("export default {}")},
		"modules/empty/modc-package.json": {Data: []byte(`{ "description": "none" }`)},
	}
	for i, p := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		for j, m := range []string{"m1", "m2", "m3"} {
			moduleJSON := `{ "kind": "js", "description": "ok" }`
			if (i+j)%4 == 0 {
				moduleJSON = `{ "kind": "js", "descripton": "typo" }` // an unknown field
			}
			if (i+j)%5 == 0 {
				moduleJSON = `{ "kind": "js", ` // broken JSON
			}
			module(fsys, "modules/"+p+"/"+m, "export default { f() { return 1; } };\n", moduleJSON)
		}
	}
	one, msgs1 := workspace.Load(fsys)
	many, msgsN := workspace.Load(fsys, workspace.Parallel(4))
	if len(msgs1) < 5 {
		t.Fatalf("the workspace should be broken in several places:\n%s", msgs1)
	}
	if !reflect.DeepEqual(msgs1, msgsN) {
		t.Errorf("messages differ:\none at a time:\n%s\nfour at once:\n%s", msgs1, msgsN)
	}
	if !reflect.DeepEqual(one, many) {
		t.Error("the workspaces differ")
	}
}

// BenchmarkLoad reads the SPEC 11 workspace (1,000 modules) from disk, one
// package at a time and on every core, through workspace.DirFS (an
// os.Root, as the compiler does) and, for comparison, os.DirFS.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	if err := gen.Write(dir, gen.Options{Packages: 50, Modules: 20}); err != nil {
		b.Fatal(err)
	}
	root := workspace.DirFS(dir) // what the compiler reads the work tree with
	defer root.Close()
	for _, f := range []struct {
		name string
		fsys fs.FS
	}{{"root", root}, {"os.DirFS", os.DirFS(dir)}} {
		for _, c := range []struct {
			name string
			opts []workspace.Option
		}{{"sequential", nil}, {"parallel", []workspace.Option{workspace.Parallel(4)}}} {
			b.Run(f.name+"/"+c.name, func(b *testing.B) {
				for b.Loop() {
					if _, msgs := workspace.Load(f.fsys, c.opts...); len(msgs) > 0 {
						b.Fatal(msgs)
					}
				}
			})
		}
	}
}
