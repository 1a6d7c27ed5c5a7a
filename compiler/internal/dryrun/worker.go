package dryrun

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/dlclark/regexp2/v2"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/internal/pretouch"
)

// Dry runs happen in worker processes: the running binary started again
// with workerEnv set. Whatever binary links this package (modc, a test
// binary) serves as a worker before its main or its tests run, so no
// command has to know about it. A worker reads jobs from file descriptor 3
// and writes replies to descriptor 4 (and its progress to 5), one module
// at a time, until its parent closes the jobs pipe or dies. It holds its
// replies while it has jobs to run, for at most replyDelay, so that the
// parent reads a batch of short modules' replies at once.
//
// Limits are held in three layers. Inside the worker, the time budget
// interrupts the VM and the heap watchdog (memory.go) interrupts it when the
// heap has grown by the memory limit: the module gets an error located at
// the line that ran. A single built-in call does not give control back to
// the VM (`'x'.repeat(2**25).split(”)`, a backtracking regular
// expression), so the parent holds the hard limits from outside: it kills
// the worker half a time budget after the VM should have stopped, and when
// the worker's resident memory has grown by more than the memory limit and
// a quarter (sampled every few milliseconds). Last, the worker's address
// space is capped (RLIMIT_AS) at addressRoom over its start, so that
// no allocation takes the host's memory, however fast it grows.
const workerEnv = "MODC_DRYRUN_WORKER"

// addressRoom is how much a worker's address space may grow by (Linux),
// for a memory limit: three times the limit, and at least 256 MiB. With
// twice, a module that grows its heap step by step, fast, sometimes (2 runs
// in 25) reached the cap before the watchdog interrupted it at the line
// that ran, and lost that line; and a small limit needs the floor, as the
// Go heap reserves address space 64 MiB at a time and each thread 8 MiB.
func addressRoom(limit uint64) uint64 { return max(3*limit, 256<<20) }

// workerProtocol is the value of workerEnv: parent and worker are always
// the same binary, and a stray variable with another value is ignored.
const workerProtocol = "1"

// Exit statuses of a worker.
const (
	exitOK          = 0
	exitBroken      = 3 // the pipes or the protocol failed
	exitMemoryLimit = 4 // the worker could not set its memory limit
	exitPastTime    = 5 // an evaluation ran past its time in a call the VM could not interrupt
	exitPastMemory  = 6 // … or past the memory limit
)

func init() {
	if os.Getenv(workerEnv) != workerProtocol {
		return
	}
	smallStacks()
	os.Exit(serveWorker())
}

// serveWorker runs jobs until the jobs pipe closes; it returns the exit status.
func serveWorker() int {
	if stop := profileWorker(); stop != nil {
		defer stop()
	}
	jobs := os.NewFile(3, "jobs")
	replies := os.NewFile(4, "replies")
	progress := os.NewFile(5, "progress")
	if jobs == nil || replies == nil || progress == nil {
		fmt.Fprintln(os.Stderr, "modc dry-run worker: started without its pipes")
		return exitBroken
	}
	var limit uint64
	if _, err := fmt.Sscan(os.Getenv(workerEnv+"_LIMIT"), &limit); err != nil || limit == 0 {
		limit = DefaultMemoryLimit
	}
	// Compile runtime.js before the limit: every job needs it.
	if _, err := runtimeProgram(); err != nil {
		fmt.Fprintf(os.Stderr, "modc dry-run worker: %v\n", err)
		return exitBroken
	}
	// One watchdog for the worker's life: its modules run one at a time.
	// Past its hard limit, the module under way cannot be interrupted.
	guard.start(limit)
	guard.hard(limit+limit/4, func() {
		if c := running.Load(); c != nil {
			c.giveUp(limitMemory)
		}
	})
	if err := limitAddressSpace(limit); err != nil {
		fmt.Fprintf(os.Stderr, "modc dry-run worker: setting the memory limit: %v\n", err)
		return exitMemoryLimit
	}
	// Its heap's pages in bulk as it grows (it lives for the build).
	defer pretouch.Start()()
	out := newReplier(replies)
	in := bufio.NewReaderSize(jobs, pipeBuffer)
	prog := newProgressFile(progress)
	if err := out.send(&reply{Ready: true}, 0); err != nil {
		fmt.Fprintln(os.Stderr, "modc dry-run worker: cannot reply")
		return exitBroken
	}
	for {
		// The replies wait for the jobs read at once (a batch) to end,
		// or for replyDelay.
		if in.Buffered() == 0 {
			if err := out.flush(); err != nil {
				fmt.Fprintln(os.Stderr, "modc dry-run worker: cannot reply")
				return exitBroken
			}
		}
		j, err := readJob(in)
		if err != nil {
			if err == io.EOF {
				return exitOK
			}
			fmt.Fprintf(os.Stderr, "modc dry-run worker: reading a job: %v\n", err)
			return exitBroken
		}
		if err := runJob(j, prog, out); err != nil {
			fmt.Fprintf(os.Stderr, "modc dry-run worker: %v\n", err)
			return exitBroken
		}
	}
}

// profileEnv, when set in a worker's environment (the parent's is
// inherited), names the prefix of a CPU profile each worker writes, to
// PREFIX.PID, when its jobs pipe closes (a worker killed, or whose parent
// exits first, writes none: drain the pool). For profiling dry runs only.
const profileEnv = "MODC_DRYRUN_CPUPROFILE"

// profilePrefix, once ProfileWorkers set it, is the profileEnv that
// startWorker gives the workers it starts.
var profilePrefix atomic.Pointer[string]

// ProfileWorkers has each worker started from now on write a CPU profile,
// to prefix.PID, and returns what ends the workers, waiting for them, so
// that they write it (a worker the parent's exit kills writes none): a
// profiled command calls it before it exits. For profiling dry runs only.
func ProfileWorkers(prefix string) (stop func()) {
	profilePrefix.Store(&prefix)
	return workers.drain
}

// profileWorker starts the CPU profile profileEnv asks for and returns
// what stops it; nil when none is asked for or it cannot start.
func profileWorker() func() {
	prefix := os.Getenv(profileEnv)
	if prefix == "" {
		return nil
	}
	f, err := os.Create(fmt.Sprintf("%s.%d", prefix, os.Getpid()))
	if err != nil {
		fmt.Fprintf(os.Stderr, "modc dry-run worker: %s: %v\n", profileEnv, err)
		return nil
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		fmt.Fprintf(os.Stderr, "modc dry-run worker: %s: %v\n", profileEnv, err)
		return nil
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// runJob dry-runs one module and hands its result to out. As each
// evaluation starts, the worker writes what it knows into its progress
// file, which the parent reads only if the worker ends before replying:
// which evaluation ran, and the results before it; and it marks the job
// ended once its reply is written. An evaluation that has not ended a
// quarter of the time budget after the VM was told to stop (one long
// built-in call), or memory grown past the limit and a quarter, ends the
// worker with an exit status that says which limit.
func runJob(j *job, progress *progressOut, out *replier) error {
	opts := j.Opts
	opts.defaults()
	// goja hands regular expressions that Go's regexp cannot run to
	// regexp2, whose matching the VM cannot interrupt: give it the same
	// budget. (goja treats a match that timed out as no match; the VM's
	// own interrupt, due by then, ends the evaluation right after.)
	regexp2.DefaultMatchTimeout = opts.Timeout
	cur := &current{log: progress.job(j.Seq), budget: opts.Timeout + opts.Timeout/4}
	cur.stuck = time.AfterFunc(time.Hour, func() { cur.giveUp(limitTime) })
	cur.stuck.Stop()
	running.Store(cur)
	res, msgs := runModule(j.input(), &opts, cur)
	cur.stuck.Stop()
	running.Store(nil)
	cur.mu.Lock()
	cur.done = true
	cur.mu.Unlock()
	if err := out.send(&reply{Done: true, OK: res.OK, Members: res.Members, Examples: res.Examples, Msgs: msgs}, j.ReplyDelay); err != nil {
		return err
	}
	cur.log.ended()
	return nil
}

// replyDelay is how long a worker may hold a reply before it writes it to
// the parent (tests make it longer; jobs carry it to the worker). A worker writes its replies when it has no job left to
// read, and else after at most replyDelay: within a batch of short
// modules the parent then reads many replies at once, instead of waking
// for each one. The delay only makes the parent's deadline for the next
// module start later, by far less than its grace (prepareGrace).
var replyDelay = 10 * time.Millisecond

// pipeBuffer is the size of the buffers on both ends of the pipes.
const pipeBuffer = 64 << 10

// replier sends a worker's replies: send buffers one, flush writes what is
// buffered, and a timer writes it after replyDelay.
type replier struct {
	mu      sync.Mutex
	w       *bufio.Writer
	enc     *gob.Encoder
	pending bool // a reply is buffered, the timer armed
	timer   *time.Timer
	err     error // the timer's failed write
}

func newReplier(f *os.File) *replier {
	r := &replier{w: bufio.NewWriterSize(f, pipeBuffer)}
	r.enc = gob.NewEncoder(r.w)
	r.timer = time.AfterFunc(time.Hour, func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		if r.pending {
			r.pending = false
			if err := r.w.Flush(); err != nil && r.err == nil {
				r.err = err
			}
		}
	})
	r.timer.Stop()
	return r
}

// send buffers rep; the timer writes it within delay unless flush does
// first.
func (r *replier) send(rep *reply, delay time.Duration) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return r.err
	}
	if err := r.enc.Encode(rep); err != nil {
		return err
	}
	if !r.pending {
		r.pending = true
		r.timer.Reset(delay)
	}
	return nil
}

// flush writes the buffered replies now.
func (r *replier) flush() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return r.err
	}
	if r.pending {
		r.pending = false
		r.timer.Stop()
	}
	return r.w.Flush()
}

// progressOut is a worker's progress file. Its header (progressHeader
// bytes) says which job and evaluation are under way, and where the log
// of the job's results ends; the log follows it, in JSON records of what
// is new since the previous one. Where it can, the worker maps the header
// into memory, so that marking an evaluation's start or a job's end costs
// no system call (each word of it is one atomic store; the parent reads it
// only once the worker has exited); else it writes the header to the file.
// A record costs a write when something finished since the previous one.
type progressOut struct {
	f   *os.File
	hdr []byte // the mapped header; nil when it is written instead
}

func newProgressFile(f *os.File) *progressOut {
	return &progressOut{f: f, hdr: mapHeader(f, progressHeader)}
}

// job starts the progress log of job seq.
func (p *progressOut) job(seq uint64) *progressLog {
	return &progressLog{p: p, seq: seq, end: progressHeader}
}

// setHeader writes the header: the job and its state (packed by
// headerWord), and where the log ends. end is written first, so that a
// worker that ends between the two writes leaves a header that is right
// about the job it names (a new job's log is empty until its first
// evaluation, which writes no record).
func (p *progressOut) setHeader(word, end uint64) {
	if p.hdr != nil {
		atomic.StoreUint64((*uint64)(unsafe.Pointer(&p.hdr[8])), end)
		atomic.StoreUint64((*uint64)(unsafe.Pointer(&p.hdr[0])), word)
		return
	}
	var h [progressHeader]byte
	binary.NativeEndian.PutUint64(h[0:], word)
	binary.NativeEndian.PutUint64(h[8:], end)
	_, _ = p.f.WriteAt(h[:], 0)
}

// progressLog is the progress of one job in its worker's progress file.
type progressLog struct {
	p              *progressOut
	seq            uint64
	end            int64
	examples, msgs int
	members        bool
	buf            bytes.Buffer
}

// progressHeader is the size of the header: two uint64s, in the machine's
// byte order (the parent is the same binary on the same machine).
const progressHeader = 16

// The header's first word is a job's number and its state: the
// evaluation under way (its phase plus 2: 1 for the top level, 2+i for
// example i), or stateEnded once the job's reply is written.
const (
	stateBits  = 24
	stateEnded = 1<<stateBits - 1
)

func headerWord(seq uint64, state int) uint64 {
	return seq<<stateBits | uint64(min(state, stateEnded-1))
}

// start records that evaluation phase starts, after res and msgs so far.
func (l *progressLog) start(phase int, res *Result, msgs diag.List) {
	if len(res.Examples) > l.examples || len(msgs) > l.msgs || (!l.members && len(res.Members) > 0) {
		c := checkpoint{OK: res.OK, Examples: res.Examples[l.examples:], Msgs: msgs[l.msgs:]}
		if !l.members {
			c.Members, l.members = res.Members, len(res.Members) > 0
		}
		l.examples, l.msgs = len(res.Examples), len(msgs)
		l.buf.Reset()
		if json.NewEncoder(&l.buf).Encode(&c) == nil {
			if n, err := l.p.f.WriteAt(l.buf.Bytes(), l.end); err == nil {
				l.end += int64(n)
			}
		}
	}
	l.p.setHeader(headerWord(l.seq, phase+2), uint64(l.end))
}

// ended records that the job's reply is written (it may still be in the
// worker's buffer).
func (l *progressLog) ended() {
	l.p.setHeader(l.seq<<stateBits|stateEnded, uint64(l.end))
}

// progress is what a worker's progress file says once it has exited: the
// last job it started, and what the checkpoint says of it.
type progress struct {
	seq   uint64
	ended bool // the job ended: its reply may not have reached the parent
	// c holds the evaluation under way (Phase: -2 when none had started)
	// and the results before it; nil when the job ended.
	c *checkpoint
}

// readProgress reads a worker's progress file; false when the worker
// wrote nothing readable.
func readProgress(f *os.File) (progress, bool) {
	var h [progressHeader]byte
	if _, err := f.ReadAt(h[:], 0); err != nil {
		return progress{}, false
	}
	word, end := binary.NativeEndian.Uint64(h[0:]), int64(binary.NativeEndian.Uint64(h[8:]))
	p := progress{seq: word >> stateBits}
	state := int(word & stateEnded)
	if p.seq == 0 || end < progressHeader || end > 256<<20 {
		return progress{}, false
	}
	if state == stateEnded {
		p.ended = true
		return p, true
	}
	c := &checkpoint{Phase: state - 2}
	p.c = c
	dec := json.NewDecoder(io.NewSectionReader(f, progressHeader, end-progressHeader))
	for {
		var r checkpoint
		if dec.Decode(&r) != nil {
			return p, true
		}
		c.OK = r.OK
		c.Examples = append(c.Examples, r.Examples...)
		c.Msgs = append(c.Msgs, r.Msgs...)
		if r.Members != nil {
			c.Members = r.Members
		}
	}
}

// running is the job under way in this worker, if any.
var running atomic.Pointer[current]

// current is the job under way. As an evalWatch, it writes the progress file
// as each evaluation starts, and gives up on an evaluation that runs a
// quarter of its budget past it (the VM could not be interrupted).
type current struct {
	log    *progressLog
	budget time.Duration
	stuck  *time.Timer
	mu     sync.Mutex
	done   bool
}

// Start implements evalWatch.
func (c *current) Start(phase int, res *Result, msgs diag.List) {
	c.log.start(phase, res, msgs)
	c.stuck.Reset(c.budget)
}

// End implements evalWatch.
func (c *current) End() { c.stuck.Stop() }

// giveUp ends the worker for the limit k, unless the job is done.
func (c *current) giveUp(k limitKind) {
	c.mu.Lock() // held until the exit
	if c.done {
		c.mu.Unlock()
		return
	}
	code := exitPastTime
	if k == limitMemory {
		code = exitPastMemory
	}
	os.Exit(code)
}
