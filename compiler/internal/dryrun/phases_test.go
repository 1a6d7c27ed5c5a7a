package dryrun

import (
	"fmt"
	"testing"

	"github.com/dop251/goja"
)

// BenchmarkDryRunPhases times the phases of one module's dry run (the
// benchmark module of BenchmarkDryRun): compiling main.js, a fresh VM with
// the runtime set up, the top level, and its examples.
func BenchmarkDryRunPhases(b *testing.B) {
	in := load(b, "testdata/bench")[0]
	opts := Options{}
	opts.defaults()
	guard.start(opts.MemoryLimit)
	defer guard.end()
	newModule := func() *module {
		m := &module{in: &in, opts: &opts, id: in.Module.ID()}
		if !m.prepare() {
			b.Fatal("prepare failed")
		}
		return m
	}
	b.Run("compile", func(b *testing.B) {
		for b.Loop() {
			newModule()
		}
	})
	m := newModule()
	b.Run("vm", func(b *testing.B) {
		for b.Loop() {
			vm := goja.New()
			if _, err := m.setup(vm); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("module", func(b *testing.B) {
		for b.Loop() {
			ctl := &control{}
			guard.enter(ctl)
			m.msgs = nil
			m.evaluate(ctl, &Result{})
			guard.leave(ctl)
		}
	})
}

// BenchmarkDryRunExamples times each example of the benchmark module on
// one VM (the top level evaluated once).
func BenchmarkDryRunExamples(b *testing.B) {
	in := load(b, "testdata/bench")[0]
	opts := Options{}
	opts.defaults()
	guard.start(opts.MemoryLimit)
	defer guard.end()
	m := &module{in: &in, opts: &opts, id: in.Module.ID()}
	if !m.prepare() {
		b.Fatal("prepare failed")
	}
	vm := goja.New()
	ctl := &control{vm: vm}
	guard.enter(ctl)
	defer guard.leave(ctl)
	d, err := m.setup(vm)
	if err != nil {
		b.Fatal(err)
	}
	factory, err := vm.RunProgram(m.code.prog)
	if err != nil {
		b.Fatal(err)
	}
	names := make([]any, len(m.queries))
	for i, q := range m.queries {
		names[i] = q.name
	}
	if _, err := d.top(goja.Undefined(), factory, vm.NewArray(names...), vm.ToValue(m.defs)); err != nil {
		b.Fatal(err)
	}
	if err := d.loadExamples(vm); err != nil {
		b.Fatal(err)
	}
	for i, ex := range in.Module.Examples {
		b.Run(fmt.Sprint(i), func(b *testing.B) {
			for b.Loop() {
				var er ExampleResult
				m.runExample(vm, ctl, d, ex, &er)
				if !er.Passed {
					b.Fatal(er.Error)
				}
			}
		})
	}
}
