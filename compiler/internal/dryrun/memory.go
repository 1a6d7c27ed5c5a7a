package dryrun

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// goja has no allocation limit, so a worker (worker.go) gives its module
// one, in two parts. The built-ins that allocate in one step in proportion
// to an argument (String.prototype.repeat, typed arrays, …) are guarded
// (guards.go), so they throw a RangeError instead of allocating. Everything
// else allocates step by step, and a watchdog samples the Go heap every
// millisecond while a module runs: when it has grown past the limit, the
// VM is interrupted and the module gets an error at the line that ran. A
// worker runs one module at a time, so the heap's growth is that module's.
// What neither catches (one built-in call that allocates without end) the
// parent stops from outside (pool.go).

// sampleEvery is how often the watchdog reads the heap size.
const sampleEvery = time.Millisecond

// hardGrace is how long memory may stay over the hard limit, for the VM to
// stop when interrupted, before the worker gives up on it.
const hardGrace = 250 * time.Millisecond

// limitKind says which limit stopped an evaluation.
type limitKind int

const (
	limitTime limitKind = iota + 1
	limitMemory
)

// control lets the watchdog and the timer interrupt one VM, and only while
// an evaluation is under way.
type control struct {
	vm *goja.Runtime

	mu      sync.Mutex
	active  bool
	memory  bool // the memory limit was hit: abandon the module
	stopped limitKind
}

// begin marks the start of an evaluation; false when the memory limit was
// hit since the last one.
func (c *control) begin() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.vm.ClearInterrupt()
	c.active = true
	c.stopped = 0
	return !c.memory
}

// end marks the end of an evaluation and returns the limit that stopped
// it, if any.
func (c *control) end() limitKind {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.active = false
	c.vm.ClearInterrupt()
	if c.memory {
		return limitMemory
	}
	return c.stopped
}

// interruptMemory stops the VM for the memory limit, and marks the module
// to be abandoned even if it is between evaluations.
func (c *control) interruptMemory() {
	c.interrupt(limitMemory)
}

// interruptTime stops the VM for the time limit.
func (c *control) interruptTime() {
	c.interrupt(limitTime)
}

// interrupt stops the evaluation under way, if any, for the limit k.
func (c *control) interrupt(k limitKind) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if k == limitMemory {
		c.memory = true
	}
	if c.active && c.stopped == 0 {
		c.stopped = k
		c.vm.Interrupt(k)
	}
}

// watchdog enforces the memory limit over all running dry runs.
type watchdog struct {
	mu       sync.Mutex
	users    int
	limit    uint64
	running  map[*control]struct{}
	stop     chan struct{}
	done     chan struct{}
	prevSoft int64
	prevGC   int
	// gate is held for reading by every running module and for writing by
	// the watchdog while it collects the garbage of interrupted ones.
	gate sync.RWMutex
	// wake tells a sampler with nothing to watch that a module started,
	// wakeHard the same to hard's goroutine; entered counts the modules
	// that did.
	wake, wakeHard chan struct{}
	entered        uint64
	// collect is the heap size past which enter collects, and its sample.
	collect struct {
		sync.Mutex
		sample []metrics.Sample
		after  uint64
	}
}

// hard calls f, from a goroutine of its own, when the memory the Go
// runtime holds has stayed grown by more than limit since now for
// hardGrace, while a module runs (the sampler interrupts the VM first, when
// it can, with an error at the line that ran): the VM can be interrupted only between instructions, and f can
// stop what it cannot. (The sampler cannot: it waits for an interrupted
// module to end.)
func (w *watchdog) hard(limit uint64, f func()) {
	held := newHeldSample()
	at := heldMemory(held) + limit
	go func() {
		t := time.NewTicker(2 * sampleEvery)
		defer t.Stop()
		var over time.Time // since when the memory is over
		var module uint64
		for now := range t.C {
			w.mu.Lock()
			idle, entered := len(w.running) == 0, w.entered
			w.mu.Unlock()
			if idle {
				// Nothing to watch: sleep until a module starts (a worker
				// the devserver keeps waits for work between builds).
				over = time.Time{}
				<-w.wakeHard
				continue
			}
			switch {
			case heldMemory(held) <= at || entered != module: // a module's excess is not the next one's
				over, module = time.Time{}, entered
			case over.IsZero():
				over = now
			case now.Sub(over) >= hardGrace:
				f()
			}
		}
	}()
}

func newHeldSample() []metrics.Sample {
	return []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
}

// heldMemory is the memory the Go runtime has mapped and not given back.
func heldMemory(s []metrics.Sample) uint64 {
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64() - s[1].Value.Uint64()
}

var guard = newWatchdog()

func newWatchdog() *watchdog {
	w := &watchdog{running: map[*control]struct{}{}, wake: make(chan struct{}, 1), wakeHard: make(chan struct{}, 1)}
	w.collect.sample = newHeapSample()
	w.collect.after = heapObjects(w.collect.sample) + collectAfter
	return w
}

// newHeapSample makes the sample heapObjects reads: the bytes of live
// objects plus dead ones not swept yet.
func newHeapSample() []metrics.Sample {
	return []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
}

func heapObjects(s []metrics.Sample) uint64 {
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	return s[0].Value.Uint64()
}

// busyMemory is the memory the Go runtime holds minus the heap memory it
// holds free: what a soft limit must leave room for besides new objects.
func busyMemory() uint64 {
	s := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
	}
	metrics.Read(s)
	var v [4]uint64
	for i := range s {
		if s[i].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		v[i] = s[i].Value.Uint64()
	}
	if busy := v[0] - v[1] - v[2] - v[3]; busy <= v[0] {
		return busy
	}
	return 0
}

// collectAfter is how much the heap may grow, across modules, before the
// next module to start collects the garbage first (enter). While a module
// runs, its garbage counts as growth (the GC percentage is off, see start);
// but between modules, the garbage of the ones before is only in the way:
// a heap that cycled through the whole soft limit (about 100 MiB) between
// collections faulted its pages in again each cycle and missed the caches,
// for a third more CPU per module without examples than one kept small.
// 16 MiB rather than 64: on a host whose fresh pages cost more (a virtual
// machine whose page faults trap to the host), the dry-run workers of a
// cold 1,000-module build used 30% less CPU, the build 11% less wall time
// (alternated builds); on a host where they cost less it made no
// difference.
const collectAfter = 16 << 20

// start registers a Run. The first one starts the sampler and hands the
// GC's pacing to a soft memory limit three quarters of the way to the dry
// runs' limit: garbage is collected before it looks like growth, and, with
// the GC percentage off meanwhile, not before (VMs allocate a lot of
// short-lived garbage, and a heap that small would be collected every few
// megabytes) — except between modules (collectAfter). end restores both
// settings.
func (w *watchdog) start(limit uint64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.users++
	if w.users > 1 {
		w.limit = min(w.limit, limit)
		return
	}
	w.limit = limit
	w.prevSoft = debug.SetMemoryLimit(-1)
	w.prevGC = debug.SetGCPercent(-1)
	w.soften()
	w.stop, w.done = make(chan struct{}), make(chan struct{})
	go w.sample(heapObjects(newHeapSample()), w.stop, w.done)
}

// soften sets the soft memory limit to the memory in use now plus three
// quarters of the dry runs' limit; w.mu is held. (A smaller room starts a
// worker faster, with less fresh memory to fault in: a cold check of
// 1,000 modules took 1.2 s with 32 MiB against 1.6 s. But a module whose
// live heap outgrows the room then runs with the collector always on, and
// the garbage counted as growth is what lets the watchdog stop a string
// that doubles before its last step: the error then points at the line.)
func (w *watchdog) soften() {
	soft := busyMemory() + w.limit/4*3
	if soft < math.MaxInt64 && int64(soft) < w.prevSoft {
		debug.SetMemoryLimit(int64(soft))
	}
}

// end unregisters a Run; the last one stops the sampler and restores the
// soft memory limit.
func (w *watchdog) end() {
	w.mu.Lock()
	w.users--
	if w.users > 0 {
		w.mu.Unlock()
		return
	}
	stop, done := w.stop, w.done
	debug.SetMemoryLimit(w.prevSoft)
	debug.SetGCPercent(w.prevGC)
	w.mu.Unlock()
	close(stop)
	<-done
}

// enter is called before a module's VM runs, leave after it is dropped.
// It first collects the garbage of the modules before, when there is more
// than collectAfter of it.
func (w *watchdog) enter(c *control) {
	w.collect.Lock()
	if heapObjects(w.collect.sample) > w.collect.after {
		runtime.GC()
		w.collect.after = heapObjects(w.collect.sample) + collectAfter
	}
	w.collect.Unlock()
	w.gate.RLock()
	w.mu.Lock()
	w.running[c] = struct{}{}
	w.entered++
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
	select {
	case w.wakeHard <- struct{}{}:
	default:
	}
}

func (w *watchdog) leave(c *control) {
	w.mu.Lock()
	delete(w.running, c)
	w.mu.Unlock()
	w.gate.RUnlock()
}

func (w *watchdog) sample(baseline uint64, stop, done chan struct{}) {
	defer close(done)
	s := newHeapSample()
	t := time.NewTicker(sampleEvery)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		w.mu.Lock()
		limit, idle := w.limit, len(w.running) == 0
		w.mu.Unlock()
		if idle {
			// Nothing to watch: sleep until a module starts.
			select {
			case <-stop:
				return
			case <-w.wake:
			}
			continue
		}
		if now := heapObjects(s); now <= baseline || now-baseline <= limit {
			continue
		}
		w.mu.Lock()
		for c := range w.running {
			c.interruptMemory()
		}
		w.mu.Unlock()
		// Wait for the interrupted modules to drop their VMs, collect their
		// garbage, and start again from the heap that is left.
		w.gate.Lock()
		runtime.GC()
		baseline = heapObjects(s)
		w.mu.Lock()
		w.soften()
		w.mu.Unlock()
		w.gate.Unlock()
	}
}
