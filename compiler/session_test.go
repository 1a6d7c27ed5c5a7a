package compiler

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler/gen"
	"github.com/modc-dev/modc/internal/treetest"
)

// sameAsCold checks that a session's result equals a cold Build's on the same files.
func sameAsCold(t *testing.T, step string, got *Result, opts Options) {
	t.Helper()
	want := Build(opts)
	if g, w := got.Messages.String(), want.Messages.String(); g != w {
		t.Errorf("%s: messages differ\n--- session\n%s--- cold\n%s", step, g, w)
	}
	if differ := treetest.Diff(got.Files, want.Files); len(differ) > 0 {
		t.Errorf("%s: files differ from a cold build (%d files, cold %d): %v", step, len(got.Files), len(want.Files), differ)
	}
	if len(got.DryRuns) != len(want.DryRuns) || len(got.Mains) != len(want.Mains) {
		t.Errorf("%s: %d dry runs, %d mains; cold %d, %d", step, len(got.DryRuns), len(got.Mains), len(want.DryRuns), len(want.Mains))
	}
}

// TestSessionEqualsColdBuild edits, breaks, fixes, adds and removes modules
// and checks after each step that the incremental result is a cold build's.
func TestSessionEqualsColdBuild(t *testing.T) {
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Options{Packages: 3, Modules: 3, Bindings: 20}); err != nil {
		t.Fatal(err)
	}
	opts := Options{Root: dir, CacheDir: "-"}
	s := NewSession(opts)
	r := s.Build(nil)
	if r.Failed() || len(r.Files) == 0 {
		t.Fatalf("first build: %s", r.Messages)
	}
	sameAsCold(t, "first build", r, opts)

	mod := "modules/" + gen.PackageName(1) + "/" + gen.ModuleName(2)
	main := filepath.Join(dir, mod, "main.js")
	src, err := os.ReadFile(main)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(step, text string, changed ...string) {
		t.Helper()
		if err := os.WriteFile(main, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		sameAsCold(t, step, s.Build(changed), opts)
	}
	edit("edit", strings.Replace(string(src), "export default {", "export default {\n  added: 42,", 1), mod+"/main.js")
	edit("break", strings.Replace(string(src), "export default {", "export default {\n  broken() { return nope; },", 1), mod+"/main.js")
	if r := s.Build(nil); !r.Failed() || !strings.Contains(r.Messages.String(), `unknown identifier "nope"`) {
		t.Errorf("broken module not reported: %s", r.Messages)
	}
	edit("fix", string(src), mod+"/main.js")

	// A new module (a directory the session has not seen) and its removal.
	added := filepath.Join(dir, "modules", gen.PackageName(0), "extra")
	if err := os.CopyFS(added, os.DirFS(filepath.Join(dir, mod))); err != nil {
		t.Fatal(err)
	}
	sameAsCold(t, "new module", s.Build([]string{"modules/" + gen.PackageName(0) + "/extra/main.js"}), opts)
	if err := os.RemoveAll(added); err != nil {
		t.Fatal(err)
	}
	sameAsCold(t, "removed module", s.Build([]string{"modules/" + gen.PackageName(0) + "/extra/main.js"}), opts)
	sameAsCold(t, "content only", s.Build([]string{"content/pages/page-0001.md"}), opts)

	// A module the app binds ({{…add(7, 1)}}): edits that change nothing
	// apps read (the compiled apps are reused), then what they read: a
	// function made async, a function renamed, a variable renamed.
	bound := "modules/" + gen.PackageName(2) + "/" + gen.ModuleName(1) + "/main.js"
	boundSrc, err := os.ReadFile(filepath.Join(dir, bound))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []struct{ step, old, new string }{
		{"body only", "return a + b;", "return b + a;"},
		{"async", "  add(a, b) {", "  async add(a, b) {"},
		{"function renamed", "  add(a, b) {", "  plus(a, b) {"},
		{"variable renamed", "  loaded: 0,", "  count: 0,"},
		{"back", "", ""},
	} {
		text := strings.Replace(string(boundSrc), e.old, e.new, 1)
		if e.old != "" && text == string(boundSrc) {
			t.Fatalf("%s: the generated main.js changed", e.step)
		}
		if err := os.WriteFile(filepath.Join(dir, bound), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		sameAsCold(t, e.step, s.Build([]string{bound}), opts)
	}

	// An edit of the app itself.
	appJSON := filepath.Join(dir, "apps", "bench", "app.json")
	data, err := os.ReadFile(appJSON)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(appJSON, []byte(strings.Replace(string(data), `"title": "Bench"`, `"title": "Bench 2"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	sameAsCold(t, "app edit", s.Build([]string{"apps/bench/app.json"}), opts)
}

// TestMessagesSayWhatTheyAreAbout: every stage marks its messages with the
// package and module they are about, which is how the session routes them
// (no path is parsed): a load error, an analysis error, a dry-run failure
// and a package's message.
func TestMessagesSayWhatTheyAreAbout(t *testing.T) {
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Options{Packages: 2, Modules: 4, Bindings: 0, Pages: 1}); err != nil {
		t.Fatal(err)
	}
	write := func(rel, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p0, p1 := gen.PackageName(0), gen.PackageName(1)
	write("modules/"+p0+"/"+gen.ModuleName(0)+"/module.json", `{"kind": "js", "bogus": 1}`)
	write("modules/"+p0+"/"+gen.ModuleName(1)+"/main.js", "export default {\n  f() { return nope; },\n};\n")
	write("modules/"+p1+"/"+gen.ModuleName(2)+"/main.js", "export default {\n  x: (() => { throw new Error('top'); })(),\n};\n")
	write("modules/"+p1+"/"+gen.ModuleName(2)+"/module.json", `{"kind": "js"}`)
	if err := os.RemoveAll(filepath.Join(dir, "modules", p1, gen.ModuleName(2), "examples.json")); err != nil {
		t.Fatal(err)
	}
	write("modules/"+p1+"/modc-package.json", `{"keywords": 3}`)
	r := Check(Options{Root: dir})
	want := map[string][2]string{
		"unknown field":      {p0, p0 + "/" + gen.ModuleName(0)},
		`"nope"`:             {p0, p0 + "/" + gen.ModuleName(1)},
		"top":                {p1, p1 + "/" + gen.ModuleName(2)},
		`"keywords" must be`: {p1, ""},
	}
	for text, about := range want {
		found := false
		for _, m := range r.Messages {
			if strings.Contains(m.Text, text) {
				found = true
				if m.Package != about[0] || m.Module != about[1] {
					t.Errorf("%q is about package %q module %q, want %q %q", m.Text, m.Package, m.Module, about[0], about[1])
				}
			}
		}
		if !found {
			t.Errorf("no message %q in:\n%s", text, r.Messages)
		}
	}
	for _, m := range r.Messages {
		if m.Package == "" && m.Severity == "error" {
			t.Errorf("an error about no package: %s", m.Error())
		}
	}
}

// TestExamplesDoNotBlock: with ExamplesDoNotBlock, a module whose code
// compiles but whose examples fail still builds (its errors kept with the
// files, the new code in the bundle), while any other error stops the
// build as without it; without the option failing examples stop it.
func TestExamplesDoNotBlock(t *testing.T) {
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Options{Packages: 1, Modules: 2}); err != nil {
		t.Fatal(err)
	}
	mod := "modules/" + gen.PackageName(0) + "/" + gen.ModuleName(1)
	main := filepath.Join(dir, mod, "main.js")
	src, err := os.ReadFile(main)
	if err != nil {
		t.Fatal(err)
	}
	wrong := strings.Replace(string(src), "return a + b;", "return a + b + 1000;", 1)
	if wrong == string(src) {
		t.Fatal("the generated main.js changed: the edit does not apply")
	}
	if err := os.WriteFile(main, []byte(wrong), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := Build(Options{Root: dir, CacheDir: "-"}); !r.Failed() || r.Files != nil {
		t.Fatalf("a failing example did not stop a build: %d files, %s", len(r.Files), r.Messages)
	}
	opts := Options{Root: dir, CacheDir: "-", ExamplesDoNotBlock: true}
	s := NewSession(opts)
	defer s.Close()
	r := s.Build(nil)
	if !r.Failed() || r.Files == nil {
		t.Fatalf("with ExamplesDoNotBlock: failed %v, %d files, %s", r.Failed(), len(r.Files), r.Messages)
	}
	for _, m := range r.Messages.Errors() {
		if m.ID != "example-failed" {
			t.Errorf("an error that is not a failing example: %s", m)
		}
	}
	found := false
	for p, data := range r.Files {
		if strings.HasSuffix(p, ".mjs") && (strings.Contains(string(data), "+1e3") || strings.Contains(string(data), "+ 1000")) {
			found = true
		}
	}
	if !found {
		t.Error("the bundles do not have the new code")
	}

	broken := strings.Replace(wrong, "export default {", "export default {\n  broken() { return nope; },", 1)
	if err := os.WriteFile(main, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := s.Build([]string{mod + "/main.js"}); r.Files != nil || !strings.Contains(r.Messages.String(), `unknown identifier "nope"`) {
		t.Errorf("an unknown identifier did not stop the build: %d files, %s", len(r.Files), r.Messages)
	}
}
