package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/modc-dev/modc/compiler"
)

// profiler writes a CPU profile of one command when --cpuprofile names a
// file (as `go test -cpuprofile` and esbuild's --cpuprofile do), and one of
// each dry-run worker process to FILE.dryrun.PID; `make bench` uses them to
// profile the cold builds. With --memprofile it writes a heap profile taken
// when the heap was at its largest.
type profiler struct {
	path    string
	file    *os.File
	workers func() // ends the dry-run workers, which write their profiles then

	memPath string
	mem     *memSampler
}

// register adds the hidden --cpuprofile and --memprofile flags to root and
// starts profiling before any command runs.
func (p *profiler) register(root *cobra.Command) {
	root.PersistentFlags().StringVar(&p.path, "cpuprofile", "", "write a CPU profile of the command to `file`, and of each dry-run worker to file.dryrun.PID")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentFlags().StringVar(&p.memPath, "memprofile", "", "write a heap profile taken at the command's peak heap to `file`")
	_ = root.PersistentFlags().MarkHidden("memprofile")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if p.memPath != "" {
			p.mem = startMemSampler(p.memPath)
		}
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
		p.workers = compiler.ProfileDryRuns(p.path + ".dryrun")
		return nil
	}
}

// stop ends the profiles, whatever the command's outcome.
func (p *profiler) stop() error {
	var err error
	if p.mem != nil {
		err = p.mem.stop()
		p.mem = nil
	}
	if p.file == nil {
		return err
	}
	if p.workers != nil {
		p.workers()
		p.workers = nil
	}
	pprof.StopCPUProfile()
	cerr := p.file.Close()
	p.file = nil
	if cerr != nil {
		return fmt.Errorf("--cpuprofile: %w", cerr)
	}
	return err
}

// memSampler watches the live heap and writes a heap profile each time it
// grows by a twentieth past the largest seen, so that the file ends up holding
// the profile of (about) the peak. A heap profile's in-use figures are
// those of the last garbage collection, so each is taken after one.
type memSampler struct {
	path string
	done chan struct{}
	wg   sync.WaitGroup

	mu   sync.Mutex
	peak uint64 // live heap at the last profile written
	err  error
}

func startMemSampler(path string) *memSampler {
	s := &memSampler{path: path, done: make(chan struct{})}
	s.wg.Go(func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-s.done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			live := sample[0].Value.Uint64()
			if live > s.peak+s.peak/20 {
				s.write(live)
			}
		}
	})
	return s
}

func (s *memSampler) write(live uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.peak = live
	runtime.GC() // a heap profile tells of the last collection
	f, err := os.Create(s.path)
	if err == nil {
		err = pprof.Lookup("heap").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil && s.err == nil {
		s.err = err
	}
}

func (s *memSampler) stop() error {
	close(s.done)
	s.wg.Wait()
	if s.peak == 0 { // the heap never grew: profile the end
		s.write(1)
	}
	fmt.Fprintf(os.Stderr, "memprofile: peak live heap %.1f MB\n", float64(s.peak)/1e6)
	if s.err != nil {
		return fmt.Errorf("--memprofile: %w", s.err)
	}
	return nil
}
