package output

import (
	"path/filepath"
	"testing"
)

// BenchmarkWrite measures replacing an output of 200 small files.
func BenchmarkWrite(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "out")
	files := site("bench", 200)
	for b.Loop() {
		if err := Write(dir, files); err != nil {
			b.Fatal(err)
		}
	}
}
