package dryrun

import (
	"bufio"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// selfPeakRSS returns the process's peak resident set size (VmHWM) in bytes.
func selfPeakRSS(t *testing.T) uint64 {
	t.Helper()
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc/self/status: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	t.Skip("no VmHWM")
	return 0
}

// TestLimits runs every kind of runaway module, at the top level and in a
// function an example calls, in one Run alongside good modules: each must
// get one clear error naming it and the function, the good ones must pass,
// and the process must stay within bounded memory.
//
// goja runs `s += s` and `a.push(new Array(1e6))` slowly (new Array(n)
// allocates no elements, and doubling a string to 256 MiB takes about a
// second), so those may meet the time limit before the memory limit; the
// hoard modules allocate typed arrays, fast, and must meet the memory limit.
func TestLimits(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector slows goja down past the time budgets this test relies on")
	}
	all := load(t, "testdata/limits")
	bench := load(t, "testdata/bench")[0]
	// Interleave good modules with the bad ones, so that they share
	// batches and workers with them: a worker that a bad module ends hands
	// the rest of its batch to another.
	var bad, good []Input
	for _, in := range all {
		if in.Module.Package == "bad" {
			bad = append(bad, in)
		} else {
			good = append(good, in)
		}
	}
	good = append(good, bench)
	var inputs []Input
	for i, in := range bad {
		inputs = append(inputs, in, good[i%len(good)])
	}

	before := selfPeakRSS(t)
	start := time.Now()
	// Each runaway loop costs one budget (twice the default), in a worker
	// of its own. (Half the default was too short on a loaded machine: the
	// hoard modules, starved of CPU, met the time limit before the memory
	// limit; and in CI, beside the other packages' tests, good/churn
	// (~170 ms alone then) once took more than the default 1s. It now
	// churns 150 MiB, past the 128 MiB limit still: with 300 MiB, a CI run
	// starved the collector long enough for its garbage to pass the limit,
	// the watchdog's known weakness, see memory.go.)
	res, msgs := Run(inputs, Options{Timeout: 2 * time.Second})
	elapsed := time.Since(start)
	after := selfPeakRSS(t)
	t.Logf("%d modules in %v; peak RSS %d MiB before, %d MiB after", len(inputs), elapsed, before>>20, after>>20)

	limits := map[string]string{
		"bad/top_repeat":    `evaluating main.js threw RangeError: String.prototype.repeat would make 1073741824 characters, over the dry-run memory limit`,
		"bad/top_push":      `evaluating main.js (did not finish within 2s|used more than 128 MiB of memory)`,
		"bad/top_double":    `evaluating main.js (used more than 128 MiB of memory \(allocating without end\?\)|did not finish within 2s)`,
		"bad/top_hoard":     `evaluating main.js used more than 128 MiB of memory \(allocating without end\?\)`,
		"bad/top_recursion": `evaluating main.js exceeded the call stack limit of 1000 frames \(infinite recursion\?\)`,
		"bad/top_loop":      `evaluating main.js did not finish within 2s \(an infinite loop\?\)`,
		"bad/fn_repeat":     `example "runs away": repeat\(\) threw RangeError: String.prototype.repeat would make`,
		"bad/fn_push":       `example "runs away": push\(\) (did not finish within 2s|used more than 128 MiB of memory)`,
		"bad/fn_double":     `example "runs away": double\(\) (used more than 128 MiB of memory|did not finish within 2s)`,
		"bad/fn_hoard":      `example "runs away": hoard\(\) used more than 128 MiB of memory`,
		"bad/fn_recurse":    `example "runs away": recurse\(\) exceeded the call stack limit of 1000 frames`,
		"bad/fn_loop":       `example "runs away": loop\(\) did not finish within 2s`,
	}
	byModule := map[string][]string{}
	for _, m := range msgs {
		id := strings.TrimPrefix(m.Location.File, "modules/")
		id = id[:strings.LastIndex(id, "/")]
		byModule[id] = append(byModule[id], m.Error())
	}
	for id, want := range limits {
		got := byModule[id]
		re := regexp.MustCompile(`: error: dry run of ` + regexp.QuoteMeta(id) + `: ` + want)
		if len(got) != 1 || !re.MatchString(got[0]) {
			t.Errorf("%s: messages %q, want one matching %q", id, got, re)
		}
		r := result(t, res, id)
		if r.OK {
			t.Errorf("%s is OK", id)
		}
		if strings.HasPrefix(id, "bad/fn_") {
			if e := example(t, r, "fine before"); !e.Passed {
				t.Errorf("%s: the example before the runaway one failed: %s", id, e.Error)
			}
			if e := example(t, r, "fine after"); !e.Passed && !strings.HasPrefix(e.Error, "not run") {
				t.Errorf("%s: the example after the runaway one: %s", id, e.Error)
			}
		}
		delete(byModule, id)
	}
	if len(byModule) > 0 {
		t.Errorf("messages about good modules: %v", byModule)
	}
	for i, r := range res {
		if inputs[i].Module.Package != "bad" && !r.OK {
			t.Errorf("good module %s failed beside the bad ones: %+v", r.Module, r.Examples)
		}
	}
	// The memory limit allows 128 MiB of growth; a string that doubles can
	// overshoot by its last step, so the peak may reach about twice that.
	if grown := int64(after) - int64(before); grown > 400<<20 {
		t.Errorf("peak RSS grew by %d MiB", grown>>20)
	}
}
