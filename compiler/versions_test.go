package compiler

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/Masterminds/semver/v3"

	"github.com/modc-dev/modc/compiler/internal/bundle"
	"github.com/modc-dev/modc/compiler/internal/gitver"
	"github.com/modc-dev/modc/internal/gittest"
)

// gitRepo makes a git repository in a temp dir holding a copy of the
// example workspace's auth and format packages, committed.
func gitRepo(t *testing.T) string {
	return repoOf(t, "modules/auth", "modules/format")
}

// repoOf makes a git repository in a temp dir holding a copy of the
// example workspace's files and directories paths (slash paths from the
// repository's root), committed.
func repoOf(t *testing.T, paths ...string) string {
	t.Helper()
	isolateGit(t)
	dir := t.TempDir()
	for _, p := range paths {
		src, dst := filepath.Join("..", filepath.FromSlash(p)), filepath.Join(dir, filepath.FromSlash(p))
		fi, err := os.Stat(src)
		switch {
		case err != nil:
			t.Fatal(err)
		case fi.IsDir():
			err = os.CopyFS(dst, os.DirFS(src))
		default:
			var data []byte
			if data, err = os.ReadFile(src); err == nil {
				err = os.WriteFile(dst, data, 0o644)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	gittest.Run(t, dir, "init", "-q", "-b", "main")
	gittest.Run(t, dir, "add", "-A")
	gittest.Run(t, dir, "commit", "-q", "-m", "first")
	return dir
}

// isolateGit is gittest.Isolate with fixed commit and tag dates.
func isolateGit(t *testing.T) {
	t.Helper()
	gittest.Isolate(t)
	t.Setenv("GIT_AUTHOR_DATE", "2026-01-02T03:04:05Z")
	t.Setenv("GIT_COMMITTER_DATE", "2026-01-02T03:04:05Z")
}

func prefixed(files map[string][]byte, prefix string) map[string][]byte {
	out := map[string][]byte{}
	for k, v := range files {
		if strings.HasPrefix(k, prefix) {
			out[strings.TrimPrefix(k, prefix)] = v
		}
	}
	return out
}

// TestReleaseBuildIsReproducible builds auth at its release tag while the
// tag is HEAD, then again after the work tree has moved on (committed and
// uncommitted changes): the release's files are byte-identical, built from
// git objects, and the second time come from the cache.
func TestReleaseBuildIsReproducible(t *testing.T) {
	dir := gitRepo(t)
	gittest.Run(t, dir, "tag", "-a", "auth/v1.0.0", "-m", "first release")
	cache := t.TempDir()

	first := Build(Options{Root: dir, CacheDir: cache})
	if first.Failed() {
		t.Fatal(first.Messages)
	}
	want := prefixed(first.Files, "dist/auth/1.0.0/")
	if len(want) != 7 || first.Stats.BuiltReleases != 1 { // the bundles, maps, .d.ts, meta.json and embed.json
		t.Fatalf("release files %d, built %d: %v", len(want), first.Stats.BuiltReleases, keys(first.Files))
	}
	if !bytes.Contains(want["meta.json"], []byte(`"version":"1.0.0"`)) || !bytes.Contains(want["meta.json"], []byte(`"released":true`)) {
		t.Errorf("meta.json:\n%s", want["meta.json"])
	}
	if latest := prefixed(first.Files, "dist/auth/latest/"); !bytes.Equal(latest["auth.mjs"], want["auth.mjs"]) {
		t.Error("latest/ is not the release")
	}

	// Move on: a committed change and an uncommitted one.
	main := filepath.Join(dir, "modules/auth/manage_tokens/main.js")
	src, _ := os.ReadFile(main)
	os.WriteFile(main, bytes.Replace(src, []byte("expiryLeewaySeconds: 30"), []byte("expiryLeewaySeconds: 60"), 1), 0o644)
	gittest.Run(t, dir, "commit", "-q", "-am", "longer leeway")
	os.WriteFile(main, bytes.Replace(src, []byte("expiryLeewaySeconds: 30"), []byte("expiryLeewaySeconds: 90"), 1), 0o644)

	for _, cacheDir := range []string{cache, "-"} {
		second := Build(Options{Root: dir, CacheDir: cacheDir})
		if second.Failed() {
			t.Fatal(second.Messages)
		}
		got := prefixed(second.Files, "dist/auth/1.0.0/")
		for name, data := range want {
			if !bytes.Equal(got[name], data) {
				t.Errorf("cache %q: %s differs from the build at the tag", cacheDir, name)
			}
		}
		if cacheDir == cache && (second.Stats.CachedReleases != 1 || second.Stats.BuiltReleases != 0) {
			t.Errorf("cache not used: %+v", second.Stats)
		}
		pv := second.Versions[0]
		if pv.Package != "auth" || !strings.HasPrefix(pv.Current, "1.0.1-dev.1+") || !strings.HasSuffix(pv.Current, ".dirty") {
			t.Errorf("working-tree version %+v", pv)
		}
		work := prefixed(second.Files, "dist/auth/"+pv.Current+"/")
		if !bytes.Contains(work["auth.mjs"], []byte("expiryLeewaySeconds:90")) || !bytes.Contains(work["meta.json"], []byte("longer leeway")) {
			t.Errorf("working-tree build does not hold the work tree's code and unreleased changes")
		}
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestReleaseAtHeadReusesTheWorkingTree: a release whose package is the
// working tree's, unchanged, is described in the docs by the working
// tree's analysis and dry runs, equal to those made from its tag; once the
// work tree differs, by its own, made from the tag.
func TestReleaseAtHeadReusesTheWorkingTree(t *testing.T) {
	dir := gitRepo(t)
	gittest.Run(t, dir, "tag", "-a", "auth/v1.0.0", "-m", "first release")
	r := Build(Options{Root: dir, CacheDir: "-"})
	if r.Failed() {
		t.Fatal(r.Messages)
	}
	got := r.Released["auth"]["1.0.0"]
	if got == nil || got.Workspace != r.Workspace {
		t.Fatalf("the release at HEAD is not described by the working tree's build: %+v", got)
	}
	// Its model is of its own package alone (the workspace has two), the
	// modules the same as the working tree's.
	if pkgs := got.Model().Workspace.Packages; len(r.Workspace.Packages) != 2 || len(pkgs) != 1 || pkgs[0].Name != "auth" ||
		len(pkgs[0].Modules) != len(r.Model().Workspace.Package("auth").Modules) {
		t.Errorf("the release's model holds %d packages: %+v", len(pkgs), pkgs)
	}
	// What the release's own snapshot, made from the tag, says.
	repo, msgs := gitver.Open(dir)
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	defer repo.Close()
	rb := &releaseBuilder{repo: repo, opts: Options{}}
	if err := rb.snapshot(r.Versions[0], &r.Versions[0].Releases[0]); err != nil {
		t.Fatal(err)
	}
	fromTag := rb.released["auth"]["1.0.0"]
	for id, want := range fromTag.DryRuns {
		if !reflect.DeepEqual(got.DryRuns[id], want) {
			t.Errorf("%s: the dry run differs from the tag's:\n%+v\n%+v", id, got.DryRuns[id], want)
		}
		if got.Mains[id] == nil || len(got.Mains[id].Members) != len(fromTag.Mains[id].Members) {
			t.Errorf("%s: the analysis differs from the tag's", id)
		}
	}
	if len(fromTag.DryRuns) == 0 {
		t.Fatal("no dry runs at the tag")
	}

	// A change in the work tree: the release is the tag's again.
	main := filepath.Join(dir, "modules/auth/manage_tokens/main.js")
	src, _ := os.ReadFile(main)
	os.WriteFile(main, bytes.Replace(src, []byte("expiryLeewaySeconds: 30"), []byte("expiryLeewaySeconds: 90"), 1), 0o644)
	dirty := Build(Options{Root: dir, CacheDir: "-"})
	if dirty.Failed() {
		t.Fatal(dirty.Messages)
	}
	rel := dirty.Released["auth"]["1.0.0"]
	if rel == nil || rel.Workspace == dirty.Workspace {
		t.Fatal("the release of a changed package is described by the working tree")
	}
	res := rel.DryRuns["auth/manage_tokens"]
	if res == nil || len(res.Members) != 1 || string(res.Members[0].Value) != "30" {
		t.Errorf("the release's dry run does not hold the tag's code: %+v", res)
	}
}

// TestReleaseKeyCoversEveryBundleOption: the release cache's key changes
// with every field of bundle.Options (but Contexts, Worker and Built,
// which hold no output setting), so an option added there cannot be served stale from
// the cache.
func TestReleaseKeyCoversEveryBundleOption(t *testing.T) {
	rel := &gitver.Release{Tree: "t", Tag: "p/v1.0.0", Commit: "c", Version: semver.MustParse("1.0.0")}
	base, err := releaseKey(rel, bundle.Options{})
	if err != nil {
		t.Fatal(err)
	}
	typ := reflect.TypeOf(bundle.Options{})
	for i := range typ.NumField() {
		f := typ.Field(i)
		if f.Name == "Contexts" || f.Name == "Worker" || f.Name == "Built" {
			continue
		}
		var o bundle.Options
		v := reflect.ValueOf(&o).Elem().Field(i)
		switch v.Kind() {
		case reflect.String:
			v.SetString("x")
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Slice:
			v.Set(reflect.Append(v, reflect.Zero(f.Type.Elem())))
		case reflect.Map:
			v.Set(reflect.MakeMap(f.Type))
			v.SetMapIndex(reflect.ValueOf("p"), reflect.Zero(f.Type.Elem()))
		default:
			t.Fatalf("bundle.Options.%s: a %s; teach this test to set it", f.Name, v.Kind())
		}
		key, err := releaseKey(rel, o)
		if err != nil {
			t.Fatal(err)
		}
		if key == base {
			t.Errorf("bundle.Options.%s is not part of the release cache key", f.Name)
		}
	}
}

// TestReleasesOfTwoPackages: releases of two packages at three commits,
// one of them broken: every buildable one is in the output, latest/ is
// each package's newest release, the broken one is one warning, and two
// builds give the same files, messages and outputs in the same order.
func TestReleasesOfTwoPackages(t *testing.T) {
	dir := gitRepo(t)
	gittest.Run(t, dir, "tag", "-a", "auth/v1.0.0", "-m", "r")
	gittest.Run(t, dir, "tag", "-a", "format/v1.0.0", "-m", "r")
	main := filepath.Join(dir, "modules/auth/manage_tokens/main.js")
	src, err := os.ReadFile(main)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(text string) {
		if err := os.WriteFile(main, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		gittest.Run(t, dir, "commit", "-q", "-am", "edit")
	}
	edit(string(bytes.Replace(src, []byte("expiryLeewaySeconds: 30"), []byte("expiryLeewaySeconds: 60"), 1)))
	gittest.Run(t, dir, "tag", "-a", "auth/v1.1.0", "-m", "r")
	gittest.Run(t, dir, "tag", "-a", "format/v1.0.1", "-m", "r")
	edit("export default { broken(: }\n")
	gittest.Run(t, dir, "tag", "-a", "auth/v1.2.0", "-m", "r")
	edit(string(src))

	build := func() *Result {
		r := Build(Options{Root: dir, CacheDir: "-"})
		if r.Failed() {
			t.Fatal(r.Messages)
		}
		return r
	}
	r := build()
	for _, d := range []string{"dist/auth/1.0.0/", "dist/auth/1.1.0/", "dist/format/1.0.0/", "dist/format/1.0.1/"} {
		if len(prefixed(r.Files, d)) == 0 {
			t.Errorf("no %s", d)
		}
	}
	if len(prefixed(r.Files, "dist/auth/1.2.0/")) != 0 {
		t.Error("the broken release was built")
	}
	var warned []string
	for _, m := range r.Messages {
		if m.ID == "release-not-built" {
			warned = append(warned, m.Location.File)
		}
	}
	if !reflect.DeepEqual(warned, []string{"refs/tags/auth/v1.2.0"}) {
		t.Errorf("release-not-built for %v", warned)
	}
	for pkg, v := range map[string]string{"auth": "1.1.0", "format": "1.0.1"} {
		latest, rel := prefixed(r.Files, "dist/"+pkg+"/latest/"), prefixed(r.Files, "dist/"+pkg+"/"+v+"/")
		if !bytes.Equal(latest[pkg+".mjs"], rel[pkg+".mjs"]) || len(rel[pkg+".mjs"]) == 0 {
			t.Errorf("%s: latest/ is not %s", pkg, v)
		}
		if m := r.Released[pkg][v]; m == nil || len(m.Model().Workspace.Packages) != 1 {
			t.Errorf("%s %s: not described for the docs", pkg, v)
		}
	}
	again := build()
	if !reflect.DeepEqual(r.Files, again.Files) || r.Messages.String() != again.Messages.String() {
		t.Error("two builds differ")
	}
	dirs := func(r *Result) (out []string) {
		for _, o := range r.Outputs {
			out = append(out, o.Dir)
		}
		return out
	}
	if !reflect.DeepEqual(dirs(r), dirs(again)) {
		t.Errorf("outputs in another order: %v, %v", dirs(r), dirs(again))
	}
}

// TestCacheDir: Options.CacheDir, else $MODC_CACHE_DIR, else the user
// cache dir; "-" in either disables the cache.
func TestCacheDir(t *testing.T) {
	user, err := os.UserCacheDir()
	if err != nil {
		t.Skip("no user cache dir:", err)
	}
	for _, c := range []struct{ opt, env, want string }{
		{"-", "/env", ""},
		{"", "-", ""},
		{"/opt", "-", "/opt"},
		{"", "/env", "/env"},
		{"/opt", "/env", "/opt"},
		{"", "", filepath.Join(user, "modc", "releases")},
	} {
		t.Setenv("MODC_CACHE_DIR", c.env)
		if got := cacheDir(Options{CacheDir: c.opt}); got != c.want {
			t.Errorf("CacheDir %q, MODC_CACHE_DIR %q: %q, want %q", c.opt, c.env, got, c.want)
		}
	}
}
