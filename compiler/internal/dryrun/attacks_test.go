package dryrun

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestAttacks runs the sandbox attacks of testdata/attacks: built-in calls
// that allocate or compute without end in one step, where the VM cannot
// interrupt them (issue 12). They run four at once, each in its own Run.
// Each must end with one located error naming the module and the example
// within twice the time budget; the example before it must have passed;
// the workers' memory must stay bounded; and a good module must dry-run
// fine afterwards.
func TestAttacks(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector slows goja down past the time budgets this test relies on")
	}
	attacks := load(t, "testdata/attacks")
	var good *Input
	for _, in := range load(t, "testdata/limits") {
		if in.Module.ID() == "good/sums" {
			good = &in
		}
	}
	const timeout = time.Second
	opts := Options{Timeout: timeout, Parallel: 4}

	type outcome struct {
		res     *Result
		msgs    []string
		elapsed time.Duration
		located bool
	}
	out := make([]outcome, len(attacks))
	before := selfPeakRSS(t)
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for i := range attacks {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			start := time.Now()
			res, msgs := Run(attacks[i:i+1], opts)
			o := outcome{res: res[0], elapsed: time.Since(start), located: len(msgs) > 0}
			for _, m := range msgs {
				o.msgs = append(o.msgs, m.Error())
				o.located = o.located && m.Location.Line > 0 && m.Location.Column > 0
			}
			out[i] = o
		}()
	}
	wg.Wait()
	workers.drain()
	after := selfPeakRSS(t)

	// What each attack may end with: a limit the worker or the parent
	// holds, or a guard's RangeError.
	const (
		time_  = `did not finish within 1s \(an infinite loop\?\)`
		memory = `used more than 128 MiB of memory \(allocating without end\?\)`
		guard  = `threw RangeError: .* over the dry-run memory limit`
		// Intl's own bounds (compiler/internal/dryrun/intl).
		intlBound = `threw RangeError: Intl\.\w+ .* in a dry run`
	)
	want := map[string]string{
		"split":             time_ + "|" + memory,
		"keys":              time_ + "|" + memory,
		"replace_all":       time_ + "|" + memory,
		"json_parse":        time_ + "|" + memory,
		"spread_max":        time_ + "|" + memory,
		"regex_lookahead":   time_,
		"regex_backref":     time_,
		"join_sparse":       guard,
		"from_char_code":    guard,
		"deep_stringify":    time_ + "|" + memory,
		"sort_huge":         time_ + "|" + memory,
		"locale_compare":    time_ + "|" + memory + "|" + intlBound, // making the strings may take the time
		"intl_compare":      intlBound,
		"list_format":       intlBound,
		"intl_deep_options": `threw RangeError: Array\.prototype\.join of arrays nested more than 1000 levels deep`,
		"top_split":         time_ + "|" + memory,
		"top_regex":         time_,
	}
	var report []string
	for i, in := range attacks {
		name, o := in.Module.Name, out[i]
		report = append(report, name+" "+o.elapsed.Round(time.Millisecond).String())
		pattern, ok := want[name]
		if !ok {
			t.Errorf("attack %s has no expectation", name)
			continue
		}
		what := `example "attack": attack\(\)`
		if strings.HasPrefix(name, "top_") {
			what = `evaluating main.js`
		}
		re := regexp.MustCompile(`^modules/bad/` + name + `/(main|examples)\.js(on)?:\d+:\d+: error: dry run of bad/` + name + `: ` + what + ` (` + pattern + `)`)
		if len(o.msgs) != 1 || !re.MatchString(o.msgs[0]) || !o.located {
			t.Errorf("%s: messages %q, want one located message matching %s", name, o.msgs, re)
		}
		if o.elapsed > 2*timeout {
			t.Errorf("%s: took %v, over twice the time budget of %v", name, o.elapsed, timeout)
		}
		if o.res.OK {
			t.Errorf("%s: the dry run is OK", name)
		}
		if !strings.HasPrefix(name, "top_") {
			if e := example(t, o.res, "fine before"); !e.Passed {
				t.Errorf("%s: the example before the attack failed: %s", name, e.Error)
			}
		}
	}
	sort.Strings(report)
	stats.mu.Lock()
	started, workerPeak := stats.started, stats.peakRSS
	stats.mu.Unlock()
	t.Logf("times: %s", strings.Join(report, ", "))
	t.Logf("peak RSS of the test process: %d MiB before, %d MiB after; %d workers started, the largest peaked at %d MiB",
		before>>20, after>>20, started, workerPeak>>20)
	if after > 600<<20 {
		t.Errorf("the parent's peak RSS is %d MiB", after>>20)
	}
	// A worker's address space is capped at addressRoom over its start
	// (about 15 MiB resident), whatever the watches see in time:
	// replace_all, one builder doubling in a single call, reached 350–470
	// MiB when only its data segment was capped.
	if bound := addressRoom(DefaultMemoryLimit) + 32<<20; workerPeak > bound {
		t.Errorf("a worker peaked at %d MiB, over %d MiB", workerPeak>>20, bound>>20)
	}

	// The next module still runs.
	res, msgs := Run([]Input{*good}, opts)
	if len(msgs) > 0 || !res[0].OK {
		t.Errorf("the good module after the attacks: %v %+v", msgs, res[0])
	}
}

// TestWorkerEndsMidBatch: a worker holds its replies while it has jobs to
// run (here for as long as the batch lasts), so when an attack ends it in
// the middle of a batch, the modules it ran before have no reply. The
// attack must get its error, with the example before it, and every other
// module its result: the ones before run again in another worker.
func TestWorkerEndsMidBatch(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector slows goja down past the time budgets this test relies on")
	}
	var attack, good *Input
	for _, in := range load(t, "testdata/attacks") {
		if in.Module.ID() == "bad/regex_backref" {
			attack = &in
		}
	}
	for _, in := range load(t, "testdata/limits") {
		if in.Module.ID() == "good/sums" {
			good = &in
		}
	}
	if attack == nil || good == nil {
		t.Fatal("missing bad/regex_backref or good/sums")
	}
	defer func(d time.Duration) { replyDelay = d }(replyDelay)
	replyDelay = time.Hour
	// 40 modules in one worker go in batches of 10: the attack is the
	// fourth of the first batch.
	inputs := make([]Input, 40)
	for i := range inputs {
		inputs[i] = *good
	}
	inputs[3] = *attack
	res, msgs := Run(inputs, Options{Timeout: 300 * time.Millisecond, Parallel: 1})
	re := regexp.MustCompile(`^modules/bad/regex_backref/(main\.js|examples\.json):\d+:\d+: error: dry run of bad/regex_backref: example "attack": attack\(\) did not finish within 300ms`)
	if len(msgs) != 1 || !re.MatchString(msgs[0].Error()) {
		t.Errorf("messages %q, want one matching %s", msgs, re)
	}
	if e := example(t, res[3], "fine before"); !e.Passed {
		t.Errorf("the example before the attack failed: %s", e.Error)
	}
	for i, r := range res {
		if i != 3 && (!r.OK || len(r.Examples) == 0) {
			t.Errorf("module %d: %+v", i, r)
		}
	}
}
