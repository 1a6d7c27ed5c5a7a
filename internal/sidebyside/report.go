package sidebyside

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Markdown is the report as bench/RESULTS.md holds it.
func (r *Report) Markdown() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# `make bench`: modc side by side with esbuild and Hugo\n\n")
	p("Written by `make bench` (`bench/run`, then `go run ./cmd/modcbench run`) on %s; the whole run took %s.\n\n", r.Date.UTC().Format("2006-01-02 15:04 MST"), r.Took.Round(time.Second))
	p("- Machine: %s, %d cores, %s of memory\n", r.CPU, r.Cores, r.Memory)
	for _, v := range r.Versions {
		p("- %s: `%s`\n", v[0], v[1])
	}
	p("- Workspaces: `gen` seed %d, 20 modules per package, as many content pages and app bindings as modules, in one git commit.\n", r.Options.Seed)
	p("- Each tool runs alone, %s at sizes up to %s modules and %s above: cold modc, esbuild and Hugo take turns, a run of each per round, so that the ratio compares runs made in the same minute; the other builds run after, each several times in a row. Wall time is the median (min–max), peak memory the largest maximum RSS of any run, output what the last run wrote (bytes and files on disk, as du counts them: a hard-linked file once).\n", times(r.Options.Runs), thousands(r.Options.Main), times(r.Options.Large))
	p("- modc cold: no output directory before each run, nor the spare the one before kept for recycling (earlier outputs, spares and caches are moved aside, not deleted, until every run is over: on ext4 without a journal a new file skips every inode freed in the last minutes, which would tax each run for the cleanup of the one before); warm: the previous output kept. *Released*: the same after tagging every package `v1.0.0`, so each build also builds 1 release per package and its versioned docs pages; cold with an empty release cache, warm with the cache the cold runs filled. esbuild: `--bundle --minify --sourcemap --format=esm`, one entry per package re-exporting its 20 `main.js`. Hugo: the same markdown pages, with a layout like modc's theme (sidebar, table of contents, prev/next, highlighted code, JSON search index).\n")
	p("- modc warm, one module edited: before each run a string in one module's `main.js` changes (`%s` → `%s`), after one untimed edit and build, so its package already has its `.dirty` version, as while editing; *written* is the files of the new output that are not files of the previous one (a new inode: modc keeps an unchanged file as a hard link to the previous output's), counted as du counts them.\n\n", editFrom, fmt.Sprintf(editTo, 1))

	if main := r.main(); main != nil {
		p("## SPEC 11 workspace: %s modules, %s pages, %s bindings\n\n", thousands(main.Modules), thousands(main.Pages), thousands(main.Bindings))
		p("| tool | wall time, median (min–max) | peak memory | output | files |\n|---|---|---|---|---|\n")
		for _, m := range []Measure{main.ModcCold, main.ModcWarm, main.ModcEdit, main.ReleasedCold, main.ReleasedWarm, main.Esbuild, main.Hugo} {
			if len(m.Wall) == 0 {
				continue
			}
			p("| %s | %s (%s–%s) | %s | %s | %s |\n", m.Tool, seconds(m.Median()), seconds(m.Min()), seconds(m.Max()), megabytes(m.PeakRSS), megabytes(m.Output), thousands(m.Files))
		}
		both := main.Esbuild.Median() + main.Hugo.Median()
		p("| esbuild + Hugo | %s | %s | %s | %s |\n\n", seconds(both), megabytes(max(main.Esbuild.PeakRSS, main.Hugo.PeakRSS)), megabytes(main.Esbuild.Output+main.Hugo.Output), thousands(main.Esbuild.Files+main.Hugo.Files))
		p("| ratio (medians) | cold | warm |\n|---|---|---|\n")
		p("| modc / (esbuild + Hugo) | **%s** | %s |\n", ratio(main.ModcCold.Median(), both), ratio(main.ModcWarm.Median(), both))
		p("| modc / esbuild | %s | %s |\n", ratio(main.ModcCold.Median(), main.Esbuild.Median()), ratio(main.ModcWarm.Median(), main.Esbuild.Median()))
		p("| modc / Hugo | %s | %s |\n", ratio(main.ModcCold.Median(), main.Hugo.Median()), ratio(main.ModcWarm.Median(), main.Hugo.Median()))
		if len(main.ReleasedCold.Wall) > 0 {
			p("| modc, released / (esbuild + Hugo) | %s | %s |\n", ratio(main.ReleasedCold.Median(), both), ratio(main.ReleasedWarm.Median(), both))
		}
		p("\n")
		if lo, hi, ok := roundRatios(*main); ok {
			p("Round by round, cold modc / (esbuild + Hugo) ranges from %.2f to %.2f.\n\n", lo, hi)
		}
	}

	if len(r.Sizes) > 1 {
		p("## Scaling\n\n")
		p("Growth is the time's factor over the size's factor from the row above: 1.00 is linear, above 1 worse than linear.\n\n")
		p("| modules = pages = bindings | modc cold | per 1,000 modules | growth | modc warm | released, cold / warm cache | modc peak memory | released, peak memory | esbuild | Hugo | modc / (esbuild + Hugo) |\n|---|---|---|---|---|---|---|---|---|---|---|\n")
		for i, s := range r.Sizes {
			growth := "—"
			if i > 0 {
				prev := r.Sizes[i-1]
				g := (s.ModcCold.Median().Seconds() / prev.ModcCold.Median().Seconds()) / (float64(s.Modules) / float64(prev.Modules))
				growth = fmt.Sprintf("%.2f", g)
			}
			per := time.Duration(float64(s.ModcCold.Median()) * 1000 / float64(s.Modules))
			released, releasedPeak := "—", "—"
			if len(s.ReleasedCold.Wall) > 0 {
				released = seconds(s.ReleasedCold.Median()) + " / " + seconds(s.ReleasedWarm.Median())
				releasedPeak = megabytes(max(s.ReleasedCold.PeakRSS, s.ReleasedWarm.PeakRSS))
			}
			p("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", thousands(s.Modules), seconds(s.ModcCold.Median()), seconds(per), growth,
				seconds(s.ModcWarm.Median()), released, megabytes(s.ModcCold.PeakRSS), releasedPeak, seconds(s.Esbuild.Median()), seconds(s.Hugo.Median()),
				ratio(s.ModcCold.Median(), s.Esbuild.Median()+s.Hugo.Median()))
		}
		p("\n")
	}

	p("## Targets\n\nSPEC 11's, at %s modules unless the row says otherwise, and issue 13's (5,000 modules, output size).\n\n| target | goal | measured | |\n|---|---|---|---|\n", thousands(r.Options.Main))
	for _, t := range r.Targets() {
		verdict := "not measured"
		if t.Measured != "" {
			verdict = "**not met**"
			if t.Met {
				verdict = "met"
			} else if t.Short != "" {
				verdict += ": " + t.Short
			}
		} else {
			t.Measured = "—"
		}
		p("| %s | %s | %s | %s |\n", t.Name, t.Goal, t.Measured, verdict)
	}
	p("\n")

	if m := r.main(); m != nil && len(m.ModcCold.Areas) > 0 {
		p("## What the cold modc build of %s modules writes\n\n", thousands(m.Modules))
		p("Bytes by top-level entry of the output, a file with several names counted once (under its first name in lexical order); esbuild + Hugo wrote %s, so 3 × theirs is %s.\n\n", megabytes(m.Esbuild.Output+m.Hugo.Output), megabytes(3*(m.Esbuild.Output+m.Hugo.Output)))
		p("| entry | bytes | files | share |\n|---|---|---|---|\n")
		for _, a := range m.ModcCold.Areas {
			p("| `%s` | %s | %s | %.1f%% |\n", a.Name, megabytes(a.Bytes), thousands(a.Files), 100*float64(a.Bytes)/float64(m.ModcCold.Output))
		}
		p("| total | %s | %s | |\n\n", megabytes(m.ModcCold.Output), thousands(m.ModcCold.Files))
	}

	if len(r.GoBench) > 0 {
		p("## Go benchmarks\n\n")
		for _, g := range r.GoBench {
			p("### %s\n\n`go test -run '^$' -bench '%s' -benchtime %s %s`\n\n", g.Title, g.Pattern, g.Benchtime, g.Package)
			p("| benchmark | metrics |\n|---|---|\n")
			for _, res := range g.Results {
				units := make([]string, 0, len(res.Metrics))
				for u := range res.Metrics {
					units = append(units, u)
				}
				sort.Strings(units)
				var ms []string
				for _, u := range units {
					ms = append(ms, fmt.Sprintf("%s %s", trimFloat(res.Metrics[u]), u))
				}
				p("| %s | %s |\n", strings.TrimPrefix(res.Name, "Benchmark"), strings.Join(ms, ", "))
			}
			p("\n")
			if g.Profile != "" {
				p("The worker's CPU profile over `-bench '%s'`:\n\n```\n%s```\n\n", g.ProfilePattern, g.Profile)
			}
		}
	}
	for i, bp := range r.Profiles {
		if i > 0 {
			p("\n")
		}
		p("## CPU profile of the cold modc build of %s modules\n\n", thousands(bp.Modules))
		p("`modc --cpuprofile` (one more cold build). The modc process")
		if bp.Collector != "" {
			p("; its collector, as `modc --timings` reports it: %s", bp.Collector)
		}
		p(":\n\n```\n%s```\n", bp.Main)
		if bp.Workers != "" {
			p("\nIts dry-run workers (their profiles merged):\n\n```\n%s```\n", bp.Workers)
		}
	}
	if r.HeapProfile != "" {
		largest := r.largest()
		p("\n## Heap of the cold modc build of %s modules at its peak\n\n`modc --memprofile` (one more cold build), in-use bytes at the largest live heap:\n\n```\n%s```\n", thousands(largest.Modules), r.HeapProfile)
	}
	return b.String()
}

// Target is one of SPEC 11's goals and what the run measured of it; Short
// says by how much a target not met misses its goal.
type Target struct {
	Name, Goal, Measured string
	Met                  bool
	Short                string
}

// over says by how much x is over its goal, in percent (to a tenth
// under 10%: a ratio of 1.004 is 0.4% over, not 0%).
func over(x, goal float64) string {
	pct := (x/goal - 1) * 100
	if pct < 10 {
		return fmt.Sprintf("%.1f%% over", pct)
	}
	return fmt.Sprintf("%.0f%% over", pct)
}

// Targets judges SPEC 11's goals against what the run measured; a target
// whose measurement did not run has an empty Measured.
func (r *Report) Targets() []Target {
	var ts []Target
	if m := r.main(); m != nil {
		both := m.Esbuild.Median() + m.Hugo.Median()
		x := m.ModcCold.Median().Seconds() / both.Seconds()
		ts = append(ts, Target{"cold `modc build` vs esbuild + Hugo", "ratio ≤ 1.00", fmt.Sprintf("%.2f (%s vs %s)", x, seconds(m.ModcCold.Median()), seconds(both)), x <= 1, over(x, 1)})
		mb := float64(m.ModcCold.PeakRSS) / 1e6
		ts = append(ts, Target{"peak memory of cold `modc build`", "≤ 300 MB", fmt.Sprintf("%.0f MB (%.2f × the goal)", mb, mb/300), mb <= 300, over(mb, 300)})
	}
	find := func(pkg string) *GoBench {
		for i := range r.GoBench {
			if r.GoBench[i].Package == pkg {
				return &r.GoBench[i]
			}
		}
		return nil
	}
	dev := Target{Name: "devserver: edit one module → reload sent", Goal: "median ≤ 50 ms, p95 ≤ 100 ms"}
	if g := find("./site"); g != nil {
		med, ok1 := g.Metric("DevserverEdit", "ms-median")
		p95, ok2 := g.Metric("DevserverEdit", "ms-p95")
		if ok1 && ok2 {
			dev.Measured = fmt.Sprintf("median %.1f ms, p95 %.1f ms", med, p95)
			dev.Met = med <= 50 && p95 <= 100
			var short []string
			if med > 50 {
				short = append(short, "median "+over(med, 50))
			}
			if p95 > 100 {
				short = append(short, "p95 "+over(p95, 100))
			}
			dev.Short = strings.Join(short, ", ")
		}
	}
	ts = append(ts, dev)
	dry := Target{Name: "dry runs per core (module with 6 examples; top level only)", Goal: "≥ 5,000 modules/s"}
	if g := find("./compiler/internal/dryrun"); g != nil {
		with, ok1 := g.Metric("examples=6/parallel=1", "modules/s/core")
		without, ok2 := g.Metric("examples=0/parallel=1", "modules/s/core")
		if ok1 && ok2 {
			dry.Measured = fmt.Sprintf("%s with examples, %s without", thousands(int(with)), thousands(int(without)))
			dry.Met = with >= 5000
			dry.Short = fmt.Sprintf("%.1f × short with examples", 5000/with)
		}
	}
	ts = append(ts, dry)
	ver := Target{Name: "versions for 10,000 tags (brief mode, as builds use it)", Goal: "≤ 100 ms"}
	if g := find("./compiler/internal/gitver"); g != nil {
		if ns, ok := g.Metric("tags=10000/commits=5000/brief", "ns/op"); ok {
			ver.Measured = fmt.Sprintf("%.1f ms", ns/1e6)
			if full, ok := g.Metric("tags=10000/commits=5000/releases", "ns/op"); ok {
				ver.Measured += fmt.Sprintf(" (%.0f ms with every release's date and tree)", full/1e6)
			}
			ver.Met = ns/1e6 <= 100
			ver.Short = over(ns/1e6, 100)
		}
	}
	ts = append(ts, ver)
	if m := r.main(); m != nil && len(m.ModcEdit.Wall) > 0 {
		e := m.ModcEdit
		t := Target{Name: "warm build after a one-module edit touches only that module's outputs", Goal: "writes only its package's files (bundle, docs pages) and the apps'"}
		outside := editOutside(e.WrittenPaths, m.Edited)
		t.Measured = fmt.Sprintf("%s of %s files written (%s of %s), %s; %s (warm, nothing edited: %s)",
			thousands(e.Written), thousands(e.Files), megabytes(e.WrittenBytes), megabytes(e.Output), whose(outside, m.Edited), seconds(e.Median()), seconds(m.ModcWarm.Median()))
		t.Met = len(outside) == 0 && e.Written > 0
		t.Short = "nothing written"
		if n := len(outside); n == 1 {
			t.Short = "1 file written outside them"
		} else if n > 1 {
			t.Short = thousands(n) + " files written outside them"
		}
		ts = append(ts, t)
	}
	if l := r.largest(); l != nil && l.Modules > r.Options.Main {
		n := thousands(l.Modules)
		both := l.Esbuild.Median() + l.Hugo.Median()
		x := l.ModcCold.Median().Seconds() / both.Seconds()
		ts = append(ts, Target{"cold `modc build` vs esbuild + Hugo at " + n + " modules", "ratio ≤ 1.00", fmt.Sprintf("%.2f (%s vs %s)", x, seconds(l.ModcCold.Median()), seconds(both)), x <= 1, over(x, 1)})
		mb := float64(l.ModcCold.PeakRSS) / 1e6
		ts = append(ts, Target{"peak memory of cold `modc build` at " + n + " modules", "≤ 300 MB", fmt.Sprintf("%.0f MB (%.2f × the goal)", mb, mb/300), mb <= 300, over(mb, 300)})
	}
	if m := r.main(); m != nil {
		both := m.Esbuild.Output + m.Hugo.Output
		x := float64(m.ModcCold.Output) / float64(both)
		ts = append(ts, Target{"output of cold `modc build` vs esbuild + Hugo's", "≤ 3 × their bytes", fmt.Sprintf("%.2f × (%s vs %s; the goal is %s)", x, megabytes(m.ModcCold.Output), megabytes(both), megabytes(3*both)), x <= 3, over(x, 3)})
	}
	return ts
}

// editOutside returns the written paths that are neither the package
// pkg's (its bundle folders and docs pages) nor an app's.
func editOutside(paths []string, pkg string) []string {
	var out []string
	for _, p := range paths {
		ok := strings.HasPrefix(p, "apps/")
		for _, dir := range []string{"dist/", "npm/", "packages/"} {
			ok = ok || strings.HasPrefix(p, dir+pkg+"/")
		}
		if !ok {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// whose says which files a one-module edit wrote besides its own.
func whose(outside []string, pkg string) string {
	if len(outside) == 0 {
		return "all " + pkg + "'s or an app's"
	}
	shown := outside[:min(len(outside), 5)]
	more := ""
	if len(outside) > len(shown) {
		more = fmt.Sprintf(" and %s more", thousands(len(outside)-len(shown)))
	}
	return fmt.Sprintf("%s outside %s's and the apps': `%s`%s", thousands(len(outside)), pkg, strings.Join(shown, "`, `"), more)
}

// roundRatios returns the smallest and largest ratio of a cold modc run
// to the esbuild and Hugo runs of its round; false unless the three have
// as many runs, of more than one round.
func roundRatios(s Size) (lo, hi float64, ok bool) {
	c, e, h := s.ModcCold.Wall, s.Esbuild.Wall, s.Hugo.Wall
	if len(c) < 2 || len(c) != len(e) || len(c) != len(h) {
		return 0, 0, false
	}
	for i := range c {
		x := c[i].Seconds() / (e[i] + h[i]).Seconds()
		if i == 0 || x < lo {
			lo = x
		}
		if i == 0 || x > hi {
			hi = x
		}
	}
	return lo, hi, true
}

// largest is the largest size measured, if any.
func (r *Report) largest() *Size {
	var l *Size
	for i := range r.Sizes {
		if l == nil || r.Sizes[i].Modules > l.Modules {
			l = &r.Sizes[i]
		}
	}
	return l
}

// main is the size SPEC 11's targets are about, if it was measured.
func (r *Report) main() *Size {
	for i := range r.Sizes {
		if r.Sizes[i].Modules == r.Options.Main {
			return &r.Sizes[i]
		}
	}
	return nil
}

func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}

func seconds(d time.Duration) string {
	if d < 999500*time.Microsecond {
		return fmt.Sprintf("%.0f ms", d.Seconds()*1000)
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func megabytes(n int64) string {
	if n == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

func ratio(a, b time.Duration) string {
	if b == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", a.Seconds()/b.Seconds())
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func trimFloat(v float64) string {
	if v >= 100 || v == float64(int64(v)) {
		return thousands(int(v + 0.5))
	}
	return fmt.Sprintf("%.3g", v)
}
