// Package schedbatch runs a one-shot command under Linux's SCHED_BATCH
// scheduling policy: the kernel then treats its threads, and the processes
// it starts (the dry-run workers inherit the policy), as CPU-bound work
// that a wakeup should not preempt. A build is such work: its goroutines'
// threads and its dry-run workers keep every core busy and keep waking one
// another (I/O done, a job handed over, a reply read), and under the
// default policy each wakeup tends to preempt whichever runs. On a 2-core
// virtual machine, where a context switch traps to the host, the cold
// 1,000-module build switched involuntarily ~4,500 times against ~700
// under SCHED_BATCH, and took 2.21–2.49 s against 2.04–2.22 s (four
// alternated pairs); what shares the machine is favoured a little over the
// build, as with a small nice value.
package schedbatch

import "sync"

// Enter puts the process's threads under SCHED_BATCH, keeping their nice
// value, and returns what puts back those it changed. It does nothing when
// the calling thread's policy is not the default (SCHED_OTHER): the user's
// choice (chrt, a real-time policy) stands. Threads the runtime starts
// while it is in force inherit it; they are put back too. Best effort:
// where the system cannot, it does nothing.
func Enter() (restore func()) {
	changed := enter()
	return sync.OnceFunc(func() { leave(changed) })
}
