//go:build !linux

package dryrun

import (
	"os"
	"syscall"
)

// limitAddressSpace does nothing outside Linux: the heap watchdog and the
// parent's deadline still hold.
func limitAddressSpace(limit uint64) error { return nil }

// smallStacks has nothing to do outside Linux: there is no address space
// cap that thread stacks could fill.
func smallStacks() {}

// workerAttr has nothing to add outside Linux.
func workerAttr() *syscall.SysProcAttr { return nil }

// rssSource reads nothing outside Linux: resident memory is not known.
type rssSource struct{}

func openRSS(pid int) *rssSource          { return nil }
func (s *rssSource) read() (uint64, bool) { return 0, false }
func (s *rssSource) close()               {}

// peakRSS is not known outside Linux.
func peakRSS(ps *os.ProcessState) uint64 { return 0 }

// workerExe is the binary a worker runs: this one.
func workerExe() (string, error) { return os.Executable() }

// progressFile makes a worker's progress file.
func progressFile() (*os.File, error) { return tempProgressFile() }

// mapHeader returns nil: the header is written to the file.
func mapHeader(f *os.File, size int) []byte { return nil }
