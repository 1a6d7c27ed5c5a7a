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

func TestExpressionRefs(t *testing.T) {
	refs, err := ExpressionRefs(` inputs.limit + this.params.x + appsmith.store.tok + [1].map(a => a + zz)[0] + this`)
	if err != nil {
		t.Fatal(err)
	}
	want := []Reference{{"inputs", 1, false, "limit", 8}, {"params", 16, true, "", 0}, {"appsmith", 32, false, "store", 41}, {"zz", 70, false, "", 0}, {"", 79, true, "", 0}}
	if len(refs) != len(want) {
		t.Fatalf("refs %+v", refs)
	}
	for i := range want {
		if refs[i] != want[i] {
			t.Errorf("ref %d = %+v, want %+v", i, refs[i], want[i])
		}
	}
	_, err = ExpressionRefs("a +* b")
	if se, ok := err.(*SyntaxError); !ok || se.Offset != 3 {
		t.Errorf("syntax error %#v", err)
	}
	if _, err := ExpressionRefs("a; b"); err == nil {
		t.Error("two statements accepted")
	}
	if _, err := ExpressionRefs("a }) + ({ b"); err == nil {
		t.Error("escape from the parentheses accepted")
	}
}
