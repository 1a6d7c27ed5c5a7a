package docs

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/gen"
	"github.com/modc-dev/modc/internal/sidebyside"
	"github.com/modc-dev/modc/site/output"
)

// BenchmarkRender renders the docs site of a generated workspace of 1,000
// content pages and 1,000 modules (SPEC 11), and writes it to disk page by
// page as site.Build does; beside it, Hugo (Debian's hugo, when installed)
// renders the same 1,000 markdown pages with the layout `make bench` uses
// (sidebyside.HugoSite, like modc's theme) and writes them. Compare the
// ns/page metrics: the target is modc no slower than Hugo per page.
func BenchmarkRender(b *testing.B) {
	ws := b.TempDir()
	if err := gen.Write(ws, gen.Options{Packages: 50, Modules: 20, Pages: 1000}); err != nil {
		b.Fatal(err)
	}
	r := compiler.Check(compiler.Options{Root: ws})
	if r.Failed() {
		b.Fatal(r.Messages)
	}
	b.Run("modc", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "out")
		var pages atomic.Int64
		for b.Loop() {
			dir, err := output.Create(out)
			if err != nil {
				b.Fatal(err)
			}
			pages.Store(0)
			msgs, err := RenderTo(r, os.DirFS(ws), Options{}, func(p string, data []byte) error {
				if strings.HasSuffix(p, ".html") {
					pages.Add(1)
				}
				return dir.WriteFile(p, data)
			})
			if err != nil || msgs.HasErrors() {
				dir.Abort()
				b.Fatal(err, msgs)
			}
			if err := dir.Commit(); err != nil {
				b.Fatal(err)
			}
		}
		n := pages.Load()
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(int64(b.N)*n), "ns/page")
		b.ReportMetric(float64(n), "pages")
	})
	b.Run("hugo", func(b *testing.B) {
		hugo, err := exec.LookPath("hugo")
		if err != nil {
			b.Skip("hugo is not installed (apt-get install hugo)")
		}
		site := b.TempDir()
		if err := sidebyside.HugoSite(site, filepath.Join(ws, "content")); err != nil {
			b.Fatal(err)
		}
		pages, _ := filepath.Glob(filepath.Join(site, "content", "pages", "*.md"))
		out := filepath.Join(b.TempDir(), "public")
		for b.Loop() {
			cmd := exec.Command(hugo, "--quiet", "--source", site, "--destination", out, "--cleanDestinationDir")
			if data, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("hugo: %v\n%s", err, data)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/page")
		b.ReportMetric(float64(len(pages)), "pages")
	})
}
