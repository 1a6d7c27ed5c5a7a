package schema

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/modc-dev/modc/compiler/internal/npm"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

const base = "https://schema.modc.test/"

// compile compiles every schema of All, resolving their references to
// each other as an editor does from the published directory.
func compile(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	for name, data := range All() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.AddResource(base+name, doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, name := range Names() {
		s, err := c.Compile(base + name)
		if err != nil {
			t.Fatalf("compiling %s: %v", name, err)
		}
		out[name] = s
	}
	return out
}

// schemaFor says which schema checks the file at p (slash-separated), if any.
func schemaFor(p string) string {
	switch base := baseName(p); {
	case base == "modc.json":
		return Modc
	case base == "modc-package.json":
		return Package
	case base == "module.json":
		return Module
	case base == "examples.json":
		return Examples
	case base == "app.json":
		return App
	case strings.HasSuffix(p, ".json") && strings.Contains(p, "/queries/"):
		return Query
	}
	return ""
}

func baseName(p string) string { return p[strings.LastIndexByte(p, '/')+1:] }

// loaderAccepts loads the file alone, in a workspace of its own made
// around it, and reports whether the workspace loader finds an error in it
// (other files' errors, and what only later stages check, do not count).
func loaderAccepts(kind string, data []byte) (bool, string) {
	fsys := fstest.MapFS{}
	file := ""
	js := func(dir string) {
		fsys[dir+"/module.json"] = &fstest.MapFile{Data: []byte(`{"kind": "js"}`)}
		fsys[dir+"/main.js"] = &fstest.MapFile{Data: []byte("export default {};\n")}
	}
	switch kind {
	case Modc:
		file = "modc.json"
	case Package:
		file = "modules/p/modc-package.json"
		js("modules/p/m")
	case Module:
		file = "modules/p/m/module.json"
		fsys["modules/p/m/main.js"] = &fstest.MapFile{Data: []byte("export default {};\n")}
		var probe struct {
			Kind string `json:"kind"`
		}
		if json.Unmarshal(data, &probe) == nil && probe.Kind == "query" {
			delete(fsys, "modules/p/m/main.js")
		}
	case Query:
		file = "modules/p/m/queries/q.json"
		js("modules/p/m")
	case Examples:
		file = "modules/p/m/examples.json"
		js("modules/p/m")
	default:
		return true, ""
	}
	fsys[file] = &fstest.MapFile{Data: data}
	ws, msgs := workspace.Load(fsys)
	if kind == Modc {
		msgs.Add(npm.CheckScope(ws)...) // the build's check of npmScope
	}
	var errs []string
	for _, m := range msgs.Errors() {
		if m.Location.File == file {
			errs = append(errs, m.Text)
		}
	}
	return len(errs) == 0, strings.Join(errs, "\n")
}

// TestRepositoryFilesAgree checks every workspace file of the repository
// (the example workspace, the scaffold, the test fixtures, broken ones
// included) against its schema and against the workspace loader: a file
// the loader accepts must pass its schema (editors must not flag what modc
// takes), and a file its schema rejects must be one the loader rejects.
func TestRepositoryFilesAgree(t *testing.T) {
	schemas := compile(t)
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator)))
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules", "out", ".modc":
				return filepath.SkipDir
			}
			if strings.HasPrefix(d.Name(), ".") && rel != "." {
				return filepath.SkipDir
			}
			return nil
		}
		kind := schemaFor(rel)
		if kind == "" || strings.Contains(rel, "/fuzz/") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, jerr := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		accepts, why := loaderAccepts(kind, data)
		if jerr != nil {
			if accepts && kind != App {
				t.Errorf("%s: not JSON (%v), yet the loader accepts it", rel, jerr)
			}
			return nil
		}
		verr := schemas[kind].Validate(doc)
		switch {
		case accepts && verr != nil:
			t.Errorf("%s: the loader accepts it, but %s rejects it:\n%v", rel, kind, verr)
		case !accepts && verr == nil && kind != App:
			// The loader checks more than a schema can (names, duplicates):
			// fine, but say so when it is about the file's form.
			if strings.Contains(why, "unknown field") || strings.Contains(why, " must be ") {
				t.Errorf("%s: %s accepts it, but the loader rejects its form:\n%s", rel, kind, why)
			}
		}
		counts[kind]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{Modc, Package, Module, Query, Examples, App} {
		if counts[kind] == 0 {
			t.Errorf("no file of the repository checked against %s", kind)
		}
	}
	t.Logf("checked: %v", counts)
}

// TestSchemasRejectBadForms: mistakes the loader reports as located errors
// are flagged by the schemas too, so an editor shows them as they are typed.
func TestSchemasRejectBadForms(t *testing.T) {
	schemas := compile(t)
	for _, c := range []struct {
		kind, doc string
	}{
		{Modc, `{"titel": "x"}`},
		{Modc, `{"global": "my-global"}`},
		{Modc, `{"rawHTML": "yes"}`},
		{Modc, `{"libraries": {"dayjs": "Day JS"}}`},
		{Modc, `{"repository": "github.com/acme/mods"}`},
		{Modc, `{"repository": {"branch": "main"}}`},
		{Modc, `{"repository": {"url": "https://x.io/a", "brnach": "main"}}`},
		{Modc, `{"repository": {"url": "https://x.io/a", "dir": "../up"}}`},
		{Modc, `{"repository": {"url": "https://x.io/a", "editURL": "{url}"}}`},
		{Modc, `{"npmScope": "@Acme Corp"}`},
		{Package, `{"keywords": "a, b"}`},
		{Module, `{"kind": "javascript"}`},
		{Module, `{"kind": "js", "request": {"url": "https://x"}}`},
		{Module, `{"kind": "query"}`},
		{Module, `{"kind": "query", "request": {"url": "https://x", "method": "FETCH"}}`},
		{Module, `{"kind": "query", "request": {"url": "https://x"}, "mock": {"status": 42}}`},
		{Module, `{"inputs": {"not-an-identifier": 1}}`},
		{Module, `{"settings": {"load": {"runOnLoad": true}}}`},
		{Query, `{"mock": {"data": []}}`},
		{Query, `{"request": {"url": "https://x", "headers": {"X-N": 1}}}`},
		{Examples, `[{"call": "f"}]`},
		{Examples, `[{"call": "f", "expect": 1, "expectError": "boom"}]`},
		{Examples, `[{"call": "f", "expectCalls": [["showModel", "M"]]}]`},
		{Examples, `{"examples": [{"call": "f", "expect": 1}], "extra": true}`},
		{App, `{"pages": []}`},
		{App, `{"pages": [{"name": "Home", "widgets": [{"name": "B", "type": "buton"}]}]}`},
		{App, `{"pages": [{"name": "Home", "widgets": [{"name": "B", "type": "button", "onClik": "{{a()}}"}]}]}`},
		{App, `{"pages": [{"name": "Home", "widgets": [{"name": "T", "type": "text", "onClick": "{{a()}}"}]}]}`},
	} {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(c.doc))
		if err != nil {
			t.Fatalf("%s: %v", c.doc, err)
		}
		if schemas[c.kind].Validate(doc) == nil {
			t.Errorf("%s accepts %s", c.kind, c.doc)
		}
		if c.kind == App {
			continue
		}
		if ok, _ := loaderAccepts(c.kind, []byte(c.doc)); ok {
			t.Errorf("the loader accepts %s as %s, which its schema rejects", c.doc, c.kind)
		}
	}
}

// TestRef: "$schema" paths lead from each file to the workspace's copy.
func TestRef(t *testing.T) {
	for file, want := range map[string]string{
		"modc.json":                            ".modc/schema/modc.schema.json",
		"modules/p/modc-package.json":          "../../.modc/schema/modc.schema.json",
		"modules/p/m/queries/api_getUser.json": "../../../../.modc/schema/modc.schema.json",
	} {
		if got := Ref(file, Modc); got != want {
			t.Errorf("Ref(%q) = %q, want %q", file, got, want)
		}
	}
}
