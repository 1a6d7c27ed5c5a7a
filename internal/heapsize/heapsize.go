// Package heapsize sizes the Go heap of a one-shot modc command (a build,
// a check), as esbuild's command turns its collector off for a one-shot
// build: such a run allocates a lot and exits, so collecting rarely while
// the heap is small saves CPU, and collecting early once it is large keeps
// memory near a budget.
//
// Tune starts with GOGC=200 (the heap grows to three times its live part
// between collections) under a soft memory limit
// (runtime/debug.SetMemoryLimit) that keeps the process within Budget.
// Once the live heap passes a small size (smallHeap), GOGC follows it so
// that the heap's goal is about the limit (Percent): a workspace whose live
// heap stays small is collected a few times, not each time its heap
// triples. The limit is raised while the run goes to one and a half times
// the live heap, so a workspace whose live heap outgrows the budget is
// collected as with GOGC=50, never pinned at a limit it has outgrown
// (where the collector would spend up to half the CPU).
package heapsize

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// Budget is the resident memory a one-shot run aims to stay under: SPEC
// 11's target for the cold build of 5,000 modules, 300 MB.
const Budget = 300_000_000

// outside is what the process keeps resident besides what the Go runtime
// accounts for, which is all a soft memory limit counts: mostly the
// binary's code and data (21–28 MB at the peak of a 5,000-module build).
const outside = 32 << 20

// floor is the soft memory limit while the live heap allows it.
const floor = Budget - outside

// basePercent is GOGC while the live heap is under smallHeap, and the
// least Percent returns.
const basePercent = 200

// smallHeap is the live heap under which GOGC stays basePercent.
// Collecting a small heap often seems to keep the first long-lived data
// (the workspace as loaded) in few spans: with the first collection put
// off until the budget, the 5,000-module build later collected 10–20%
// more often (partly used spans, which the limit counts, the likely cause).
const smallHeap = 32 << 20

// every is how often the limit and GOGC follow the live heap.
const every = 50 * time.Millisecond

// The tuning in force: commands run at once in one process (tests) share
// it, and the last to end restores what the first found.
var (
	mu      sync.Mutex
	users   int
	percent int   // GOGC found
	limit   int64 // memory limit found
	done    chan struct{}
	stopped chan struct{}
)

// Tune sizes the heap until the returned func restores the settings it
// found. It does nothing when the environment sets GOGC or GOMEMLIMIT:
// the user's choice stands.
func Tune() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	mu.Lock()
	defer mu.Unlock()
	if users == 0 {
		percent = debug.SetGCPercent(basePercent)
		limit = debug.SetMemoryLimit(floor)
		done, stopped = make(chan struct{}), make(chan struct{})
		go follow(done, stopped)
	}
	users++
	return sync.OnceFunc(func() {
		mu.Lock()
		defer mu.Unlock()
		if users--; users == 0 {
			close(done)
			<-stopped
			debug.SetGCPercent(percent)
			debug.SetMemoryLimit(limit)
		}
	})
}

// follow sets GOGC to Percent and raises the limit to Limit of the live
// heap, until done is closed.
func follow(done <-chan struct{}, stopped chan<- struct{}) {
	defer close(stopped)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	limit, gogc := uint64(floor), basePercent
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
		}
		metrics.Read(sample)
		live := sample[0].Value.Uint64()
		if p := Percent(live); p != gogc {
			gogc = p
			debug.SetGCPercent(gogc)
		}
		if want := Limit(live); want > limit {
			limit = want
			debug.SetMemoryLimit(int64(limit))
		}
	}
}

// Percent is GOGC for a live heap of live bytes: basePercent under
// smallHeap; above, the GOGC whose heap goal is the limit's floor (694 at
// smallHeap), or basePercent when that is more.
func Percent(live uint64) int {
	if live < smallHeap {
		return basePercent
	}
	return max(basePercent, int(uint64(floor)*100/live)-100)
}

// Limit is the soft memory limit for a live heap of live bytes: Budget
// less what the process holds outside the runtime's accounting, or one and
// a half times the live heap when that is more.
func Limit(live uint64) uint64 {
	return max(floor, live+live/2)
}

// Crowded reports whether a soft memory limit holds the heap: the live
// heap is a third of the limit or more (whoever set it: Tune, or
// GOMEMLIMIT). Work that allocates much and keeps little is then worth a
// process of its own, out of the heap the limit counts (the compiler runs
// esbuild so: at 5,000 modules, 78-83 -> 60-62 collections and 7-13% less
// time; with room under the limit, as at 1,000 modules, the process's
// start and cold stacks cost 3% more than it saved).
func Crowded() bool {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return false
	}
	limit := s[1].Value.Uint64()
	return limit < math.MaxInt64 && s[0].Value.Uint64() >= limit/3
}

// Collected is what the collector has cost this process so far.
type Collected struct {
	Cycles uint64 // collections
	// CPU is the Go runtime's estimate of the CPU time spent collecting
	// (marking on otherwise idle CPUs included); on a busy machine it
	// counts some time the system gave other processes.
	CPU time.Duration
	// Used is the CPU time the process used (user and system, from the
	// operating system; 0 where it cannot say), the collector's included.
	Used time.Duration
}

// Collector reports what the collector has cost this process so far.
func Collector() Collected {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}, {Name: "/cpu/classes/gc/total:cpu-seconds"}}
	metrics.Read(s)
	c := Collected{Used: processCPU()}
	if s[0].Value.Kind() == metrics.KindUint64 {
		c.Cycles = s[0].Value.Uint64()
	}
	if s[1].Value.Kind() == metrics.KindFloat64 {
		c.CPU = time.Duration(s[1].Value.Float64() * float64(time.Second))
	}
	return c
}
