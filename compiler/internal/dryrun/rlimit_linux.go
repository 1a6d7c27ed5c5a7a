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

// limitData caps the process's data segment (RLIMIT_DATA, which since
// Linux 4.7 counts every private writable mapping, so the Go heap and
// thread stacks) at what it holds now plus four times limit: a single
// allocation past it fails at once, and the Go runtime ends the process
// with "out of memory". Growth step by step is stopped long before, by the
// parent's watch on the worker's resident memory: near the cap, the Go
// runtime fails in less tidy ways (a thread it cannot start).
func limitData(limit uint64) error {
	now, err := vmData()
	if err != nil {
		return err
	}
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_DATA, &rl); err != nil {
		return err
	}
	rl.Cur = min(now+4*limit, rl.Max) // a lower hard limit (ulimit -d) stays
	return syscall.Setrlimit(syscall.RLIMIT_DATA, &rl)
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

// vmData reads the process's data segment size from /proc/self/status.
func vmData() (uint64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmData:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("reading VmData: %w", err)
			}
			return kb << 10, nil
		}
	}
	return 0, fmt.Errorf("no VmData in /proc/self/status")
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
