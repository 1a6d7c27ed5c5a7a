package layers

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/modc-dev/modc/"

// allowed lists, for every package of the module, the module's packages
// its non-test files may import. site/docs reads the compiler's packages
// directly; sealing the engine (issue 13) shrinks its list to compiler and
// compiler/diag once the compiler hands it a typed docs model.
var allowed = map[string][]string{
	"cmd/modc":                {"compiler", "compiler/appsmith", "compiler/diag", "compiler/gitver", "compiler/release", "compiler/scaffold", "compiler/workspace", "site", "site/devserver", "site/output", "site/publish"},
	"cmd/modcbench":           {"compiler/gen", "internal/sidebyside"},
	"cmd/modcdist":            {"internal/dist"},
	"compiler":                {"compiler/app", "compiler/binding", "compiler/bundle", "compiler/diag", "compiler/dryrun", "compiler/gitver", "compiler/jslib", "compiler/jsmod", "compiler/npm", "compiler/query", "compiler/sri", "compiler/suggest", "compiler/workspace", "internal/parallel"},
	"compiler/app":            {"compiler/app/widgets", "compiler/binding", "compiler/diag", "compiler/jsmod", "compiler/jsonpos", "compiler/runtime", "compiler/suggest", "compiler/workspace"},
	"compiler/app/widgets":    {},
	"compiler/appsmith":       {"compiler", "compiler/app/widgets", "compiler/binding", "compiler/diag", "compiler/gitver", "compiler/jslib", "compiler/jsmod", "compiler/jsonpos", "compiler/suggest", "compiler/workspace", "internal/parallel"},
	"compiler/binding":        {"compiler/jsonpos", "compiler/workspace"},
	"compiler/bundle":         {"compiler/binding", "compiler/diag", "compiler/jsdoc", "compiler/jslib", "compiler/jsmod", "compiler/query", "compiler/runtime", "compiler/workspace", "internal/parallel"},
	"compiler/diag":           {},
	"compiler/dryrun":         {"compiler/diag", "compiler/dryrun/intl", "compiler/dryrun/uregexp", "compiler/jslib", "compiler/jsmod", "compiler/suggest", "compiler/workspace"},
	"compiler/dryrun/intl":    {},
	"compiler/dryrun/uregexp": {},
	"compiler/gen":            {},
	"compiler/gitver":         {"compiler/diag", "compiler/suggest", "compiler/workspace"},
	"compiler/jsdoc":          {},
	"compiler/jslib":          {"compiler/diag", "compiler/dryrun/uregexp"},
	"compiler/jsmod":          {"compiler/diag", "compiler/jsdoc", "compiler/jslib", "compiler/suggest"},
	"compiler/jsonpos":        {"compiler/diag"},
	"compiler/npm":            {"compiler/bundle", "compiler/diag", "compiler/jsonpos", "compiler/runtime", "compiler/workspace", "internal/parallel"},
	"compiler/query":          {"compiler/binding", "compiler/diag", "compiler/jslib", "compiler/jsmod", "compiler/suggest", "compiler/workspace"},
	"compiler/release":        {"compiler", "compiler/diag", "compiler/gitver", "compiler/suggest", "compiler/workspace"},
	"compiler/runtime":        {},
	"compiler/scaffold":       {"compiler/schema", "compiler/workspace"},
	"compiler/schema":         {"compiler/app/widgets"},
	"compiler/sri":            {"compiler/bundle", "compiler/diag", "internal/parallel"},
	"compiler/suggest":        {},
	"compiler/workspace":      {"compiler/diag", "compiler/jslib", "compiler/jsonpos", "compiler/suggest", "internal/parallel"},
	"internal/browsertest":    {},
	"internal/dist":           {},
	"internal/gittest":        {},
	"internal/golden":         {},
	"internal/navtest":        {},
	"internal/nodetest":       {},
	"internal/npmtest":        {},
	"internal/layers":         {},
	"internal/parallel":       {},
	"internal/sidebyside":     {"compiler/gen"},
	"internal/webtest":        {},
	"site":                    {"compiler", "compiler/bundle", "compiler/diag", "compiler/workspace", "site/devserver", "site/docs", "site/output", "site/watch"},
	"site/devserver":          {"compiler/diag", "site/livereload", "site/watch"},
	"site/docs":               {"compiler", "compiler/diag", "compiler/dryrun", "compiler/gitver", "compiler/jsdoc", "compiler/jsmod", "compiler/npm", "compiler/schema", "compiler/sri", "compiler/suggest", "compiler/workspace", "internal/parallel", "templates"},
	"site/filelock":           {},
	"site/livereload":         {"compiler/diag"},
	"site/output":             {"site/filelock"},
	"site/publish":            {"compiler", "compiler/diag", "compiler/gitver", "compiler/release", "compiler/workspace", "site", "site/filelock", "site/output"},
	"site/watch":              {},
	"templates":               {},
}

// testKits are the internal packages only tests may import.
var testKits = []string{"internal/browsertest", "internal/gittest", "internal/golden", "internal/navtest", "internal/nodetest", "internal/npmtest", "internal/webtest"}

// TestLayers reads the imports of every non-test Go file of the repository
// and checks them against allowed and the rules above it.
func TestLayers(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	imports := map[string]map[string]bool{} // package → module packages it imports
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules" || name == "out") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		pkg := filepath.ToSlash(rel)
		if imports[pkg] == nil {
			imports[pkg] = map[string]bool{}
		}
		for _, spec := range f.Imports {
			p, _ := strconv.Unquote(spec.Path.Value)
			if strings.HasPrefix(p, module) {
				imports[pkg][strings.TrimPrefix(p, module)] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("%s is not the module root: %v", root, err)
	}
	var pkgs []string
	for p := range imports {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, pkg := range pkgs {
		may, listed := allowed[pkg]
		if !listed {
			t.Errorf("%s is not in allowed: list the module packages it may import", pkg)
			continue
		}
		for imp := range imports[pkg] {
			switch {
			case under(pkg, "compiler") && (under(imp, "site") || under(imp, "cmd")):
				t.Errorf("%s imports %s: the engine does not know the site or the commands", pkg, imp)
			case slices.Contains(testKits, imp):
				t.Errorf("%s imports the test kit %s outside its tests", pkg, imp)
			case !slices.Contains(may, imp):
				t.Errorf("%s imports %s, which allowed does not list: make it a decision (add it there) or go through the package that owns it", pkg, imp)
			}
		}
	}
	for pkg := range allowed {
		if imports[pkg] == nil {
			t.Errorf("allowed lists %s, which has no Go files: remove it", pkg)
		}
	}
}

// under reports whether pkg is dir or inside it.
func under(pkg, dir string) bool { return pkg == dir || strings.HasPrefix(pkg, dir+"/") }
