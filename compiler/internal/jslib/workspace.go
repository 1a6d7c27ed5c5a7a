package jslib

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/modc-dev/modc/compiler/diag"
)

// Decl is one library a workspace declares: module code reads the npm
// package Package as the global Global; Loc is the declaration, for
// messages.
type Decl struct {
	Global, Package string
	Loc             diag.Location
}

// Resolve makes the libraries decls declare from the packages npm
// installed under root/node_modules: each is bundled by esbuild, with what
// it imports, into one CommonJS source, which the package bundles import
// and the dry runs evaluate, so both run the same code. A package that is
// not installed, that esbuild cannot bundle for the browser, or that reads
// a file outside root (through a symbolic link) is an error at its
// declaration; its library is left out.
func Resolve(root string, decls []Decl) ([]*Library, diag.List) {
	var libs []*Library
	var msgs diag.List
	abs, err := filepath.Abs(root)
	if err == nil {
		abs, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		for _, d := range decls {
			msgs.Add(diag.Errorf("library-failed", d.Loc, "library %q: cannot resolve the workspace directory: %v", d.Global, err))
		}
		return nil, msgs
	}
	for _, d := range decls {
		l, m := resolve(abs, d)
		if m != nil {
			msgs.Add(*m)
			continue
		}
		libs = append(libs, l)
	}
	return libs, msgs
}

func resolve(root string, d Decl) (*Library, *diag.Message) {
	manifest := filepath.Join(root, "node_modules", filepath.FromSlash(d.Package), "package.json")
	data, err := os.ReadFile(manifest)
	if err != nil {
		m := diag.Errorf("library-not-installed", d.Loc, "library %q: the npm package %s is not installed (no node_modules/%s/package.json)", d.Global, d.Package, d.Package)
		if errors.Is(err, fs.ErrNotExist) {
			if _, err := os.Stat(filepath.Join(root, "package.json")); err != nil {
				m = m.WithHint("add it beside modc.json: npm install %s (this writes package.json and node_modules/)", d.Package)
			} else {
				m = m.WithHint("run npm install in the workspace directory (and npm install %s if package.json does not list it)", d.Package)
			}
		} else {
			m = m.WithHint("reading it: %v", err)
		}
		return nil, &m
	}
	var pj struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(data, &pj); err != nil {
		m := diag.Errorf("library-failed", d.Loc, "library %q: node_modules/%s/package.json does not parse: %v", d.Global, d.Package, err)
		return nil, &m
	}
	stdin := "modc-library-" + d.Global + ".js"
	r := api.Build(api.BuildOptions{
		Stdin: &api.StdinOptions{
			Contents:   "module.exports = require(" + jsString(d.Package) + ");\n",
			ResolveDir: root,
			Sourcefile: stdin,
			Loader:     api.LoaderJS,
		},
		Bundle:        true,
		Write:         false,
		Format:        api.FormatCommonJS,
		Platform:      api.PlatformBrowser,
		Target:        api.ES2020,
		AbsWorkingDir: root,
		Metafile:      true,
		LogLevel:      api.LogLevelSilent,
	})
	if len(r.Errors) > 0 {
		e := r.Errors[0]
		m := diag.Errorf("library-failed", d.Loc, "library %q: esbuild cannot bundle %s for the browser: %s", d.Global, d.Package, e.Text)
		if e.Location != nil {
			m = m.WithHint("at %s:%d:%d", e.Location.File, e.Location.Line, e.Location.Column+1)
		}
		return nil, &m
	}
	var meta struct {
		Inputs map[string]json.RawMessage `json:"inputs"`
	}
	if err := json.Unmarshal([]byte(r.Metafile), &meta); err != nil {
		m := diag.Errorf("library-failed", d.Loc, "library %q: reading esbuild's metafile: %v", d.Global, err)
		return nil, &m
	}
	for in := range meta.Inputs {
		if in != stdin && !inside(root, in) {
			m := diag.Errorf("library-outside-workspace", d.Loc, "library %q: %s reads %s, outside the workspace", d.Global, d.Package, in)
			m = m.WithHint("a symbolic link in node_modules leaves the workspace (npm link?); install the package instead")
			return nil, &m
		}
	}
	if len(r.OutputFiles) != 1 {
		m := diag.Errorf("library-failed", d.Loc, "library %q: esbuild wrote %d files for %s", d.Global, len(r.OutputFiles), d.Package)
		return nil, &m
	}
	return New(d.Global, d.Package, pj.Version, string(r.OutputFiles[0].Contents)), nil
}

// inside reports whether the metafile input path p (relative to root, or
// in esbuild's stdin or a namespace) is within root once links are
// resolved.
func inside(root, p string) bool {
	if p == "<stdin>" || strings.Contains(p, ":") && !filepath.IsAbs(p) {
		return true
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(root, p)
	}
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(root, real)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func jsString(s string) string {
	data, _ := json.Marshal(s)
	return string(data)
}

// String describes l for messages: "dayjs 1.11.13".
func (l *Library) String() string { return fmt.Sprintf("%s %s", l.Package, l.Version) }
