// Package sidebyside is `make bench`: it generates SPEC 11 workspaces of
// several sizes and builds each one with modc (cold, then warm with the
// release cache), with esbuild alone (the same main.js files into one
// minified bundle with a source map per package) and with Hugo alone (the
// same markdown pages), then reruns the Go benchmarks of the devserver, the
// dry runs and versions, and writes one markdown report with the ratios
// SPEC 11 sets as targets.
package sidebyside

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/modc-dev/modc/site/output"
)

// Options configures a run. Zero values take the defaults.
type Options struct {
	Modc    string // the modc executable to measure
	Esbuild string // the esbuild executable (default "esbuild" on PATH)
	Hugo    string // the hugo executable (default "hugo" on PATH)
	Repo    string // modc's source tree, for the Go benchmarks (default ".")

	Sizes []int  // workspace sizes in modules; pages and bindings as many (default 100, 1000, 5000)
	Main  int    // the size SPEC 11's targets are about (default 1000)
	Runs  int    // runs of each tool at sizes up to Main (default 5)
	Large int    // runs of each tool at sizes above Main (default 1)
	Seed  uint64 // the generator's seed (default 1)
	// NoReleases skips the second pair of modc builds, made after every
	// package is tagged v1.0.0 (releases built, then taken from the cache).
	NoReleases bool

	Work    string // scratch directory (default: a temporary one, removed after)
	GoBench bool   // also run the Go benchmarks
	Profile bool   // profile the modc builds of the -main size and of the largest
	Log     io.Writer
}

func (o *Options) defaults() {
	if o.Esbuild == "" {
		o.Esbuild = "esbuild"
	}
	if o.Hugo == "" {
		o.Hugo = "hugo"
	}
	if o.Repo == "" {
		o.Repo = "."
	}
	if len(o.Sizes) == 0 {
		o.Sizes = []int{100, 1000, 5000}
	}
	if o.Main == 0 {
		o.Main = 1000
	}
	if o.Runs <= 0 {
		o.Runs = 5
	}
	if o.Large <= 0 {
		o.Large = 1
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
}

// Size is what each tool took on the workspace of one size.
type Size struct {
	Modules, Pages, Bindings int
	// ModcCold and ModcWarm build the workspace as generated: cold with no
	// output directory, warm over the previous output.
	ModcCold, ModcWarm Measure
	// ModcEdit builds it warm after each run changed a string in one
	// module's main.js (of the package Edited), once an untimed edit and
	// build moved that package to its .dirty version; its Written says
	// which files the build wrote.
	ModcEdit Measure
	Edited   string
	// ReleasedCold and ReleasedWarm build it once every package has a
	// release tag at HEAD: cold with an empty release cache, warm with the
	// cache the cold runs filled. Zero when Options.NoReleases.
	ReleasedCold, ReleasedWarm Measure
	Esbuild, Hugo              Measure
}

// Report is the outcome of a run.
type Report struct {
	Date     time.Time
	Took     time.Duration
	CPU      string
	Cores    int
	Memory   string
	Versions [][2]string // tool, version
	Options  Options
	Sizes    []Size
	GoBench  []GoBench
	// Profiles are the CPU profiles of one more cold modc build of the
	// -main size and of the largest (one when they are the same size).
	Profiles []BuildProfile
	// HeapProfile is pprof -top of the live heap of the largest modc
	// build, taken at its peak (modc --memprofile), after the peak's size.
	HeapProfile string
}

// Run measures everything opts asks for.
func Run(opts Options) (*Report, error) {
	opts.defaults()
	start := time.Now()
	for _, p := range []*string{&opts.Modc, &opts.Esbuild, &opts.Hugo} {
		abs, err := exec.LookPath(*p)
		if err != nil {
			return nil, fmt.Errorf("finding %s: %w", *p, err)
		}
		if abs, err = filepath.Abs(abs); err != nil {
			return nil, err
		}
		*p = abs
	}
	work := opts.Work
	if work == "" {
		dir, err := os.MkdirTemp("", "modc-bench-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		work = dir
	}
	bin := &trash{dir: filepath.Join(work, "trash")}
	defer bin.empty()
	rep := &Report{Date: start, Options: opts, Cores: runtime.NumCPU()}
	rep.CPU, rep.Memory = machine()
	rep.Versions = versions(opts)

	for _, size := range opts.Sizes {
		runs := opts.Runs
		if size > opts.Main {
			runs = opts.Large
		}
		fmt.Fprintf(opts.Log, "== %d modules, %d pages, %d bindings: %d runs each\n", size, size, size, runs)
		largest := size == slices.Max(opts.Sizes)
		prof := opts.Profile && (largest || size == opts.Main)
		s, err := measureSize(opts, work, bin, size, runs, prof, largest)
		if err != nil {
			return nil, err
		}
		rep.Sizes = append(rep.Sizes, s.Size)
		if prof {
			rep.Profiles = append(rep.Profiles, s.profile)
		}
		if s.heapProfile != "" {
			rep.HeapProfile = s.heapProfile
		}
		if err := bin.aside(filepath.Join(work, fmt.Sprint(size))); err != nil {
			return nil, err
		}
	}
	if opts.GoBench {
		for _, g := range goBenches() {
			fmt.Fprintf(opts.Log, "== go test -bench %s %s\n", g.Pattern, g.Package)
			if err := runGoBench(opts.Repo, work, &g); err != nil {
				return nil, err
			}
			rep.GoBench = append(rep.GoBench, g)
		}
	}
	rep.Took = time.Since(start)
	if err := bin.empty(); err != nil {
		return nil, err
	}
	return rep, nil
}

// BuildProfile is pprof's top functions in one cold modc build of a size:
// of the modc process, and of its dry-run workers (their profiles merged).
type BuildProfile struct {
	Modules       int
	Main, Workers string
	// Collector is what modc --timings says the collector cost in the
	// modc process ("N collections, about … of CPU of the … this process
	// used").
	Collector string
}

// measured is a Size and, when asked for, the profiles of its cold build.
type measured struct {
	Size
	profile     BuildProfile
	heapProfile string
}

// measureSize generates the workspace of size and times every tool on it;
// with prof, it profiles one more cold build before the releases are
// tagged, and with heap too, the heap of another.
func measureSize(opts Options, work string, bin *trash, size, runs int, prof, heap bool) (*measured, error) {
	dir := filepath.Join(work, fmt.Sprint(size))
	w, err := prepare(dir, size, opts.Seed)
	if err != nil {
		return nil, fmt.Errorf("generating the workspace of %d modules: %w", size, err)
	}
	g := w.Gen
	s := &measured{Size: Size{Modules: g.Packages * g.Modules, Pages: g.Pages, Bindings: g.Bindings}}
	cache := filepath.Join(dir, "cache")
	modcOut := filepath.Join(w.Dir, "out")
	modc := job{
		tool: "modc build", dir: w.Dir, argv: []string{opts.Modc, "build"},
		env: []string{"MODC_CACHE_DIR=" + cache}, out: modcOut,
	}
	cold := modc
	cold.tool = "modc build (cold)"
	cold.before = func() error { return bin.aside(modcOut, output.Spare(modcOut), cache) }
	warm := modc
	warm.tool = "modc build (warm)"
	edit := warm
	edit.tool = "modc build (warm, one module edited)"
	edit.trackWrites = true
	edits := 0
	edit.before = func() error {
		edits++
		return w.edit(edits)
	}
	s.Edited = w.Packages[0]
	editFirst := func() error { // untimed: the package gets its .dirty version
		if err := w.edit(0); err != nil {
			return err
		}
		return runOnce(warm, &Measure{})
	}
	relCold, relWarm := cold, warm
	relCold.tool, relWarm.tool = "modc build, released (cold cache)", "modc build, released (warm cache)"
	esOut := filepath.Join(dir, "esbuild-out")
	esbuild := job{
		tool: "esbuild", dir: dir, out: esOut, minFiles: 2 * len(w.Entries), // a bundle and its map each
		argv:   append([]string{opts.Esbuild, "--bundle", "--minify", "--sourcemap", "--format=esm", "--log-level=warning", "--outdir=" + esOut}, w.Entries...),
		before: func() error { return bin.aside(esOut) },
	}
	hugoOut := filepath.Join(dir, "hugo-out")
	hugo := job{
		tool: "hugo", dir: w.HugoSite, out: hugoOut, minFiles: g.Pages,
		argv:   []string{opts.Hugo, "--quiet", "--source", w.HugoSite, "--destination", hugoOut},
		before: func() error { return bin.aside(hugoOut, filepath.Join(w.HugoSite, "resources")) },
	}
	// A step times its jobs in rounds (interleave), or, without any,
	// runs its untimed before. Cold modc, esbuild and Hugo, whose ratio
	// is the target, run side by side; warm builds need the output before.
	type step struct {
		jobs   []job
		dsts   []*Measure
		before func() error
	}
	steps := []step{{jobs: []job{cold, esbuild, hugo}, dsts: []*Measure{&s.ModcCold, &s.Esbuild, &s.Hugo}},
		{jobs: []job{warm}, dsts: []*Measure{&s.ModcWarm}},
		{before: editFirst}, {jobs: []job{edit}, dsts: []*Measure{&s.ModcEdit}}, {before: w.unedit}}
	if prof {
		steps = append(steps, step{before: func() (err error) {
			fmt.Fprintf(opts.Log, "   profiling a cold modc build\n")
			if s.profile, err = profile(opts, w.Dir, cache, bin); err != nil {
				return err
			}
			s.profile.Modules = s.Modules
			if !heap {
				return nil
			}
			fmt.Fprintf(opts.Log, "   profiling the heap of a cold modc build\n")
			s.heapProfile, err = heapProfile(opts, w.Dir, cache, bin)
			return err
		}})
	}
	if !opts.NoReleases {
		steps = append(steps, step{before: w.release}, step{jobs: []job{relCold}, dsts: []*Measure{&s.ReleasedCold}},
			step{jobs: []job{relWarm}, dsts: []*Measure{&s.ReleasedWarm}})
	}
	for _, st := range steps {
		if len(st.jobs) == 0 {
			if err := st.before(); err != nil {
				return nil, err
			}
			continue
		}
		names := make([]string, len(st.jobs))
		for i, j := range st.jobs {
			names[i] = j.tool
		}
		fmt.Fprintf(opts.Log, "   %s…", strings.Join(names, ", "))
		got, err := interleave(st.jobs, runs)
		if err != nil {
			return nil, err
		}
		for i, m := range got {
			*st.dsts[i] = m
			if len(got) > 1 {
				fmt.Fprintf(opts.Log, "\n     %s:", m.Tool)
			}
			fmt.Fprintf(opts.Log, " median %s, peak %s", seconds(m.Median()), megabytes(m.PeakRSS))
			if st.jobs[i].trackWrites {
				fmt.Fprintf(opts.Log, ", %s of %s files written", thousands(m.Written), thousands(m.Files))
			}
		}
		fmt.Fprintln(opts.Log)
	}
	return s, nil
}

// profile builds the workspace ws cold once more under --cpuprofile and
// --timings, and returns pprof's top functions, flat and cumulative, of
// modc and of its dry-run workers, and what --timings says the collector
// cost.
func profile(opts Options, ws, cache string, bin *trash) (BuildProfile, error) {
	var p BuildProfile
	out, prof, err := profiledBuild(opts, ws, cache, bin, "--cpuprofile", "cpu.prof", "--timings")
	if err != nil {
		return p, err
	}
	for _, line := range strings.Split(out, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "collector "); ok {
			p.Collector = strings.TrimSpace(rest)
		}
	}
	if p.Main, err = pprofTop(opts.Modc, []string{prof}, 20); err != nil {
		return p, err
	}
	// modc --cpuprofile F has each dry-run worker write F.dryrun.PID.
	workers, err := filepath.Glob(prof + ".dryrun.*")
	if err != nil || len(workers) == 0 {
		return p, err
	}
	p.Workers, err = pprofTop(opts.Modc, workers, 20)
	return p, err
}

// heapProfile builds the workspace ws cold once more under --memprofile
// and returns the peak live heap modc reports and pprof's top allocation
// sites of the heap at that peak.
func heapProfile(opts Options, ws, cache string, bin *trash) (string, error) {
	out, prof, err := profiledBuild(opts, ws, cache, bin, "--memprofile", "heap.prof")
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "memprofile: ") {
			b.WriteString(strings.TrimPrefix(line, "memprofile: ") + "\n\n")
		}
	}
	top, err := pprofTop(opts.Modc, []string{prof}, 15, "-sample_index=inuse_space")
	return b.String() + top, err
}

// profiledBuild builds the workspace ws cold once more with flag (modc's
// hidden --cpuprofile or --memprofile) writing file next to ws, and build's
// extra flags, and returns what modc printed and the profile's path.
func profiledBuild(opts Options, ws, cache string, bin *trash, flag, file string, extra ...string) (out, prof string, err error) {
	prof = filepath.Join(filepath.Dir(ws), file)
	if old, _ := filepath.Glob(prof + "*"); len(old) > 0 {
		for _, f := range old {
			if err := os.Remove(f); err != nil {
				return "", "", err
			}
		}
	}
	dir := filepath.Join(ws, "out")
	if err := bin.aside(dir, output.Spare(dir), cache); err != nil {
		return "", "", err
	}
	cmd := exec.Command(opts.Modc, append([]string{flag, prof, "build"}, extra...)...)
	cmd.Dir = ws
	cmd.Env = append(os.Environ(), "MODC_CACHE_DIR="+cache)
	data, err := cmd.CombinedOutput()
	if err != nil {
		return "", "", fmt.Errorf("modc %s build: %w\n%s", flag, err, tail(string(data), 2000))
	}
	return string(data), prof, nil
}

// pprofTop returns pprof's top nodes of the profiles profs (merged) of the
// executable bin ("" when the profiles name their functions themselves),
// flat (where the cycles or bytes are) and then cumulative without the Go
// runtime's and the CLI's frames, which names the build's own phases;
// extra are more pprof flags.
func pprofTop(bin string, profs []string, nodes int, extra ...string) (string, error) {
	var b strings.Builder
	for _, flags := range [][]string{{"-top"}, {"-top", "-cum", `-hide=^(runtime|internal/runtime|syscall|os|main|github\.com/spf13/cobra)\.`}} {
		args := append([]string{"tool", "pprof"}, extra...)
		args = append(args, flags...)
		args = append(args, fmt.Sprintf("-nodecount=%d", nodes))
		if bin != "" {
			args = append(args, bin)
		}
		args = append(args, profs...)
		out, err := exec.Command("go", args...).CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("go tool pprof: %w\n%s", err, tail(string(out), 2000))
		}
		b.Write(out)
		b.WriteString("\n")
	}
	return b.String(), nil
}

// machine describes the CPU and memory from /proc.
func machine() (cpu, mem string) {
	cpu, mem = runtime.GOARCH, "unknown"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && k == "MemTotal" {
				var kb int64
				fmt.Sscan(strings.TrimSpace(v), &kb)
				mem = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
			}
		}
	}
	return cpu, mem
}

// versions asks each tool its version.
func versions(opts Options) [][2]string {
	var vs [][2]string
	for _, c := range [][]string{
		{"modc", opts.Modc, "version"},
		{"esbuild", opts.Esbuild, "--version"},
		{"hugo", opts.Hugo, "version"},
		{"go", "go", "version"},
		{"git", "git", "--version"},
	} {
		out, err := exec.Command(c[1], c[2:]...).CombinedOutput()
		v := strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
		if err != nil {
			v = "unknown (" + err.Error() + ")"
		}
		vs = append(vs, [2]string{c[0], v})
	}
	return vs
}
