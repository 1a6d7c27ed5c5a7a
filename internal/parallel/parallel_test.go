package parallel

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestMapCallsEachIndexOnce: every i in [0, n) is called exactly once,
// whatever the limit, and none outside it.
func TestMapCallsEachIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		for _, limit := range []int{-1, 0, 1, 3, 2000} {
			calls := make([]atomic.Int32, n)
			Map(n, limit, func(i int) { calls[i].Add(1) })
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Errorf("n=%d limit=%d: fn(%d) called %d times", n, limit, i, c)
				}
			}
		}
	}
}

// TestMapKeepsInputOrder: results stored at their index come out in input
// order, though the calls end in another order.
func TestMapKeepsInputOrder(t *testing.T) {
	in := make([]int, 200)
	for i := range in {
		in[i] = i * 3
	}
	out := make([]string, len(in))
	Map(len(in), 8, func(i int) {
		time.Sleep(time.Duration((len(in)-i)%7) * 100 * time.Microsecond) // later ones finish first
		out[i] = fmt.Sprint(in[i])
	})
	for i, s := range out {
		if s != fmt.Sprint(in[i]) {
			t.Fatalf("out[%d] = %q, want %q", i, s, fmt.Sprint(in[i]))
		}
	}
}

// TestMapStartsInOrder: with one goroutine the calls happen in index
// order, as a loop would make them.
func TestMapStartsInOrder(t *testing.T) {
	var got []int
	Map(50, 1, func(i int) { got = append(got, i) })
	want := make([]int, 50)
	for i := range want {
		want[i] = i
	}
	if !slices.Equal(got, want) {
		t.Errorf("calls in order %v", got)
	}
}

// TestMapBound: no more than limit calls run at once (GOMAXPROCS for
// limit <= 0), and limit of them do run at once.
func TestMapBound(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	for _, c := range []struct{ n, limit, want int }{
		{100, 1, 1},
		{100, 4, 4},
		{100, 0, 3},
		{100, -5, 3},
		{2, 10, 2},
	} {
		var running, peak atomic.Int32
		Map(c.n, c.limit, func(int) {
			r := running.Add(1)
			for p := peak.Load(); r > p && !peak.CompareAndSwap(p, r); p = peak.Load() {
			}
			time.Sleep(time.Millisecond)
			running.Add(-1)
		})
		if p := peak.Load(); p > int32(c.want) {
			t.Errorf("n=%d limit=%d: %d calls ran at once, want at most %d", c.n, c.limit, p, c.want)
		}
	}

	// limit calls do run at once: each waits for the others.
	const limit = 4
	var arrived sync.WaitGroup
	arrived.Add(limit)
	done := make(chan struct{})
	go func() {
		defer close(done)
		Map(limit, limit, func(int) {
			arrived.Done()
			arrived.Wait()
		})
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the calls did not all run at once")
	}
}

// TestMapPanic: a panic in fn reaches the caller, with its value and the
// stack where it happened; no call starts after it.
func TestMapPanic(t *testing.T) {
	var calls atomic.Int32
	v := func() (v any) {
		defer func() { v = recover() }()
		Map(100, 1, func(i int) {
			calls.Add(1)
			if i == 10 {
				panicAt10()
			}
		})
		return nil
	}()
	err, ok := v.(error)
	if !ok {
		t.Fatalf("Map panicked with %#v, want an error", v)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "boom at 10") || !strings.Contains(msg, "panicAt10") {
		t.Errorf("the panic's message lacks its value or its stack:\n%s", msg)
	}
	if c := calls.Load(); c != 11 {
		t.Errorf("%d calls, want 11: none after the panic", c)
	}

	// An error value is wrapped; several panics give the first one.
	sentinel := errors.New("sentinel")
	v = func() (v any) {
		defer func() { v = recover() }()
		Map(8, 8, func(int) { panic(sentinel) })
		return nil
	}()
	if err, _ := v.(error); !errors.Is(err, sentinel) {
		t.Errorf("Map panicked with %v, want an error wrapping %v", v, sentinel)
	}
}

func panicAt10() { panic("boom at 10") }

// TestMapGoexit: a call that ends its goroutine with runtime.Goexit ends
// the caller's too, after the running calls.
func TestMapGoexit(t *testing.T) {
	returned, deferred := false, false
	var calls atomic.Int32
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() { deferred = true }()
		Map(100, 1, func(i int) {
			calls.Add(1)
			if i == 3 {
				runtime.Goexit()
			}
		})
		returned = true
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Map did not end 10 s after a call's Goexit")
	}
	if returned || !deferred {
		t.Errorf("Map returned: %v, the caller's deferred call ran: %v; want false, true", returned, deferred)
	}
	if c := calls.Load(); c != 4 {
		t.Errorf("%d calls, want 4: none after the Goexit", c)
	}
}
