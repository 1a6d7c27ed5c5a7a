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

	"github.com/dlclark/regexp2/v2"

	"github.com/modc-dev/modc/compiler/diag"
)

// Dry runs happen in worker processes: the running binary started again
// with workerEnv set. Whatever binary links this package (modc, a test
// binary) serves as a worker before its main or its tests run, so no
// command has to know about it. A worker reads jobs from file descriptor 3
// and writes replies to descriptor 4 (and its progress to 5), one module at a time, until its
// parent closes the jobs pipe or dies.
//
// Limits are held in three layers. Inside the worker, the time budget
// interrupts the VM and the heap watchdog (memory.go) interrupts it when the
// heap has grown by the memory limit: the module gets an error located at
// the line that ran. A single built-in call does not give control back to
// the VM (`'x'.repeat(2**25).split(”)`, a backtracking regular
// expression), so the parent holds the hard limits from outside: it kills
// the worker half a time budget after the VM should have stopped, and when
// the worker's resident memory has grown by more than the memory limit and
// a quarter (sampled every few milliseconds). Last, the worker's data
// segment is capped (RLIMIT_DATA) at a few times the limit, so that one
// huge allocation fails at once instead of taking the host's memory.
const workerEnv = "MODC_DRYRUN_WORKER"

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
	if err := limitData(limit); err != nil {
		fmt.Fprintf(os.Stderr, "modc dry-run worker: setting the memory limit: %v\n", err)
		return exitMemoryLimit
	}
	w := bufio.NewWriter(replies)
	dec, enc := gob.NewDecoder(bufio.NewReader(jobs)), gob.NewEncoder(w)
	if err := enc.Encode(&reply{Ready: true}); err != nil || w.Flush() != nil {
		fmt.Fprintln(os.Stderr, "modc dry-run worker: cannot reply")
		return exitBroken
	}
	for {
		var j job
		if err := dec.Decode(&j); err != nil {
			if err == io.EOF {
				return exitOK
			}
			fmt.Fprintf(os.Stderr, "modc dry-run worker: reading a job: %v\n", err)
			return exitBroken
		}
		if err := runJob(&j, progress, enc, w); err != nil {
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

// runJob dry-runs one module and sends its result. As each evaluation
// starts, the worker writes what it knows into its progress file, which
// the parent reads only if the worker ends before replying: which
// evaluation ran, and the results before it. An evaluation that has not
// ended a quarter of the time budget after the VM was told to stop (one
// long built-in call), or memory grown past the limit and a quarter, ends
// the worker with an exit status that says which limit.
func runJob(j *job, progress *os.File, enc *gob.Encoder, w *bufio.Writer) error {
	opts := j.Opts
	opts.defaults()
	// goja hands regular expressions that Go's regexp cannot run to
	// regexp2, whose matching the VM cannot interrupt: give it the same
	// budget. (goja treats a match that timed out as no match; the VM's
	// own interrupt, due by then, ends the evaluation right after.)
	regexp2.DefaultMatchTimeout = opts.Timeout
	cur := &current{log: newProgressLog(progress, j.Seq), budget: opts.Timeout + opts.Timeout/4}
	cur.stuck = time.AfterFunc(time.Hour, func() { cur.giveUp(limitTime) })
	cur.stuck.Stop()
	running.Store(cur)
	res, msgs := runModule(j.input(), &opts, cur)
	cur.stuck.Stop()
	running.Store(nil)
	cur.mu.Lock()
	cur.done = true
	cur.mu.Unlock()
	if err := enc.Encode(&reply{Done: true, OK: res.OK, Members: res.Members, Examples: res.Examples, Msgs: msgs}); err != nil {
		return err
	}
	return w.Flush()
}

// progressLog is a worker's progress file for one job: a header (the
// job's number, the evaluation under way, where the log ends), then the
// results as they came, in JSON records of what is new since the previous
// one. Each evaluation's start costs the header's write, and a record's
// when something finished since.
type progressLog struct {
	f              *os.File
	seq            uint64
	end            int64
	examples, msgs int
	members        bool
	buf            bytes.Buffer
}

// progressHeader is the size of the header: three uint64s.
const progressHeader = 24

func newProgressLog(f *os.File, seq uint64) *progressLog {
	return &progressLog{f: f, seq: seq, end: progressHeader}
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
			if n, err := l.f.WriteAt(l.buf.Bytes(), l.end); err == nil {
				l.end += int64(n)
			}
		}
	}
	var h [progressHeader]byte
	binary.LittleEndian.PutUint64(h[0:], l.seq)
	binary.LittleEndian.PutUint64(h[8:], uint64(phase+2))
	binary.LittleEndian.PutUint64(h[16:], uint64(l.end))
	_, _ = l.f.WriteAt(h[:], 0)
}

// readProgress reads what a worker wrote into its progress file for the
// job seq: the evaluation under way and the results before it; nil when
// it wrote nothing for that job.
func readProgress(f *os.File, seq uint64) *checkpoint {
	var h [progressHeader]byte
	if _, err := f.ReadAt(h[:], 0); err != nil || binary.LittleEndian.Uint64(h[0:]) != seq {
		return nil
	}
	c := &checkpoint{Phase: int(binary.LittleEndian.Uint64(h[8:])) - 2}
	end := int64(binary.LittleEndian.Uint64(h[16:]))
	if end < progressHeader || end > 256<<20 {
		return nil
	}
	dec := json.NewDecoder(io.NewSectionReader(f, progressHeader, end-progressHeader))
	for {
		var r checkpoint
		if dec.Decode(&r) != nil {
			return c
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
