package main

import (
	"strings"
	"testing"
	"time"

	"github.com/modc-dev/modc/compiler"
)

// TestProgressOverlappingStages: a build bundles while its dry runs run;
// when the bundle is done, the line shows the dry runs again, not nothing.
func TestProgressOverlappingStages(t *testing.T) {
	var out strings.Builder
	// A clock that moves 1 ms a reading: the line's times have a fixed
	// width (real ones from 100 µs on made it too long to show the bundle).
	at := time.Now()
	now := func() time.Time { at = at.Add(time.Millisecond); return at }
	p := &progressLine{w: &out, verb: "building", start: at, now: now}
	last := func() string {
		s := out.String()
		return s[strings.LastIndex(s, "\x1b[K")+len("\x1b[K"):]
	}
	p.update(compiler.Progress{Stage: "dry runs", Modules: 20})
	p.update(compiler.Progress{Stage: "bundle"})
	if got := last(); !strings.Contains(got, "· bundle ") {
		t.Fatalf("while bundling, the line is %q", got)
	}
	p.update(compiler.Progress{Stage: "bundle", Done: true, Duration: 12 * time.Millisecond})
	if got := last(); !strings.Contains(got, "· bundle 12ms · dry runs of 20 modules ") {
		t.Fatalf("after the bundle, the line is %q", got)
	}
	p.update(compiler.Progress{Stage: "dry runs", Done: true, Modules: 20, Duration: 30 * time.Millisecond})
	if got := last(); strings.HasSuffix(got, "…") || !strings.Contains(got, "2 stages done") {
		t.Fatalf("with every stage done, the line is %q", got)
	}
}
