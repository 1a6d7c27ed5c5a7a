package dryrun

import (
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"
)

// BenchmarkDryRun dry-runs a realistic module (5 functions, 2 variables, 2
// queries) in batches of 100, with its 6 examples and with none (the top
// level only), with one worker and with GOMAXPROCS workers. It reports
// modules per second, and per core (per worker). Nothing is cached between
// modules: each is compiled and run in a fresh VM. It also reports the CPU
// time the process used per module (all threads, the GC's included), which
// a busy machine disturbs less than the wall-clock figures.
func BenchmarkDryRun(b *testing.B) {
	inputs := load(b, "testdata/bench")
	if len(inputs) != 1 || len(inputs[0].Module.Examples) != 6 {
		b.Fatalf("want 1 module with 6 examples, got %d", len(inputs))
	}
	noExamples := inputs[0]
	mod := *noExamples.Module
	mod.Examples = nil
	noExamples.Module = &mod
	const batch = 100
	if os.Getenv(profileEnv) != "" {
		// Workers write their profiles when their jobs pipe closes.
		b.Cleanup(workers.drain)
	}
	for _, c := range []struct {
		name string
		in   Input
	}{{"examples=6", inputs[0]}, {"examples=0", noExamples}} {
		in := make([]Input, batch)
		for i := range in {
			in[i] = c.in
		}
		for _, par := range []int{1, runtime.GOMAXPROCS(0)} {
			b.Run(fmt.Sprintf("%s/parallel=%d", c.name, par), func(b *testing.B) {
				start, cpu := time.Now(), cpuTime()
				for b.Loop() {
					res, msgs := Run(in, Options{Parallel: par})
					if len(msgs) > 0 || !res[batch-1].OK {
						b.Fatalf("the benchmark module fails:\n%s", msgs)
					}
				}
				perSec := float64(b.N*batch) / time.Since(start).Seconds()
				b.ReportMetric(perSec, "modules/s")
				b.ReportMetric(perSec/float64(par), "modules/s/core")
				b.ReportMetric(float64(time.Since(start).Microseconds())/float64(b.N*batch), "µs/module")
				if cpu > 0 {
					b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N*batch), "cpu-µs/module")
				}
				b.ReportMetric(0, "ns/op")
			})
		}
	}
}
