package dryrun

import (
	"os"
	"testing"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/binding"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// load reads the workspace at dir and returns the dry-run inputs of its
// modules, analysed as the compiler does; it fails on load or analysis errors.
func load(t testing.TB, dir string) []Input {
	t.Helper()
	ws, msgs := workspace.Load(os.DirFS(dir))
	if msgs.HasErrors() {
		t.Fatalf("loading %s:\n%s", dir, msgs.Errors())
	}
	var inputs []Input
	for _, p := range ws.Packages {
		for _, m := range p.Modules {
			inputs = append(inputs, input(t, m))
		}
	}
	return inputs
}

func input(t testing.TB, m *workspace.Module) Input {
	t.Helper()
	in := Input{Module: m, Requests: map[string]string{}}
	if m.Kind == workspace.KindQuery {
		in.Requests[""] = binding.CompileRequestShared(m.Request)
		return in
	}
	var names []string
	for _, q := range m.Queries {
		names = append(names, q.Name)
		in.Requests[q.Name] = binding.CompileRequestShared(q.Request)
	}
	main, msgs := jsmod.Analyze(m.Main, jsmod.Env{Queries: names})
	if msgs.HasErrors() || main == nil {
		t.Fatalf("analysing %s:\n%s", m.ID(), diag.List(msgs.Errors()))
	}
	in.Main = main
	return in
}
