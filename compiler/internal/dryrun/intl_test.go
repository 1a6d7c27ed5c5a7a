package dryrun

import (
	"os"
	"testing"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jslib"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// TestIntlInDryRuns dry-runs a module that formats numbers and dates
// with Intl and toLocale*String, compares strings with localeCompare and
// matches \p{…}: every example expects what Chromium gives.
func TestIntlInDryRuns(t *testing.T) {
	res, msgs := Run(pkg(t, "testdata/intl", "fmt"), Options{})
	if msgs.HasErrors() {
		t.Fatalf("unexpected messages:\n%s", msgs)
	}
	r := result(t, res, "fmt/locale")
	if !r.OK {
		t.Errorf("fmt/locale: not OK")
	}
	for _, e := range r.Examples {
		if !e.Passed {
			t.Errorf("example %q did not pass: %s (result %s)", e.Name, e.Error, e.Result)
		}
	}
	if len(r.Examples) != 18 {
		t.Errorf("ran %d examples, want 18", len(r.Examples))
	}
}

// TestIntlInLibraries dry-runs a module whose library (not the module's
// own code) uses Intl, toLocaleDateString and \p{…}: the library gets them
// too.
func TestIntlInLibraries(t *testing.T) {
	ws, msgs := workspace.Load(os.DirFS("testdata/intllib"))
	if msgs.HasErrors() {
		t.Fatal(msgs.Errors())
	}
	m := ws.Module("lib/money")
	main, msgs := jsmod.Analyze(m.Main, jsmod.Env{Libraries: []string{"fmtlib"}})
	if msgs.HasErrors() || main == nil {
		t.Fatalf("analysing: %s", diag.List(msgs.Errors()))
	}
	lib := jslib.New("fmtlib", "fmtlib", "1.0.0", `
module.exports = {
  money: (x) => new Intl.NumberFormat("de-DE", { style: "currency", currency: "EUR" }).format(x),
  day: (ms) => new Date(ms).toLocaleDateString("de-DE", { dateStyle: "long", timeZone: "UTC" }),
  words: (s) => s.match(/\p{L}+/gu),
};`)
	res, rmsgs := Run([]Input{{Module: m, Main: main, Requests: map[string]string{}, Libraries: []*jslib.Library{lib}}}, Options{})
	if rmsgs.HasErrors() {
		t.Fatalf("unexpected messages:\n%s", rmsgs)
	}
	r := result(t, res, "lib/money")
	for _, e := range r.Examples {
		if !e.Passed {
			t.Errorf("example %q did not pass: %s (result %s)", e.Name, e.Error, e.Result)
		}
	}
	if len(r.Examples) != 3 || !r.OK {
		t.Errorf("ran %d examples, OK %v; want 3, true", len(r.Examples), r.OK)
	}
}
