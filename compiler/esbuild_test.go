package compiler

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"

	"github.com/modc-dev/modc/compiler/gen"
	"github.com/modc-dev/modc/internal/treetest"
)

// TestCrowdedBuild: a one-shot build whose heap is crowded bundles in an
// esbuild worker (this test binary, started again), and its files and
// messages are those of a build that bundles in this process.
func TestCrowdedBuild(t *testing.T) {
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Options{Packages: 3, Modules: 3, Bindings: 5}); err != nil {
		t.Fatal(err)
	}
	opts := Options{Root: dir, CacheDir: "-"}
	prev := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetMemoryLimit(prev)
	want := Build(opts)
	if want.Failed() || len(want.Files) == 0 {
		t.Fatalf("build: %s", want.Messages)
	}

	hold, live := holdLive(64 << 20)
	debug.SetMemoryLimit(int64(live * 2))
	s := newSession(opts)
	got := s.Build(nil)
	if s.esbuild == nil || s.esbuild.Built() == 0 {
		t.Error("a crowded build bundled in process")
	}
	s.closeEngine()
	debug.SetMemoryLimit(math.MaxInt64)
	runtime.KeepAlive(hold)

	if g, w := got.Messages.String(), want.Messages.String(); g != w {
		t.Errorf("messages differ\n--- crowded\n%s--- in process\n%s", g, w)
	}
	if differ := treetest.Diff(got.Files, want.Files); len(differ) > 0 {
		t.Errorf("files differ from a build in process: %v", differ)
	}
}

// holdLive allocates n bytes that stay live, collects, and returns them
// with the live heap the runtime then counts.
func holdLive(n int) ([]byte, uint64) {
	hold := make([]byte, n)
	for i := 0; i < n; i += 4096 {
		hold[i] = 1
	}
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return hold, s[0].Value.Uint64()
}
