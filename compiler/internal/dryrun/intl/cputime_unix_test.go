//go:build unix

package intl

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) the process has used: unlike
// the time on the clock, it does not grow when other processes load the
// machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
