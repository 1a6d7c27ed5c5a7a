package gitver

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/Masterminds/semver/v3"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/internal/gittest"
)

// threePackages builds the repository most tests use, with the git command:
//
//	c1 add auth, billing      ← auth/v1.0.0 (annotated), billing/v0.1.0
//	c2 auth: refresh tokens   ← auth/v1.1.0-rc.1
//	c3 billing: invoices; add util
//	c4 auth: fix expiry
//	c5 docs: readme           (touches no package)
//	c6 util: helpers          ← HEAD
//
// and tags that are not releases, or broken ones.
func threePackages(t *testing.T) (g *gitRepo, c []string) {
	gittest.Isolate(t)
	g = newGitRepo(t, "")
	c = make([]string, 7)
	g.write("modc.json", "{}\n")
	g.module("auth", "tokens", "1")
	g.module("billing", "pay", "1")
	c[1] = g.commit("add auth, billing")                // clock 0
	g.tag("auth/v1.0.0", "first release\n\nwith notes") // 1
	g.tag("billing/v0.1.0", "")                         // 2
	g.module("auth", "tokens", "2")
	c[2] = g.commit("auth: refresh tokens") // 3
	g.tag("auth/v1.1.0-rc.1", "")           // 4
	g.module("billing", "pay", "2")
	g.module("util", "strings", "1")
	c[3] = g.commit("billing: invoices; add util") // 5
	g.module("auth", "tokens", "3")
	c[4] = g.commit("auth: fix expiry") // 6
	g.write("README.md", "# readme\n")
	c[5] = g.commit("docs: readme") // 7
	g.module("util", "strings", "2")
	c[6] = g.commit("util: helpers") // 8
	for _, name := range []string{"auth/v1.2", "auth/vx", "auth/1.2.3", "auth/V1.3.0", "Auth/v1.0.0",
		"v2.0.0", "release-2020", "auth/stable", "docs/v1.0.0", "docs/v1.1.0", "feature/vendor"} {
		g.tag(name, "")
	}
	return g, c
}

func TestVersions(t *testing.T) {
	g, c := threePackages(t)
	pvs, msgs := versions(t, g.dir, Options{}, "auth", "billing", "util")
	head := c[6][:12]

	auth, billing, util := pvs[0], pvs[1], pvs[2]
	if auth.Current != "1.1.0-rc.1.0.dev.1+"+head || auth.Released || auth.Dirty || auth.Shallow {
		t.Errorf("auth: %+v", auth)
	}
	equal(t, "auth releases", releaseTags(auth), []string{"auth/v1.1.0-rc.1", "auth/v1.0.0"})
	equal(t, "auth changed", subjects(auth.Changed), []string{"auth: fix expiry"})
	if billing.Current != "0.1.1-dev.1+"+head {
		t.Errorf("billing: %+v", billing)
	}
	equal(t, "billing changed", subjects(billing.Changed), []string{"billing: invoices; add util"})
	if util.Current != "0.0.0-dev.2+"+head || len(util.Releases) != 0 {
		t.Errorf("util: %+v", util)
	}
	equal(t, "util changed", subjects(util.Changed), []string{"util: helpers", "billing: invoices; add util"})

	// Release details: annotated tags carry the tagger date and message,
	// lightweight ones the commit date.
	rc, v1 := auth.Releases[0], auth.Releases[1]
	if rc.Commit != c[2] || rc.Annotated || !rc.Date.Equal(date(3)) || rc.Tree != g.git("rev-parse", c[2]+":modules/auth") {
		t.Errorf("auth/v1.1.0-rc.1: %+v", rc)
	}
	if v1.Commit != c[1] || !v1.Annotated || !v1.Date.Equal(date(1)) || v1.Message != "first release\n\nwith notes" || v1.Version.String() != "1.0.0" {
		t.Errorf("auth/v1.0.0: %+v", v1)
	}
	if b := billing.Releases[0]; b.Commit != c[1] || b.Annotated || !b.Date.Equal(date(0)) {
		t.Errorf("billing/v0.1.0: %+v", b)
	}
	for _, pv := range pvs {
		if pv.Commit != c[6] || pv.TreeHash != g.git("rev-parse", "HEAD:modules/"+pv.Package) {
			t.Errorf("%s: commit %s tree %s", pv.Package, pv.Commit, pv.TreeHash)
		}
	}
	if pvs[1].Changed[0].Commit != c[3] || !pvs[1].Changed[0].Date.Equal(date(5)) || pvs[1].Changed[0].Author != "Ada" {
		t.Errorf("change: %+v", pvs[1].Changed[0])
	}

	want := `refs/tags/auth/1.2.3: warning: tag auth/1.2.3 looks like a release of package "auth", but "1.2.3" lacks the leading v; it is ignored [release-tag-invalid]
refs/tags/auth/V1.3.0: warning: tag auth/V1.3.0 looks like a release of package "auth", but "V1.3.0" starts with a capital V; it is ignored [release-tag-invalid]
refs/tags/auth/v1.2: warning: tag auth/v1.2 looks like a release of package "auth", but "v1.2" is not a full semver version X.Y.Z; it is ignored [release-tag-invalid]
refs/tags/auth/vx: warning: tag auth/vx looks like a release of package "auth", but "vx" is not a semver version (invalid semantic version); it is ignored [release-tag-invalid]
refs/tags/v2.0.0: warning: tag v2.0.0 looks like a release, but a plain vX.Y.Z tag only counts when the workspace has exactly one package (it has 3); it is ignored [release-tag-plain]
refs/tags/Auth/v1.0.0: warning: tag Auth/v1.0.0 looks like a release of package "Auth", which is not in this workspace; it is ignored [release-tag-unknown-package]
refs/tags/docs/v1.0.0: warning: tag docs/v1.0.0 and 1 more tags look like releases of package "docs", which is not in this workspace; they are ignored [release-tag-unknown-package]
`
	if got := messages(msgs); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
	hints := map[string]string{
		"refs/tags/auth/1.2.3":  "name it auth/v1.2.3",
		"refs/tags/auth/V1.3.0": "name it auth/v1.3.0",
		"refs/tags/auth/v1.2":   "name it auth/v1.2.0",
		"refs/tags/v2.0.0":      "tag a release of a package as PACKAGE/vX.Y.Z, e.g. auth/v2.0.0",
		"refs/tags/Auth/v1.0.0": `did you mean "auth"? Release tags are auth/vX.Y.Z`,
	}
	for _, m := range msgs {
		if h, ok := hints[m.Location.File]; ok && (len(m.Notes) != 1 || m.Notes[0].Text != h) {
			t.Errorf("%s: notes %+v, want hint %q", m.Location.File, m.Notes, h)
		}
	}
}

func TestChangelog(t *testing.T) {
	g, c := threePackages(t)
	g.module("auth", "tokens", "4")
	g.commit("auth: rotate keys")
	g.tag("auth/v1.1.0", "")
	pvs, _ := versions(t, g.dir, Options{Changes: true}, "auth", "billing", "util")
	auth := pvs[0]
	if auth.Current != "1.1.0" || !auth.Released || auth.Changed != nil {
		t.Errorf("auth: %+v", auth)
	}
	equal(t, "auth releases", releaseTags(auth), []string{"auth/v1.1.0", "auth/v1.1.0-rc.1", "auth/v1.0.0"})
	equal(t, "1.1.0", subjects(auth.Releases[0].Changes), []string{"auth: rotate keys", "auth: fix expiry"})
	equal(t, "1.1.0-rc.1", subjects(auth.Releases[1].Changes), []string{"auth: refresh tokens"})
	equal(t, "1.0.0", subjects(auth.Releases[2].Changes), []string{"add auth, billing"})
	if auth.Releases[2].Changes[0].Commit != c[1] {
		t.Errorf("1.0.0 changes: %+v", auth.Releases[2].Changes)
	}
	equal(t, "billing 0.1.0", subjects(pvs[1].Releases[0].Changes), []string{"add auth, billing"})

	// Without Changes, releases have none; with Brief, only the base
	// release is read: the others have a commit but no tree or date.
	pvs, _ = versions(t, g.dir, Options{Brief: true}, "auth", "billing", "util")
	auth = pvs[0]
	if auth.Current != "1.1.0" || auth.Releases[0].Commit == "" || auth.Releases[0].Changes != nil {
		t.Errorf("latest only: %+v", auth.Releases[0])
	}
	if r := auth.Releases[2]; r.Tag != "auth/v1.0.0" || r.Version.String() != "1.0.0" || r.Commit != c[1] || r.Tree != "" || !r.Date.IsZero() {
		t.Errorf("brief, older release: %+v", r)
	}

	// Details reads the rest.
	r, _ := Open(g.dir)
	defer r.Close()
	rel := auth.Releases[2]
	if err := r.Details("auth", &rel); err != nil {
		t.Fatal(err)
	}
	full, _ := versions(t, g.dir, Options{}, "auth", "billing", "util")
	if !reflect.DeepEqual(rel, full[0].Releases[2]) {
		t.Errorf("details:\n got %+v\nwant %+v", rel, full[0].Releases[2])
	}
	if err := r.Details("billing", &rel); err == nil || !strings.Contains(err.Error(), "not a release tag of package billing") {
		t.Errorf("details of a tag of another package: %v", err)
	}
	g.tag("util/v1.0.0-alpha", "")
	g.git("tag", "util/v0.0.1", c[1])
	if err := r.Details("util", &Release{Tag: "util/v0.0.1", Version: semver.MustParse("0.0.1")}); err == nil || !strings.Contains(err.Error(), "has no modules/util") {
		t.Errorf("details of a release without the package: %v", err)
	}
	if err := r.Details("auth", &Release{Tag: "auth/v9.0.0", Version: semver.MustParse("9.0.0")}); err == nil {
		t.Errorf("details of a missing tag: no error")
	}
}

func TestRefOption(t *testing.T) {
	g, c := threePackages(t)
	g.write("modules/auth/tokens/main.js", "dirty\n") // ignored: Ref never looks at the work tree
	pvs, _ := versions(t, g.dir, Options{Ref: "auth/v1.0.0"}, "auth", "billing")
	if pvs[0].Current != "1.0.0" || pvs[1].Current != "0.1.0" || pvs[0].Commit != c[1] || pvs[0].Dirty {
		t.Errorf("at auth/v1.0.0: %+v", pvs)
	}
	pvs, _ = versions(t, g.dir, Options{Ref: "HEAD~2"}, "auth", "billing")
	if pvs[0].Current != "1.1.0-rc.1.0.dev.1+"+c[4][:12] || pvs[1].Current != "0.1.1-dev.1+"+c[4][:12] {
		t.Errorf("at HEAD~2: %s %s", pvs[0].Current, pvs[1].Current)
	}
	r, _ := Open(g.dir)
	defer r.Close()
	if _, msgs := r.Versions([]string{"auth"}, Options{Ref: "nope"}); !msgs.HasErrors() {
		t.Errorf("unknown ref: no error")
	}
}

func TestUnchangedSinceRelease(t *testing.T) {
	gittest.Isolate(t)
	g := newGitRepo(t, "")
	g.module("p", "m", "1")
	g.module("q", "m", "1")
	g.commit("add p, q")
	g.tag("p/v1.0.0", "")
	g.module("q", "m", "2")
	g.commit("q: change")
	g.module("q", "m", "3")
	g.commit("q: change again")
	pvs, msgs := versions(t, g.dir, Options{}, "p", "q")
	if p := pvs[0]; p.Current != "1.0.0" || !p.Released || p.Dirty || p.Changed != nil {
		t.Errorf("p: %+v", p)
	}
	if len(msgs) != 0 {
		t.Errorf("warnings: %s", msgs)
	}

	// Changed, then changed back: the tree is the release's again.
	g.module("p", "m", "2")
	g.commit("p: try something")
	g.module("p", "m", "1")
	head := g.commit("p: revert")
	pvs, _ = versions(t, g.dir, Options{}, "p")
	if pvs[0].Current != "1.0.0" {
		t.Errorf("after revert: %+v", pvs[0])
	}

	// Unchanged since the release in HEAD, but dirty in the work tree:
	// N still counts the two commits.
	g.write("modules/p/m/main.js", "changed\n")
	pvs, _ = versions(t, g.dir, Options{}, "p")
	if pvs[0].Current != "1.0.1-dev.2+"+head[:12]+".dirty" || !pvs[0].Dirty || pvs[0].Released {
		t.Errorf("dirty: %+v", pvs[0])
	}

	// At the release commit and dirty: N is 0.
	g.git("tag", "p/v1.0.1")
	pvs, _ = versions(t, g.dir, Options{}, "p")
	if pvs[0].Current != "1.0.2-dev.0+"+head[:12]+".dirty" || pvs[0].Base != "p/v1.0.1" || pvs[0].Changed != nil {
		t.Errorf("dirty at the release: %+v", pvs[0])
	}
}

func TestDirty(t *testing.T) {
	gittest.Isolate(t)
	g := newGitRepo(t, "")
	g.write(".gitignore", "secret/\n")
	g.write("modules/p/.gitignore", "*.log\n")
	g.module("p", "m", "1")
	g.write("modules/p/m/queries/list.json", "{}\n")
	g.write("modules/p/m/build.log", "tracked although ignored\n")
	g.git("add", "-f", "modules/p/m/build.log")
	g.commit("add p")
	g.tag("p/v1.0.0", "")
	headTree := g.git("rev-parse", "HEAD:modules/p")
	abs := func(p string) string { return filepath.Join(g.dir, filepath.FromSlash(p)) }

	check := func(name string, dirty bool) {
		t.Helper()
		pvs, _ := versions(t, g.dir, Options{}, "p")
		pv := pvs[0]
		// The same with what a workspace load saw (Options.Snapshot).
		if snapped, _ := versions(t, g.dir, Options{Snapshot: loadSnapshot(t, g.dir)}, "p"); snapped[0].Dirty != pv.Dirty || snapped[0].TreeHash != pv.TreeHash {
			t.Errorf("%s: with the load's snapshot, dirty %v and tree %s; without, %v and %s", name, snapped[0].Dirty, snapped[0].TreeHash, pv.Dirty, pv.TreeHash)
		}
		if pv.Dirty != dirty || strings.HasSuffix(pv.Current, ".dirty") != dirty || pv.Released == dirty {
			t.Errorf("%s: dirty %v, current %s", name, pv.Dirty, pv.Current)
		}
		if !dirty && pv.TreeHash != headTree {
			t.Errorf("%s: tree %s, want %s", name, pv.TreeHash, headTree)
		}
		if dirty {
			// The work tree's hash is the tree git itself would commit.
			g.git("add", "-A", "modules/p")
			if want := g.git("rev-parse", g.git("write-tree")+":modules/p"); pv.TreeHash != want {
				t.Errorf("%s: tree %s, git says %s", name, pv.TreeHash, want)
			}
			g.git("reset", "-q")
		}
	}
	check("clean", false)

	steps := []struct {
		name   string
		dirty  bool
		change func()
		undo   func()
	}{
		{"modified file", true,
			func() { g.write("modules/p/m/main.js", "changed\n") },
			func() { g.git("checkout", "--", "modules/p/m/main.js") }},
		{"deleted file", true,
			func() { os.Remove(abs("modules/p/m/queries/list.json")) },
			func() { g.git("checkout", "--", "modules/p/m/queries/list.json") }},
		{"untracked file", true,
			func() { g.write("modules/p/m/queries/new.json", "{}\n") },
			func() { os.Remove(abs("modules/p/m/queries/new.json")) }},
		{"untracked directory", true,
			func() { g.write("modules/p/n/module.json", "{}\n") },
			func() { os.RemoveAll(abs("modules/p/n")) }},
		{"modified tracked file that matches an ignore pattern", true,
			func() { g.write("modules/p/m/build.log", "changed\n") },
			func() { g.git("checkout", "--", "modules/p/m/build.log") }},
		{"executable bit", true,
			func() { os.Chmod(abs("modules/p/m/main.js"), 0o755) },
			func() { os.Chmod(abs("modules/p/m/main.js"), 0o644) }},
		{"untracked symlink", true,
			func() { os.Symlink("m", abs("modules/p/link")) },
			func() { os.Remove(abs("modules/p/link")) }},
		{"file ignored by the package's .gitignore", false,
			func() { g.write("modules/p/m/debug.log", "x\n") },
			func() { os.Remove(abs("modules/p/m/debug.log")) }},
		{"directory ignored by the root .gitignore", false,
			func() { g.write("modules/p/m/secret/key", "x\n") },
			func() { os.RemoveAll(abs("modules/p/m/secret")) }},
		{"file ignored by info/exclude", false,
			func() { g.write(".git/info/exclude", "*.bak\n"); g.write("modules/p/m/main.js.bak", "x\n") },
			func() { os.Remove(abs("modules/p/m/main.js.bak")) }},
		{"file ignored by the global excludes file", false,
			func() {
				writeFile(t, filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "git", "ignore"), "*.orig\n")
				g.write("modules/p/m/main.js.orig", "x\n")
			},
			func() { os.Remove(abs("modules/p/m/main.js.orig")) }},
		{"editor temporary files", false,
			func() {
				for _, n := range []string{"main.js~", ".main.js.swp", ".main.js.swo", "#main.js#", ".#main.js", "4913"} {
					g.write("modules/p/m/"+n, "x\n")
				}
			},
			func() { g.git("clean", "-fq", "modules/p") }},
		{"empty directory", false,
			func() { os.MkdirAll(abs("modules/p/m/empty/deeper"), 0o755) },
			func() { os.RemoveAll(abs("modules/p/m/empty")) }},
		{"change outside the package", false,
			func() { g.write("modules/q/m/main.js", "x\n"); g.write("README.md", "x\n") },
			func() { os.RemoveAll(abs("modules/q")); os.Remove(abs("README.md")) }},
	}
	for _, s := range steps {
		s.change()
		check(s.name, s.dirty)
		s.undo()
		check("after "+s.name, false)
	}

	// With core.fileMode false, the executable bit is not trusted.
	g.git("config", "core.fileMode", "false")
	os.Chmod(abs("modules/p/m/main.js"), 0o755)
	pvs, _ := versions(t, g.dir, Options{}, "p")
	if pvs[0].Dirty {
		t.Errorf("core.fileMode=false: chmod +x made the package dirty")
	}
}

func TestSinglePackagePlainTags(t *testing.T) {
	gittest.Isolate(t)
	g := newGitRepo(t, "")
	g.module("auth", "tokens", "1")
	g.commit("add auth")
	g.tag("v1.0.0", "plain")
	g.tag("auth/v1.0.0", "") // same commit: an alias, no warning
	for i, v := range []string{"v1.1.0-alpha", "v1.1.0-beta.2", "v1.1.0-beta.11", "v1.1.0-rc.1"} {
		g.module("auth", "tokens", string(rune('2'+i)))
		g.commit("auth: " + v)
		g.tag(v, "")
	}
	g.module("auth", "tokens", "9")
	head := g.commit("auth: fix")
	g.tag("v1.0.1", "") // newer, but a lower version
	g.tag("auth/v1.1.0-rc.1", "")
	g.tag("1.2.0", "")
	g.tag("v1.3", "")

	pvs, msgs := versions(t, g.dir, Options{}, "auth")
	auth := pvs[0]
	equal(t, "releases", releaseTags(auth), []string{"auth/v1.1.0-rc.1", "v1.1.0-beta.11", "v1.1.0-beta.2", "v1.1.0-alpha", "v1.0.1", "auth/v1.0.0"})
	if auth.Current != "1.1.0-rc.1" || !auth.Released {
		t.Errorf("auth: %+v", auth)
	}
	want := `refs/tags/1.2.0: warning: tag 1.2.0 looks like a release of package "auth", but "1.2.0" lacks the leading v; it is ignored [release-tag-invalid]
refs/tags/v1.3: warning: tag v1.3 looks like a release of package "auth", but "v1.3" is not a full semver version X.Y.Z; it is ignored [release-tag-invalid]
refs/tags/v1.1.0-rc.1: warning: tag v1.1.0-rc.1 names release 1.1.0-rc.1 of package "auth" like tag auth/v1.1.0-rc.1, but another commit; auth/v1.1.0-rc.1 is used and v1.1.0-rc.1 is ignored [release-tag-duplicate]
`
	if got := messages(msgs); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
	if len(msgs) > 0 && (len(msgs[0].Notes) != 1 || msgs[0].Notes[0].Text != "name it v1.2.0") {
		t.Errorf("hint: %+v", msgs[0].Notes)
	}

	g.module("auth", "tokens", "10")
	head = g.commit("auth: after rc")
	pvs, _ = versions(t, g.dir, Options{}, "auth")
	if pvs[0].Current != "1.1.0-rc.1.0.dev.1+"+head[:12] {
		t.Errorf("after rc: %s", pvs[0].Current)
	}

	// A second package makes plain tags ambiguous: they are ignored.
	g.module("billing", "pay", "1")
	g.commit("add billing")
	pvs, msgs = versions(t, g.dir, Options{}, "auth", "billing")
	equal(t, "two packages", releaseTags(pvs[0]), []string{"auth/v1.1.0-rc.1", "auth/v1.0.0"})
	if n := strings.Count(messages(msgs), "only counts when the workspace has exactly one package"); n != 8 {
		t.Errorf("%d plain-tag warnings:\n%s", n, messages(msgs))
	}
}

func TestPseudoVersionsSort(t *testing.T) {
	rel := func(v string) *Release { return &Release{Version: semver.MustParse(v)} }
	var h [20]byte
	for i := range h {
		h[i] = 0xab
	}
	cases := []struct {
		base       *Release
		next, want string
	}{
		{nil, "0.0.1", "0.0.0-dev.3+abababababab"},
		{rel("1.2.3"), "1.2.4", "1.2.4-dev.3+abababababab"},
		{rel("1.2.0-rc.1"), "1.2.0-rc.2", "1.2.0-rc.1.0.dev.3+abababababab"},
		{rel("1.2.0-rc.1"), "1.2.0-rc.1.1", "1.2.0-rc.1.0.dev.3+abababababab"},
		{rel("1.2.0-rc.1"), "1.2.0", "1.2.0-rc.1.0.dev.3+abababababab"},
		{rel("2.0.0-beta"), "2.0.0-beta.1", "2.0.0-beta.0.dev.3+abababababab"},
		{rel("2.0.0-beta"), "2.0.0-rc", "2.0.0-beta.0.dev.3+abababababab"},
	}
	for _, c := range cases {
		got := pseudo(c.base, 3, h, false, false)
		if got != c.want {
			t.Errorf("pseudo(%v) = %s, want %s", c.base, got, c.want)
		}
		v, err := semver.StrictNewVersion(got)
		if err != nil {
			t.Fatalf("%s: %v", got, err)
		}
		if c.base != nil && v.Compare(c.base.Version) <= 0 {
			t.Errorf("%s does not sort after %s", got, c.base.Version)
		}
		if v.Compare(semver.MustParse(c.next)) >= 0 {
			t.Errorf("%s does not sort before %s", got, c.next)
		}
		more := semver.MustParse(pseudo(c.base, 10, h, true, true))
		if more.Compare(v) <= 0 || more.Metadata() != "abababababab.shallow.dirty" {
			t.Errorf("dev.10 (%s) does not sort after dev.3", more)
		}
	}
}

func TestNoCommits(t *testing.T) {
	gittest.Isolate(t)
	g := newGitRepo(t, "")
	g.module("p", "m", "1")
	r, msgs := Open(g.dir)
	defer r.Close()
	if len(msgs) != 0 || !r.IsRepo() || r.IsBare() {
		t.Fatalf("open: %s", msgs)
	}
	pvs, msgs := r.Versions([]string{"p", "q"}, Options{})
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, "no commits yet") {
		t.Errorf("warnings: %s", msgs)
	}
	if pvs[0].Current != DevVersion || !pvs[0].Dirty || pvs[0].TreeHash == "" || pvs[1].Current != DevVersion || pvs[1].Dirty {
		t.Errorf("versions: %+v", pvs)
	}
	if _, err := r.TreeFS("HEAD"); err == nil {
		t.Errorf("TreeFS(HEAD) without commits: no error")
	}
}

func TestNotARepository(t *testing.T) {
	dir := t.TempDir()
	if _, err := os.Stat("/tmp/.git"); err == nil {
		t.Skip("the temp directory is inside a git repository")
	}
	r, msgs := Open(dir)
	if len(msgs) != 1 || msgs[0].Severity != "warning" || !strings.Contains(msgs[0].Text, "not in a git repository: every package is version 0.0.0-dev") {
		t.Fatalf("open: %s", msgs)
	}
	if r.IsRepo() {
		t.Errorf("IsRepo")
	}
	pvs, msgs := r.Versions([]string{"p", "q"}, Options{})
	if len(msgs) != 0 || len(pvs) != 2 || pvs[0].Current != DevVersion || pvs[1].Current != DevVersion || pvs[0].Package != "p" {
		t.Errorf("versions: %+v %s", pvs, msgs)
	}
	if _, err := r.TreeFS("HEAD"); err == nil {
		t.Errorf("TreeFS outside git: no error")
	}
	if _, err := r.ResolveRef("HEAD"); err == nil {
		t.Errorf("ResolveRef outside git: no error")
	}
	if err := r.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	if _, msgs := OpenBare(dir); len(msgs) != 1 {
		t.Errorf("OpenBare: %s", msgs)
	}
}

func TestBare(t *testing.T) {
	g, c := threePackages(t)
	g.write("modules/auth/tokens/main.js", "dirty in the clone, not in the bare repository\n")
	bare := filepath.Join(t.TempDir(), "bare.git")
	gitIn(t, filepath.Dir(bare), g.env(), "clone", "-q", "--bare", g.dir, bare)

	for _, open := range []func(string) (*Repo, diag.List){OpenBare, Open} {
		r, msgs := open(bare)
		if len(msgs) != 0 || !r.IsBare() {
			t.Fatalf("open: %v %s", r.IsBare(), msgs)
		}
		pvs, _ := r.Versions([]string{"auth", "billing", "util"}, Options{})
		want := []string{"1.1.0-rc.1.0.dev.1+" + c[6][:12], "0.1.1-dev.1+" + c[6][:12], "0.0.0-dev.2+" + c[6][:12]}
		for i, pv := range pvs {
			if pv.Current != want[i] || pv.Dirty || pv.TreeHash != g.git("rev-parse", c[6]+":modules/"+pv.Package) {
				t.Errorf("%s: %+v", pv.Package, pv)
			}
		}
		r.Close()
	}
}

// TestIndexSkipsUnchangedFiles: with git's index up to date, a clean work
// tree is not read to tell whether it is dirty; an edited file is read, and
// the package is dirty.
func TestIndexSkipsUnchangedFiles(t *testing.T) {
	gittest.Isolate(t)
	g := newGitRepo(t, "")
	g.module("p", "m", "1")
	g.module("p", "n", "1")
	g.commit("add p")
	g.tag("p/v1.0.0", "")
	// Files last modified an hour ago, and the index written now: none is
	// racily clean, even for a git that records whole seconds.
	old := time.Now().Add(-time.Hour)
	for _, f := range []string{"modules/p/m/main.js", "modules/p/m/module.json", "modules/p/n/main.js", "modules/p/n/module.json"} {
		if err := os.Chtimes(filepath.Join(g.dir, f), old, old); err != nil {
			t.Fatal(err)
		}
	}
	g.git("update-index", "--refresh")

	before := filesHashed.Load()
	if pvs, _ := versions(t, g.dir, Options{}, "p"); pvs[0].Dirty || pvs[0].Current != "1.0.0" {
		t.Fatalf("clean tree: %+v", pvs[0])
	}
	if n := filesHashed.Load() - before; n != 0 {
		t.Errorf("a clean tree with its index: %d files read, want none", n)
	}

	g.write("modules/p/m/main.js", "export default { changed: 1 };\n")
	before = filesHashed.Load()
	if pvs, _ := versions(t, g.dir, Options{}, "p"); !pvs[0].Dirty {
		t.Errorf("an edited file is not seen: %+v", pvs[0])
	}
	if n := filesHashed.Load() - before; n != 1 {
		t.Errorf("one edited file: %d files read, want 1", n)
	}
}

// lyingSnapshot answers for one directory with a listing that leaves out
// one file, and for one file with other content (and a description the
// index does not vouch for): what it holds is believed, not read again.
type lyingSnapshot struct {
	Snapshot
	dir, hidden, file, content string
}

func (s lyingSnapshot) ReadDir(p string) ([]fs.DirEntry, bool) {
	entries, ok := s.Snapshot.ReadDir(p)
	if p != s.dir || !ok {
		return entries, ok
	}
	var out []fs.DirEntry
	for _, e := range entries {
		if e.Name() != s.hidden {
			out = append(out, e)
		}
	}
	return out, true
}

func (s lyingSnapshot) File(p string) (string, fs.FileInfo, bool) {
	data, fi, ok := s.Snapshot.File(p)
	if p != s.file || !ok {
		return data, fi, ok
	}
	return s.content, lyingInfo{fi}, true
}

type lyingInfo struct{ fs.FileInfo }

func (lyingInfo) ModTime() time.Time { return time.Unix(1, 0) }

// TestSnapshotIsBelieved checks that the work-tree hash takes listings and
// files from Options.Snapshot rather than from the disk: without it the
// package is clean; with a snapshot that leaves a file out, or holds other
// content for one, it is dirty, with the tree git makes of that change.
func TestSnapshotIsBelieved(t *testing.T) {
	gittest.Isolate(t)
	g := newGitRepo(t, "")
	g.module("p", "m", "1")
	g.write("modules/p/m/README.md", "# m\n")
	g.commit("add p")
	abs := func(p string) string { return filepath.Join(g.dir, filepath.FromSlash(p)) }
	gitTree := func(change func(), undo func()) string {
		change()
		defer undo()
		g.git("add", "-A", "modules/p")
		defer g.git("reset", "-q")
		return g.git("rev-parse", g.git("write-tree")+":modules/p")
	}
	snap := loadSnapshot(t, g.dir)
	if pvs, _ := versions(t, g.dir, Options{Snapshot: snap}, "p"); pvs[0].Dirty {
		t.Fatalf("clean package dirty with the load's snapshot")
	}

	pvs, _ := versions(t, g.dir, Options{Snapshot: lyingSnapshot{Snapshot: snap, dir: "modules/p/m", hidden: "README.md"}}, "p")
	readme, _ := os.ReadFile(abs("modules/p/m/README.md"))
	want := gitTree(func() { os.Remove(abs("modules/p/m/README.md")) }, func() { os.WriteFile(abs("modules/p/m/README.md"), readme, 0o644) })
	if !pvs[0].Dirty || pvs[0].TreeHash != want {
		t.Errorf("snapshot without README.md: dirty %v, tree %s; want the tree without it, %s", pvs[0].Dirty, pvs[0].TreeHash, want)
	}

	pvs, _ = versions(t, g.dir, Options{Snapshot: lyingSnapshot{Snapshot: snap, file: "modules/p/m/README.md", content: "# other\n"}}, "p")
	want = gitTree(func() { g.write("modules/p/m/README.md", "# other\n") }, func() { os.WriteFile(abs("modules/p/m/README.md"), readme, 0o644) })
	if !pvs[0].Dirty || pvs[0].TreeHash != want {
		t.Errorf("snapshot with other content: dirty %v, tree %s; want %s", pvs[0].Dirty, pvs[0].TreeHash, want)
	}
}
