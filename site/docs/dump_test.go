package docs

import (
	"os"
	"testing"
)

func TestDumpExample(t *testing.T) {
	out := os.Getenv("MODC_DOCS_DUMP")
	if out == "" {
		t.Skip("set MODC_DOCS_DUMP=DIR")
	}
	writeFiles(t, out, render(t, "../..", Options{}))
}
