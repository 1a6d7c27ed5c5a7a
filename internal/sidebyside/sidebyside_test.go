package sidebyside

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/modc-dev/modc/compiler/gen"

	"github.com/modc-dev/modc/internal/golden"
)

func TestParseBench(t *testing.T) {
	out, err := os.ReadFile("testdata/gotest.txt")
	if err != nil {
		t.Fatal(err)
	}
	got := parseBench(out)
	want := []BenchResult{
		{"BenchmarkDryRun/examples=6/parallel=1", map[string]float64{"ns/op": 0, "modules/s": 1393, "modules/s/core": 1393, "µs/module": 717.9}},
		{"BenchmarkDryRun/examples=6/parallel=2", map[string]float64{"ns/op": 0, "modules/s": 2610, "modules/s/core": 1305, "µs/module": 383.1}},
		{"BenchmarkDryRun/examples=0/parallel=1", map[string]float64{"ns/op": 0, "modules/s": 5953, "modules/s/core": 5953, "µs/module": 168}},
		{"BenchmarkVersions/tags=10000/commits=5000/brief", map[string]float64{"ns/op": 31234567, "B/op": 1234, "allocs/op": 12}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	g := GoBench{Results: got}
	if v, ok := g.Metric("examples=0/parallel=1", "modules/s/core"); !ok || v != 5953 {
		t.Errorf("Metric = %v, %v", v, ok)
	}
	if _, ok := g.Metric("examples=0/parallel=1", "B/op"); ok {
		t.Error("Metric found a unit the result does not have")
	}
}

func TestMeasureStatistics(t *testing.T) {
	m := Measure{Wall: []time.Duration{5, 1, 3, 4}}
	if m.Median() != 3 || m.Min() != 1 || m.Max() != 5 {
		t.Errorf("median %v min %v max %v", m.Median(), m.Min(), m.Max())
	}
	m.Wall = m.Wall[:3]
	if m.Median() != 3 {
		t.Errorf("median of 5 1 3 = %v", m.Median())
	}
	if (Measure{}).Median() != 0 {
		t.Error("the median of no runs is not 0")
	}
}

// report is a fixed report: SPEC 11's workspace where modc misses two
// targets and meets the others.
func report() *Report {
	ms := func(tool string, rss, out int64, files int, walls ...float64) Measure {
		m := Measure{Tool: tool, PeakRSS: rss, Output: out, Files: files}
		for _, w := range walls {
			m.Wall = append(m.Wall, time.Duration(w*float64(time.Second)))
		}
		return m
	}
	size := func(n int, k float64) Size {
		return Size{
			Modules: n, Pages: n, Bindings: n,
			ModcCold:     areas(ms("modc build (cold)", int64(400e6*k), int64(170e6*k), int(4400*k), 4.1*k, 4.3*k, 4.2*k)),
			ModcWarm:     ms("modc build (warm)", int64(390e6*k), int64(170e6*k), int(4400*k), 3.1*k, 3.0*k, 3.2*k),
			ModcEdit:     edited(ms("modc build (warm, one module edited)", int64(390e6*k), int64(170e6*k), int(4400*k), 3.3*k, 3.2*k, 3.4*k)),
			Edited:       "pkg000",
			ReleasedCold: ms("modc build, released (cold cache)", int64(500e6*k), int64(250e6*k), int(6000*k), 6.1*k, 6.3*k, 6.2*k),
			ReleasedWarm: ms("modc build, released (warm cache)", int64(480e6*k), int64(250e6*k), int(6000*k), 5.1*k, 5.3*k, 5.2*k),
			Esbuild:      ms("esbuild", 100e6, 2.2e6, 100, 0.24*k, 0.25*k, 0.23*k),
			Hugo:         ms("hugo", 340e6, 73e6, 1003, 4.5*k, 4.4*k, 4.6*k),
		}
	}
	return &Report{
		Date: time.Date(2026, 11, 25, 19, 0, 0, 0, time.UTC), Took: 312 * time.Second,
		CPU: "Test CPU", Cores: 2, Memory: "23.5 GiB",
		Versions: [][2]string{{"modc", "modc devel"}, {"esbuild", "0.28.2"}},
		Options:  Options{Main: 1000, Runs: 3, Large: 1, Seed: 1},
		Sizes:    []Size{size(100, 0.1), size(1000, 1), size(5000, 6)},
		GoBench: []GoBench{
			{Title: "devserver", Package: "./site", Pattern: "^BenchmarkDevserverEdit$", Benchtime: "1x", Results: []BenchResult{{"BenchmarkDevserverEdit", map[string]float64{"ms-median": 48.5, "ms-p95": 120}}}},
			{Title: "dry runs", Package: "./compiler/internal/dryrun", Pattern: "^BenchmarkDryRun$", Benchtime: "20x", Results: parseBench(mustRead("testdata/gotest.txt"))[:3],
				ProfilePattern: "^BenchmarkDryRun$/^examples=6$/^parallel=1$", Profile: "      flat  flat%\n     0.90s 30.00%  goja.run\n"},
			{Title: "versions", Package: "./compiler/internal/gitver", Pattern: "^BenchmarkVersions$", Benchtime: "10x", Results: []BenchResult{
				{"BenchmarkVersions/tags=10000/commits=5000/brief", map[string]float64{"ns/op": 31e6}},
				{"BenchmarkVersions/tags=10000/commits=5000/releases", map[string]float64{"ns/op": 300e6}},
			}},
		},
		Profiles: []BuildProfile{
			{Modules: 1000, Main: "      flat  flat%\n     0.30s 10.00%  main.warm\n", Workers: "      flat  flat%\n     0.20s 20.00%  dryrun.runModule\n"},
			{Modules: 5000, Main: "      flat  flat%\n     1.20s 10.00%  main.hot\n", Workers: "      flat  flat%\n     1.00s 20.00%  dryrun.runModule\n",
				Collector: "84 collections, about 8.81s of CPU of the 24.1s this process used"},
		},
		HeapProfile: "peak live heap 310.0 MB\n\n      flat  flat%\n  120.00MB 38.71%  main.big\n",
	}
}

// areas splits m's output into three top-level entries.
func areas(m Measure) Measure {
	m.Areas = []Area{{"packages", m.Output / 2, m.Files / 2}, {"dist", m.Output * 3 / 10, m.Files / 4}, {"search-index.json", m.Output - m.Output/2 - m.Output*3/10, 1}}
	return m
}

// edited gives m the files a one-module edit writes: its package's, the
// app's, and one search index that should not have changed.
func edited(m Measure) Measure {
	m.WrittenPaths = []string{"dist/pkg000/1.0.1-dev.1+abc.dirty/pkg000.mjs", "npm/pkg000/1.0.1-dev.1+abc.dirty/pkg000.cjs",
		"packages/pkg000/index.html", "packages/pkg000/mod000/index.html", "apps/bench/manifest.json", "search-index.json"}
	m.Written, m.WrittenBytes = len(m.WrittenPaths), 1.6e6
	return m
}

func mustRead(p string) []byte {
	data, err := os.ReadFile(p)
	if err != nil {
		panic(err)
	}
	return data
}

func TestMarkdown(t *testing.T) {
	got := report().Markdown()
	golden.Check(t, "testdata/report.md", got)
}

func TestTargets(t *testing.T) {
	var verdicts []string
	for _, tg := range report().Targets() {
		verdicts = append(verdicts, tg.Name+": "+map[bool]string{true: "met", false: "not met"}[tg.Met])
	}
	want := []string{
		"cold `modc build` vs esbuild + Hugo: met",
		"peak memory of cold `modc build`: not met",
		"devserver: edit one module → reload sent: not met",
		"dry runs per core (module with 6 examples; top level only): not met",
		"versions for 10,000 tags (brief mode, as builds use it): met",
		"warm build after a one-module edit touches only that module's outputs: not met",
		"cold `modc build` vs esbuild + Hugo at 5,000 modules: met",
		"peak memory of cold `modc build` at 5,000 modules: not met",
		"output of cold `modc build` vs esbuild + Hugo's: met",
	}
	if !reflect.DeepEqual(verdicts, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(verdicts, "\n"), strings.Join(want, "\n"))
	}
	// Without the search index, the edit wrote only its package's files.
	r := report()
	e := &r.Sizes[1].ModcEdit
	e.WrittenPaths = e.WrittenPaths[:len(e.WrittenPaths)-1]
	if tg := r.Targets()[5]; !tg.Met {
		t.Errorf("%s: not met: %s", tg.Name, tg.Measured)
	}
	// Three times esbuild + Hugo's bytes and more is too much output.
	r = report()
	r.Sizes[1].ModcCold.Output = 3*(r.Sizes[1].Esbuild.Output+r.Sizes[1].Hugo.Output) + 1
	if tg := r.Targets()[8]; tg.Met || !strings.HasPrefix(tg.Measured, "3.00 ×") {
		t.Errorf("%s: %+v", tg.Name, tg)
	}
	// Without the Go benchmarks, their targets are not judged.
	r = report()
	r.GoBench = nil
	for _, tg := range r.Targets()[2:5] {
		if tg.Measured != "" || tg.Met {
			t.Errorf("%s judged without a measurement: %+v", tg.Name, tg)
		}
	}
}

// tool finds an executable the end-to-end test needs: on CI it must be
// there (.ci/run installs it); elsewhere the test is skipped without it.
func tool(t *testing.T, candidates ...string) string {
	for _, c := range candidates {
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("none of %v is installed; .ci/run installs them", candidates)
	}
	t.Skipf("none of %v is installed (bench/run installs them)", candidates)
	return ""
}

// TestRun measures two small workspaces with the real modc, esbuild and
// Hugo, profiles the larger build, and checks the report holds them.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds modc and runs three tools")
	}
	esbuild := tool(t, "../../bench/node_modules/.bin/esbuild", "esbuild")
	hugo := tool(t, "hugo")
	modc := filepath.Join(t.TempDir(), "modc")
	if out, err := exec.Command("go", "build", "-o", modc, "../../cmd/modc").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var log strings.Builder
	work := t.TempDir()
	rep, err := Run(Options{Modc: modc, Esbuild: esbuild, Hugo: hugo, Sizes: []int{10, 60}, Main: 60, Runs: 2, Profile: true, Log: &log, Work: work})
	if err != nil {
		t.Fatalf("%v\nlog:\n%s", err, log.String())
	}
	if len(rep.Sizes) != 2 {
		t.Fatalf("%d sizes", len(rep.Sizes))
	}
	s := rep.Sizes[1]
	if s.Modules != 60 || s.Pages != 60 || s.Bindings != 60 {
		t.Errorf("size %+v", s)
	}
	for _, m := range []Measure{s.ModcCold, s.ModcWarm, s.ReleasedCold, s.ReleasedWarm, s.Esbuild, s.Hugo} {
		if len(m.Wall) != 2 || m.Median() <= 0 || m.Output <= 0 || m.Files == 0 || m.PeakRSS <= 0 {
			t.Errorf("%s: %+v", m.Tool, m)
		}
	}
	if s.Esbuild.Files != 6 { // 3 packages: a bundle and its map each
		t.Errorf("esbuild wrote %d files", s.Esbuild.Files)
	}
	if s.Hugo.Files < 60 {
		t.Errorf("hugo wrote %d files", s.Hugo.Files)
	}
	if s.ModcCold.Files < 120 {
		t.Errorf("modc wrote %d files", s.ModcCold.Files)
	}
	if e := s.ModcEdit; len(e.Wall) != 2 || e.Written == 0 || e.Written >= e.Files/4 || len(e.WrittenPaths) != e.Written || s.Edited != "pkg000" {
		t.Errorf("one module edited: %d of %d files written: %v", e.Written, e.Files, e.WrittenPaths)
	} else if out := editOutside(e.WrittenPaths, s.Edited); len(out) > 0 {
		t.Errorf("the edit of one module wrote other files: %v", out)
	}
	if s.ReleasedCold.Files <= s.ModcCold.Files {
		t.Errorf("the released build wrote %d files, the unreleased one %d", s.ReleasedCold.Files, s.ModcCold.Files)
	}
	if len(rep.Profiles) != 1 || rep.Profiles[0].Modules != 60 {
		t.Fatalf("want the profile of the 60-module build, got %+v", rep.Profiles)
	}
	prof := rep.Profiles[0]
	if !strings.Contains(prof.Main, "flat%") || !strings.Contains(prof.Main, "modc") {
		t.Errorf("profile:\n%s", prof.Main)
	}
	// The workers dry-run every module, and their profiles say so.
	if !strings.Contains(prof.Workers, "flat%") || !strings.Contains(prof.Workers, "dryrun.runModule") {
		t.Errorf("the dry-run workers' profile:\n%s", prof.Workers)
	}
	if !strings.HasPrefix(rep.HeapProfile, "peak live heap ") || !strings.Contains(rep.HeapProfile, "flat%") {
		t.Errorf("heap profile:\n%s", rep.HeapProfile)
	}
	if !regexp.MustCompile(`^[\d,]+ collections, about \S+ of CPU of the \S+ this process used$`).MatchString(prof.Collector) {
		t.Errorf("collector: %q", prof.Collector)
	}
	var areas int64
	for _, a := range s.ModcCold.Areas {
		areas += a.Bytes
	}
	if len(s.ModcCold.Areas) < 5 || areas != s.ModcCold.Output || s.ModcCold.Areas[0].Bytes < s.ModcCold.Areas[1].Bytes {
		t.Errorf("areas %+v do not add up to the output's %d bytes, largest first", s.ModcCold.Areas, s.ModcCold.Output)
	}
	if entries, err := os.ReadDir(filepath.Join(work, "trash")); err == nil || !os.IsNotExist(err) {
		t.Errorf("the trash is still there after the run (%d entries, %v)", len(entries), err)
	}
	md := rep.Markdown()
	for _, want := range []string{"## SPEC 11 workspace: 60 modules", "## Scaling", "| 10 |", "| 60 |", "modc / (esbuild + Hugo)", "## CPU profile", "## Heap of the cold modc build", "## What the cold modc build of 60 modules writes", "| `packages` |"} {
		if !strings.Contains(md, want) {
			t.Errorf("the report has no %q:\n%s", want, md)
		}
	}
}

// TestHugoSidebar renders 80 generated pages with the Hugo theme: like
// modc's sidebar, it shows a window of 21 pages around the page, with a
// "… N more" entry for each run of hidden pages.
func TestHugoSidebar(t *testing.T) {
	hugo := tool(t, "hugo")
	dir := t.TempDir()
	if err := gen.Write(filepath.Join(dir, "ws"), gen.Options{Packages: 1, Modules: 1, Pages: 80}); err != nil {
		t.Fatal(err)
	}
	if err := HugoSite(filepath.Join(dir, "hugo"), filepath.Join(dir, "ws", "content")); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(hugo, "--quiet", "--source", filepath.Join(dir, "hugo"), "--destination", filepath.Join(dir, "out")).CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	nav := func(page string) string {
		data, err := os.ReadFile(filepath.Join(dir, "out", "pages", page, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		_, after, _ := strings.Cut(string(data), "<aside><nav>")
		before, _, _ := strings.Cut(after, "</nav>")
		return before
	}
	for _, c := range []struct {
		page             string
		first, last      string
		moreBefore, more string
	}{
		{"page-0040", "page-0030", "page-0050", "… 30 more", "… 29 more"},
		{"page-0000", "page-0000", "page-0020", "", "… 59 more"},
		{"page-0079", "page-0059", "page-0079", "… 59 more", ""},
	} {
		got := nav(c.page)
		if n := strings.Count(got, "<li><a"); n != 21 {
			t.Errorf("%s: %d pages in the sidebar:\n%s", c.page, n, got)
		}
		if !strings.Contains(got, `<li><a href="/pages/`+c.first+`/"`) || !strings.Contains(got, `<li><a href="/pages/`+c.last+`/"`) {
			t.Errorf("%s: the window is not %s…%s:\n%s", c.page, c.first, c.last, got)
		}
		if !strings.Contains(got, `href="/pages/`+c.page+`/" aria-current="page"`) {
			t.Errorf("%s: not marked current", c.page)
		}
		mores := strings.Count(got, "nav-more")
		want := 0
		for _, m := range []string{c.moreBefore, c.more} {
			if m != "" {
				want++
				if !strings.Contains(got, m) {
					t.Errorf("%s: no %q entry:\n%s", c.page, m, got)
				}
			}
		}
		if mores != want {
			t.Errorf("%s: %d more entries, want %d", c.page, mores, want)
		}
	}
}

// TestTrash sets a directory and a missing path aside: the directory is
// gone from where it was, kept in the trash until it is emptied.
func TestTrash(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(filepath.Join(out, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "a", "f"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := &trash{dir: filepath.Join(dir, "trash")}
	if err := bin.aside(out, filepath.Join(dir, "missing")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("out is still there: %v", err)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "trash", "1", "a", "f")); err != nil || string(data) != "x" {
		t.Errorf("the trash holds %q, %v", data, err)
	}
	if err := bin.empty(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bin.dir); !os.IsNotExist(err) {
		t.Errorf("the trash is still there: %v", err)
	}
}

// TestInterleave runs two jobs in rounds, a run of each per round, and
// measures each one's output.
func TestInterleave(t *testing.T) {
	dir := t.TempDir()
	order := filepath.Join(dir, "order")
	mk := func(name string) job {
		out := filepath.Join(dir, name)
		return job{tool: name, dir: dir, out: out, minFiles: 1,
			argv: []string{"/bin/sh", "-c", "mkdir -p " + out + " && echo " + name + " > " + out + "/f && echo " + name + " >> " + order}}
	}
	ms, err := interleave([]job{mk("a"), mk("b")}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(order); string(data) != "a\nb\na\nb\na\nb\n" {
		t.Errorf("runs in the order %q", data)
	}
	for i, m := range ms {
		if m.Tool != []string{"a", "b"}[i] || len(m.Wall) != 3 || m.Files != 1 || m.Output != 2 {
			t.Errorf("measure %d: %+v", i, m)
		}
	}
	// Round ratios need as many runs of the three tools.
	s := Size{ModcCold: Measure{Wall: []time.Duration{4, 6}}, Esbuild: Measure{Wall: []time.Duration{1, 1}}, Hugo: Measure{Wall: []time.Duration{3, 2}}}
	if lo, hi, ok := roundRatios(s); !ok || lo != 1 || hi != 2 {
		t.Errorf("round ratios %v %v %v", lo, hi, ok)
	}
	s.Hugo.Wall = s.Hugo.Wall[:1]
	if _, _, ok := roundRatios(s); ok {
		t.Error("round ratios of unequal runs")
	}
}

// TestGoBenchProfile runs a dry-run benchmark as `make bench` does, for a
// moment, and reads its worker's CPU profile.
func TestGoBenchProfile(t *testing.T) {
	g := GoBench{Package: "./compiler/internal/dryrun", Pattern: "^BenchmarkDryRun$/^examples=6$/^parallel=1$", Benchtime: "2x",
		ProfilePattern: "^BenchmarkDryRun$/^examples=6$/^parallel=1$"}
	if err := runGoBench("../..", t.TempDir(), &g); err != nil {
		t.Fatal(err)
	}
	if _, ok := g.Metric("examples=6/parallel=1", "modules/s/core"); !ok {
		t.Errorf("no modules/s/core in %+v", g.Results)
	}
	// The worker spends its time dry-running the module: in goja.
	if !strings.Contains(g.Profile, "flat%") || !strings.Contains(g.Profile, "dryrun.runModule") || !strings.Contains(g.Profile, "goja") {
		t.Errorf("the worker's profile:\n%s", g.Profile)
	}
}

func TestOver(t *testing.T) {
	for _, c := range []struct {
		x, goal float64
		want    string
	}{{1.004, 1, "0.4% over"}, {1.07, 1, "7.0% over"}, {400, 300, "33% over"}} {
		if got := over(c.x, c.goal); got != c.want {
			t.Errorf("over(%v, %v) = %q, want %q", c.x, c.goal, got, c.want)
		}
	}
}
