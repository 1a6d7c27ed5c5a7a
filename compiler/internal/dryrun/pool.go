package dryrun

import (
	"bufio"
	"bytes"
	"encoding/gob"
	"fmt"
	"math"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// Deadlines the parent holds a worker to, besides Options.Timeout.
const (
	// prepareGrace is how long a worker may take, on top of the time
	// budget, from receiving a module to starting its top level (compiling
	// main.js and its requests).
	prepareGrace = 2 * time.Second
	// closeGrace is how long an idle worker has to exit when told to.
	closeGrace = time.Second
	// startTimeout is how long a worker may take to start.
	startTimeout = 10 * time.Second
	// rssEvery is how often the parent reads a busy worker's resident
	// memory, and rssGrace how long it may stay over before the kill.
	rssEvery = 5 * time.Millisecond
	rssGrace = 400 * time.Millisecond
	// stderrHead is how much of a worker's standard error is kept to say
	// why it died.
	stderrHead = 4 << 10
)

// pool holds the worker processes, shared by every Run of the process, so
// they are started once and reused across modules and builds. At most
// max(GOMAXPROCS, Options.Parallel) of them run at once.
type pool struct {
	mu       sync.Mutex
	cond     *sync.Cond
	busy     int
	starting int // workers started ahead (prestart), not ready yet
	idle     []*worker
}

// Prestart starts, in the background, the workers a Run with opts would
// use, so that they are ready when it begins: a worker takes some 50 ms to
// start (the binary's package initialisation), which the caller can spend
// loading and analysing the workspace.
func Prestart(opts Options) {
	opts.defaults()
	workers.prestart(&opts)
}

func (p *pool) prestart(opts *Options) {
	p.mu.Lock()
	n := min(opts.Parallel, runtime.GOMAXPROCS(0)) - p.busy - p.starting - len(p.idle)
	p.starting += max(n, 0)
	p.mu.Unlock()
	for range n {
		go func() {
			w, err := startWorker(opts.MemoryLimit)
			p.mu.Lock()
			defer p.mu.Unlock()
			p.starting--
			if err == nil {
				p.idle = append(p.idle, w)
			}
			p.cond.Broadcast()
		}()
	}
}

var workers = newPool()

func newPool() *pool {
	p := &pool{}
	p.cond = sync.NewCond(&p.mu)
	return p
}

// runBatch dry-runs ins in one worker (see worker.runBatch); left lists
// those that did not run, when the worker ended.
func (p *pool) runBatch(ins []*Input, opts *Options, done func(k int, res *Result, msgs diag.List)) (left []int) {
	if !workerProcesses {
		runInProcess(ins, opts, done)
		return nil
	}
	w, err := p.get(opts)
	if err != nil {
		for k, in := range ins {
			m := &module{in: in, opts: opts, id: in.Module.ID()}
			done(k, &Result{Module: m.id}, diag.List{diag.Errorf("dry-run-worker-failed", m.topLoc(), "dry run of %s: %v", m.id, err)})
		}
		return nil
	}
	left, alive := w.runBatch(ins, opts, done)
	if !alive {
		w.discard()
		w = nil
	}
	p.put(w)
	return left
}

// get waits for a free slot and returns an idle worker started with
// opts's memory limit, or a new one.
func (p *pool) get(opts *Options) (*worker, error) {
	p.mu.Lock()
	for p.busy >= max(runtime.GOMAXPROCS(0), opts.Parallel) {
		p.cond.Wait()
	}
	p.busy++
	var stale []*worker // started with another memory limit
	defer func() {
		for _, w := range stale {
			w.discard()
		}
	}()
	for {
		for len(p.idle) > 0 {
			w := p.idle[len(p.idle)-1]
			p.idle = p.idle[:len(p.idle)-1]
			if w.limit == opts.MemoryLimit {
				p.mu.Unlock()
				return w, nil
			}
			stale = append(stale, w)
		}
		if p.starting == 0 {
			break
		}
		p.cond.Wait() // for a worker started ahead
	}
	p.mu.Unlock()
	w, err := startWorker(opts.MemoryLimit)
	if err != nil {
		p.put(nil)
		return nil, err
	}
	return w, nil
}

// put frees a slot and keeps w, if not nil, for the next module.
func (p *pool) put(w *worker) {
	p.mu.Lock()
	p.busy--
	if w != nil && len(p.idle) < runtime.GOMAXPROCS(0) {
		p.idle, w = append(p.idle, w), nil
	}
	p.cond.Broadcast()
	p.mu.Unlock()
	if w != nil {
		w.discard() // more idle workers than cores
	}
}

// worker is one worker process and its pipes.
type worker struct {
	cmd     *exec.Cmd
	jobs    *os.File
	jobsBuf *bufio.Writer
	jobsOut *jobWriter // writes jobs to jobsBuf
	replies *os.File
	dec     *gob.Decoder
	stderr  *head
	// progress is the file where the worker says what it knows as each
	// evaluation starts; seq numbers its jobs.
	progress *os.File
	seq      uint64
	limit    uint64
	baseRSS  uint64 // resident memory once started, before any module
	rss      *rssSource

	mu     sync.Mutex
	killed limitKind // set when the parent killed it for a limit
	how    string    // how the parent saw the limit passed
	exited bool
}

// startWorker starts the running binary again as a worker and waits until
// it is ready.
func startWorker(limit uint64) (*worker, error) {
	exe, err := workerExe()
	if err != nil {
		return nil, fmt.Errorf("cannot start a dry-run worker: finding modc's executable: %w", err)
	}
	jobsR, jobsW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("cannot start a dry-run worker: %w", err)
	}
	repliesR, repliesW, err := os.Pipe()
	if err != nil {
		jobsR.Close()
		jobsW.Close()
		return nil, fmt.Errorf("cannot start a dry-run worker: %w", err)
	}
	progress, err := progressFile()
	if err != nil {
		jobsR.Close()
		jobsW.Close()
		repliesR.Close()
		repliesW.Close()
		return nil, fmt.Errorf("cannot start a dry-run worker: %w", err)
	}
	cmd := exec.Command(exe)
	// GOMAXPROCS=2: a worker runs one module at a time, and each thread
	// reserves its stack in the capped address space (see addressRoom):
	// with the host's GOMAXPROCS (16, 32), the collector's threads alone
	// used the room and legitimate modules died "of memory".
	cmd.Env = append(os.Environ(), workerEnv+"="+workerProtocol, workerEnv+"_LIMIT="+strconv.FormatUint(limit, 10), "GOMAXPROCS=2")
	if prefix := profilePrefix.Load(); prefix != nil {
		cmd.Env = append(cmd.Env, profileEnv+"="+*prefix)
	}
	cmd.ExtraFiles = []*os.File{jobsR, repliesW, progress}
	w := &worker{cmd: cmd, jobs: jobsW, replies: repliesR, progress: progress, stderr: &head{max: stderrHead}, limit: limit}
	cmd.Stderr = w.stderr
	cmd.SysProcAttr = workerAttr()
	err = cmd.Start()
	stats.start()
	jobsR.Close()
	repliesW.Close()
	if err != nil {
		jobsW.Close()
		repliesR.Close()
		progress.Close()
		return nil, fmt.Errorf("cannot start a dry-run worker (%s): %w", exe, err)
	}
	w.jobsBuf = bufio.NewWriterSize(jobsW, pipeBuffer)
	w.jobsOut = &jobWriter{w: w.jobsBuf}
	w.dec = gob.NewDecoder(bufio.NewReaderSize(repliesR, pipeBuffer))
	deadline := time.AfterFunc(startTimeout, func() { w.kill(limitTime, fmt.Sprintf("it was not ready within %s", startTimeout)) })
	var r reply
	err = w.dec.Decode(&r)
	if !deadline.Stop() || err != nil || !r.Ready {
		_, why := w.wait()
		w.progress.Close()
		if why == "" {
			why = fmt.Sprintf("it was not ready within %s", startTimeout)
		}
		return nil, fmt.Errorf("cannot start a dry-run worker (%s): %s", exe, why)
	}
	w.rss = openRSS(cmd.Process.Pid)
	w.baseRSS, _ = w.rss.read()
	return w, nil
}

// budget is how long the parent lets a worker take over in: the worker
// stops itself a quarter of a budget after an evaluation should have
// ended; this deadline is for a worker that cannot.
func budget(in *Input, opts *Options) time.Duration {
	per, n := opts.Timeout+opts.Timeout/4, time.Duration(2+len(in.Module.Examples))
	if per <= 0 || per > (math.MaxInt64-prepareGrace)/n {
		return math.MaxInt64 // a budget of centuries: no deadline
	}
	return prepareGrace + n*per
}

// runBatch dry-runs ins in the worker, in order, and hands each result to
// done. The jobs are written all at once and the worker replies as it
// ends them, so it never waits for the parent within a batch. left lists
// the modules that did not run when the worker ended (see ended): they
// must run in another worker.
func (w *worker) runBatch(ins []*Input, opts *Options, done func(k int, res *Result, msgs diag.List)) (left []int, alive bool) {
	first := w.seq + 1
	w.seq += uint64(len(ins))
	// A batch may fill the jobs pipe while the worker fills the replies
	// pipe: the jobs are written by a goroutine of their own.
	wrote := make(chan error, 1)
	go func() {
		var err error
		for k, in := range ins {
			j := newJob(in, opts)
			j.Seq = first + uint64(k)
			if err = w.jobsOut.write(j); err != nil {
				break
			}
		}
		if err == nil {
			err = w.jobsBuf.Flush()
		}
		wrote <- err
	}()
	defer func() { <-wrote }()
	deadline := time.AfterFunc(budget(ins[0], opts), func() { w.kill(limitTime, "the parent's deadline for the module passed") })
	stop, watched := make(chan struct{}), make(chan struct{})
	var replies atomic.Int64
	go func() {
		defer close(watched)
		w.watchMemory(opts.MemoryLimit, &replies, stop)
	}()
	// Stops the deadline and the memory watch, and tells whether either
	// killed the worker meanwhile (then it must not serve again).
	settle := func() bool {
		fired := !deadline.Stop()
		close(stop)
		<-watched
		return fired || w.killedFor() != 0
	}
	for k, in := range ins {
		res := &Result{Module: in.Module.ID()}
		var r reply
		err := w.dec.Decode(&r)
		if err == nil && !r.Done {
			err = fmt.Errorf("unexpected reply")
		}
		if err == nil && w.killedFor() != 0 {
			err = fmt.Errorf("killed")
		}
		if err != nil {
			settle()
			return w.ended(ins, first, k, opts, done), false
		}
		replies.Add(1)
		res.Examples, res.Members, res.OK = r.Examples, r.Members, r.OK
		done(k, res, r.Msgs)
		if k+1 < len(ins) {
			deadline.Reset(budget(ins[k+1], opts))
		}
	}
	return nil, !settle()
}

// ended reports the module of ins that the worker ended on, once it has
// exited having replied to the modules before ins[k] (the first of ins
// is its job first), and returns the others that must run in another
// worker. Its progress file names the last job it started: a worker holds
// its replies for a moment (replyDelay), so the jobs from ins[k] up to
// that one may have ended without their replies reaching the parent; they
// run again. The module blamed is the one under way, or, when the last
// job had ended, the next one (a worker ends between two modules as it
// reads or prepares the next one); each worker that ends blames one.
func (w *worker) ended(ins []*Input, first uint64, k int, opts *Options, done func(k int, res *Result, msgs diag.List)) (left []int) {
	// Once the worker has exited, its progress file holds its last words.
	limit, why := w.wait()
	p, ok := readProgress(w.progress)
	w.progress.Close()
	blame, phase := k, -2 // -2: which evaluation ran is not known
	var c *checkpoint
	if ok && p.seq >= first+uint64(k) && p.seq < first+uint64(len(ins)) {
		blame = int(p.seq - first)
		switch {
		case !p.ended:
			c, phase = p.c, p.c.Phase
		case blame+1 < len(ins):
			blame++
		}
	}
	in := ins[blame]
	res := &Result{Module: in.Module.ID()}
	var msgs diag.List
	if c != nil {
		res.Examples, res.Members, msgs = c.Examples, c.Members, c.Msgs
	}
	done(blame, res, append(msgs, failed(in, opts, res, phase, limit, why)))
	for i := k; i < len(ins); i++ {
		if i != blame {
			left = append(left, i)
		}
	}
	return left
}

// watchMemory kills the worker when its resident memory has stayed grown
// past the memory limit and a half for rssGrace, until stop is closed: the
// VM is interrupted first when it can be, and the worker stops itself when
// it cannot, unless it cannot either.
func (w *worker) watchMemory(limit uint64, replies *atomic.Int64, stop chan struct{}) {
	if w.baseRSS == 0 {
		return
	}
	t := time.NewTicker(rssEvery)
	defer t.Stop()
	var over time.Time
	module := replies.Load()
	for {
		var now time.Time
		select {
		case <-stop:
			return
		case now = <-t.C:
		}
		rss, ok := w.rss.read()
		next := replies.Load()
		switch {
		case !ok || rss <= w.baseRSS+limit+limit/2 || next != module: // a module's excess is not the next one's
			module = next
			over = time.Time{}
		case over.IsZero():
			over = now
		case now.Sub(over) >= rssGrace:
			w.kill(limitMemory, fmt.Sprintf("the parent saw its resident memory at %s for %s, over %s (%s once started, plus one and a half times the limit)",
				bytesText(rss), rssGrace, bytesText(w.baseRSS+limit+limit/2), bytesText(w.baseRSS)))
			return
		}
	}
}

// failed reports a worker that ended during the evaluation phase (an
// example's index; -1 for the top level, -2 when not known), stopped by
// limit or for the reason why, and fills in the examples that did not run.
func failed(in *Input, opts *Options, res *Result, phase int, limit limitKind, why string) diag.Message {
	m := &module{in: in, opts: opts, id: res.Module}
	var ex *workspace.Example
	fn := ""
	if phase >= 0 && phase < len(in.Module.Examples) {
		ex = in.Module.Examples[phase]
		fn = ex.Call
	}
	var msg diag.Message
	switch {
	case limit != 0 && phase == -2:
		// The parent stopped a worker that could not stop itself: which
		// evaluation ran is not known.
		msg = m.limitOrThrow(&failure{limit: limit}, "", nil)
		msg.Text = strings.Replace(msg.Text, "evaluating main.js", "the dry run", 1)
	case limit != 0:
		msg = m.limitOrThrow(&failure{limit: limit}, fn, ex)
	default:
		what := "evaluating main.js"
		if ex != nil {
			what = fmt.Sprintf("example %q: %s", ex.Name, call(fn))
		}
		msg = diag.Errorf("dry-run-worker-failed", m.fallbackLoc(fn, ex), "dry run of %s: %s stopped its worker process: %s", m.id, what, why)
	}
	if limit != 0 && why != "" && os.Getenv(debugWorkerEnv) != "" {
		msg.Text += " (" + why + ")"
	}
	if ex != nil && in.Main != nil {
		if mem := in.Main.Member(fn); mem != nil {
			msg = msg.WithNote(mem.Loc, "%s is defined here", call(fn))
		}
	}
	res.OK = false
	if ex != nil {
		for i := len(res.Examples); i < len(in.Module.Examples); i++ {
			e := in.Module.Examples[i]
			er := ExampleResult{Name: e.Name, Call: e.Call, Args: e.Args, Error: "not run: an earlier example stopped the dry run"}
			if i == phase {
				er.Error = msg.Text
			}
			res.Examples = append(res.Examples, er)
		}
	}
	return msg
}

// kill ends the worker for the limit k, seen passed as how says.
func (w *worker) kill(k limitKind, how string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.exited && w.killed == 0 {
		w.killed, w.how = k, how
		_ = w.cmd.Process.Kill()
	}
}

func (w *worker) killedFor() limitKind {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.killed
}

// wait reaps a worker whose replies ended and says which limit ended it
// and how it was seen passed, or else why it died.
func (w *worker) wait() (limitKind, string) {
	w.close()
	w.mu.Lock()
	killed, how := w.killed, w.how
	w.mu.Unlock()
	state := w.cmd.ProcessState
	errText := strings.TrimSpace(w.stderr.String())
	code := -1
	if state != nil {
		code = state.ExitCode()
	}
	firstLine, _, _ := strings.Cut(errText, "\n")
	switch {
	case killed != 0:
		return killed, how
	case code == exitPastTime:
		return limitTime, "it stopped itself: an evaluation ran past its time in a call the VM could not interrupt"
	case code == exitPastMemory:
		return limitMemory, "it stopped itself: the memory its Go runtime held stayed over its hard limit"
	case diedOfMemory(errText):
		return limitMemory, "it ran out of its address space: " + firstLine
	}
	why := "it exited"
	if state != nil {
		why = state.String()
	}
	if errText != "" {
		why += ": " + firstLine
		if os.Getenv(debugWorkerEnv) != "" {
			why += "\n" + errText
		}
	}
	return 0, why
}

// debugWorkerEnv, when set, makes a report of a worker that ended say all
// it wrote, and a limit that ended it say how it was seen passed (which
// of the parent's watch, the worker's own limits or its address space's).
const debugWorkerEnv = "MODC_DEBUG_WORKER"

// diedOfMemory tells, from what a worker wrote before it died, whether it
// ran into its address space's cap. The Go runtime says "out of memory" when
// an allocation fails, but when memory runs out elsewhere it fails as it
// can: a thread it cannot start, a fault in the garbage collector, a stack
// it cannot grow.
func diedOfMemory(stderr string) bool {
	if strings.HasPrefix(stderr, "panic:") || strings.Contains(stderr, "nil pointer dereference") {
		return false // a bug, not the cap
	}
	for _, s := range []string{"out of memory", "cannot allocate memory", "pthread_create failed", "failed to create new OS thread", "SIGSEGV", "stack exceeds", "cannot map pages"} {
		if strings.Contains(stderr, s) {
			return true
		}
	}
	return false
}

// discard ends the worker and lets go of its progress file.
func (w *worker) discard() {
	w.close()
	w.progress.Close()
}

// close ends the worker (its progress file stays open to be read): closing its jobs pipe ends it when it is idle,
// the kill when it is not. It reaps the process.
func (w *worker) close() {
	w.mu.Lock()
	if w.exited {
		w.mu.Unlock()
		return
	}
	w.exited = true
	w.mu.Unlock()
	w.jobs.Close()
	// An idle worker exits when its jobs pipe closes; one that does not
	// within a moment is killed.
	t := time.AfterFunc(closeGrace, func() { _ = w.cmd.Process.Kill() })
	_ = w.cmd.Wait()
	t.Stop()
	w.replies.Close()
	w.rss.close()
	if ps := w.cmd.ProcessState; ps != nil {
		stats.ended(peakRSS(ps))
	}
}

// stats counts what happened to workers, for tests and benchmarks.
var stats workerStats

type workerStats struct {
	mu      sync.Mutex
	started int
	peakRSS uint64 // the highest peak resident memory of an ended worker
}

func (s *workerStats) start() {
	s.mu.Lock()
	s.started++
	s.mu.Unlock()
}

func (s *workerStats) ended(peak uint64) {
	s.mu.Lock()
	s.peakRSS = max(s.peakRSS, peak)
	s.mu.Unlock()
}

// drain ends the idle workers (tests use it to read their peak memory).
func (p *pool) drain() {
	p.mu.Lock()
	idle := p.idle
	p.idle = nil
	p.mu.Unlock()
	for _, w := range idle {
		w.discard()
	}
}

// head keeps the first bytes written to it (where a Go runtime's fatal
// error says what happened, before its goroutine traces).
type head struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *head) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if room := t.max - len(t.buf); room > 0 {
		t.buf = append(t.buf, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (t *head) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(bytes.Clone(t.buf))
}

// tempProgressFile makes a progress file in the temporary directory,
// removed at once: it lives while it is open.
func tempProgressFile() (*os.File, error) {
	f, err := os.CreateTemp("", "modc-dryrun-")
	if err != nil {
		return nil, err
	}
	_ = os.Remove(f.Name())
	return f, nil
}

// workerProcesses says whether dry runs run in worker processes: Windows
// cannot hand a child the extra pipes, so there they run in this process,
// with the limits the VM and the heap watchdog hold (a single built-in
// call can escape them).
const workerProcesses = runtime.GOOS != "windows"

// runInProcess dry-runs ins in this process.
func runInProcess(ins []*Input, opts *Options, done func(k int, res *Result, msgs diag.List)) {
	guard.start(opts.MemoryLimit)
	defer guard.end()
	for k, in := range ins {
		res, msgs := runModule(in, opts, nil)
		done(k, res, msgs)
	}
}
