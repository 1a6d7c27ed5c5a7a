package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modc-dev/modc/internal/nodetest"
)

// TestNpmScope: with "npmScope": "@acme" in modc.json, modc build names
// the npm package @acme/shop, and node requires and imports it from a
// node_modules/@acme/shop link to the built folder, as npm's file: and
// workspace dependencies make it.
func TestNpmScope(t *testing.T) {
	ws := copyWorkspace(t, "good")
	if err := os.WriteFile(filepath.Join(ws, "modc.json"), []byte(`{"title": "Good shop", "npmScope": "@acme"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"build", "--json", "--root", ws}
	code, stdout, stderr := modc(t, false, args...)
	wantCode(t, args, code, 0, stderr)
	var res struct {
		Out      string
		Versions []struct{ Package, Npm string }
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || len(res.Versions) == 0 || res.Versions[0].Npm == "" {
		t.Fatalf("build --json (%v):\n%s", err, stdout)
	}
	folder := filepath.Join(res.Out, filepath.FromSlash(res.Versions[0].Npm))
	var pj struct{ Name string }
	if data, err := os.ReadFile(filepath.Join(folder, "package.json")); err != nil || json.Unmarshal(data, &pj) != nil || pj.Name != "@acme/shop" {
		t.Fatalf("package.json name %q (%v), want @acme/shop", pj.Name, err)
	}

	project := t.TempDir()
	scope := filepath.Join(project, "node_modules", "@acme")
	if err := os.MkdirAll(scope, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(folder, filepath.Join(scope, "shop")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if err := os.WriteFile(filepath.Join(project, "package.json"), []byte(`{"name": "project", "private": true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	const script = `const cjs = require("@acme/shop");
import("@acme/shop").then((esm) => {
  const cart = esm.createInstance("cart", { inputs: { currency: "EUR" } });
  console.log(JSON.stringify({ cjs: cjs.modules, esm: esm.modules, same: typeof cjs.createInstance === "function", items: cart.add("a", 1) }));
});`
	got := strings.TrimSpace(nodetest.Run(t, project, nil, "-e", script))
	if want := `{"cjs":["cart"],"esm":["cart"],"same":true,"items":1}`; got != want {
		t.Errorf("node:\n got %s\nwant %s", got, want)
	}
}
