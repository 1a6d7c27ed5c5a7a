//go:build !linux

package dryrun

import (
	"os"
	"syscall"
)

// limitData does nothing where RLIMIT_DATA does not count the heap: the
// heap watchdog and the parent's deadline still hold.
func limitData(limit uint64) error { return nil }

// workerAttr has nothing to add outside Linux.
func workerAttr() *syscall.SysProcAttr { return nil }

// processRSS is not known outside Linux.
func processRSS(pid int) (uint64, bool) { return 0, false }

// peakRSS is not known outside Linux.
func peakRSS(ps *os.ProcessState) uint64 { return 0 }

// workerExe is the binary a worker runs: this one.
func workerExe() (string, error) { return os.Executable() }

// progressFile makes a worker's progress file.
func progressFile() (*os.File, error) { return tempProgressFile() }
