package app

import (
	"encoding/json"
	"os"
	"regexp"
	"testing"
)

// TestManifest compares the shop app's manifest with its golden file (the
// hashes replaced, so the golden file does not change with every edit of
// the runtime) and checks every hash against the file it names.
func TestManifest(t *testing.T) {
	ws, mains := analyze(t, os.DirFS("testdata/ws"))
	files := bundles(t, ws, mains)
	out, msgs := Build(ws, mains, files, Options{})
	if len(msgs) > 0 {
		t.Fatalf("messages:\n%s", msgs)
	}
	data := out.Files["apps/shop/manifest.json"]
	hashes := regexp.MustCompile(`"[0-9a-f]{64}"`)
	golden(t, "testdata/shop.manifest.json", hashes.ReplaceAllString(string(data), `"<sha256>"`))

	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for name, sum := range m.Files {
		if got := sha256Hex(out.Files["apps/shop/"+name]); got != sum {
			t.Errorf("%s: sha256 %s in the manifest, %s in fact", name, sum, got)
		}
	}
	if len(m.Files) != 4 {
		t.Errorf("manifest lists %d app files, want 4", len(m.Files))
	}
	for _, p := range m.Packages {
		if len(p.Files) == 0 {
			t.Errorf("package %s: no files", p.Module)
		}
		for name, sum := range p.Files {
			if got := sha256Hex(files[name]); got != sum {
				t.Errorf("%s: sha256 %s in the manifest, %s in fact", name, sum, got)
			}
		}
	}
	if out.Apps[0] != (Stats{App: "shop", Pages: 2, Widgets: 21, Bindings: 15, Handlers: 6}) {
		t.Errorf("stats %+v", out.Apps[0])
	}
}
