package app

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/modc-dev/modc/internal/golden"
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
	if bytes.Count(data, []byte("\n")) != 1 {
		t.Errorf("manifest.json is not compact JSON on one line")
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, data, "", "  "); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/shop.manifest.json", hashes.ReplaceAllString(indented.String(), `"<sha256>"`))

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

// TestManifestJSON checks that a manifest marshalled again after its
// packages' files changed is what marshalling it whole gives.
func TestManifestJSON(t *testing.T) {
	m := &Manifest{
		App: "shop", Title: "A \"packages\": null\n  \"packages\": title",
		Packages:  map[string]*PackageInfo{"auth": {Range: "workspace", Version: "1.0.0", Module: "../../dist/auth/1.0.0/auth.mjs", Files: map[string]string{"dist/auth/1.0.0/auth.js": "00"}}},
		Instances: map[string]*InstanceInfo{"Login": {Module: "auth/login", Package: "auth", Name: "login", Kind: "js", Version: "1.0.0"}},
		Files:     map[string]string{"app.js": "11"},
	}
	var mj manifestJSON
	for i, sum := range []string{"00", "22", "33"} {
		m.Packages["auth"].Files["dist/auth/1.0.0/auth.js"] = sum
		got, err := mj.marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want)+"\n" {
			t.Errorf("marshal %d:\n%s\nwant:\n%s", i, got, want)
		}
	}
	m.Packages = map[string]*PackageInfo{}
	if got, _ := mj.marshal(m); !strings.Contains(string(got), `,"packages":{},`) {
		t.Errorf("no packages:\n%s", got)
	}
}
