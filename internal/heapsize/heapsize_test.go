package heapsize

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestTuneAndRestore: Tune sets GOGC=800 and a memory limit within the
// budget, the limit follows a live heap that outgrows it, and the last
// restore puts back what the first Tune found.
func TestTuneAndRestore(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before, beforeLimit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(before)

	restore := Tune()
	again := Tune() // a second command at once shares the tuning
	if p := debug.SetGCPercent(-1); p != gcPercent {
		t.Errorf("GOGC %d, want %d", p, gcPercent)
	}
	debug.SetGCPercent(gcPercent)
	if l := debug.SetMemoryLimit(-1); l != floor {
		t.Errorf("memory limit %d, want %d", l, floor)
	}

	// A live heap of 1.2 × the budget raises the limit to 1.5 times it.
	hold := make([]byte, Budget+Budget/5)
	for i := 0; i < len(hold); i += 4096 {
		hold[i] = 1
	}
	runtime.GC()
	deadline := time.Now().Add(5 * time.Second)
	for debug.SetMemoryLimit(-1) < int64(Limit(uint64(len(hold)))) && time.Now().Before(deadline) {
		time.Sleep(every)
	}
	if l, want := debug.SetMemoryLimit(-1), int64(Limit(uint64(len(hold)))); l < want {
		t.Errorf("memory limit %d with a live heap of %d, want at least %d", l, len(hold), want)
	}
	runtime.KeepAlive(hold)

	again()
	if p := debug.SetGCPercent(-1); p != gcPercent {
		t.Errorf("GOGC %d after one of two restores, want %d", p, gcPercent)
	}
	debug.SetGCPercent(gcPercent)
	restore()
	restore() // once only
	if p := debug.SetGCPercent(-1); p != before {
		t.Errorf("GOGC %d after restore, want %d", p, before)
	}
	debug.SetGCPercent(before)
	if l := debug.SetMemoryLimit(-1); l != beforeLimit {
		t.Errorf("memory limit %d after restore, want %d", l, beforeLimit)
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
