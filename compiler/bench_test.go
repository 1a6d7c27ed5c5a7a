package compiler

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/modc-dev/modc/compiler/gen"
	"github.com/modc-dev/modc/site/output"
)

// BenchmarkColdBuild compares a whole `modc build` of a generated workspace
// of 50 packages × 20 JS modules (each with 5 functions, 2 queries, JSDoc and
// 4 dry-run examples) with the anchor of SPEC 11: esbuild alone bundling the
// same main.js files, one bundle per package, minified with source maps,
// written to disk, in one esbuild call (so esbuild uses both cores too).
// Report the ratio modc/esbuild of the two ns/op figures.
func BenchmarkColdBuild(b *testing.B) {
	size := gen.Options{Packages: 50, Modules: 20}
	dir := b.TempDir()
	if err := gen.Write(dir, size); err != nil {
		b.Fatal(err)
	}
	modules := float64(size.Packages * size.Modules)
	b.Run("modc", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "out")
		for b.Loop() {
			r := Build(Options{Root: dir})
			if r.Failed() {
				b.Fatal(r.Messages.String())
			}
			if err := output.Write(out, r.Files); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(modules*float64(b.N)/b.Elapsed().Seconds(), "modules/s")
	})
	b.Run("check", func(b *testing.B) {
		for b.Loop() {
			if r := Check(Options{Root: dir}); r.Failed() {
				b.Fatal(r.Messages.String())
			}
		}
		b.ReportMetric(modules*float64(b.N)/b.Elapsed().Seconds(), "modules/s")
	})
	b.Run("esbuild", func(b *testing.B) {
		var entries []string
		for i := 0; i < size.Packages; i++ {
			var entry strings.Builder
			for j := 0; j < size.Modules; j++ {
				fmt.Fprintf(&entry, "export { default as m%d } from './%s/main.js';\n", j, gen.ModuleName(j))
			}
			p := filepath.Join(dir, "modules", gen.PackageName(i), "entry.js")
			if err := os.WriteFile(p, []byte(entry.String()), 0o644); err != nil {
				b.Fatal(err)
			}
			entries = append(entries, p)
		}
		out := b.TempDir()
		for b.Loop() {
			res := api.Build(api.BuildOptions{
				EntryPoints:       entries,
				Bundle:            true,
				Write:             true,
				Format:            api.FormatESModule,
				Target:            api.ES2020,
				Outdir:            out,
				Sourcemap:         api.SourceMapLinked,
				MinifyWhitespace:  true,
				MinifyIdentifiers: true,
				MinifySyntax:      true,
				LogLevel:          api.LogLevelSilent,
			})
			if len(res.Errors) > 0 {
				b.Fatal(res.Errors)
			}
		}
		b.ReportMetric(modules*float64(b.N)/b.Elapsed().Seconds(), "modules/s")
	})
}

// BenchmarkSessionEdit measures an incremental rebuild after editing one
// module of the generated 1,000-module workspace: what the devserver does
// on a save (reload, check and dry-run the module, re-bundle its package).
func BenchmarkSessionEdit(b *testing.B) {
	dir := b.TempDir()
	if err := gen.Write(dir, gen.Options{Packages: 50, Modules: 20}); err != nil {
		b.Fatal(err)
	}
	s := NewSession(Options{Root: dir, CacheDir: "-"})
	if r := s.Build(nil); r.Failed() {
		b.Fatal(r.Messages.String())
	}
	rel := "modules/" + gen.PackageName(7) + "/" + gen.ModuleName(3) + "/main.js"
	path := filepath.Join(dir, filepath.FromSlash(rel))
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		text := strings.Replace(string(src), "export default {", fmt.Sprintf("export default {\n  edit: %d,", i), 1)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		if r := s.Build([]string{rel}); r.Failed() {
			b.Fatal(r.Messages.String())
		}
	}
}

// BenchmarkLibraries compares building a package of 20 modules whose
// summary function and its dry-run example use the built-in libraries _
// and moment (so every dry run loads both) with the same package computing
// it without them (issue 14: under 2×), for each of gen.LibraryCases. This is
// the engine alone; site's BenchmarkLibraries is the whole modc build,
// docs included. Report the ratio of each case's two ns/op figures.
func BenchmarkLibraries(b *testing.B) {
	for _, c := range gen.LibraryCases() {
		b.Run(c.Name, func(b *testing.B) {
			dir := b.TempDir()
			if err := c.Write(dir); err != nil {
				b.Fatal(err)
			}
			out := filepath.Join(b.TempDir(), "out")
			for b.Loop() {
				r := Build(Options{Root: dir, NoReleases: true, CacheDir: "-"})
				if r.Failed() {
					b.Fatal(r.Messages.String())
				}
				if err := output.Write(out, r.Files); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
