package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/modc-dev/modc/compiler"
)

// progressDelay is how long a run goes before its progress line appears:
// a quick build prints only its summary.
const progressDelay = time.Second

// progressWidth is the longest progress line drawn, in characters.
const progressWidth = 79

// progressLine draws a run's stages on one line of a terminal, redrawn in
// place: the stages done with their times, the current one with its time
// so far (the latest started of those running: a build bundles while its
// dry runs run). It draws nothing before its delay, and clears the line at
// the end.
type progressLine struct {
	w     io.Writer
	verb  string // "building", "checking"
	delay time.Duration
	start time.Time
	// now is the clock, time.Now when nil (tests set their own).
	now func() time.Time

	mu      sync.Mutex
	running []runningStage // in the order started
	done    []compiler.Phase
	drawn   bool
	stop    chan struct{}
	stopped sync.WaitGroup
}

// runningStage is a stage started and not yet done.
type runningStage struct {
	name    string
	modules int // how many modules it works on, 0 when it does not say
	from    time.Time
}

// startProgress returns the Progress callback of a run and the function
// ending its line, both no-ops unless stderr is a terminal and the output
// is not quiet or JSON.
func (c *cli) startProgress(verb string, jsonOut bool) (func(compiler.Progress), func()) {
	if !c.terminal || c.quiet || jsonOut {
		return nil, func() {}
	}
	p := &progressLine{w: c.stderr, verb: verb, delay: c.progressDelay, start: time.Now(), stop: make(chan struct{})}
	p.stopped.Add(1)
	go p.tick()
	return p.update, p.end
}

// tick redraws the line ten times a second, so the current stage's time
// runs on.
func (p *progressLine) tick() {
	defer p.stopped.Done()
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.mu.Lock()
			p.draw()
			p.mu.Unlock()
		}
	}
}

// update records a stage starting or ending, and redraws.
func (p *progressLine) update(ev compiler.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if ev.Done {
		p.done = append(p.done, compiler.Phase{Name: ev.Stage, Duration: ev.Duration})
		p.running = slices.DeleteFunc(p.running, func(r runningStage) bool { return r.name == ev.Stage })
	} else {
		p.running = append(p.running, runningStage{name: ev.Stage, modules: ev.Modules, from: p.clock()})
	}
	p.draw()
}

// clock returns the time now.
func (p *progressLine) clock() time.Time {
	if p.now != nil {
		return p.now()
	}
	return time.Now()
}

// draw writes the line over the previous one (p.mu held).
func (p *progressLine) draw() {
	now := p.clock()
	if now.Sub(p.start) < p.delay {
		return
	}
	head := fmt.Sprintf("modc: %s %s, %s done", p.verb, round(now.Sub(p.start)), plural(len(p.done), "stage"))
	var tail string
	if len(p.running) > 0 {
		cur := p.running[len(p.running)-1]
		of := ""
		if cur.modules > 0 {
			of = " of " + thousands(cur.modules) + " modules"
			if cur.modules == 1 {
				of = " of 1 module"
			}
		}
		tail = fmt.Sprintf(" · %s%s %s…", cur.name, of, round(now.Sub(cur.from)))
	}
	// The last stages done, then the current one, as many as fit in a
	// line of a narrow terminal: a wrapped line could not be redrawn.
	line := head + tail
	for from := max(0, len(p.done)-3); from < len(p.done); from++ {
		var b strings.Builder
		b.WriteString(head)
		for _, ph := range p.done[from:] {
			fmt.Fprintf(&b, " · %s %s", ph.Name, round(ph.Duration))
		}
		b.WriteString(tail)
		if utf8.RuneCountInString(b.String()) <= progressWidth {
			line = b.String()
			break
		}
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	p.drawn = true
}

// end stops redrawing and clears the line, leaving the terminal as it was
// for the summary.
func (p *progressLine) end() {
	close(p.stop)
	p.stopped.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
