package npm_test

import (
	"testing"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/gen"
	"github.com/modc-dev/modc/compiler/internal/npm"
	"github.com/modc-dev/modc/compiler/internal/sri"
)

// BenchmarkBuild makes the npm folders and embed.json files of the 50
// packages × 20 modules of SPEC 11, from their built bundles: from
// scratch, and again from a cache that has them all (as a devserver
// session's edit of one module mostly does).
func BenchmarkBuild(b *testing.B) {
	dir := b.TempDir()
	if err := gen.Write(dir, gen.Options{Packages: 50, Modules: 20}); err != nil {
		b.Fatal(err)
	}
	r := compiler.Build(compiler.Options{Root: dir, NoReleases: true, CacheDir: "-"})
	if r.Failed() {
		b.Fatal(r.Messages)
	}
	b.Run("npm", func(b *testing.B) {
		for b.Loop() {
			if _, _, msgs := npm.Build(r.Workspace, r.Bundles(), npm.Options{Minify: true}); msgs.HasErrors() {
				b.Fatal(msgs)
			}
		}
	})
	b.Run("npm-cached", func(b *testing.B) {
		var cache npm.Cache
		for b.Loop() {
			if _, _, msgs := npm.Build(r.Workspace, r.Bundles(), npm.Options{Minify: true, Cache: &cache}); msgs.HasErrors() {
				b.Fatal(msgs)
			}
		}
	})
	b.Run("sri", func(b *testing.B) {
		for b.Loop() {
			if _, _, msgs := sri.Build(r.Bundles(), sri.Options{}); msgs.HasErrors() {
				b.Fatal(msgs)
			}
		}
	})
	b.Run("sri-cached", func(b *testing.B) {
		var cache sri.Cache
		for b.Loop() {
			if _, _, msgs := sri.Build(r.Bundles(), sri.Options{Cache: &cache}); msgs.HasErrors() {
				b.Fatal(msgs)
			}
		}
	})
}
