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

// processRSS returns the resident memory of process pid.
func processRSS(pid int) (uint64, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/statm")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseUint(f[1], 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * uint64(os.Getpagesize()), true
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
