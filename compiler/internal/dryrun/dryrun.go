// Package dryrun evaluates modules in sandboxed goja VMs and runs their
// examples (SPEC 5.3–5.4).
//
// Each module gets a fresh VM with the runtime API stubbed (an in-memory
// store, queries that answer their mock, virtual timers, recorded alerts,
// logs and navigations; no network, files or real timers). Its main.js is
// evaluated once with the default inputs, which must yield the Main object;
// then every example of examples.json runs on a fresh instance and its
// result is compared with what the example expects.
//
// Every evaluation is held to limits that really hold. Each module runs in
// a worker process (the running binary started again; see worker.go), one
// module at a time per worker, in a pool sized to the cores and reused
// across modules and builds. Inside, a time budget interrupts the VM, the
// call stack has a depth limit, and guarded built-ins and a heap watchdog
// hold the memory limit. From outside, the parent kills a worker whose
// evaluation runs past the budget and a quarter, or whose resident memory
// grows past the limit and a quarter, reports the module and example with
// a located error, and starts a new worker for the next module.
package dryrun

import (
	"runtime"
	"sync"
	"time"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jslib"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/compiler/model"
)

// Options configures Run. The zero value uses the defaults.
type Options struct {
	// Timeout is the budget of each evaluation: the top level, and each
	// example (including its promises and timers). Default 1s.
	Timeout time.Duration
	// MaxCallStack is the deepest call stack allowed, in frames. Default 1000.
	MaxCallStack int
	// MemoryLimit is how many bytes one module's dry run may allocate.
	// Default 128 MiB. Its worker is stopped by the time it has grown by a
	// quarter more (and a single allocation of four times the limit fails
	// at once).
	MemoryLimit uint64
	// Parallel is how many modules run at once, each in a worker process.
	// Default GOMAXPROCS; the workers of every Run of a process together
	// are at most max(GOMAXPROCS, Parallel).
	Parallel int
}

// Defaults of Options.
const (
	DefaultTimeout      = time.Second
	DefaultMaxCallStack = 1000
	DefaultMemoryLimit  = 128 << 20
)

func (o *Options) defaults() {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxCallStack <= 0 {
		o.MaxCallStack = DefaultMaxCallStack
	}
	if o.MemoryLimit == 0 {
		o.MemoryLimit = DefaultMemoryLimit
	}
	if o.Parallel <= 0 {
		o.Parallel = runtime.GOMAXPROCS(0)
	}
}

// Input is one module to dry-run.
type Input struct {
	Module *workspace.Module
	// Main is the analysed main.js of a JS module; nil for a query module.
	Main *jsmod.Main
	// Requests maps a query's name ("" for a query module itself) to its
	// compiled request function, without its own declaration of
	// binding.HelperName (binding.CompileRequestShared): the dry run
	// declares it once for all of them. A query missing here answers its
	// mock without evaluating its request.
	Requests map[string]string
	// Libraries are the libraries the module's code reads (main.js and its
	// requests): each is loaded in the VM the first time its global is read.
	Libraries []*jslib.Library
}

// Result is what a module's dry run produced.
type Result struct {
	Module string `json:"module"` // "package/module"
	// Examples holds one result per example, in examples.json order; empty
	// when the top-level evaluation failed.
	Examples []ExampleResult `json:"examples,omitempty"`
	// Members are the initial values of the Main object's variables.
	Members []MemberValue `json:"members,omitempty"`
	// OK reports that the top level evaluated and every example passed.
	OK bool `json:"ok"`
}

// MemberValue is a variable of the Main object and its initial value.
type MemberValue = model.MemberValue

// ExampleResult is the outcome of one example.
type ExampleResult = model.ExampleResult

// Run dry-runs the modules, Parallel at a time, each in a worker process
// of its own while it runs (see worker.go), and returns one result per
// input (in order) and every problem found, in input order. Modules go to
// the workers in batches, so that a worker does not wait for the parent
// between two modules.
func Run(inputs []Input, opts Options) ([]*Result, diag.List) {
	opts.defaults()
	results := make([]*Result, len(inputs))
	msgs := make([]diag.List, len(inputs))
	var queue []int
	for i := range inputs {
		if inputs[i].Module == nil {
			results[i] = &Result{}
		} else {
			queue = append(queue, i)
		}
	}
	n := min(opts.Parallel, len(queue))
	size := max(1, min(maxBatch, len(queue)/(4*max(n, 1))))
	var (
		mu sync.Mutex
		wg sync.WaitGroup
	)
	work := func() {
		defer wg.Done()
		for {
			mu.Lock()
			batch := queue[:min(size, len(queue))]
			queue = queue[len(batch):]
			mu.Unlock()
			if len(batch) == 0 {
				return
			}
			ins := make([]*Input, len(batch))
			for k, i := range batch {
				ins[k] = &inputs[i]
			}
			left := workers.runBatch(ins, &opts, func(k int, res *Result, m diag.List) {
				results[batch[k]], msgs[batch[k]] = res, m
			})
			if len(left) > 0 {
				// The worker ended: the rest goes to another one.
				rest := make([]int, len(left))
				for j, k := range left {
					rest[j] = batch[k]
				}
				mu.Lock()
				queue = append(rest, queue...)
				mu.Unlock()
			}
		}
	}
	wg.Add(n)
	for range n {
		go work()
	}
	wg.Wait()
	var all diag.List
	for i, m := range msgs {
		if mod := inputs[i].Module; mod != nil {
			m.About(mod.ID())
		}
		all = append(all, m...)
	}
	return results, all
}

// maxBatch is the most modules sent to a worker at once.
const maxBatch = 32
