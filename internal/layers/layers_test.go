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
// its non-test files may import. The engine's stages are under
// compiler/internal; outside compiler/ the packages read only its facade
// (compiler), its messages (compiler/diag), the typed model of a build
// (compiler/model) and compiler/suggest. The docs renderer reads a build
// through compiler/model alone.
var allowed = map[string][]string{
	"cmd/modc":                         {"compiler", "compiler/appsmith", "compiler/diag", "compiler/model", "compiler/release", "compiler/scaffold", "internal/heapsize", "internal/pretouch", "internal/schedbatch", "site", "site/devserver", "site/output", "site/publish"},
	"cmd/modcbench":                    {"compiler/gen", "internal/sidebyside"},
	"cmd/modcdist":                     {"internal/dist"},
	"compiler":                         {"compiler/diag", "compiler/internal/app", "compiler/internal/binding", "compiler/internal/bundle", "compiler/internal/dryrun", "compiler/internal/gitver", "compiler/internal/jslib", "compiler/internal/jsmod", "compiler/internal/npm", "compiler/internal/query", "compiler/internal/schema", "compiler/internal/sri", "compiler/internal/workspace", "compiler/model", "compiler/suggest", "internal/heapsize", "internal/parallel"},
	"compiler/appsmith":                {"compiler", "compiler/diag", "compiler/internal/app/widgets", "compiler/internal/binding", "compiler/internal/gitver", "compiler/internal/jslib", "compiler/internal/jsmod", "compiler/internal/jsonpos", "compiler/internal/workspace", "compiler/suggest", "internal/parallel"},
	"compiler/diag":                    {},
	"compiler/gen":                     {},
	"compiler/internal/app":            {"compiler/diag", "compiler/internal/app/widgets", "compiler/internal/binding", "compiler/internal/jsmod", "compiler/internal/jsonpos", "compiler/internal/runtime", "compiler/internal/workspace", "compiler/suggest"},
	"compiler/internal/app/widgets":    {},
	"compiler/internal/binding":        {"compiler/internal/jsonpos", "compiler/internal/workspace"},
	"compiler/internal/bundle":         {"compiler/diag", "compiler/internal/binding", "compiler/internal/jsdoc", "compiler/internal/jslib", "compiler/internal/jsmod", "compiler/internal/query", "compiler/internal/runtime", "compiler/internal/workspace", "internal/parallel"},
	"compiler/internal/dryrun":         {"compiler/diag", "compiler/internal/binding", "compiler/internal/dryrun/intl", "compiler/internal/dryrun/uregexp", "compiler/internal/jslib", "compiler/internal/jsmod", "compiler/internal/workspace", "compiler/model", "compiler/suggest", "internal/pretouch"},
	"compiler/internal/dryrun/intl":    {},
	"compiler/internal/dryrun/uregexp": {},
	"compiler/internal/gitver":         {"compiler/diag", "compiler/internal/workspace", "compiler/model", "compiler/suggest"},
	"compiler/internal/jsdoc":          {"compiler/model"},
	"compiler/internal/jslib":          {"compiler/diag", "compiler/internal/dryrun/uregexp"},
	"compiler/internal/jsmod":          {"compiler/diag", "compiler/internal/jsdoc", "compiler/internal/jslib", "compiler/model", "compiler/suggest"},
	"compiler/internal/jsonpos":        {"compiler/diag"},
	"compiler/internal/npm":            {"compiler/diag", "compiler/internal/bundle", "compiler/internal/jsonpos", "compiler/internal/runtime", "compiler/internal/workspace", "compiler/model", "internal/parallel"},
	"compiler/internal/query":          {"compiler/diag", "compiler/internal/binding", "compiler/internal/jslib", "compiler/internal/jsmod", "compiler/internal/workspace", "compiler/suggest", "internal/memo"},
	"compiler/internal/runtime":        {},
	"compiler/internal/schema":         {"compiler/internal/app/widgets"},
	"compiler/internal/sri":            {"compiler/diag", "compiler/internal/bundle", "compiler/model", "internal/parallel"},
	"compiler/internal/workspace":      {"compiler/diag", "compiler/internal/jslib", "compiler/internal/jsonpos", "compiler/model", "compiler/suggest", "internal/parallel"},
	"compiler/model":                   {"compiler/diag"},
	"compiler/release":                 {"compiler", "compiler/diag", "compiler/internal/gitver", "compiler/internal/workspace", "compiler/suggest"},
	"compiler/scaffold":                {"compiler/internal/schema", "compiler/internal/workspace"},
	"compiler/suggest":                 {},
	"internal/browsertest":             {},
	"internal/dist":                    {},
	"internal/gittest":                 {},
	"internal/golden":                  {},
	"internal/layers":                  {},
	"internal/navtest":                 {},
	"internal/nodetest":                {},
	"internal/npmtest":                 {},
	"internal/heapsize":                {},
	"internal/pretouch":                {"internal/heapsize"},
	"internal/schedbatch":              {},
	"internal/memo":                    {},
	"internal/parallel":                {},
	"internal/sidebyside":              {"compiler/gen", "site/output"},
	"internal/treetest":                {},
	"internal/webtest":                 {},
	"site":                             {"compiler", "compiler/diag", "site/devserver", "site/docs", "site/output", "site/watch"},
	"site/devserver":                   {"compiler/diag", "site/livereload", "site/watch"},
	"site/docs":                        {"compiler", "compiler/diag", "compiler/model", "compiler/suggest", "internal/memo", "internal/parallel", "site/docs/fastlex", "site/docs/htmltrim", "templates"},
	"site/docs/fastlex":                {},
	"site/docs/htmltrim":               {},
	"site/filelock":                    {},
	"site/livereload":                  {"compiler/diag"},
	"site/output":                      {"site/filelock"},
	"site/publish":                     {"compiler", "compiler/diag", "compiler/release", "site", "site/filelock", "site/output"},
	"site/watch":                       {},
	"templates":                        {},
}

// testKits are the internal packages only tests may import.
var testKits = []string{"internal/browsertest", "internal/gittest", "internal/golden", "internal/navtest", "internal/nodetest", "internal/npmtest", "internal/treetest", "internal/webtest"}

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
			case under(imp, "compiler/internal") && !under(pkg, "compiler"):
				t.Errorf("%s imports %s: outside compiler/, go through the facade (package compiler) or compiler/model", pkg, imp)
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
