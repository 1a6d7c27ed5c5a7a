package compiler

import (
	"reflect"
	"runtime"
	"testing"
	"time"
	"unsafe"

	"github.com/modc-dev/modc/internal/gittest"
	"github.com/modc-dev/modc/internal/treetest"
)

// TestCompactKeepsTheModelAndFreesTheRest builds a workspace with a
// release, compacts the result and checks that its model and its
// release's model equal an uncompacted build's, and that the workspace as
// loaded is garbage afterwards (nothing the writer keeps refers to it).
func TestCompactKeepsTheModelAndFreesTheRest(t *testing.T) {
	dir := gitRepo(t)
	gittest.Run(t, dir, "tag", "-a", "auth/v1.0.0", "-m", "r")
	build := func() *Result {
		r := Build(Options{Root: dir, CacheDir: "-"})
		if r.Failed() {
			t.Fatal(r.Messages)
		}
		if len(r.Released["auth"]) != 1 {
			t.Fatalf("releases %v, want auth's v1.0.0", r.Released)
		}
		return r
	}
	want := build()
	r := build()

	freed := make(chan struct{}, 3)
	runtime.AddCleanup(r.Workspace.Packages[0].Modules[0], func(chan struct{}) { freed <- struct{}{} }, freed)
	runtime.AddCleanup(r.Outputs[0].Meta, func(chan struct{}) { freed <- struct{}{} }, freed)
	for _, rel := range r.Released["auth"] {
		runtime.AddCleanup(rel.Workspace.Packages[0].Modules[0], func(chan struct{}) { freed <- struct{}{} }, freed)
	}
	r.Compact()

	if r.Mains != nil || r.DryRuns != nil || r.Workspace.Packages != nil || r.Workspace.Sources != nil {
		t.Error("Compact kept the analyses, the dry runs or the loaded workspace")
	}
	if r.WorkspaceFS() == nil || !reflect.DeepEqual(r.Workspace.Config, want.Workspace.Config) {
		t.Error("Compact dropped the workspace's files or its modc.json")
	}
	if !reflect.DeepEqual(r.Model(), want.Model()) {
		t.Error("the compacted result's model differs from the build's")
	}
	for v, rel := range r.Released["auth"] {
		if !reflect.DeepEqual(rel.Model(), want.Released["auth"][v].Model()) {
			t.Errorf("release %s: the compacted model differs from the build's", v)
		}
	}
	for _, o := range r.Outputs {
		if o.Output != nil && (o.Meta != nil || o.Files == nil) {
			t.Errorf("%s: Compact kept the meta or dropped the files", o.Dir)
		}
	}
	waitFreed(t, freed, 3, "loaded workspaces (the build's, the release's) and meta")
	runtime.KeepAlive(r)
}

// waitFreed collects garbage until n cleanups have sent on freed, and
// fails the test after 10 seconds without them.
func waitFreed[T any](t *testing.T, freed <-chan T, n int, what string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for got := 0; got < n; {
		runtime.GC()
		select {
		case <-freed:
			got++
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			t.Fatalf("%d of %d %s freed", got, n, what)
		}
	}
}

// TestCompactFreesTheLoadedText checks that nothing a compacted result
// keeps (the model, the bundles' meta) holds on to the workspace's text:
// main.js, whose members' names, parameters and doc comments the analysis
// cuts from it, and the JSON files, whose values (an input's default, an
// example's store) are slices of their whole text.
func TestCompactFreesTheLoadedText(t *testing.T) {
	isolateGit(t)
	dir := t.TempDir()
	treetest.Write(t, dir, map[string]string{
		"modules/shop/modc-package.json": `{"description": "a shop"}`,
		"modules/shop/cart/module.json":  `{"kind": "js", "inputs": {"currency": "EUR", "limits": {"max": 10}}}`,
		"modules/shop/cart/main.js": `export default {
  /** The cart's lines. @type {Array} */
  lines: [],
  /**
   * Adds a line.
   * @param {string} sku the product
   * @param {number} [qty] how many
   * @returns {number} the count
   */
  add(sku, qty = 1, ...notes) {
    this.lines.push({ sku, qty, notes });
    return this.lines.length;
  },
  total: () => inputs.currency,
};
`,
		"modules/shop/cart/examples.json": `[{"name": "adds", "call": "add", "args": ["A1", 2], "store": {"user": {"id": 7}}, "expect": 1}]`,
	})
	gittest.Run(t, dir, "init", "-q", "-b", "main")
	gittest.Run(t, dir, "add", "-A")
	gittest.Run(t, dir, "commit", "-q", "-m", "first")

	r := Build(Options{Root: dir, CacheDir: "-"})
	if r.Failed() {
		t.Fatal(r.Messages)
	}
	m := r.Workspace.Packages[0].Modules[0]
	if m.Main == nil || len(m.Inputs) != 2 || len(m.Examples) != 1 || m.Examples[0].Store == nil {
		t.Fatalf("the module loaded without its main.js, inputs or example store: %+v", m)
	}
	freed := make(chan string, 8)
	watch := func(what string, p *byte) { runtime.AddCleanup(p, func(s string) { freed <- s }, what) }
	watch("main.js", unsafe.StringData(m.Main.Text))
	for _, in := range m.Inputs {
		watch("module.json", unsafe.SliceData(in.Default))
	}
	watch("examples.json", unsafe.SliceData(m.Examples[0].Store["user"]))
	m = nil
	r.Compact()
	model := r.Model()
	if got := len(model.Workspace.Packages[0].Modules[0].Main.Members); got != 3 {
		t.Fatalf("the model has %d members, want 3", got)
	}
	waitFreed(t, freed, 4, "texts (main.js, module.json twice, examples.json)")
	runtime.KeepAlive(r)
}
