package sidebyside

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// GoBench is one Go benchmark `make bench` runs beside the builds: its
// package, the -bench pattern and -benchtime, and what it measured. A
// dry-run benchmark may name the part of it (ProfilePattern) run once
// more for the CPU profile of its dry-run worker (Profile).
type GoBench struct {
	Title     string
	Package   string
	Pattern   string
	Benchtime string
	Results   []BenchResult

	ProfilePattern string
	Profile        string // pprof's top functions of the worker
}

// BenchResult is one line of `go test -bench` output: a benchmark's full
// name (without the -N GOMAXPROCS suffix) and its metrics by unit.
type BenchResult struct {
	Name    string
	Metrics map[string]float64
}

// Metric is the value of unit in the result whose name contains sub, and
// whether there is one.
func (g GoBench) Metric(sub, unit string) (float64, bool) {
	for _, r := range g.Results {
		if strings.Contains(r.Name, sub) {
			if v, ok := r.Metrics[unit]; ok {
				return v, true
			}
		}
	}
	return 0, false
}

// goBenches are the benchmarks of earlier issues that `make bench` reruns:
// the devserver's edit-to-reload, dry runs, and versions.
func goBenches() []GoBench {
	return []GoBench{
		{Title: "devserver edit → reload (SPEC 11 workspace, 50 edits)", Package: "./site", Pattern: "^BenchmarkDevserverEdit$", Benchtime: "1x"},
		{Title: "dry runs (a module with 6 examples, and with none)", Package: "./compiler/internal/dryrun", Pattern: "^BenchmarkDryRun$", Benchtime: "20x",
			ProfilePattern: "^BenchmarkDryRun$/^examples=6$/^parallel=1$"},
		{Title: "versions (50 packages, 10,000 tags, 5,000 commits)", Package: "./compiler/internal/gitver", Pattern: "^BenchmarkVersions$/^tags=10000$/^commits=5000$/^(brief|releases)$", Benchtime: "10x"},
	}
}

// runGoBench runs g in the module at repo, and then its ProfilePattern
// with the dry-run workers' CPU profiles written into work.
func runGoBench(repo, work string, g *GoBench) error {
	out, err := goTestBench(repo, g.Pattern, g.Benchtime, g.Package)
	if err != nil {
		return err
	}
	g.Results = parseBench(out)
	if len(g.Results) == 0 {
		return fmt.Errorf("go test -bench %s %s printed no results:\n%s", g.Pattern, g.Package, tail(string(out), 3000))
	}
	if g.ProfilePattern == "" {
		return nil
	}
	prefix := filepath.Join(work, "dryrun-bench.prof")
	if _, err := goTestBench(repo, g.ProfilePattern, g.Benchtime, g.Package, "MODC_DRYRUN_CPUPROFILE="+prefix); err != nil {
		return err
	}
	profs, err := filepath.Glob(prefix + ".*")
	if err != nil || len(profs) == 0 {
		return fmt.Errorf("go test -bench %s %s wrote no worker profile %s.PID", g.ProfilePattern, g.Package, prefix)
	}
	// The profiles name their functions: the test binary is gone.
	g.Profile, err = pprofTop("", profs, 20)
	return err
}

// goTestBench runs `go test -bench pattern` in pkg of the module at repo,
// with env added to the environment, and returns its output.
func goTestBench(repo, pattern, benchtime, pkg string, env ...string) ([]byte, error) {
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", pattern, "-benchtime", benchtime, pkg)
	cmd.Dir = repo
	// A dry run reported over a limit then says how the limit was seen
	// passed (a BenchmarkDryRun run once reported its module over the
	// memory limit, and could not say which watch stopped it).
	cmd.Env = append(append(os.Environ(), "MODC_DEBUG_WORKER=1"), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go test -bench %s %s: %w\n%s", pattern, pkg, err, tail(string(out), 3000))
	}
	return out, nil
}

var procsSuffix = regexp.MustCompile(`-\d+$`)

// parseBench reads the result lines of `go test -bench` output:
// "BenchmarkName-2  N  v1 unit1  v2 unit2 …".
func parseBench(out []byte) []BenchResult {
	var rs []BenchResult
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		r := BenchResult{Name: procsSuffix.ReplaceAllString(f[0], ""), Metrics: map[string]float64{}}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			r.Metrics[f[i+1]] = v
		}
		rs = append(rs, r)
	}
	return rs
}
