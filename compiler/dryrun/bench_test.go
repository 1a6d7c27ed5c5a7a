package dryrun

import (
	"fmt"
	"runtime"
	"testing"
	"time"
)

// BenchmarkDryRun dry-runs a realistic module (5 functions, 2 queries, 6
// examples) in batches of 100, with one worker and with GOMAXPROCS workers,
// and reports modules per second and per core.
func BenchmarkDryRun(b *testing.B) {
	inputs := load(b, "testdata/bench")
	if len(inputs) != 1 {
		b.Fatalf("want 1 module, got %d", len(inputs))
	}
	const batch = 100
	in := make([]Input, batch)
	for i := range in {
		in[i] = inputs[0]
	}
	for _, par := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("parallel=%d", par), func(b *testing.B) {
			start := time.Now()
			for b.Loop() {
				res, msgs := Run(in, Options{Parallel: par})
				if len(msgs) > 0 || !res[batch-1].OK {
					b.Fatalf("the benchmark module fails:\n%s", msgs)
				}
			}
			perSec := float64(b.N*batch) / time.Since(start).Seconds()
			b.ReportMetric(perSec, "modules/s")
			b.ReportMetric(perSec/float64(par), "modules/s/core")
			b.ReportMetric(0, "ns/op")
		})
	}
}
