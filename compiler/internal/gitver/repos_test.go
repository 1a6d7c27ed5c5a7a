package gitver

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/Masterminds/semver/v3"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/modc-dev/modc/internal/gittest"
)

// TestGoGitRepository builds the history with go-git instead of the git
// command, and checks the result against what the git command says.
func TestGoGitRepository(t *testing.T) {
	gittest.Isolate(t)
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	clock := 0
	sig := func() *object.Signature {
		clock++
		return &object.Signature{Name: "Grace", Email: "grace@example.com", When: date(clock)}
	}
	commit := func(msg string, files map[string]string) plumbing.Hash {
		t.Helper()
		for p, content := range files {
			writeFile(t, filepath.Join(dir, p), content)
			if _, err := wt.Add(p); err != nil {
				t.Fatal(err)
			}
		}
		h, err := wt.Commit(msg, &git.CommitOptions{Author: sig()})
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	tag := func(name string, h plumbing.Hash, msg string) {
		t.Helper()
		var opts *git.CreateTagOptions
		if msg != "" {
			opts = &git.CreateTagOptions{Tagger: sig(), Message: msg}
		}
		if _, err := repo.CreateTag(name, h, opts); err != nil {
			t.Fatal(err)
		}
	}
	c1 := commit("add auth and util", map[string]string{
		"modules/auth/tokens/main.js":     "export default {}\n",
		"modules/auth/tokens/module.json": "{}\n",
		"modules/util/strings/main.js":    "export default {}\n",
	})
	tag("auth/v0.9.0", c1, "")
	tag("auth/v1.0.0-beta.1", c1, "beta")
	c2 := commit("auth: first real version", map[string]string{"modules/auth/tokens/main.js": "export default { a: 1 }\n"})
	tag("auth/v1.0.0", c2, "one point oh")
	commit("util: more", map[string]string{"modules/util/strings/main.js": "export default { b: 1 }\n"})
	c4 := commit("auth: tweak", map[string]string{"modules/auth/tokens/main.js": "export default { a: 2 }\n"})
	tag("util/v0.1.0", c4, "")
	head := commit("auth: tweak again", map[string]string{"modules/auth/tokens/main.js": "export default { a: 3 }\n"})

	pvs, msgs := versions(t, dir, Options{Changes: true}, "auth", "util")
	if len(msgs) != 0 {
		t.Errorf("warnings: %s", msgs)
	}
	auth, util := pvs[0], pvs[1]
	if auth.Current != "1.0.1-dev.2+"+head.String()[:12] || auth.Base != "auth/v1.0.0" {
		t.Errorf("auth: %+v", auth)
	}
	equal(t, "auth releases", releaseTags(auth), []string{"auth/v1.0.0", "auth/v1.0.0-beta.1", "auth/v0.9.0"})
	equal(t, "auth changed", subjects(auth.Changed), []string{"auth: tweak again", "auth: tweak"})
	// beta.1 and 0.9.0 share a commit: the lower version gets its changes.
	equal(t, "changes of 1.0.0", subjects(auth.Releases[0].Changes), []string{"auth: first real version"})
	equal(t, "changes of 1.0.0-beta.1", subjects(auth.Releases[1].Changes), nil)
	equal(t, "changes of 0.9.0", subjects(auth.Releases[2].Changes), []string{"add auth and util"})
	if util.Current != "0.1.0" || !util.Released {
		t.Errorf("util: %+v", util)
	}

	// The git command agrees on every hash and date.
	g := &gitRepo{t: t, dir: dir}
	for _, pv := range pvs {
		if want := g.git("rev-parse", "HEAD:modules/"+pv.Package); pv.TreeHash != want {
			t.Errorf("%s: tree %s, git says %s", pv.Package, pv.TreeHash, want)
		}
		for _, r := range pv.Releases {
			if want := g.git("rev-parse", r.Tag+"^{commit}"); r.Commit != want {
				t.Errorf("%s: commit %s, git says %s", r.Tag, r.Commit, want)
			}
			if want := g.git("rev-parse", r.Tag+":modules/"+pv.Package); r.Tree != want {
				t.Errorf("%s: tree %s, git says %s", r.Tag, r.Tree, want)
			}
			unix, _ := strconv.ParseInt(g.git("for-each-ref", "--format=%(creatordate:unix)", "refs/tags/"+r.Tag), 10, 64)
			if r.Date.Unix() != unix {
				t.Errorf("%s: date %s, git says %s", r.Tag, r.Date, time.Unix(unix, 0).UTC())
			}
		}
	}
	if got := g.git("status", "--porcelain"); got != "" {
		t.Errorf("git status: %s", got)
	}
}

// TestOracle makes a history with merges, releases on branches, and tags of
// both kinds with the git command, and checks every package's version
// against one computed from git's own answers (git rev-list --first-parent
// with a path, git tag --points-at, git rev-parse REV:PATH), after each
// step.
func TestOracle(t *testing.T) {
	gittest.Isolate(t)
	g := newGitRepo(t, "")
	pkgs := []string{"a", "b", "c"}
	for _, p := range pkgs {
		g.module(p, "m", "0")
	}
	g.commit("add packages")
	rng := rand.New(rand.NewSource(7))
	gen := 0
	released := map[string]int{}
	release := func(p string) {
		released[p]++
		name := fmt.Sprintf("%s/v1.%d.0", p, released[p])
		if rng.Intn(3) == 0 {
			name += "-rc.1"
		}
		msg := ""
		if rng.Intn(2) == 0 {
			msg = "release " + name
		}
		g.tag(name, msg)
	}
	change := func() {
		p := pkgs[rng.Intn(len(pkgs))]
		gen++
		g.write(fmt.Sprintf("modules/%s/m/f%d.txt", p, gen), "x\n") // a new file: merges never conflict
		g.commit(fmt.Sprintf("%s: change %d", p, gen))
	}
	for step := 0; step < 40; step++ {
		switch r := rng.Intn(10); {
		case r < 5:
			change()
		case r < 7:
			release(pkgs[rng.Intn(len(pkgs))])
		case r < 9:
			// A branch with two commits (maybe released there), merged with
			// a merge commit.
			g.git("checkout", "-q", "-b", fmt.Sprintf("topic%d", step))
			change()
			change()
			if rng.Intn(2) == 0 {
				release(pkgs[rng.Intn(len(pkgs))])
			}
			g.git("checkout", "-q", "main")
			if rng.Intn(2) == 0 {
				change()
			}
			g.git("merge", "-q", "--no-ff", "-m", fmt.Sprintf("merge topic%d", step), fmt.Sprintf("topic%d", step))
			g.clock++
		default:
			g.write("README.md", strconv.Itoa(step))
			g.commit("docs")
		}
		pvs, _ := versions(t, g.dir, Options{}, pkgs...)
		brief, _ := versions(t, g.dir, Options{Brief: true}, pkgs...)
		for i, p := range pkgs {
			want := oracle(t, g, p)
			if pvs[i].Current != want || brief[i].Current != want {
				t.Fatalf("step %d, %s: got %s (brief %s), want %s\n%s", step, p, pvs[i].Current, brief[i].Current, want,
					g.git("log", "--graph", "--oneline", "--decorate"))
			}
		}
	}
}

// oracle computes package p's version from the git command's answers.
func oracle(t *testing.T, g *gitRepo, p string) string {
	t.Helper()
	head := g.git("rev-parse", "HEAD")
	tags := map[string][]*semver.Version{} // commit → versions of p
	var highest *semver.Version
	highestCommit := ""
	for _, line := range strings.Split(g.git("for-each-ref", "--format=%(refname:short) %(*objectname) %(objectname)", "refs/tags/"+p+"/"), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || !strings.HasPrefix(f[0], p+"/v") {
			continue
		}
		sv, err := semver.StrictNewVersion(strings.TrimPrefix(f[0], p+"/v"))
		if err != nil {
			continue
		}
		commit := f[1] // peeled for annotated tags, else the object itself
		tags[commit] = append(tags[commit], sv)
		if highest == nil || sv.GreaterThan(highest) {
			highest, highestCommit = sv, commit
		}
	}
	var base *semver.Version
	baseCommit := ""
	for _, c := range strings.Fields(g.git("rev-list", "--first-parent", "HEAD")) {
		for _, sv := range tags[c] {
			if base == nil || sv.GreaterThan(base) {
				base, baseCommit = sv, c
			}
		}
		if base != nil {
			break
		}
	}
	rangeArg := "HEAD"
	if base != nil {
		rangeArg = baseCommit + "..HEAD"
	} else {
		// No release on the first-parent line: the highest release is the
		// version if its tree is HEAD's, else the base of a pseudo-version.
		base, baseCommit = highest, highestCommit
	}
	if base != nil && g.git("rev-parse", baseCommit+":modules/"+p) == g.git("rev-parse", "HEAD:modules/"+p) {
		return base.String()
	}
	n := g.git("rev-list", "--first-parent", "--count", rangeArg, "--", "modules/"+p)
	rel := (*Release)(nil)
	if base != nil {
		rel = &Release{Version: base}
	}
	return pseudo(rel, atoi(t, n), plumbing.NewHash(head), false, false)
}

func atoi(t *testing.T, s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestShallowClone(t *testing.T) {
	gittest.Isolate(t)
	g := newGitRepo(t, "")
	g.module("p", "m", "0")
	g.module("q", "m", "0")
	g.commit("add p, q")
	g.tag("p/v1.0.0", "first")
	g.tag("q/v1.0.0", "")
	for i := 1; i <= 5; i++ {
		g.module("p", "m", strconv.Itoa(i))
		g.commit(fmt.Sprintf("p: change %d", i))
		if i == 4 {
			g.tag("q/v1.1.0", "")
		}
	}
	head := g.git("rev-parse", "HEAD")[:12]
	src := g.dir
	dst := filepath.Join(t.TempDir(), "shallow")
	gitIn(t, filepath.Dir(dst), g.env(), "clone", "-q", "--depth", "3", "file://"+src, dst)
	sh := &gitRepo{t: t, dir: dst}

	// The clone has the last three commits and the tag pointing into them.
	r, msgs := Open(dst)
	defer r.Close()
	if !r.IsShallow() || len(msgs) != 0 {
		t.Fatalf("shallow %v, %s", r.IsShallow(), msgs)
	}
	pvs, msgs := r.Versions([]string{"p", "q"}, Options{})
	p, q := pvs[0], pvs[1]
	if p.Current != "0.0.0-dev.2+"+head+".shallow" || !p.Shallow || len(p.Releases) != 0 {
		t.Errorf("p: %+v", p)
	}
	equal(t, "p changed", subjects(p.Changed), []string{"p: change 5", "p: change 4"})
	if q.Current != "1.1.0" || q.Shallow {
		t.Errorf("q: %+v", q)
	}
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, "shallow clone") || msgs[0].Severity != "warning" {
		t.Errorf("warnings: %s", msgs)
	}

	// After fetching the tags, the release commits are there but the
	// history between them and the clone's boundary is not.
	sh.git("fetch", "-q", "--tags")
	pvs, msgs = r.Versions([]string{"p", "q"}, Options{Changes: true})
	p = pvs[0]
	if p.Current != "1.0.1-dev.2+"+head+".shallow" || p.Base != "p/v1.0.0" || !p.Shallow {
		t.Errorf("p after fetch --tags: %+v", p)
	}
	if rel := p.Releases[0]; rel.Missing || rel.Tree == "" || !rel.Date.Equal(date(1)) || len(rel.Changes) != 1 {
		t.Errorf("p/v1.0.0 after fetch --tags: %+v", rel)
	}
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, "shallow clone") {
		t.Errorf("warnings: %s", msgs)
	}

	// A release whose commit is not in the repository at all: it is listed
	// as missing, with a warning. As the highest release it is the base
	// when the history ends before a release is found.
	missing := strings.Repeat("ab", 20)
	f, err := os.OpenFile(filepath.Join(dst, ".git", "packed-refs"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "%s refs/tags/p/v2.0.0\n", missing)
	f.Close()
	r2, _ := Open(dst)
	defer r2.Close()
	pvs, msgs = r2.Versions([]string{"p", "q"}, Options{})
	p = pvs[0]
	if rel := p.Releases[0]; rel.Tag != "p/v2.0.0" || !rel.Missing || rel.Commit != missing || rel.Tree != "" {
		t.Errorf("missing release: %+v", rel)
	}
	if p.Current != "2.0.1-dev.2+"+head+".shallow" || p.Base != "p/v2.0.0" {
		t.Errorf("p with a missing release: %s", p.Current)
	}
	want := "refs/tags/p/v2.0.0: warning: the commit of release tag p/v2.0.0 is not in the repository, so that release cannot be built [release-tag-missing-commit]\n" +
		".: warning: the repository is a shallow clone: releases and changes before its boundary are unknown, and pseudo-versions marked .shallow count only the commits present [git-shallow-clone]\n"
	if got := messages(msgs); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
}

// TestWorkspaceInSubdirectory has the workspace in ws/ of the repository.
func TestWorkspaceInSubdirectory(t *testing.T) {
	gittest.Isolate(t)
	g := newGitRepo(t, "")
	g.write(".gitignore", "*.tmp\n")
	g.write("server/main.go", "package main\n")
	g.write("ws/modc.json", "{}\n")
	g.write("ws/modules/p/m/main.js", "export default {}\n")
	g.commit("add the workspace")
	g.tag("p/v0.1.0", "")
	g.write("server/main.go", "package main // changed\n")
	g.commit("server: change")

	pvs, msgs := versions(t, filepath.Join(g.dir, "ws"), Options{}, "p")
	if pvs[0].Current != "0.1.0" || len(msgs) != 0 || pvs[0].TreeHash != g.git("rev-parse", "HEAD:ws/modules/p") {
		t.Errorf("p: %+v %s", pvs[0], msgs)
	}
	g.write("ws/modules/p/m/notes.tmp", "ignored by the root .gitignore\n")
	if pvs, _ = versions(t, filepath.Join(g.dir, "ws"), Options{}, "p"); pvs[0].Dirty {
		t.Errorf("ignored file made p dirty")
	}
	g.write("ws/modules/p/m/main.js", "export default { changed: true }\n")
	if pvs, _ = versions(t, filepath.Join(g.dir, "ws"), Options{}, "p"); !pvs[0].Dirty {
		t.Errorf("changed file did not make p dirty")
	}
	snap := loadSnapshot(t, filepath.Join(g.dir, "ws"))
	if snapped, _ := versions(t, filepath.Join(g.dir, "ws"), Options{Snapshot: snap}, "p"); snapped[0].TreeHash != pvs[0].TreeHash {
		t.Errorf("with the load's snapshot, tree %s; without, %s", snapped[0].TreeHash, pvs[0].TreeHash)
	}

	r, _ := Open(filepath.Join(g.dir, "ws", "modules"))
	defer r.Close()
	if r.Prefix() != "ws/modules" || r.WorkDir() == "" {
		t.Errorf("prefix %q, work dir %q", r.Prefix(), r.WorkDir())
	}
	r, _ = Open(filepath.Join(g.dir, "ws"))
	defer r.Close()
	fsys, err := r.TreeFS("p/v0.1.0")
	if err != nil {
		t.Fatal(err)
	}
	if data, err := fsReadFile(fsys, "modules/p/m/main.js"); err != nil || data != "export default {}\n" {
		t.Errorf("TreeFS at the workspace: %q %v", data, err)
	}
	if _, err := fsReadFile(fsys, "modc.json"); err != nil {
		t.Errorf("modc.json: %v", err)
	}
}

// TestBrokenReleaseTargets covers tags named like releases that do not
// name a commit holding the package.
func TestBrokenReleaseTargets(t *testing.T) {
	gittest.Isolate(t)
	g := newGitRepo(t, "")
	g.module("p", "m", "1")
	g.write("other.txt", "x\n")
	c1 := g.commit("add p")
	g.git("tag", "p/v3.0.0", c1+"^{tree}")
	g.git("tag", "-a", "-m", "blob", "p/v2.0.0", g.git("rev-parse", c1+":other.txt"))
	g.tag("q/v1.0.0", "") // a commit without modules/q
	g.tag("p/v1.0.0", "")
	g.module("q", "m", "1")
	head := g.commit("add q")

	pvs, msgs := versions(t, g.dir, Options{}, "p", "q")
	if pvs[0].Current != "1.0.0" || len(pvs[0].Releases) != 1 {
		t.Errorf("p: %+v", pvs[0])
	}
	if pvs[1].Current != "0.0.0-dev.1+"+head[:12] || len(pvs[1].Releases) != 0 {
		t.Errorf("q: %+v", pvs[1])
	}
	want := `refs/tags/p/v3.0.0: warning: tag p/v3.0.0 looks like a release of package "p", but the tag does not point to a commit (it is a tree); it is ignored [release-tag-not-commit]
refs/tags/p/v2.0.0: warning: tag p/v2.0.0 looks like a release of package "p", but the tag does not point to a commit (it is a blob); it is ignored [release-tag-not-commit]
refs/tags/q/v1.0.0: warning: tag q/v1.0.0 looks like a release of package "q", but its commit ` + c1[:12] + ` has no modules/q; it is ignored [release-tag-no-package]
`
	if got := messages(msgs); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}

	// Brief does not read the tags it need not read, but the result is the
	// same.
	pvs, _ = versions(t, g.dir, Options{Brief: true}, "p", "q")
	if pvs[0].Current != "1.0.0" || pvs[1].Current != "0.0.0-dev.1+"+head[:12] {
		t.Errorf("brief: %s %s", pvs[0].Current, pvs[1].Current)
	}
}

// TestGenerated checks the benchmark's repository generator against the
// git command, and Brief against full reads on it.
func TestGenerated(t *testing.T) {
	gittest.Isolate(t)
	dir := t.TempDir()
	pkgs := genRepo(t, dir, genSpec{Packages: 4, Commits: 40, Tags: 30})
	g := &gitRepo{t: t, dir: dir}
	if out := g.git("fsck", "--no-progress"); out != "" {
		t.Errorf("git fsck: %s", out)
	}
	pvs, msgs := versions(t, dir, Options{}, pkgs...)
	brief, _ := versions(t, dir, Options{Brief: true}, pkgs...)
	for i, p := range pkgs {
		if want := oracle(t, g, p); pvs[i].Current != want || brief[i].Current != want || pvs[i].Dirty {
			t.Errorf("%s: got %s (brief %s), want %s", p, pvs[i].Current, brief[i].Current, want)
		}
		var tags []string
		for _, tag := range strings.Fields(g.git("tag", "-l", p+"/v*.*.*")) {
			tags = append(tags, tag)
		}
		sort.Slice(tags, func(a, b int) bool {
			return semver.MustParse(strings.TrimPrefix(tags[a], p+"/v")).GreaterThan(semver.MustParse(strings.TrimPrefix(tags[b], p+"/v")))
		})
		equal(t, p+" releases", releaseTags(pvs[i]), tags)
		for k, r := range brief[i].Releases {
			if r.Commit != pvs[i].Releases[k].Commit {
				t.Errorf("%s: brief commit %s, full %s", r.Tag, r.Commit, pvs[i].Releases[k].Commit)
			}
		}
	}
	if len(msgs) != 1 || msgs[0].Location.File != "refs/tags/p000/v1.0" {
		t.Errorf("warnings: %s", msgs)
	}
}

// TestLinkedWorkTree opens a work tree made with git worktree add, whose
// refs and objects live in the main repository.
func TestLinkedWorkTree(t *testing.T) {
	g, c := threePackages(t)
	wt := filepath.Join(t.TempDir(), "wt")
	g.git("worktree", "add", "-q", "-b", "feature", wt, "HEAD~2")
	pvs, _ := versions(t, wt, Options{}, "auth", "billing")
	if pvs[0].Current != "1.1.0-rc.1.0.dev.1+"+c[4][:12] || pvs[0].Dirty || pvs[1].Current != "0.1.1-dev.1+"+c[4][:12] {
		t.Errorf("linked work tree: %+v", pvs)
	}
	writeFile(t, filepath.Join(wt, "modules/auth/tokens/main.js"), "dirty\n")
	if pvs, _ = versions(t, wt, Options{}, "auth"); !pvs[0].Dirty {
		t.Errorf("linked work tree: not dirty")
	}
	r, _ := Open(wt)
	defer r.Close()
	if h, err := r.ResolveRef("HEAD"); err != nil || h != c[4] {
		t.Errorf("HEAD of the linked work tree: %s %v", h, err)
	}
}
