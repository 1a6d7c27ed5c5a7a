package dryrun

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestWorkerLimitSaysHow: a worker that the parent's watch on its resident
// memory stops is reported over the memory limit, and with
// MODC_DEBUG_WORKER set the report says how the limit was seen passed: what
// to look at when a module is reported over the limit and should not be.
func TestWorkerLimitSaysHow(t *testing.T) {
	w, err := startWorker(DefaultMemoryLimit)
	if err != nil {
		t.Fatal(err)
	}
	defer w.discard()
	// A watch that started from 1 byte with no room: the worker is over
	// from the first reading.
	w.baseRSS = 1
	var replies atomic.Int64
	stop, watched := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(watched)
		w.watchMemory(0, &replies, stop)
	}()
	select {
	case <-watched:
	case <-time.After(20 * rssGrace):
		close(stop)
		t.Fatalf("the watch did not stop the worker within %v", 20*rssGrace)
	}
	limit, how := w.wait()
	if limit != limitMemory || !strings.Contains(how, "the parent saw its resident memory at ") {
		t.Fatalf("wait() = %v, %q; want the memory limit, seen by the parent's watch", limit, how)
	}

	in := load(t, "testdata/bench")[0]
	opts := Options{}
	opts.defaults()
	const text = "dry run of shop/orders: the dry run used more than 128 MiB of memory"
	for _, debug := range []string{"", "1"} {
		t.Setenv(debugWorkerEnv, debug)
		msg := failed(&in, &opts, &Result{Module: in.Module.ID()}, -2, limit, how)
		if !strings.HasPrefix(msg.Text, text) {
			t.Errorf("MODC_DEBUG_WORKER=%q: %q, want it to start %q", debug, msg.Text, text)
		}
		if says := strings.Contains(msg.Text, how); says != (debug != "") {
			t.Errorf("MODC_DEBUG_WORKER=%q: %q says how: %v", debug, msg.Text, says)
		}
	}
}
