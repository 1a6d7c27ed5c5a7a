package sri

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestHash checks the example of the Subresource Integrity specification
// (as MDN gives it).
func TestHash(t *testing.T) {
	got := Hash([]byte("alert('Hello, world.');"))
	if want := "sha384-H8BRh8j48O9oYatfu5AZzq6A9RINhZO5H16dQZngK7T62em8MUt1FLm52t+eX6xO"; got != want {
		t.Errorf("Hash = %s, want %s", got, want)
	}
}

func testFiles() map[string][]byte {
	meta := `{"package": "auth", "version": "1.2.0", "description": "x", "global": "acme", "modules": [{"name": "m"}]}`
	return map[string][]byte{
		"dist/auth/1.2.0/auth.js":    []byte("script"),
		"dist/auth/1.2.0/auth.mjs":   []byte("module"),
		"dist/auth/1.2.0/meta.json":  []byte(meta),
		"dist/auth/latest/auth.js":   []byte("script"),
		"dist/auth/latest/meta.json": []byte(meta),
		"dist/auth/1.2.0/sub/x.js":   []byte("not in a version directory"),
		"dist/other/1.0.0/o.js":      []byte("no meta.json"),
		"apps/portal/app.js":         []byte("an app"),
	}
}

func TestBuild(t *testing.T) {
	files := testFiles()
	out, msgs := Build(files, Options{})
	if len(msgs) > 0 {
		t.Fatal(msgs)
	}
	if len(out) != 2 || out["dist/auth/1.2.0/embed.json"] == nil || out["dist/auth/latest/embed.json"] == nil {
		t.Fatalf("files %v", keys(out))
	}
	var e Embed
	if err := json.Unmarshal(out["dist/auth/1.2.0/embed.json"], &e); err != nil {
		t.Fatal(err)
	}
	if e.Package != "auth" || e.Version != "1.2.0" || e.Global != "acme" || e.Script != "auth.js" || e.Module != "auth.mjs" || len(e.Files) != 3 {
		t.Errorf("embed.json: %+v", e)
	}
	if f := e.Files["auth.js"]; f.URL != "dist/auth/1.2.0/auth.js" || f.Integrity != Hash([]byte("script")) {
		t.Errorf("auth.js: %+v", f)
	}
	var latest Embed
	if err := json.Unmarshal(out["dist/auth/latest/embed.json"], &latest); err != nil {
		t.Fatal(err)
	}
	if latest.Version != "1.2.0" || latest.Module != "" || latest.Files["auth.js"].URL != "dist/auth/latest/auth.js" {
		t.Errorf("latest/embed.json: %+v", latest)
	}
	if len(files) != len(testFiles()) {
		t.Error("Build changed its input")
	}
}

func TestBadMeta(t *testing.T) {
	files := testFiles()
	files["dist/auth/1.2.0/meta.json"] = []byte(`{"version": "1.2.0"}`)
	files["dist/auth/latest/meta.json"] = []byte(`[1]`)
	out, msgs := Build(files, Options{})
	if len(out) != 0 || len(msgs) != 2 {
		t.Fatalf("files %v, messages:\n%s", keys(out), msgs)
	}
	for i, want := range []string{"dist/auth/1.2.0/meta.json: error: cannot write embed.json: it names no package",
		"dist/auth/latest/meta.json: error: cannot write embed.json: not a JSON object"} {
		if got := msgs[i].Error(); !strings.HasPrefix(got, want) {
			t.Errorf("message %d: %s, want %s", i, got, want)
		}
	}
}

// TestCache: the same byte slices give the cached embed.json, a new slice
// (even with the same content) is hashed again.
func TestCache(t *testing.T) {
	var c Cache
	files := testFiles()
	first, _ := Build(files, Options{Cache: &c})
	again, _ := Build(files, Options{Cache: &c})
	if &first["dist/auth/1.2.0/embed.json"][0] != &again["dist/auth/1.2.0/embed.json"][0] {
		t.Error("unchanged files: embed.json was made again")
	}
	files["dist/auth/1.2.0/auth.js"] = []byte("changed")
	changed, _ := Build(files, Options{Cache: &c})
	var e Embed
	if err := json.Unmarshal(changed["dist/auth/1.2.0/embed.json"], &e); err != nil {
		t.Fatal(err)
	}
	if e.Files["auth.js"].Integrity != Hash([]byte("changed")) {
		t.Errorf("changed file: stale integrity %s", e.Files["auth.js"].Integrity)
	}
	if &changed["dist/auth/latest/embed.json"][0] != &first["dist/auth/latest/embed.json"][0] {
		t.Error("latest/ did not change but was made again")
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
