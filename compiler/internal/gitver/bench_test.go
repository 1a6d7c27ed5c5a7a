package gitver

import (
	"fmt"
	"testing"
)

// BenchmarkVersions computes every package's versions in a generated
// repository (see genRepo): Open plus Versions, as `modc versions` does,
// with the object cache cold and the OS file cache warm. The spec's target
// is the first case, 50 packages, 10,000 tags, 5,000 commits: ≤ 100 ms.
func BenchmarkVersions(b *testing.B) {
	specs := []genSpec{
		{Packages: 50, Commits: 5000, Tags: 10000},
		{Packages: 50, Commits: 5000, Tags: 5000},
		{Packages: 50, Commits: 5000, Tags: 1000},
		{Packages: 50, Commits: 1000, Tags: 10000},
		{Packages: 50, Commits: 1000, Tags: 1000},
		{Packages: 50, Commits: 5000, Tags: 10000, Loose: true},
	}
	for _, s := range specs {
		for _, mode := range []string{"brief", "releases", "changelog"} {
			opts := Options{Brief: mode == "brief", Changes: mode == "changelog"}
			name := fmt.Sprintf("tags=%d/commits=%d/%s", s.Tags, s.Commits, mode)
			if s.Loose {
				name = fmt.Sprintf("tags=%d-loose/commits=%d/%s", s.Tags, s.Commits, mode)
			}
			b.Run(name, func(b *testing.B) {
				dir := b.TempDir()
				pkgs := genRepo(b, dir, s)
				b.ResetTimer()
				for b.Loop() {
					r, msgs := Open(dir)
					defer r.Close()
					if len(msgs) > 0 {
						b.Fatal(msgs)
					}
					pvs, msgs := r.Versions(pkgs, opts)
					if msgs.HasErrors() || len(pvs) != len(pkgs) || len(pvs[0].Releases) == 0 {
						b.Fatalf("%v %+v", msgs, pvs[0])
					}
				}
			})
		}
	}
}

// BenchmarkVersionsOpenRepo is BenchmarkVersions' main case with the Repo
// opened once, as a long-running process (the devserver) can keep it: the
// object cache stays warm between calls.
func BenchmarkVersionsOpenRepo(b *testing.B) {
	dir := b.TempDir()
	pkgs := genRepo(b, dir, genSpec{Packages: 50, Commits: 5000, Tags: 10000})
	r, msgs := Open(dir)
	if len(msgs) > 0 {
		b.Fatal(msgs)
	}
	defer r.Close()
	for _, mode := range []string{"brief", "releases"} {
		b.Run(mode, func(b *testing.B) {
			for b.Loop() {
				if _, msgs := r.Versions(pkgs, Options{Brief: mode == "brief"}); msgs.HasErrors() {
					b.Fatal(msgs)
				}
			}
		})
	}
}
