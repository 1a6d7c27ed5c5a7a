package schedbatch

import (
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// passes bounds the sweeps over the threads: one started during a sweep
// by a thread not yet changed is caught by the next.
const passes = 3

// entered is what enter found and did: the threads it changed, and those
// that were there before it (the others started while it was in force).
type entered struct {
	changed, before map[int]bool
}

func enter() *entered {
	self, err := unix.SchedGetAttr(0, 0)
	if err != nil || self.Policy != unix.SCHED_NORMAL {
		return nil
	}
	e := &entered{changed: map[int]bool{}, before: map[int]bool{}}
	for _, tid := range threads() {
		e.before[tid] = true
	}
	for range passes {
		n := 0
		for _, tid := range threads() {
			if setPolicy(tid, unix.SCHED_NORMAL, unix.SCHED_BATCH) {
				e.changed[tid] = true
				n++
			}
		}
		if n == 0 {
			break
		}
	}
	return e
}

// leave puts back under SCHED_OTHER the threads under SCHED_BATCH that
// enter changed or that started since.
func leave(e *entered) {
	if e == nil {
		return
	}
	for _, tid := range threads() {
		if e.changed[tid] || !e.before[tid] {
			setPolicy(tid, unix.SCHED_BATCH, unix.SCHED_NORMAL)
		}
	}
}

// setPolicy gives the thread tid the policy to when its policy is from,
// keeping its nice value; it says whether it did.
func setPolicy(tid int, from, to uint32) bool {
	attr, err := unix.SchedGetAttr(tid, 0)
	if err != nil || attr.Policy != from {
		return false
	}
	attr.Policy = to
	attr.Flags = 0
	return unix.SchedSetAttr(tid, attr, 0) == nil
}

// threads lists the process's threads.
func threads() []int {
	entries, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return nil
	}
	tids := make([]int, 0, len(entries))
	for _, e := range entries {
		if tid, err := strconv.Atoi(e.Name()); err == nil {
			tids = append(tids, tid)
		}
	}
	return tids
}
