package dryrun

import (
	"bufio"
	"encoding/gob"
	"fmt"
	"io"
	"os"

	"github.com/dlclark/regexp2/v2"

	"github.com/modc-dev/modc/compiler/diag"
)

// Dry runs happen in worker processes: the running binary started again
// with workerEnv set. Whatever binary links this package (modc, a test
// binary) serves as a worker before its main or its tests run, so no
// command has to know about it. A worker reads jobs from file descriptor 3
// and writes replies to descriptor 4, one module at a time, until its
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
)

func init() {
	if os.Getenv(workerEnv) != workerProtocol {
		return
	}
	os.Exit(serveWorker())
}

// serveWorker runs jobs until the jobs pipe closes; it returns the exit status.
func serveWorker() int {
	jobs := os.NewFile(3, "jobs")
	replies := os.NewFile(4, "replies")
	if jobs == nil || replies == nil {
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
	guard.start(limit)
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
		if err := runJob(&j, enc, w); err != nil {
			fmt.Fprintf(os.Stderr, "modc dry-run worker: %v\n", err)
			return exitBroken
		}
	}
}

// runJob dry-runs one module, sending a reply as each evaluation starts
// and one when it is done.
func runJob(j *job, enc *gob.Encoder, w *bufio.Writer) error {
	opts := j.Opts
	opts.defaults()
	// goja hands regular expressions that Go's regexp cannot run to
	// regexp2, whose matching the VM cannot interrupt: give it the same
	// budget. (goja treats a match that timed out as no match; the VM's
	// own interrupt, due by then, ends the evaluation right after.)
	regexp2.DefaultMatchTimeout = opts.Timeout
	var sentEx, sentMsgs int
	sentMembers := false
	var werr error
	send := func(r *reply, res *Result, msgs diag.List) {
		if werr != nil {
			return
		}
		if res != nil {
			r.Examples = res.Examples[sentEx:]
			sentEx = len(res.Examples)
			if !sentMembers && len(res.Members) > 0 {
				r.Members, sentMembers = res.Members, true
			}
			r.OK = res.OK
		}
		r.Msgs = msgs[sentMsgs:]
		sentMsgs = len(msgs)
		if werr = enc.Encode(r); werr == nil {
			werr = w.Flush()
		}
	}
	res, msgs := runModule(j.input(), &opts, func(phase int, res *Result, msgs diag.List) {
		send(&reply{Phase: phase}, res, msgs)
	})
	send(&reply{Done: true}, res, msgs)
	return werr
}
