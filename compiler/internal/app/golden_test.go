package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modc-dev/modc/internal/golden"
)

// TestBadApps checks every app under testdata/bad against the shop
// workspace: each must fail with exactly the messages of its .txt file.
func TestBadApps(t *testing.T) {
	apps, err := filepath.Glob("testdata/bad/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(apps) < 20 {
		t.Fatalf("only %d bad apps", len(apps))
	}
	for _, file := range apps {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			ws, mains := analyze(t, overlay(t, "testdata/ws", map[string]string{"apps/" + name + "/app.json": string(text)}))
			_, msgs := Check(ws, mains, Options{Apps: []string{name}})
			if !msgs.HasErrors() {
				t.Errorf("no errors")
			}
			golden.Check(t, strings.TrimSuffix(file, ".json")+".txt", msgs.String())
		})
	}
}
