package dryrun

import "testing"

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
