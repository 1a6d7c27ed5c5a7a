package jslib

import (
	"testing"

	"github.com/dop251/goja"
)

// BenchmarkLoad evaluates a built-in library in a fresh VM, as every dry
// run of a module that reads it does.
func BenchmarkLoad(b *testing.B) {
	for _, global := range []string{"_", "moment"} {
		l := Builtin(global)
		if _, err := l.Program(); err != nil {
			b.Fatal(err)
		}
		b.Run(l.Package, func(b *testing.B) {
			for b.Loop() {
				if _, err := l.Load(goja.New()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
