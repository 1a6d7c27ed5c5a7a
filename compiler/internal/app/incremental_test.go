package app

import (
	"os"
	"testing"

	"github.com/modc-dev/modc/compiler/internal/jsmod"
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
