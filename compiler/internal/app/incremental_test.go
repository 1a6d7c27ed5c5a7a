package app

import (
	"maps"
	"os"
	"testing"

	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/internal/treetest"
)

// TestKeyCache checks that a KeyCache's keys are Key's as modules change.
func TestKeyCache(t *testing.T) {
	ws, mains := analyze(t, os.DirFS("testdata/ws"))
	var c KeyCache
	check := func(step string) string {
		t.Helper()
		got, want := c.Key(ws, mains, Options{}), Key(ws, mains, Options{})
		if got != want {
			t.Fatalf("%s: the cached key differs from Key's", step)
		}
		return got
	}
	first := check("first")
	if again := check("again"); again != first {
		t.Fatal("the key changed with nothing changed")
	}
	for id, main := range mains {
		// An analysis with a member renamed: a new pointer, another key.
		m := *main
		m.Members = append([]*jsmod.Member(nil), main.Members...)
		renamed := *m.Members[0]
		renamed.Name += "Renamed"
		m.Members[0] = &renamed
		mains[id] = &m
		if check("member renamed in "+id) == first {
			t.Fatalf("%s: the key did not change with a member renamed", id)
		}
		mains[id] = main
		if check("back") != first {
			t.Fatalf("%s: the key did not come back", id)
		}
		break
	}
	if check("with no cache") != (*KeyCache)(nil).Key(ws, mains, Options{}) {
		t.Fatal("a nil KeyCache's key differs")
	}
}

// TestPrepareThenEmit checks that Emit after Prepare writes what Emit alone
// does, with the same messages, and takes the apps' code from Prepare
// instead of making it again.
func TestPrepareThenEmit(t *testing.T) {
	ws, mains := analyze(t, os.DirFS("testdata/ws"))
	b := bundles(t, ws, mains)
	alone, msgs := Compile(ws, mains, Options{}).Emit(b, nil)
	prepared := Compile(ws, mains, Options{})
	prepared.Prepare()
	if len(prepared.apps) == 0 {
		t.Fatal("the workspace has no app")
	}
	made := map[string][]byte{}
	for _, a := range prepared.apps {
		c := prepared.codes[a]
		if c == nil || c.files == nil {
			t.Fatalf("Prepare made no code for app %s", a.f.name)
		}
		maps.Copy(made, c.files)
	}
	out, pmsgs := prepared.Emit(b, nil)
	if got, want := pmsgs.String(), msgs.String(); got != want {
		t.Fatalf("messages after Prepare:\n%s\nwant:\n%s", got, want)
	}
	if differ := treetest.Diff(out.Files, alone.Files); len(differ) > 0 {
		t.Fatalf("files differ after Prepare: %v", differ)
	}
	for p, data := range made {
		if got := out.Files[p]; len(got) == 0 || &got[0] != &data[0] {
			t.Errorf("%s was made again by Emit, not taken from Prepare", p)
		}
	}
}
