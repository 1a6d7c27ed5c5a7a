package main

import (
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// profiler writes a CPU profile of one command when --cpuprofile names a
// file (as `go test -cpuprofile` and esbuild's --cpuprofile do); `make
// bench` uses it to profile the largest build.
type profiler struct {
	path string
	file *os.File
}

// register adds the hidden --cpuprofile flag to root and starts profiling
// before any command runs.
func (p *profiler) register(root *cobra.Command) {
	root.PersistentFlags().StringVar(&p.path, "cpuprofile", "", "write a CPU profile of the command to `file`")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if p.path == "" {
			return nil
		}
		f, err := os.Create(p.path)
		if err != nil {
			return usageErrorf("--cpuprofile: %v", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return failure(fmt.Errorf("--cpuprofile: %w", err))
		}
		p.file = f
		return nil
	}
}

// stop ends the profile, whatever the command's outcome.
func (p *profiler) stop() error {
	if p.file == nil {
		return nil
	}
	pprof.StopCPUProfile()
	err := p.file.Close()
	p.file = nil
	if err != nil {
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	return nil
}
