package bundle

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/modc-dev/modc/compiler/gen"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// BenchmarkBuild bundles generated workspaces (packages × JS modules, each
// with 5 functions and 2 queries), minified, with all outputs: "modc" is
// Build; "esbuild" is the baseline of SPEC 11, plain esbuild bundling the
// same main.js files from disk, one bundle per package.
func BenchmarkBuild(b *testing.B) {
	for _, size := range []gen.Options{{Packages: 5, Modules: 10}, {Packages: 50, Modules: 20}} {
		dir := b.TempDir()
		if err := gen.Write(dir, size); err != nil {
			b.Fatal(err)
		}
		ws, mains := load(b, dir)
		modules := size.Packages * size.Modules
		name := fmt.Sprintf("%dx%d", size.Packages, size.Modules)
		b.Run(name+"/modc", func(b *testing.B) {
			for b.Loop() {
				files, msgs := Build(ws, mains, Options{Version: "1.0.0", Minify: true})
				if msgs.HasErrors() || len(files) != 6*size.Packages {
					b.Fatalf("%d files:\n%s", len(files), msgs)
				}
			}
			b.ReportMetric(float64(modules)*float64(b.N)/b.Elapsed().Seconds(), "modules/s")
		})
		b.Run(name+"/esbuild", func(b *testing.B) {
			for b.Loop() {
				for i := 0; i < size.Packages; i++ {
					var entry strings.Builder
					for j := 0; j < size.Modules; j++ {
						fmt.Fprintf(&entry, "export { default as m%d } from './%s/main.js';\n", j, gen.ModuleName(j))
					}
					res := api.Build(api.BuildOptions{
						Stdin:             &api.StdinOptions{Contents: entry.String(), ResolveDir: filepath.Join(dir, "modules", gen.PackageName(i)), Sourcefile: "entry.js"},
						Bundle:            true,
						Write:             false,
						Format:            api.FormatESModule,
						Target:            api.ES2020,
						Outfile:           filepath.Join(dir, "out.mjs"),
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
			}
			b.ReportMetric(float64(modules)*float64(b.N)/b.Elapsed().Seconds(), "modules/s")
		})
	}
}

// BenchmarkLint runs Lint (what modc check asks of esbuild) over every
// module of a generated 50 × 20 workspace: "all" in one call, "each" one
// module a call (a devserver edit).
func BenchmarkLint(b *testing.B) {
	dir := b.TempDir()
	if err := gen.Write(dir, gen.Options{Packages: 50, Modules: 20}); err != nil {
		b.Fatal(err)
	}
	ws, mains := load(b, dir)
	var mods []*workspace.Module
	for _, p := range ws.Packages {
		mods = append(mods, p.Modules...)
	}
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			for _, msgs := range Lint(mods, mains) {
				if len(msgs) > 0 {
					b.Fatal(msgs)
				}
			}
		}
		b.ReportMetric(float64(len(mods))*float64(b.N)/b.Elapsed().Seconds(), "modules/s")
	})
	b.Run("each", func(b *testing.B) {
		for b.Loop() {
			if msgs := Lint(mods[7:8], mains); len(msgs[0]) > 0 {
				b.Fatal(msgs)
			}
		}
	})
}
