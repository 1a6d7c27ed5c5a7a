//go:build !unix

package heapsize

import "time"

// processCPU is the CPU time the process used: unknown here.
func processCPU() time.Duration { return 0 }
