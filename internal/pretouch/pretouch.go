// Package pretouch faults in the pages the Go heap grows into in bulk, as
// the runtime maps them, instead of one page fault per page at first touch:
// what the JVM's -XX:+AlwaysPreTouch does for its whole heap at start.
//
// A one-shot build's heap grows to a few hundred megabytes within seconds.
// Where a page fault is dear (a virtual machine that shadows the guest's
// page tables: a trap to the host each), the faults of the 1,000-module
// build took 15% of its main process's CPU. The runtime reserves its heap's
// address space and maps it, a few megabytes at a time, as the heap grows,
// from the lowest addresses up; Start watches the runtime's mapped memory
// from a goroutine and makes each newly mapped part present with one
// madvise(MADV_POPULATE_WRITE): as far as the heap's resident part and a
// little more, never past the heap's goal (what it reaches before the next
// collection), and not while a soft memory limit holds the heap.
//
// It is best effort: a page the allocator touches first is faulted in as
// usual, and so is one the runtime gave back to the system and takes again.
// Where the kernel cannot populate pages (not Linux, or before Linux 5.14),
// Start does nothing.
package pretouch

import (
	"runtime/metrics"
	"sync"
	"time"

	"github.com/modc-dev/modc/internal/heapsize"
)

// every is how often Start looks for newly mapped memory (the runtime maps
// its heap 4 MiB at a time, and a build's heap grows by ~200 MB/s at most);
// once the heap has not grown for quiet, it looks every idle instead, so
// that a worker waiting for work is not woken 500 times a second. (Backing
// off at once, doubling the wait, cost a build's pauses in growth: the
// pages after each were faulted in one by one.)
const (
	every = 2 * time.Millisecond
	quiet = 250 * time.Millisecond
	idle  = 100 * time.Millisecond
)

// chunk is the unit in which the heap is populated: a multiple of any page
// size (madvise takes whole pages).
const chunk = 1 << 20

// Start pre-touches the heap until the returned func is called; it does
// nothing (and the func nothing) where the system cannot populate pages.
func Start() (stop func()) {
	base, ok := heapBase()
	if !ok {
		return func() {}
	}
	done, stopped := make(chan struct{}), make(chan struct{})
	go follow(base, done, stopped)
	return sync.OnceFunc(func() {
		close(done)
		<-stopped
	})
}

// follow populates the heap's mapped pages from base up as the runtime maps
// them, until done is closed.
func follow(base uintptr, done <-chan struct{}, stopped chan<- struct{}) {
	defer close(stopped)
	s := newSample()
	timer := time.NewTimer(every)
	defer timer.Stop()
	reached, mapped := base, uint64(0)
	grew := time.Now()
	for {
		// The runtime's mapped memory grew: there may be more to populate;
		// not when a soft memory limit holds the heap (its pages go back to
		// the system and come again; the limit counts each one, and a
		// page populated ahead would be one more).
		if total, to, ok := read(s); ok && total != mapped && !heapsize.Crowded() {
			mapped = total
			if end := base + uintptr(to)&^(chunk-1); end > reached {
				reached = populate(reached, end)
			}
			grew = time.Now()
		}
		if time.Since(grew) < quiet {
			timer.Reset(every)
		} else {
			timer.Reset(idle)
		}
		select {
		case <-done:
			return
		case <-timer.C:
		}
	}
}

// ahead is how far above the heap's resident part pages are populated:
// more than the runtime maps at once (4 MiB).
const ahead = 8 << 20

// The runtime/metrics samples read reads.
const (
	total = iota
	goal
	objects
	unused
	free
	stacks
	samples
)

func newSample() []metrics.Sample {
	return []metrics.Sample{
		total:   {Name: "/memory/classes/total:bytes"},
		goal:    {Name: "/gc/heap/goal:bytes"},
		objects: {Name: "/memory/classes/heap/objects:bytes"},
		unused:  {Name: "/memory/classes/heap/unused:bytes"},
		free:    {Name: "/memory/classes/heap/free:bytes"},
		stacks:  {Name: "/memory/classes/heap/stacks:bytes"},
	}
}

// read returns the memory the runtime has mapped, and how many bytes above
// the heap's base to populate: as far as the heap's resident pages (in use,
// or free and not given back) and ahead more, but not past the heap's goal
// (what it reaches before the next collection). A page the runtime counts
// as given back to the system is not populated: its memory limit would not
// count it.
func read(s []metrics.Sample) (mapped, to uint64, ok bool) {
	metrics.Read(s)
	var v [samples]uint64
	for i := range s {
		if s[i].Value.Kind() != metrics.KindUint64 {
			return 0, 0, false
		}
		v[i] = s[i].Value.Uint64()
	}
	return v[total], min(v[objects]+v[unused]+v[free]+v[stacks]+ahead, v[goal]), true
}
