package diag

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/modc-dev/modc/internal/golden"
)

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// TestIDTable: every ID of Areas is kebab-case, listed once, and has a
// one-line meaning.
func TestIDTable(t *testing.T) {
	seen := map[string]bool{}
	for _, a := range Areas {
		if a.Name == "" || len(a.IDs) == 0 {
			t.Errorf("area %q: no name or no IDs", a.Name)
		}
		for _, d := range a.IDs {
			if !kebab.MatchString(d.ID) {
				t.Errorf("ID %q is not kebab-case", d.ID)
			}
			if seen[d.ID] {
				t.Errorf("ID %q is listed twice", d.ID)
			}
			seen[d.ID] = true
			if d.Meaning == "" || strings.Contains(d.Meaning, "\n") || strings.Contains(d.Meaning, "|") {
				t.Errorf("ID %q: its meaning must be one line without |: %q", d.ID, d.Meaning)
			}
		}
	}
	if m, ok := Meaning("js-unknown-name"); !ok || m == "" {
		t.Errorf("Meaning(js-unknown-name) = %q, %v", m, ok)
	}
	if _, ok := Meaning("no-such-id"); ok {
		t.Error("Meaning knows no-such-id")
	}
}

// docsPage renders content/diagnostics.md from Areas.
func docsPage() string {
	var b strings.Builder
	b.WriteString(`---
title: Message IDs
weight: 65
description: The ID of every error and warning modc reports, and what it means.
# Made from compiler/diag/ids.go by go test ./compiler/diag -update; do not edit.
---

# Message IDs

Every error and warning modc reports has an ID: a stable name in kebab-case for its kind, the same
wherever the message comes from, whatever names and values its text carries. The terminal shows
it in brackets at the end of the message's first line, as GCC, clang and esbuild do:

` + "```" + `
modules/shop/cart/main.js:12:5: error: unknown identifier "fo" [js-unknown-name]
` + "```" + `

and ` + "`--json`" + ` gives it as ` + "`\"id\"`" + ` (see [the command line](cli.md#messages)). Filter and look up
messages by their ID, not by their text: the text may be reworded, the ID stays. An ID is never
reused for another kind of message.
`)
	for _, a := range Areas {
		fmt.Fprintf(&b, "\n## %s\n\n| ID | meaning |\n| --- | --- |\n", a.Name)
		for _, d := range a.IDs {
			fmt.Fprintf(&b, "| `%s` | %s |\n", d.ID, d.Meaning)
		}
	}
	return b.String()
}

// TestDocsListEveryID: content/diagnostics.md is the table, every ID and
// its meaning (go test -update rewrites it).
func TestDocsListEveryID(t *testing.T) {
	page := docsPage()
	golden.Check(t, filepath.Join("..", "..", "content", "diagnostics.md"), page)
	for _, a := range Areas {
		for _, d := range a.IDs {
			if !strings.Contains(page, "| `"+d.ID+"` |") {
				t.Errorf("ID %s is not on the docs page", d.ID)
			}
		}
	}
}

// constructors are the functions that make a message: their name (as
// called, "diag.Errorf" or "Errorf" inside this package, an exported
// function's name, or an unexported method's, function's or variable's
// name after its package's directory, "compiler/internal/app:errorf"), and the
// index of the ID among their arguments. The scan adds the wrappers it
// finds: functions that pass one of their parameters on as the ID.
type constructors map[string]int

// TestEveryMessageHasID scans the repository's Go code (tests aside): each
// call of a message constructor (diag.Errorf, diag.Warningf and the
// wrappers around them) passes an ID of Areas as a string literal, or one
// of its own parameters (it is a wrapper), or a local variable that is
// only ever set to IDs of Areas; each diag.Message literal sets ID to one.
// Every ID of Areas is used somewhere.
func TestEveryMessageHasID(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	dirs := map[*ast.File]string{}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); p != root && (strings.HasPrefix(n, ".") || n == "testdata" || n == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files = append(files, f)
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		dirs[f] = filepath.ToSlash(rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 50 {
		t.Fatalf("found only %d Go files under %s", len(files), root)
	}

	known := map[string]bool{}
	for _, a := range Areas {
		for _, d := range a.IDs {
			known[d.ID] = true
		}
	}
	used := map[string]bool{}
	checked := 0
	var problems []string
	report := func(pos token.Pos, format string, args ...any) {
		p := fset.Position(pos)
		rel, _ := filepath.Rel(root, p.Filename)
		problems = append(problems, fmt.Sprintf("%s:%d: %s", filepath.ToSlash(rel), p.Line, fmt.Sprintf(format, args...)))
	}
	checkLit := func(e ast.Expr) bool {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return false
		}
		id, _ := strconv.Unquote(lit.Value)
		if !known[id] {
			report(lit.Pos(), "message ID %q is not in diag.Areas", id)
		}
		used[id] = true
		return true
	}

	// Find the wrappers until no more turn up, then check every call.
	cons := constructors{"diag.Errorf": 0, "diag.Warningf": 0, "Errorf": 0, "Warningf": 0}
	for {
		before := len(cons)
		for _, f := range files {
			eachFunc(f, func(name string, typ *ast.FuncType, body *ast.BlockStmt) {
				params := paramIndex(typ)
				ast.Inspect(body, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					i, ok := cons.index(f, dirs[f], call)
					if !ok || i >= len(call.Args) {
						return true
					}
					if id, ok := call.Args[i].(*ast.Ident); ok {
						if k, ok := params[id.Name]; ok && name != "" {
							key := name
							if !token.IsExported(name) {
								key = dirs[f] + ":" + name
							}
							if _, had := cons[key]; !had {
								cons[key] = k
							}
						}
					}
					return true
				})
			})
		}
		if len(cons) == before {
			break
		}
	}
	for _, f := range files {
		eachFunc(f, func(name string, typ *ast.FuncType, body *ast.BlockStmt) {
			params := paramIndex(typ)
			ast.Inspect(body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false // checked as a function of its own
				case *ast.CompositeLit:
					if isMessageType(f, n.Type) {
						checked++
						var id ast.Expr
						for _, e := range n.Elts {
							if kv, ok := e.(*ast.KeyValueExpr); ok {
								if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "ID" {
									id = kv.Value
								}
							}
						}
						_, isParam := params[identName(id)]
						if id == nil && len(n.Elts) > 0 {
							report(n.Pos(), "a diag.Message without an ID")
						} else if id != nil && !isParam && !checkLit(id) {
							report(id.Pos(), "the ID of a diag.Message must be a string literal")
						}
					}
				case *ast.CallExpr:
					i, ok := cons.index(f, dirs[f], n)
					if !ok {
						return true
					}
					checked++
					if i >= len(n.Args) {
						report(n.Pos(), "a message without an ID")
						return true
					}
					arg := n.Args[i]
					if checkLit(arg) {
						return true
					}
					id, ok := arg.(*ast.Ident)
					if !ok {
						report(arg.Pos(), "a message ID must be a string literal, a parameter or a local variable")
						return true
					}
					if _, ok := params[id.Name]; ok {
						return true // a wrapper: its callers are checked
					}
					if !localIDs(body, id.Name, checkLit) {
						report(arg.Pos(), "the message ID %s must be a local variable only ever set to string literals", id.Name)
					}
				}
				return true
			})
		})
	}
	t.Logf("constructors %v; %d calls and literals checked", cons, checked)
	for id := range known {
		if !used[id] {
			problems = append(problems, fmt.Sprintf("message ID %q of diag.Areas is never used", id))
		}
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
}

// eachFunc calls fn with every function of f, declared or literal: its
// name (the method's or function's, or the variable's a literal is
// assigned to; "" when it has none), type and body.
func eachFunc(f *ast.File, fn func(name string, typ *ast.FuncType, body *ast.BlockStmt)) {
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body != nil {
				fn(n.Name.Name, n.Type, n.Body)
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, r := range n.Rhs {
					if lit, ok := r.(*ast.FuncLit); ok {
						if id, ok := n.Lhs[i].(*ast.Ident); ok {
							fn(id.Name, lit.Type, lit.Body)
							ast.Inspect(lit.Body, func(m ast.Node) bool { return visitLits(m, fn) })
							return false
						}
					}
				}
			}
		case *ast.FuncLit:
			fn("", n.Type, n.Body)
		}
		return true
	})
}

// visitLits reports the function literals nested in an assigned one.
func visitLits(n ast.Node, fn func(string, *ast.FuncType, *ast.BlockStmt)) bool {
	if lit, ok := n.(*ast.FuncLit); ok {
		fn("", lit.Type, lit.Body)
	}
	return true
}

// paramIndex maps the names of a function's parameters to their index.
func paramIndex(typ *ast.FuncType) map[string]int {
	out := map[string]int{}
	k := 0
	for _, field := range typ.Params.List {
		if len(field.Names) == 0 {
			k++
			continue
		}
		for _, n := range field.Names {
			out[n.Name] = k
			k++
		}
	}
	return out
}

// index returns the index of the ID among the arguments of call, when it
// calls a constructor. A wrapper is known by its bare name (method,
// function or local variable), a diag constructor by "diag." inside
// other packages.
func (c constructors) index(f *ast.File, dir string, call *ast.CallExpr) (int, bool) {
	var name string
	switch fun := call.Fun.(type) {
	case *ast.Ident:
		name = fun.Name
		if (name == "Errorf" || name == "Warningf") && f.Name.Name != "diag" {
			return 0, false
		}
	case *ast.SelectorExpr:
		name = fun.Sel.Name
		if x, ok := fun.X.(*ast.Ident); ok && x.Name == "diag" {
			name = "diag." + name
		} else if name == "Errorf" || name == "Warningf" {
			return 0, false // fmt.Errorf, t.Errorf
		}
	default:
		return 0, false
	}
	if !strings.HasPrefix(name, "diag.") && !token.IsExported(name) {
		name = dir + ":" + name
	}
	i, ok := c[name]
	return i, ok
}

// identName is e's name when it is an identifier, else "".
func identName(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// isMessageType reports whether a composite literal's type is diag.Message.
func isMessageType(f *ast.File, e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.SelectorExpr:
		x, ok := e.X.(*ast.Ident)
		return ok && x.Name == "diag" && e.Sel.Name == "Message"
	case *ast.Ident:
		return f.Name.Name == "diag" && e.Name == "Message"
	}
	return false
}

// localIDs reports whether the variable name of body is declared there
// and only ever set to string literals, checking each with checkLit.
func localIDs(body *ast.BlockStmt, name string, checkLit func(ast.Expr) bool) bool {
	declared, ok := false, true
	ast.Inspect(body, func(n ast.Node) bool {
		as, isAssign := n.(*ast.AssignStmt)
		if !isAssign {
			return true
		}
		for i, l := range as.Lhs {
			if id, isIdent := l.(*ast.Ident); isIdent && id.Name == name {
				if as.Tok == token.DEFINE {
					declared = true
				}
				if len(as.Rhs) != len(as.Lhs) || !checkLit(as.Rhs[i]) {
					ok = false
				}
			}
		}
		return true
	})
	return declared && ok
}
