package app

import (
	"fmt"
	"strings"

	"github.com/modc-dev/modc/compiler/diag"
)

// deps returns the data bindings whose values the key stands for: a
// widget property's binding, the bindings an exposed value derives from,
// or every binding of a widget read whole. Instances and appsmith are
// sources: they change by running functions, not by bindings.
func (c *compiler) deps(key string) []*bnd {
	name, prop, hasProp := strings.Cut(key, ".")
	w := c.widgets[name]
	if w == nil {
		return nil
	}
	var out []*bnd
	add := func(owner string) {
		if b := c.byOwner[owner]; b != nil {
			out = append(out, b)
		}
	}
	if !hasProp {
		for _, fl := range w.props {
			add(name + "." + fl.Key)
		}
		return out
	}
	add(key)
	for _, src := range w.t.exposed[prop] {
		add(name + "." + src)
	}
	// A form's data comes from the values of the widgets inside.
	if contains(w.t.collected, prop) {
		var walk func([]*widget)
		walk = func(ws []*widget) {
			for _, d := range ws {
				if d.t.value != "" && c.widgets[d.name] == d {
					out = append(out, c.deps(d.name+"."+d.t.value)...)
				}
				walk(d.children)
			}
		}
		walk(w.children)
	}
	return out
}

// inputDeps returns the widget bindings that the inputs of the instance
// named key read.
func (c *compiler) inputDeps(key string) []*bnd {
	in := c.instances[key]
	if in == nil {
		return nil
	}
	var out []*bnd
	for _, b := range c.out.bindings {
		if b.inst == in {
			for _, k := range b.reads {
				out = append(out, c.deps(k)...)
			}
		}
	}
	return out
}

// order returns the widget bindings in an order in which each comes after
// the bindings it reads, and reports cycles. Instance inputs are left
// out: the runtime evaluates them when a query reads them.
func (c *compiler) order() []string {
	const (
		white = iota
		gray
		black
	)
	color := map[*bnd]int{}
	var stack []*bnd
	var order []string
	reported := map[string]bool{}
	var visit func(b *bnd)
	visit = func(b *bnd) {
		color[b] = gray
		stack = append(stack, b)
		for _, key := range b.reads {
			for _, d := range c.deps(key) {
				switch color[d] {
				case white:
					visit(d)
				case gray:
					c.cycle(stack, d, reported)
				}
			}
			// An instance's sync functions may read its inputs: the
			// bindings its inputs read come first where they can. A loop
			// through inputs is no cycle: inputs are read when a
			// function runs, not when they change.
			for _, d := range c.inputDeps(key) {
				if color[d] == white {
					visit(d)
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[b] = black
		order = append(order, b.id)
	}
	for _, b := range c.out.bindings {
		if b.w != nil && !b.event && color[b] == white {
			visit(b)
		}
	}
	return order
}

// cycle reports the cycle that closes at d, the part of stack from d on.
func (c *compiler) cycle(stack []*bnd, d *bnd, reported map[string]bool) {
	i := len(stack) - 1
	for i >= 0 && stack[i] != d {
		i--
	}
	loop := stack[i:]
	names := make([]string, 0, len(loop)+1)
	for _, b := range loop {
		names = append(names, b.owner)
	}
	key := strings.Join(names, " ")
	if reported[key] {
		return
	}
	reported[key] = true
	names = append(names, d.owner)
	m := diag.Errorf("app-binding-cycle", loop[0].loc, "bindings read each other in a cycle: %s", strings.Join(names, " → "))
	for k, b := range loop {
		next := loop[(k+1)%len(loop)]
		if key, loc, ok := c.readOf(b, next); ok {
			m = m.WithNote(loc, "%s reads %s", b.owner, key)
		}
	}
	c.f.msgs.Add(m)
}

// readOf finds the key through which b depends on d.
func (c *compiler) readOf(b, d *bnd) (string, diag.Location, bool) {
	for _, key := range b.reads {
		for _, x := range c.deps(key) {
			if x == d {
				return key, b.readAt[key], true
			}
		}
	}
	return "", diag.Location{}, false
}

// LoadCall is one function the app calls when it starts.
type LoadCall struct {
	Instance string `json:"instance"`
	Function string `json:"function"`
}

// loadOrder returns the runOnPageLoad calls: instance by instance in
// app.json order, except that an instance whose inputs read another
// instance (directly or through widgets) runs after it. A cycle between
// instances with load functions is an error.
func (c *compiler) loadOrder() []LoadCall {
	f := c.f
	fns := map[*instance][]string{}
	var loaders []*instance
	for _, in := range f.instances {
		if in.mod == nil || c.instances[in.name] != in {
			continue
		}
		settings := c.settings(in)
		var list []string
		if in.hasLoad {
			for _, n := range in.runOnPageLoad {
				if _, ok := settings[n.Str]; ok {
					list = append(list, n.Str)
				}
			}
		} else {
			for _, fn := range c.functions(in) {
				if settings[fn].RunOnPageLoad {
					list = append(list, fn)
				}
			}
		}
		if len(list) > 0 {
			fns[in] = list
			loaders = append(loaders, in)
		}
	}
	// needs[y] are the loaders y's inputs read, with where.
	type need struct {
		x   *instance
		via string
		loc diag.Location
	}
	needs := map[*instance][]need{}
	for _, y := range loaders {
		seen := map[string]bool{}
		var follow func(key, via string, loc diag.Location)
		follow = func(key, via string, loc diag.Location) {
			if seen[key] {
				return
			}
			seen[key] = true
			if x := c.instances[key]; x != nil {
				if x != y && fns[x] != nil {
					needs[y] = append(needs[y], need{x, via, loc})
				}
				return
			}
			for _, d := range c.deps(key) {
				for _, k := range d.reads {
					follow(k, via, loc)
				}
			}
		}
		for _, b := range c.out.bindings {
			if b.inst == y {
				for _, k := range b.reads {
					follow(k, fmt.Sprintf("input %q of %s reads %s", b.prop, y.name, k), b.readAt[k])
				}
			}
		}
	}
	const (
		white = iota
		gray
		black
	)
	color := map[*instance]int{}
	var stack []*instance
	var order []*instance
	var visit func(y *instance)
	visit = func(y *instance) {
		color[y] = gray
		stack = append(stack, y)
		for _, n := range needs[y] {
			switch color[n.x] {
			case white:
				visit(n.x)
			case gray:
				i := len(stack) - 1
				for stack[i] != n.x {
					i--
				}
				loop := stack[i:]
				var names []string
				for _, in := range loop {
					names = append(names, in.name+"."+fns[in][0])
				}
				names = append(names, n.x.name+"."+fns[n.x][0])
				loc := f.keyLoc(n.x.field)
				if len(n.x.runOnPageLoad) > 0 {
					loc = f.loc(n.x.runOnPageLoad[0])
				}
				m := diag.Errorf("app-page-load-cycle", loc, "the functions that run on page load need each other's results in a cycle: %s", strings.Join(names, " → "))
				for k, in := range loop {
					next := n.x
					if k+1 < len(loop) {
						next = loop[k+1]
					}
					for _, nd := range needs[in] {
						if nd.x == next {
							m = m.WithNote(nd.loc, "%s", nd.via)
							break
						}
					}
				}
				f.msgs.Add(m.WithHint("an instance's load functions run after those of the instances its inputs read (each one above needs the next)"))
			}
		}
		stack = stack[:len(stack)-1]
		color[y] = black
		order = append(order, y)
	}
	for _, y := range loaders {
		if color[y] == white {
			visit(y)
		}
	}
	var calls []LoadCall
	for _, in := range order {
		for _, fn := range fns[in] {
			calls = append(calls, LoadCall{Instance: in.name, Function: fn})
		}
	}
	return calls
}
