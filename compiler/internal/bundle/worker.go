package bundle

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/evanw/esbuild/pkg/api"
)

// A one-shot build runs esbuild in a child process (Options.Worker): the
// running binary started again with workerEnv set. esbuild allocates a
// third of what the compile stage of a 5,000-module build allocates; in the
// child that garbage, and the partly used spans it leaves, are not in the
// main process's heap, which a soft memory limit holds to the budget
// (internal/heapsize), so the main process collects less often. Whatever
// binary links this package (modc, a test binary) serves as the worker
// before its main or its tests run. The worker reads jobs from its stdin
// and writes results to its stdout, in gob, and runs jobs at once as they
// come; it exits when its stdin closes.
const workerEnv = "MODC_ESBUILD_WORKER"

// workerProtocol is the value of workerEnv: parent and worker are always
// the same binary, and a stray variable with another value is ignored.
const workerProtocol = "1"

func init() {
	if os.Getenv(workerEnv) != workerProtocol {
		return
	}
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(workerGOGC)
	}
	os.Exit(serveWorker(os.Stdin, os.Stdout))
}

// workerGOGC is the worker's GOGC (unless the parent's environment sets
// GOGC or GOMEMLIMIT): its live heap is small, a few packages' builds.
// Collecting it costs little; turning the collector off, as esbuild's
// command does, cost more: each build's memory was fresh pages to fault
// in, and goroutine stacks, which start at the size the last collection
// measured, started small and grew by copying (a fifth of its CPU).
const workerGOGC = 200

// job is one esbuild build: what esbuildOptions takes, and the virtual
// files the plugin serves.
type job struct {
	ID     uint64
	Entry  string
	File   string
	Format api.Format
	Minify bool
	Banner string
	Files  map[string]string
}

// result is what a job's build returned: its messages (their Detail
// dropped: nothing reads it) and output files.
type result struct {
	ID       uint64
	Errors   []api.Message
	Warnings []api.Message
	Outputs  []outputFile
}

type outputFile struct {
	Path     string
	Contents []byte
}

// run builds j in this process.
func (j *job) run() api.BuildResult {
	opts := esbuildOptions(j.Entry, j.File, j.Format, j.Minify, j.Banner)
	files := j.Files
	opts.Plugins = []api.Plugin{plugin(func() map[string]string { return files })}
	return api.Build(opts)
}

// serveWorker runs the jobs read from in, writing their results to out,
// until in ends; it returns the exit status.
func serveWorker(in io.Reader, out io.Writer) int {
	dec := gob.NewDecoder(bufio.NewReaderSize(in, 1<<16))
	w := bufio.NewWriterSize(out, 1<<16)
	enc := gob.NewEncoder(w)
	var mu sync.Mutex
	var wg sync.WaitGroup
	var failed error
	for {
		j := new(job)
		if err := dec.Decode(j); err != nil {
			wg.Wait()
			if errors.Is(err, io.EOF) && failed == nil {
				return 0
			}
			fmt.Fprintf(os.Stderr, "modc esbuild worker: %v\n", errors.Join(err, failed))
			return 3
		}
		wg.Go(func() {
			r := j.run()
			res := &result{ID: j.ID, Errors: withoutDetail(r.Errors), Warnings: withoutDetail(r.Warnings)}
			for _, f := range r.OutputFiles {
				res.Outputs = append(res.Outputs, outputFile{Path: f.Path, Contents: f.Contents})
			}
			mu.Lock()
			defer mu.Unlock()
			if err := enc.Encode(res); err != nil && failed == nil {
				failed = err
			} else if err := w.Flush(); err != nil && failed == nil {
				failed = err
			}
		})
	}
}

func withoutDetail(ms []api.Message) []api.Message {
	for i := range ms {
		ms[i].Detail = nil
	}
	return ms
}

// Worker is a child process that runs esbuild's builds for Outputs
// (Options.Worker), from StartWorker until Close. A build it cannot run
// (it did not start, or died) runs in the calling process instead.
type Worker struct {
	mu      sync.Mutex
	cmd     *exec.Cmd
	in      io.WriteCloser
	enc     *gob.Encoder
	next    uint64
	pending map[uint64]chan *result
	gone    bool          // no more jobs: they run in process
	read    chan struct{} // closed when the reader has ended
	built   atomic.Int64  // builds the process ran
}

// StartWorker starts a worker process; it never fails (see Worker).
func StartWorker() *Worker {
	w := &Worker{pending: map[uint64]chan *result{}, read: make(chan struct{})}
	exe, err := os.Executable()
	if err != nil {
		w.gone = true
		close(w.read)
		return w
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), workerEnv+"="+workerProtocol)
	cmd.Stderr = os.Stderr // what a crashing worker says
	in, err1 := cmd.StdinPipe()
	out, err2 := cmd.StdoutPipe()
	if err := errors.Join(err1, err2); err != nil || cmd.Start() != nil {
		w.gone = true
		close(w.read)
		return w
	}
	w.cmd, w.in, w.enc = cmd, in, gob.NewEncoder(in)
	go w.readResults(out)
	return w
}

func (w *Worker) readResults(out io.Reader) {
	defer close(w.read)
	dec := gob.NewDecoder(bufio.NewReaderSize(out, 1<<16))
	for {
		res := new(result)
		if err := dec.Decode(res); err != nil {
			w.stop()
			return
		}
		w.mu.Lock()
		ch := w.pending[res.ID]
		delete(w.pending, res.ID)
		w.mu.Unlock()
		if ch != nil {
			ch <- res
		}
	}
}

// stop takes no more jobs and ends the ones under way without a result.
func (w *Worker) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.gone = true
	for id, ch := range w.pending {
		close(ch)
		delete(w.pending, id)
	}
}

// build runs j in the worker; false when it could not (j is then to run
// in this process).
func (w *Worker) build(j *job) (api.BuildResult, bool) {
	ch := make(chan *result, 1)
	w.mu.Lock()
	if w.gone {
		w.mu.Unlock()
		return api.BuildResult{}, false
	}
	w.next++
	j.ID = w.next
	w.pending[j.ID] = ch
	err := w.enc.Encode(j)
	w.mu.Unlock()
	if err != nil {
		w.stop()
	}
	res, ok := <-ch
	if !ok {
		return api.BuildResult{}, false
	}
	w.built.Add(1)
	r := api.BuildResult{Errors: res.Errors, Warnings: res.Warnings}
	for _, f := range res.Outputs {
		r.OutputFiles = append(r.OutputFiles, api.OutputFile{Path: f.Path, Contents: f.Contents})
	}
	return r, true
}

// Built says how many builds the worker process ran.
func (w *Worker) Built() int64 { return w.built.Load() }

// Close ends the worker: the jobs under way end without a result (none
// are, once Outputs has returned), and it waits for the process to exit.
func (w *Worker) Close() {
	if w == nil {
		return
	}
	w.mu.Lock()
	in := w.in
	w.gone = true
	w.mu.Unlock()
	if in != nil {
		in.Close()
	}
	<-w.read
	if w.cmd != nil {
		_ = w.cmd.Wait()
	}
}
