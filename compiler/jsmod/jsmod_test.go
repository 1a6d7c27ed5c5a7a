package jsmod

import (
	"os"
	"testing"

	"github.com/modc-dev/modc/compiler/diag"
)

func analyzeFile(t *testing.T, path string, env Env) (*Main, diag.List) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Analyze(diag.NewSource("modules/auth/tok/main.js", string(data)), env)
}

func TestSeed(t *testing.T) {
	m, msgs := analyzeFile(t, "testdata/seed.js", Env{Queries: []string{"api_authToken"}})
	if m == nil {
		t.Fatalf("no main: %s", msgs)
	}
	for _, mem := range m.Members {
		t.Logf("%s %s line %d doc=%+v", mem.Kind, mem.Signature(), mem.Line, mem.Doc)
	}
	t.Log("\n" + msgs.String())
}
