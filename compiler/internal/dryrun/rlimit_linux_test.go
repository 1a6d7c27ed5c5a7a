package dryrun

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/modc-dev/modc/compiler/diag"
)

// TestWorkerAddressSpaceCap: a worker's hard memory bound is its address
// space's cap, set before its first job (the watches, which depend on
// being scheduled in time, are tested by TestAttacks).
func TestWorkerAddressSpaceCap(t *testing.T) {
	const limit = 64 << 20
	w, err := startWorker(limit)
	if err != nil {
		t.Fatal(err)
	}
	defer w.discard()
	pid := strconv.Itoa(w.cmd.Process.Pid)
	limits, err := os.ReadFile("/proc/" + pid + "/limits")
	if err != nil {
		t.Fatal(err)
	}
	var soft string
	for _, line := range strings.Split(string(limits), "\n") {
		if rest, ok := strings.CutPrefix(line, "Max address space"); ok {
			soft = strings.Fields(rest)[0]
		}
	}
	capBytes, err := strconv.ParseUint(soft, 10, 64)
	if err != nil {
		t.Fatalf("the worker's address space is not capped: %q", soft)
	}
	size, err := procStatus(pid, "VmSize")
	if err != nil {
		t.Fatal(err)
	}
	if capBytes < size || capBytes-size > addressRoom(limit) {
		t.Errorf("address space cap %d MiB, the worker spans %d MiB: want at most %d MiB over it", capBytes>>20, size>>20, addressRoom(limit)>>20)
	}
}

// TestWorkerSmallStacks: started under a large stack limit (ulimit -s
// 262144), a worker runs with workerStack: glibc reserves that much for each
// of its threads in the capped address space, and with 256 MiB each, good
// modules failed as out of memory.
func TestWorkerSmallStacks(t *testing.T) {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_STACK, &rl); err != nil {
		t.Fatal(err)
	}
	big := rl
	big.Cur = min(256<<20, rl.Max)
	if big.Cur <= workerStack {
		t.Skipf("the hard stack limit is %d bytes", rl.Max)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_STACK, &big); err != nil {
		t.Fatal(err)
	}
	w, err := startWorker(64 << 20)
	if err := syscall.Setrlimit(syscall.RLIMIT_STACK, &rl); err != nil {
		t.Fatal(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer w.discard()
	pid := strconv.Itoa(w.cmd.Process.Pid)
	var soft string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		limits, err := os.ReadFile("/proc/" + pid + "/limits")
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(limits), "\n") {
			if rest, ok := strings.CutPrefix(line, "Max stack size"); ok {
				soft = strings.Fields(rest)[0]
			}
		}
		if soft == strconv.Itoa(workerStack) {
			break
		}
	}
	if soft != strconv.Itoa(workerStack) {
		t.Fatalf("the worker's stack limit is %s, want %d", soft, workerStack)
	}
	// It runs jobs after the second start.
	in := load(t, "testdata/limits")
	var good []*Input
	for i := range in {
		if in[i].Module.ID() == "good/sums" {
			good = append(good, &in[i])
		}
	}
	var res *Result
	if left, alive := w.runBatch(good, &Options{Timeout: time.Second, MaxCallStack: 1000, MemoryLimit: 64 << 20, Parallel: 1}, func(_ int, r *Result, _ diag.List) { res = r }); len(left) > 0 || !alive || res == nil || !res.OK {
		t.Errorf("the worker ran good/sums: left %v, alive %v, result %+v", left, alive, res)
	}
}
