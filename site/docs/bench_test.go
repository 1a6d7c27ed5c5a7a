package docs

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

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

// BenchmarkRenderFirstEdit measures the docs part of a devserver save on
// the SPEC 11 workspace: after a one-module edit and the compiler's
// incremental build (not timed), RenderFirst (what the reload waits for),
// then Later (after the reload), reported apart in ms.
func BenchmarkRenderFirstEdit(b *testing.B) {
	dir := b.TempDir()
	if err := gen.Write(dir, gen.Spec11); err != nil {
		b.Fatal(err)
	}
	s := compiler.NewSession(compiler.Options{Root: dir, NoReleases: true, CacheDir: "-"})
	r := s.Build(nil)
	if r.Failed() {
		b.Fatal(r.Messages)
	}
	rd := NewRenderer(Options{})
	rd.RenderFirst(r, r.Workspace.FS, nil)
	rel := "modules/" + gen.PackageName(7) + "/" + gen.ModuleName(3) + "/main.js"
	path := filepath.Join(dir, filepath.FromSlash(rel))
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	var first, later time.Duration
	n := 0
	for b.Loop() {
		b.StopTimer()
		n++
		text := strings.Replace(string(src), "return a + b;", "return a + b + 0 * "+strconv.Itoa(n)+";", 1)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		r := s.Build([]string{rel})
		if r.Failed() {
			b.Fatal(r.Messages)
		}
		b.StartTimer()
		start := time.Now()
		rd.RenderFirst(r, r.Workspace.FS, []string{rel})
		mid := time.Now()
		rd.Later()
		first, later = first+mid.Sub(start), later+time.Since(mid)
	}
	b.ReportMetric(float64(first.Microseconds())/1000/float64(n), "first-ms")
	b.ReportMetric(float64(later.Microseconds())/1000/float64(n), "later-ms")
}
