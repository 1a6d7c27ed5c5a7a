package compiler

import (
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/modc-dev/modc/internal/gittest"
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

	freed := make(chan struct{}, 2)
	runtime.AddCleanup(r.Workspace.Packages[0].Modules[0], func(chan struct{}) { freed <- struct{}{} }, freed)
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
	deadline := time.After(10 * time.Second)
	for got := 0; got < 2; {
		runtime.GC()
		select {
		case <-freed:
			got++
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			t.Fatalf("%d of 2 loaded workspaces (the build's, the release's) freed after Compact", got)
		}
	}
	runtime.KeepAlive(r)
}
