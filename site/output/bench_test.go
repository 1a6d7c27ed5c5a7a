package output

import (
	"bytes"
	"fmt"
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

// BenchmarkRewrite rewrites an output the size of SPEC 11's (3,000 files,
// 60 MB) after one file changed, as a warm build after a one-module edit
// does.
func BenchmarkRewrite(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "out")
	files := map[string][]byte{}
	for i := range 3000 {
		files[fmt.Sprintf("packages/p%02d/m%03d/index.html", i/60, i%60)] = bytes.Repeat([]byte{byte('a' + i%26)}, 20<<10)
	}
	if err := Write(dir, files); err != nil {
		b.Fatal(err)
	}
	n, written := 0, 0
	for b.Loop() {
		n++
		files["packages/p00/m000/index.html"] = fmt.Appendf(nil, "edit %d", n)
		d, err := Create(dir)
		if err != nil {
			b.Fatal(err)
		}
		for p, content := range files {
			if err := d.WriteFile(p, content); err != nil {
				b.Fatal(err)
			}
		}
		if err := d.Commit(); err != nil {
			b.Fatal(err)
		}
		written += d.Stats().Written
	}
	b.ReportMetric(float64(written)/float64(n), "written/op")
}
