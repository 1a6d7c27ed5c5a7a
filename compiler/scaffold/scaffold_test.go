package scaffold

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/internal/schema"
)

// check runs the real engine on dir and fails the test on any error.
func check(t *testing.T, dir string) *compiler.Result {
	t.Helper()
	res := compiler.Check(compiler.Options{Root: dir})
	if res.Failed() {
		t.Fatalf("compiler.Check(%s) found errors:\n%s", dir, res.Messages)
	}
	return res
}

func TestInitWritesAWorkspaceThatChecks(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	if err := Init(dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{
		"modc.json", ".gitignore", "content/_index.md", "apps/demo/app.json",
		"modules/greetings/greeter/main.js", "modules/greetings/greeter/module.json",
		"modules/greetings/greeter/queries/api_getUser.json",
		"modules/greetings/greeter/examples.json", "modules/greetings/greeter/README.md",
	} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("Init did not write %s: %v", f, err)
		}
	}
	res := check(t, dir)
	for _, m := range res.Messages {
		if m.Location.File != "." { // "not in a git repository" is expected in a temp dir
			t.Errorf("want no messages, got: %s", m.Error())
		}
	}
	m := res.Workspace.Module("greetings/greeter")
	if m == nil {
		t.Fatal("greetings/greeter not loaded")
	}
	if len(m.Queries) != 1 || len(m.Examples) != 3 {
		t.Errorf("greeter: %d queries, %d examples; want 1 and 3", len(m.Queries), len(m.Examples))
	}
}

func TestInitRefusesANonEmptyDirectory(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Init(dir)
	if !errors.Is(err, ErrExists) {
		t.Fatalf("Init(non-empty) = %v, want ErrExists", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "modc.json")); err == nil {
		t.Error("Init wrote into a non-empty directory")
	}
	if b, _ := os.ReadFile(keep); string(b) != "mine" {
		t.Error("Init changed an existing file")
	}
}

func TestInitAcceptsAFreshGitRepository(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Init(dir); err != nil {
		t.Fatal(err)
	}
	check(t, dir)
}

func TestNewPackageAndModules(t *testing.T) {
	dir := t.TempDir()
	if err := Init(dir); err != nil {
		t.Fatal(err)
	}
	if err := NewPackage(dir, "billing"); err != nil {
		t.Fatal(err)
	}
	if err := NewModule(dir, "billing/invoices", ""); err != nil {
		t.Fatal(err)
	}
	if err := NewModule(dir, "billing/list_invoices", KindQuery); err != nil {
		t.Fatal(err)
	}
	res := check(t, dir)
	js := res.Workspace.Module("billing/invoices")
	q := res.Workspace.Module("billing/list_invoices")
	if js == nil || js.Kind != KindJS || js.Main == nil || len(js.Examples) != 1 {
		t.Errorf("billing/invoices: want a JS module with main.js and one example, got %+v", js)
	}
	if q == nil || q.Kind != KindQuery || q.Request == nil || q.Mock == nil {
		t.Errorf("billing/list_invoices: want a query module with request and mock, got %+v", q)
	}
	readme, err := os.ReadFile(filepath.Join(dir, "modules/billing/list_invoices/README.md"))
	if err != nil || !strings.Contains(string(readme), "{{ListInvoices1.data}}") {
		t.Errorf("query README should show the binding {{ListInvoices1.data}}; got %q (%v)", readme, err)
	}
}

func TestNewRejectsBadNamesAndExistingTargets(t *testing.T) {
	dir := t.TempDir()
	if err := NewPackage(dir, "auth"); err != nil {
		t.Fatal(err)
	}
	if err := NewModule(dir, "auth/tokens", KindJS); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"package with capital", NewPackage(dir, "Auth"), ErrInvalidName},
		{"package with dash", NewPackage(dir, "my-pkg"), ErrInvalidName},
		{"package starting with digit", NewPackage(dir, "1pkg"), ErrInvalidName},
		{"empty package", NewPackage(dir, ""), ErrInvalidName},
		{"existing package", NewPackage(dir, "auth"), ErrExists},
		{"module without package", NewModule(dir, "tokens", KindJS), ErrInvalidName},
		{"module path too deep", NewModule(dir, "auth/a/b", KindJS), ErrInvalidName},
		{"module with dash", NewModule(dir, "auth/my-mod", KindJS), ErrInvalidName},
		{"path traversal", NewModule(dir, "../x", KindJS), ErrInvalidName},
		{"unknown kind", NewModule(dir, "auth/other", "sql"), ErrInvalidName},
		{"existing module", NewModule(dir, "auth/tokens", KindQuery), ErrExists},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, tt.err, tt.want)
		}
	}
	err := NewModule(dir, "nothere/mod", KindJS)
	if err == nil || !strings.Contains(err.Error(), "modc new package nothere") {
		t.Errorf("module in a missing package: got %v, want a hint to create the package", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "modules/nothere")); err == nil {
		t.Error("NewModule created a package implicitly")
	}
	// The existing module was left as it was.
	if b, err := os.ReadFile(filepath.Join(dir, "modules/auth/tokens/module.json")); err != nil || !strings.Contains(string(b), `"js"`) {
		t.Errorf("existing module changed: %q %v", b, err)
	}
}

// TestSchemasNamedAndValid: every JSON file that init and new write names
// its schema in "$schema", the path leads to the workspace's copy (as an
// editor resolves it, from the file), and the file passes that schema; a
// copy that is missing or stale is written again by new.
func TestSchemasNamedAndValid(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	if err := Init(dir); err != nil {
		t.Fatal(err)
	}
	if err := NewPackage(dir, "tools"); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct{ id, kind string }{{"tools/calc", KindJS}, {"tools/list_users", KindQuery}} {
		if err := NewModule(dir, m.id, m.kind); err != nil {
			t.Fatal(err)
		}
	}
	stale := filepath.Join(dir, filepath.FromSlash(schema.Dir), schema.Module)
	if err := os.WriteFile(stale, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := NewModule(dir, "tools/again", KindJS); err != nil {
		t.Fatal(err)
	}
	checked := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".json" || strings.Contains(p, string(filepath.Separator)+".modc"+string(filepath.Separator)) {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var doc struct {
			Schema string `json:"$schema"`
		}
		if err := json.Unmarshal(data, &doc); err != nil || doc.Schema == "" {
			t.Errorf("%s names no \"$schema\" (%v)", p, err)
			return nil
		}
		ref := filepath.Join(filepath.Dir(p), filepath.FromSlash(doc.Schema))
		c := jsonschema.NewCompiler()
		s, err := c.Compile(ref)
		if err != nil {
			t.Errorf("%s: its schema %s: %v", p, doc.Schema, err)
			return nil
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return err
		}
		if err := s.Validate(inst); err != nil {
			t.Errorf("%s does not pass %s:\n%v", p, doc.Schema, err)
		}
		checked++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 9 {
		t.Errorf("checked %d files, want every JSON file init and new write (9 or more)", checked)
	}
	for name, want := range schema.All() {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(schema.Dir), name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s/%s is not this modc's schema (%v)", schema.Dir, name, err)
		}
	}
	check(t, dir)
}
