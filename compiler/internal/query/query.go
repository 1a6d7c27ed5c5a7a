// Package query checks the {{ }} bindings of query requests (query modules
// and a JS module's private queries): each must parse as one JS expression
// and may read only inputs (declared ones), this.params, appsmith and the
// standard JS globals.
package query

import (
	"slices"
	"sort"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/binding"
	"github.com/modc-dev/modc/compiler/internal/jslib"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/compiler/suggest"
)

// Check validates every binding of r, a request in src. inputs are the
// names the module declares; when strictInputs is set, reading an
// undeclared input is an error (query modules must declare theirs).
// libraries are the workspace's library globals; the built-in ones are
// always allowed.
func Check(src *diag.Source, r *workspace.Request, inputs []string, strictInputs bool, libraries []string) diag.List {
	var msgs diag.List
	allowed := map[string]bool{"inputs": true, "appsmith": true}
	for _, g := range jsmod.Globals {
		allowed[g] = true
	}
	for _, g := range jslib.BuiltinNames() {
		allowed[g] = true
	}
	for _, g := range libraries {
		allowed[g] = true
	}
	cands := make([]string, 0, len(allowed))
	for k := range allowed {
		cands = append(cands, k)
	}
	sort.Strings(cands)
	declared := map[string]bool{}
	for _, in := range inputs {
		declared[in] = true
	}
	for _, b := range binding.Bindings(r) {
		at := func(i, length int) diag.Location {
			off := b.OffsetOf(i)
			if off < 0 {
				return diag.Location{File: src.Path}
			}
			return src.Span(off, b.OffsetOf(i+length))
		}
		refs, err := bindingRefs(b.Code)
		if err != nil {
			se, _ := err.(*jsmod.SyntaxError)
			off := 0
			if se != nil {
				off = se.Offset
			}
			msgs.Add(diag.Errorf("query-bad-binding", at(off, 0), "invalid binding in %s: %s", b.Field, err.Error()))
			continue
		}
		for _, ref := range refs {
			switch {
			case ref.This && ref.Name == "params":
			case ref.This:
				m := diag.Errorf("query-this", at(ref.Offset, len("this")), "a query binding can only read this.params, not %s", thisText(ref.Name))
				msgs.Add(m.WithHint("pass values with run({…}) and read them as this.params.<name>"))
			case ref.Name == "inputs" && ref.Member != "" && strictInputs && !declared[ref.Member]:
				m := diag.Errorf("query-unknown-input", at(ref.MemberOffset, len(ref.Member)), "input %q is not declared in module.json", ref.Member)
				if s := suggest.Closest(ref.Member, inputs); s != "" {
					m = m.WithHint("did you mean inputs.%s?", s)
				} else {
					m = m.WithHint("declare it under \"inputs\" with a default value")
				}
				msgs.Add(m)
			case allowed[ref.Name], ref.Typeof: // typeof x asks whether x exists
			default:
				m := diag.Errorf("query-unknown-name", at(ref.Offset, len(ref.Name)), "unknown identifier %q in a query binding", ref.Name)
				if s := suggest.Closest(ref.Name, cands); s != "" {
					m = m.WithHint("did you mean %q?", s)
				} else {
					m = m.WithHint("query bindings may read inputs, this.params, appsmith and standard JS globals")
				}
				msgs.Add(m)
			}
		}
	}
	return msgs
}

// Libraries returns the library globals that r's bindings read (built-in,
// or among libraries, the workspace's), sorted; bindings that do not parse
// are skipped (Check reports them).
func Libraries(r *workspace.Request, libraries []string) []string {
	var out []string
	for name := range LibraryUses(r, libraries) {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// LibraryUses says how r's bindings read the library globals: the built-in
// ones and libraries (a workspace's).
func LibraryUses(r *workspace.Request, libraries []string) jslib.Uses {
	uses := jslib.Uses{}
	for _, b := range binding.Bindings(r) {
		refs, err := bindingRefs(b.Code)
		if err != nil {
			continue
		}
		for _, ref := range refs {
			if jslib.GlobalObject(ref.Name) && ref.Member != "" && !ref.Written {
				ref.Name, ref.Member = ref.Member, "" // window._ reads _ as a whole
			}
			if ref.This || (jslib.Builtin(ref.Name) == nil && !slices.Contains(libraries, ref.Name)) {
				continue
			}
			if ref.Member != "" && !ref.Written {
				uses.Member(ref.Name, ref.Member)
			} else {
				uses.Whole(ref.Name)
			}
		}
	}
	return uses
}

// PackageUses says how the code of p's modules reads the library globals,
// all together: a package's bundle holds each library once, and its dry
// runs load the same (main gives a module's analysed main.js by ID, nil
// for none).
func PackageUses(p *workspace.Package, main func(id string) *jsmod.Main, libraries []string) jslib.Uses {
	uses := jslib.Uses{}
	if p == nil {
		return uses
	}
	for _, m := range p.Modules {
		uses.Add(ModuleUses(m, main(m.ID()), libraries))
	}
	return uses
}

// ModuleUses says how m's code reads the library globals: its main.js
// (main, nil for none) and its requests' bindings.
func ModuleUses(m *workspace.Module, main *jsmod.Main, libraries []string) jslib.Uses {
	uses := jslib.Uses{}
	if main != nil {
		uses.Add(main.LibraryUses)
	}
	if m.Request != nil {
		uses.Add(LibraryUses(m.Request, libraries))
	}
	for _, q := range m.Queries {
		if q.Request != nil {
			uses.Add(LibraryUses(q.Request, libraries))
		}
	}
	return uses
}

func thisText(name string) string {
	if name == "" {
		return "this"
	}
	return "this." + name
}
