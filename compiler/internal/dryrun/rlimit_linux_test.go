package dryrun

import (
	"os"
	"strconv"
	"strings"
	"testing"
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
