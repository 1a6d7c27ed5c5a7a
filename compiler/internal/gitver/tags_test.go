package gitver

import (
	"sort"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

func TestClassify(t *testing.T) {
	names := []string{
		"auth/v1.0.0", "auth/v1.0.0+build.2", "auth/v1.0.0+build.1", "auth/v1.10.0", "auth/v1.9.0",
		"auth/v2.0.0-rc.1", "auth/v2.0.0-rc.10", "auth/v2.0.0-rc.2", "auth/v2.0.0-alpha", "auth/v2.0.0-alpha.1",
		"auth/v01.0.0", "auth/v1.0.0-", "auth/2024-01-01", "auth/stable", "auth/V1.0.0",
		"a/b/v1.0.0", "feature/vendor", "feature/v2-redesign", "build-7", "2024.01", "x/1.2",
	}
	sort.Strings(names)
	var tags []tagRef
	for i, n := range names {
		var h plumbing.Hash
		h[0] = byte(i)
		tags = append(tags, tagRef{name: n, target: h})
	}
	pkgs := []string{"auth", "billing"}
	perPkg, msgs := classify(tags, pkgs, map[string]int{"auth": 0, "billing": 1})
	var got []string
	for _, c := range perPkg[0] {
		got = append(got, c.tag.name)
	}
	equal(t, "order", got, []string{"auth/v2.0.0-rc.10", "auth/v2.0.0-rc.2", "auth/v2.0.0-rc.1", "auth/v2.0.0-alpha.1", "auth/v2.0.0-alpha",
		"auth/v1.10.0", "auth/v1.9.0", "auth/v1.0.0"})
	if d := perPkg[0][len(perPkg[0])-1].dups; len(d) != 2 || d[0].tag.name != "auth/v1.0.0+build.1" || d[1].tag.name != "auth/v1.0.0+build.2" {
		t.Errorf("duplicates of 1.0.0: %+v", d)
	}
	if len(perPkg[1]) != 0 {
		t.Errorf("billing: %+v", perPkg[1])
	}
	want := `refs/tags/2024.01: warning: tag 2024.01 looks like a release, but a plain vX.Y.Z tag only counts when the workspace has exactly one package (it has 2); it is ignored [release-tag-plain]
refs/tags/auth/V1.0.0: warning: tag auth/V1.0.0 looks like a release of package "auth", but "V1.0.0" starts with a capital V; it is ignored [release-tag-invalid]
refs/tags/auth/v01.0.0: warning: tag auth/v01.0.0 looks like a release of package "auth", but "v01.0.0" is not a full semver version X.Y.Z; it is ignored [release-tag-invalid]
refs/tags/auth/v1.0.0-: warning: tag auth/v1.0.0- looks like a release of package "auth", but "v1.0.0-" is not a semver version (invalid prerelease string); it is ignored [release-tag-invalid]
refs/tags/a/b/v1.0.0: warning: tag a/b/v1.0.0 looks like a release of package "a/b", which is not in this workspace; it is ignored [release-tag-unknown-package]
`
	if len(msgs) > 2 && msgs[2].Notes[0].Text != "name it auth/v1.0.0" {
		t.Errorf("hint for v01.0.0: %+v", msgs[2].Notes)
	}
	if got := messages(msgs); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
}

func TestLooksLikeVersion(t *testing.T) {
	for s, want := range map[string]bool{
		"v1": true, "V2.0": true, "1.2": true, "10.0.0": true, "v1.2.3-rc.1": true,
		"vx": false, "vendor": false, "v": false, "1": false, "2024-01-01": false, "1.": false, "": false, "stable": false,
	} {
		if got := looksLikeVersion(s); got != want {
			t.Errorf("looksLikeVersion(%q) = %v", s, got)
		}
	}
}

func TestParsePackedRefs(t *testing.T) {
	data := "# pack-refs with: peeled fully-peeled sorted \n" +
		"1111111111111111111111111111111111111111 refs/heads/main\n" +
		"2222222222222222222222222222222222222222 refs/tags/a/v1.0.0\n" +
		"^3333333333333333333333333333333333333333\n" +
		"4444444444444444444444444444444444444444 refs/tags/b/v1.0.0\r\n"
	tags, fully := parsePackedRefs([]byte(data))
	if !fully || len(tags) != 2 {
		t.Fatalf("fully %v, tags %v", fully, tags)
	}
	if a := tags["a/v1.0.0"]; a.target.String()[:4] != "2222" || a.peeled.String()[:4] != "3333" {
		t.Errorf("a: %v", a)
	}
	if b := tags["b/v1.0.0"]; b.target.String()[:4] != "4444" || !b.peeled.IsZero() {
		t.Errorf("b: %v", b)
	}
	if _, fully := parsePackedRefs([]byte("# pack-refs with: peeled \n")); fully {
		t.Errorf("fully-peeled without the trait")
	}
}

// FuzzTags feeds arbitrary tag names and packed-refs files to the parsers:
// they must never panic, and every warning must be located at a tag.
func FuzzTags(f *testing.F) {
	f.Add("auth/v1.0.0\nv1\nauth/v\nauth/\n/v1.0.0\nauth/v1.0.0+\nV", "# pack-refs with: fully-peeled \nabc refs/tags/x\n^\n")
	f.Add("p/v99999999999999999999.0.0\np/v1.0.0-0\n1.2.3\nv1.2.3", "")
	f.Fuzz(func(t *testing.T, names, packed string) {
		var tags []tagRef
		for _, n := range strings.Split(names, "\n") {
			tags = append(tags, tagRef{name: n})
		}
		sort.Slice(tags, func(i, j int) bool { return tags[i].name < tags[j].name })
		for _, pkgs := range [][]string{{"auth"}, {"auth", "p"}, nil} {
			idx := map[string]int{}
			for i, p := range pkgs {
				idx[p] = i
			}
			_, msgs := classify(tags, pkgs, idx)
			for _, m := range msgs {
				if !strings.HasPrefix(m.Location.File, "refs/tags/") {
					t.Errorf("message without a tag: %v", m)
				}
			}
		}
		parsePackedRefs([]byte(packed))
	})
}
