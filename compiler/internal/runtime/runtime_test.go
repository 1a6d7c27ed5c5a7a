package runtime

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/modc-dev/modc/internal/nodetest"
)

// Budget is SPEC 6's size limit for the runtime, minified and gzipped.
const budget = 4096

func minified(t *testing.T) string {
	t.Helper()
	r := api.Transform(Source(), api.TransformOptions{
		Loader:            api.LoaderJS,
		Format:            api.FormatESModule,
		Target:            api.ES2020,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
	})
	if len(r.Errors) > 0 {
		t.Fatalf("esbuild: %v", r.Errors)
	}
	return string(r.Code)
}

func TestSizeBudget(t *testing.T) {
	min := minified(t)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write([]byte(min))
	zw.Close()
	t.Logf("runtime.js: %d bytes source, %d bytes minified, %d bytes min+gzip (budget %d)", len(Source()), len(min), buf.Len(), budget)
	if buf.Len() > budget {
		t.Errorf("runtime is %d bytes min+gzip, over the %d-byte budget", buf.Len(), budget)
	}
}

var evalRE = regexp.MustCompile(`\beval\s*\(|\bFunction\s*\(`)

func TestNoEval(t *testing.T) {
	for name, code := range map[string]string{"source": Source(), "minified": minified(t)} {
		if loc := evalRE.FindStringIndex(code); loc != nil {
			t.Errorf("%s uses eval or the Function constructor: %q", name, code[loc[0]:loc[1]])
		}
	}
}

// TestRuntimeInNode runs testdata/runtime_test.mjs with node's test runner
// against the embedded runtime.
func TestRuntimeInNode(t *testing.T) {
	dir := t.TempDir()
	test, err := os.ReadFile("testdata/runtime_test.mjs")
	if err != nil {
		t.Fatal(err)
	}
	table, err := os.ReadFile("testdata/navigate.json")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"runtime.mjs": Source(), "runtime_test.mjs": string(test), "navigate.json": string(table)} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	nodetest.Test(t, dir, nil, "runtime_test.mjs")
}
