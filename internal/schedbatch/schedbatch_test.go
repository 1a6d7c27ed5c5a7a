//go:build linux

package schedbatch

import (
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// policies counts the process's threads by scheduling policy.
func policies(t *testing.T) map[uint32]int {
	t.Helper()
	n := map[uint32]int{}
	for _, tid := range threads() {
		if attr, err := unix.SchedGetAttr(tid, 0); err == nil {
			n[attr.Policy]++
		}
	}
	return n
}

// childPolicy starts a process and returns its scheduling policy, as
// /proc/PID/stat's 41st field says.
func childPolicy(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("sleep", "10")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	data, err := os.ReadFile("/proc/" + strconv.Itoa(cmd.Process.Pid) + "/stat")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:]) // from field 3, the state
	policy, err := strconv.Atoi(fields[41-3])
	if err != nil {
		t.Fatalf("policy in %q: %v", s, err)
	}
	return policy
}

func TestEnter(t *testing.T) {
	if self, err := unix.SchedGetAttr(0, 0); err != nil || self.Policy != unix.SCHED_NORMAL {
		t.Skipf("the test runs under policy %v (%v), not the default", self, err)
	}
	nice, err := unix.Getpriority(unix.PRIO_PROCESS, 0)
	if err != nil {
		t.Fatal(err)
	}
	restore := Enter()
	if got := policies(t); got[unix.SCHED_NORMAL] != 0 || got[unix.SCHED_BATCH] == 0 {
		restore()
		t.Fatalf("threads by policy after Enter: %v", got)
	}
	// Threads started now, and the processes they start, inherit it.
	done := make(chan int)
	go func() {
		runtime.LockOSThread() // a thread of its own, ended with the goroutine
		attr, _ := unix.SchedGetAttr(0, 0)
		done <- int(attr.Policy)
	}()
	if p := <-done; p != unix.SCHED_BATCH {
		t.Errorf("a new thread's policy is %d", p)
	}
	if p := childPolicy(t); p != unix.SCHED_BATCH {
		t.Errorf("a child's policy is %d, want SCHED_BATCH (%d)", p, unix.SCHED_BATCH)
	}
	if after, _ := unix.Getpriority(unix.PRIO_PROCESS, 0); after != nice {
		t.Errorf("nice went from %d to %d", nice, after)
	}
	restore()
	if got := policies(t); got[unix.SCHED_BATCH] != 0 {
		t.Errorf("threads by policy after restore: %v", got)
	}
	if p := childPolicy(t); p != unix.SCHED_NORMAL {
		t.Errorf("after restore, a child's policy is %d", p)
	}
}

// TestEnterLeavesOtherPolicies: a thread under another policy than the
// default (the user ran modc under chrt) makes Enter change nothing.
func TestEnterLeavesOtherPolicies(t *testing.T) {
	done := make(chan map[uint32]int)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
		attr, err := unix.SchedGetAttr(0, 0)
		if err != nil {
			t.Error(err)
			done <- nil
			return
		}
		attr.Policy, attr.Flags = unix.SCHED_IDLE, 0
		if err := unix.SchedSetAttr(0, attr, 0); err != nil {
			t.Errorf("SCHED_IDLE: %v", err)
			done <- nil
			return
		}
		restore := Enter()
		got := policies(t)
		restore()
		done <- got
	}()
	got := <-done
	if got == nil {
		return
	}
	if got[unix.SCHED_BATCH] != 0 || got[unix.SCHED_IDLE] != 1 {
		t.Errorf("threads by policy after Enter from a SCHED_IDLE thread: %v", got)
	}
}
