// Package scaffold writes new workspaces, packages and modules from files
// embedded in the binary: Init copies skeleton/ (a complete, working
// workspace), NewPackage and NewModule fill in the templates under
// templates/. Nothing is ever overwritten.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"

	"github.com/modc-dev/modc/compiler/internal/schema"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

//go:embed all:skeleton
var skeleton embed.FS

//go:embed templates
var templates embed.FS

// Errors NewPackage, NewModule and Init wrap, so callers can tell a bad
// argument from a failure.
var (
	// ErrInvalidName means a package, module or kind name is not allowed.
	ErrInvalidName = errors.New("invalid name")
	// ErrExists means the target already exists (or, for Init, is not empty).
	ErrExists = errors.New("already exists")
)

// scaffoldError is an error message that matches one of the sentinel errors.
type scaffoldError struct {
	kind error
	msg  string
}

func (e *scaffoldError) Error() string        { return e.msg }
func (e *scaffoldError) Is(target error) bool { return target == e.kind }

func invalidf(format string, args ...any) error {
	return &scaffoldError{kind: ErrInvalidName, msg: fmt.Sprintf(format, args...)}
}

func existsf(format string, args ...any) error {
	return &scaffoldError{kind: ErrExists, msg: fmt.Sprintf(format, args...)}
}

// Module kinds NewModule accepts.
const (
	KindJS    = workspace.KindJS
	KindQuery = workspace.KindQuery
)

// Init writes a starter workspace into dir, creating dir if needed: a
// modc.json, one package with one JS module (main.js, module.json, a private
// query, examples, README), a content/_index.md and an app. dir must not
// exist or be empty (a .git directory is allowed, so `git init && modc init`
// works).
func Init(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("create workspace: %w", err)
		}
	case err != nil:
		return fmt.Errorf("read %s: %w", dir, err)
	}
	for _, e := range entries {
		if e.Name() != ".git" {
			return existsf("%s is not empty (it has %s); modc init writes only into a new or empty directory", dir, e.Name())
		}
	}
	sub, err := fs.Sub(skeleton, "skeleton")
	if err != nil {
		return fmt.Errorf("embedded skeleton: %w", err)
	}
	files := map[string][]byte{}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(sub, p)
		files[p] = data
		return err
	})
	if err != nil {
		return fmt.Errorf("embedded skeleton: %w", err)
	}
	for name, data := range schema.All() {
		files[schema.Dir+"/"+name] = data
	}
	return writeNew(dir, files)
}

// refreshSchemas writes the workspace's copy of the JSON Schemas (which the
// files modc new writes name in "$schema") where it is missing or differs
// from this modc's: a workspace made by an older modc gets the current ones.
func refreshSchemas(root string) error {
	dir := filepath.Join(root, filepath.FromSlash(schema.Dir))
	for name, data := range schema.All() {
		p := filepath.Join(dir, name)
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, data) {
			continue
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("write the JSON Schemas: %w", err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return fmt.Errorf("write the JSON Schemas: %w", err)
		}
	}
	return nil
}

// NewPackage creates modules/<name>/ with a modc-package.json in the
// workspace at root.
func NewPackage(root, name string) error {
	if !workspace.IsName(name) {
		return invalidf("invalid package name %q: use lowercase letters, digits and _, starting with a letter", name)
	}
	dir := filepath.Join(root, "modules", name)
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return fmt.Errorf("create package %s: %w", name, err)
	}
	files, err := render("package", data{Package: name})
	if err != nil {
		return err
	}
	if err := mkdirNew(dir, "package "+name); err != nil {
		return err
	}
	if err := writeOrRemove(dir, files); err != nil {
		return err
	}
	return refreshSchemas(root)
}

// NewModule creates the module id ("package/name") of the given kind
// (KindJS or KindQuery; "" means KindJS) in an existing package of the
// workspace at root.
func NewModule(root, id, kind string) error {
	pkg, name, ok := strings.Cut(id, "/")
	if !ok || strings.Contains(name, "/") {
		return invalidf("invalid module %q: write it as PACKAGE/NAME, e.g. auth/manage_tokens", id)
	}
	for _, n := range []struct{ what, name string }{{"package", pkg}, {"module", name}} {
		if !workspace.IsName(n.name) {
			return invalidf("invalid %s name %q: use lowercase letters, digits and _, starting with a letter", n.what, n.name)
		}
	}
	if kind == "" {
		kind = KindJS
	}
	if kind != KindJS && kind != KindQuery {
		return invalidf("invalid module kind %q: use %q or %q", kind, KindJS, KindQuery)
	}
	pkgDir := filepath.Join(root, "modules", pkg)
	if fi, err := os.Stat(pkgDir); err != nil || !fi.IsDir() {
		return fmt.Errorf("package %q does not exist (no directory %s); create it first with `modc new package %s`", pkg, pkgDir, pkg)
	}
	files, err := render(kind, data{Package: pkg, Name: name, Instance: instanceName(name)})
	if err != nil {
		return err
	}
	dir := filepath.Join(pkgDir, name)
	if err := mkdirNew(dir, "module "+id); err != nil {
		return err
	}
	if err := writeOrRemove(dir, files); err != nil {
		return err
	}
	return refreshSchemas(root)
}

// data is what the templates see.
type data struct {
	Package  string
	Name     string
	Instance string // a typical instance name in an app, e.g. GetUsers1
}

// instanceName turns get_users into GetUsers1, the way app builders name instances.
func instanceName(name string) string {
	var b strings.Builder
	for _, part := range strings.Split(name, "_") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String() + "1"
}

// render executes every template under templates/<set>/, keyed by output path.
// The delimiters are [[ ]] because the files themselves hold {{ }} bindings.
func render(set string, d data) (map[string][]byte, error) {
	dir := "templates/" + set
	out := map[string][]byte{}
	err := fs.WalkDir(templates, dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		text, err := fs.ReadFile(templates, p)
		if err != nil {
			return err
		}
		t, err := template.New(p).Delims("[[", "]]").Option("missingkey=error").Parse(string(text))
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := t.Execute(&b, d); err != nil {
			return err
		}
		out[strings.TrimSuffix(strings.TrimPrefix(p, dir+"/"), ".tmpl")] = b.Bytes()
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("embedded templates %s: %w", set, err)
	}
	return out, nil
}

// mkdirNew creates dir, failing with ErrExists if it is already there.
func mkdirNew(dir, what string) error {
	if err := os.Mkdir(dir, 0o755); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return existsf("%s already exists (%s)", what, dir)
		}
		return fmt.Errorf("create %s: %w", what, err)
	}
	return nil
}

// writeOrRemove writes files into the freshly created dir, removing dir
// again if anything fails.
func writeOrRemove(dir string, files map[string][]byte) error {
	if err := writeNew(dir, files); err != nil {
		_ = os.RemoveAll(dir)
		return err
	}
	return nil
}

// writeNew writes files (slash paths) under dir, never replacing an existing file.
func writeNew(dir string, files map[string][]byte) error {
	for p, content := range files {
		target := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return fmt.Errorf("create %s: %w", path.Dir(p), err)
		}
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			if errors.Is(err, fs.ErrExist) {
				return existsf("%s already exists", target)
			}
			return fmt.Errorf("create %s: %w", p, err)
		}
		_, err = f.Write(content)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", p, err)
		}
	}
	return nil
}
