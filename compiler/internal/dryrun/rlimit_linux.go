package dryrun

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// limitAddressSpace caps the process's address space (RLIMIT_AS) at what
// it spans now plus addressRoom(limit). This is the hard bound on a
// worker's memory: what is resident is part of the address space, and reserving
// more fails at once, so the Go runtime ends the process with "out of
// memory" when one allocation would pass it. Growth step by step is
// stopped long before, by the worker's watchdog and the parent's watch on
// its resident memory, which both depend on being scheduled in time.
//
// RLIMIT_DATA would read better but bounds nothing here: the Go heap grows
// by mapping writable memory over address space it reserved before, and
// Linux checks the data limit only against the net growth of the mapping,
// which is none (a worker capped at 270 MiB of data was seen at 471 MiB
// resident).
func limitAddressSpace(limit uint64) error {
	size, err := procStatus("self", "VmSize")
	if err != nil {
		return err
	}
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &rl); err != nil {
		return err
	}
	rl.Cur = min(size+addressRoom(limit), rl.Max) // a lower hard limit (ulimit -v) stays
	return syscall.Setrlimit(syscall.RLIMIT_AS, &rl)
}

// workerStack is the most stack a worker's threads start with. glibc gives
// every thread the stack limit the process started with (ulimit -s), and
// reserves it whole in the address space that limitAddressSpace caps: a
// worker started under ulimit -s 262144 could not start its threads, and
// good modules failed as out of memory.
const workerStack = 8 << 20

// smallStacks makes the worker run with a stack limit of at most
// workerStack: when it started with a bigger one, it lowers its soft limit
// and runs its binary again, which glibc reads the limit from; its pipes
// and environment stay. It returns when there was nothing to do or it
// could not.
func smallStacks() {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_STACK, &rl); err != nil || rl.Cur <= workerStack {
		return // RLIM_INFINITY is the largest value: it goes on
	}
	rl.Cur = workerStack
	if err := syscall.Setrlimit(syscall.RLIMIT_STACK, &rl); err != nil {
		return
	}
	exe, err := workerExe()
	if err != nil {
		return
	}
	_ = syscall.Exec(exe, os.Args, os.Environ()) // only returns on failure
}

// rssSource reads a process's resident memory from its /proc/PID/statm,
// kept open: each look costs one read.
type rssSource struct {
	f   *os.File
	buf [128]byte
}

// openRSS opens the resident memory of process pid; nil when it cannot.
func openRSS(pid int) *rssSource {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/statm")
	if err != nil {
		return nil
	}
	return &rssSource{f: f}
}

// read returns the resident memory now; false when it cannot (nil s too).
func (s *rssSource) read() (uint64, bool) {
	if s == nil {
		return 0, false
	}
	n, err := s.f.ReadAt(s.buf[:], 0)
	if n == 0 && err != nil {
		return 0, false
	}
	f := strings.Fields(string(s.buf[:n]))
	if len(f) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseUint(f[1], 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * uint64(os.Getpagesize()), true
}

func (s *rssSource) close() {
	if s != nil {
		s.f.Close()
	}
}

// peakRSS returns the peak resident memory of an ended process.
func peakRSS(ps *os.ProcessState) uint64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok && ru != nil {
		return uint64(ru.Maxrss) << 10
	}
	return 0
}

// procStatus reads one size field ("VmSize") of /proc/PID/status; pid may
// be "self".
func procStatus(pid, field string) (uint64, error) {
	f, err := os.Open("/proc/" + pid + "/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("reading %s: %w", field, err)
			}
			return kb << 10, nil
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%s/status", field, pid)
}

// workerAttr makes a worker die with its parent.
func workerAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
}

// workerExe is the binary a worker runs: this one, through /proc so that
// it still starts after the file was replaced (go install, a new release).
func workerExe() (string, error) {
	if _, err := os.Stat("/proc/self/exe"); err == nil {
		return "/proc/self/exe", nil
	}
	return os.Executable()
}

// progressFile makes a worker's progress file: in memory (memfd), else a
// temporary file, removed at once (it lives while it is open).
func progressFile() (*os.File, error) {
	if fd, err := unix.MemfdCreate("modc-dryrun-progress", unix.MFD_CLOEXEC); err == nil {
		return os.NewFile(uintptr(fd), "modc-dryrun-progress"), nil
	}
	return tempProgressFile()
}

// mapHeader maps the first size bytes of f into memory, shared with the
// file, growing the file to size first; nil when it cannot.
func mapHeader(f *os.File, size int) []byte {
	if st, err := f.Stat(); err != nil || (st.Size() < int64(size) && f.Truncate(int64(size)) != nil) {
		return nil
	}
	b, err := unix.Mmap(int(f.Fd()), 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		return nil
	}
	return b
}
