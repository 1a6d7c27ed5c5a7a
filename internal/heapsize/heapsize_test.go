package heapsize

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// TestTuneAndRestore: Tune sets GOGC=200 and a memory limit within the
// budget; GOGC follows a live heap past smallHeap (Percent) and the limit
// one that outgrows the budget; the last restore puts back what the first
// Tune found.
func TestTuneAndRestore(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before, beforeLimit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(before)

	restore := Tune()
	again := Tune() // a second command at once shares the tuning
	if p := gogc(); p != basePercent {
		t.Errorf("GOGC %d, want %d", p, basePercent)
	}
	if l := debug.SetMemoryLimit(-1); l != floor {
		t.Errorf("memory limit %d, want %d", l, floor)
	}

	// A live heap of 64 MiB: GOGC rises so that the heap's goal is about
	// the limit.
	hold := live(64 << 20)
	want := Percent(64 << 20)
	if want <= basePercent {
		t.Fatalf("Percent(64 MiB) = %d, want more than %d", want, basePercent)
	}
	waitFor(t, func() bool { return gogc() >= want*3/4 && gogc() <= want })
	runtime.KeepAlive(hold)

	// A live heap of 1.2 × the budget raises the limit to 1.5 times it,
	// and brings GOGC back to 200.
	hold = nil
	hold = live(Budget + Budget/5)
	waitFor(t, func() bool {
		return debug.SetMemoryLimit(-1) >= int64(Limit(uint64(len(hold)))) && gogc() == basePercent
	})
	runtime.KeepAlive(hold)

	again()
	if p := gogc(); p != basePercent {
		t.Errorf("GOGC %d after one of two restores, want %d", p, basePercent)
	}
	restore()
	restore() // once only
	if p := gogc(); p != before {
		t.Errorf("GOGC %d after restore, want %d", p, before)
	}
	if l := debug.SetMemoryLimit(-1); l != beforeLimit {
		t.Errorf("memory limit %d after restore, want %d", l, beforeLimit)
	}
}

// live makes a live heap of about n bytes (collected once, so the runtime
// knows it).
func live(n int) []byte {
	hold := make([]byte, n)
	for i := 0; i < len(hold); i += 4096 {
		hold[i] = 1
	}
	runtime.GC()
	return hold
}

// gogc reads GOGC without setting it.
func gogc() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}

// waitFor waits up to 5 s for ok, failing the test after.
func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("GOGC %d, memory limit %d: not what the live heap asks for after 5 s", gogc(), debug.SetMemoryLimit(-1))
		}
		time.Sleep(every)
	}
}

// TestUserSettingsStand: with GOGC or GOMEMLIMIT in the environment, Tune
// changes nothing.
func TestUserSettingsStand(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, "100")
			before := debug.SetGCPercent(-1)
			debug.SetGCPercent(before)
			restore := Tune()
			p := debug.SetGCPercent(-1)
			debug.SetGCPercent(p)
			restore()
			if p != before {
				t.Errorf("GOGC %d with %s set, want %d", p, env, before)
			}
		})
	}
}

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, basePercent}, {smallHeap - 1, basePercent}, // a small heap
		{smallHeap, 694},                   // floor / 32 MiB = 7.94
		{floor / 4, 300}, {floor / 3, 200}, // goal = floor
		{floor, basePercent}, {2 * Budget, basePercent}, // past the budget: the limit rules
	} {
		if got := Percent(c.live); got != c.want {
			t.Errorf("Percent(%d) = %d, want %d", c.live, got, c.want)
		}
	}
}

// TestCrowded: a heap whose soft memory limit is three times its live
// part or less is crowded; one with no limit, or far under it, is not.
func TestCrowded(t *testing.T) {
	prev := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetMemoryLimit(prev)
	hold := live(64 << 20)
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	heap := s[0].Value.Uint64()
	if Crowded() {
		t.Error("crowded with no memory limit")
	}
	debug.SetMemoryLimit(int64(heap * 2))
	if !Crowded() {
		t.Errorf("not crowded with a live heap of %d under a limit of %d", heap, heap*2)
	}
	debug.SetMemoryLimit(int64(heap * 10))
	if Crowded() {
		t.Errorf("crowded with a live heap of %d under a limit of %d", heap, heap*10)
	}
	runtime.KeepAlive(hold)
}

func TestLimit(t *testing.T) {
	for _, c := range []struct{ live, want uint64 }{
		{0, floor}, {100 << 20, floor}, {150 << 20, floor}, {400 << 20, 600 << 20},
	} {
		if got := Limit(c.live); got != c.want {
			t.Errorf("Limit(%d) = %d, want %d", c.live, got, c.want)
		}
	}
}

// TestCollector: collections made are counted, with CPU time spent on
// them, and the process's CPU time grows.
func TestCollector(t *testing.T) {
	before := Collector()
	var keep [][]byte
	for range 3 {
		keep = append(keep, make([]byte, 8<<20))
		runtime.GC()
	}
	runtime.KeepAlive(keep)
	after := Collector()
	if after.Cycles < before.Cycles+3 {
		t.Errorf("%d collections after 3 more than %d", after.Cycles, before.Cycles)
	}
	if after.CPU <= before.CPU {
		t.Errorf("collecting cost no CPU: %v, then %v", before.CPU, after.CPU)
	}
	if runtime.GOOS == "linux" && (after.Used <= before.Used || after.Used <= 0) {
		t.Errorf("the process used %v of CPU, then %v", before.Used, after.Used)
	}
}
