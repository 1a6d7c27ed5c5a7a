// Package parallel runs the iterations of a loop on a bounded number of
// goroutines.
package parallel

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Map calls fn(i) for every i in [0, n) on at most limit goroutines at once
// (GOMAXPROCS when limit <= 0) and returns when every call has returned.
// The calls start in increasing order of i, each on a goroutine Map
// starts, never the caller's; to keep results in input order, fn stores
// the result of i at index i of a slice.
//
// If a call panics, Map starts no more calls, waits for those running and
// panics in the caller's goroutine with an error that holds the value and
// the stack of the first panic (errors.Unwrap returns the value when it is
// an error). If a call ends its goroutine with runtime.Goexit (as
// t.FailNow does), Map starts no more calls, waits, and ends the caller's
// goroutine the same way.
func Map(n, limit int, fn func(i int)) {
	if limit <= 0 {
		limit = runtime.GOMAXPROCS(0)
	}
	var (
		next  atomic.Int64
		stop  atomic.Bool
		wg    sync.WaitGroup
		first sync.Once
		fault *panicError // the first panic, or nil
		exit  bool        // the first call to end abnormally called Goexit
	)
	for range min(limit, n) {
		wg.Go(func() {
			returned := false
			defer func() {
				if returned {
					return
				}
				stop.Store(true)
				v := recover() // nil only for Goexit: panic(nil) recovers a *runtime.PanicNilError
				first.Do(func() {
					if v == nil {
						exit = true
					} else {
						fault = &panicError{value: v, stack: debug.Stack()}
					}
				})
			}()
			for !stop.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					break
				}
				fn(i)
			}
			returned = true
		})
	}
	wg.Wait()
	switch {
	case fault != nil:
		panic(fault)
	case exit:
		runtime.Goexit()
	}
}

// panicError is what Map panics with when a call of fn panicked.
type panicError struct {
	value any
	stack []byte // of the goroutine that panicked, taken in its deferred recover
}

func (p *panicError) Error() string {
	return fmt.Sprintf("%v [recovered by parallel.Map]\n\n%s", p.value, p.stack)
}

func (p *panicError) Unwrap() error {
	err, _ := p.value.(error)
	return err
}
