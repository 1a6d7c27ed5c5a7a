package sri

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler/internal/bundle"
)

// TestHash checks the example of the Subresource Integrity specification
// (as MDN gives it).
func TestHash(t *testing.T) {
	got := Hash([]byte("alert('Hello, world.');"))
	if want := "sha384-H8BRh8j48O9oYatfu5AZzq6A9RINhZO5H16dQZngK7T62em8MUt1FLm52t+eX6xO"; got != want {
		t.Errorf("Hash = %s, want %s", got, want)
	}
}

// testOutputs are a package version and its latest/ copy.
func testOutputs() []*bundle.Output {
	meta := &bundle.Meta{Package: "auth", Version: "1.2.0", Description: "x", Global: "acme"}
	v := &bundle.Output{Dir: "dist/auth/1.2.0", Meta: meta, Files: map[string][]byte{
		"auth.js":   []byte("script"),
		"auth.mjs":  []byte("module"),
		"meta.json": []byte(`{"package": "auth"}`),
	}}
	latest := &bundle.Output{Dir: "dist/auth/latest", Meta: meta, Files: map[string][]byte{
		"auth.js":   v.Files["auth.js"],
		"meta.json": v.Files["meta.json"],
	}}
	return []*bundle.Output{v, latest}
}

func TestBuild(t *testing.T) {
	outs := testOutputs()
	embeds, out, msgs := Build(outs, Options{})
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
	if !reflect.DeepEqual(*embeds[0], e) {
		t.Errorf("the Embed returned is not embed.json:\n%+v\n%+v", *embeds[0], e)
	}
	var latest Embed
	if err := json.Unmarshal(out["dist/auth/latest/embed.json"], &latest); err != nil {
		t.Fatal(err)
	}
	if latest.Version != "1.2.0" || latest.Module != "" || latest.Files["auth.js"].URL != "dist/auth/latest/auth.js" {
		t.Errorf("latest/embed.json: %+v", latest)
	}
	if len(outs[0].Files) != 3 || len(outs[1].Files) != 2 {
		t.Error("Build changed its input")
	}
}

func TestBadMeta(t *testing.T) {
	outs := testOutputs()
	outs[0].Meta = &bundle.Meta{Version: "1.2.0"}
	embeds, out, msgs := Build(outs, Options{})
	if len(out) != 1 || len(msgs) != 1 || embeds[0] != nil || embeds[1] == nil {
		t.Fatalf("files %v, messages:\n%s", keys(out), msgs)
	}
	if got, want := msgs[0].Error(), "dist/auth/1.2.0/meta.json: error: cannot write embed.json: it names no package"; !strings.HasPrefix(got, want) {
		t.Errorf("message: %s, want %s", got, want)
	}
}

// TestCache: the same byte slices give the cached embed.json, a new slice
// (even with the same content) is hashed again.
func TestCache(t *testing.T) {
	var c Cache
	outs := testOutputs()
	_, first, _ := Build(outs, Options{Cache: &c})
	_, again, _ := Build(outs, Options{Cache: &c})
	if &first["dist/auth/1.2.0/embed.json"][0] != &again["dist/auth/1.2.0/embed.json"][0] {
		t.Error("unchanged files: embed.json was made again")
	}
	outs[0].Files["auth.js"] = []byte("changed")
	_, changed, _ := Build(outs, Options{Cache: &c})
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
