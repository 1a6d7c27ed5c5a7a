package jsmod

import (
	"strings"

	"github.com/dop251/goja/ast"

	"github.com/modc-dev/modc/compiler/diag"
)

// ModuleInfo is what ModuleRefs finds in a main.js.
type ModuleInfo struct {
	// Refs are the free identifiers the code reads, in source order, with
	// the property read right after each (x.y); offsets are byte offsets
	// of the file.
	Refs []Reference
	// Members are the Main object's members.
	Members []*Member
}

// ModuleRefs parses main.js and returns its free identifiers and its Main
// object's members. It checks nothing: a tool that maps another platform's
// code to a module (modc import) uses it to find the names the code
// expects its host to provide. The message says why a file that does not
// parse as a module cannot be read.
func ModuleRefs(src *diag.Source) (*ModuleInfo, *diag.Message) {
	main := &Main{Source: src, ExportOffset: -1}
	prog, msg := parseScript(src, main)
	if msg != nil {
		return nil, msg
	}
	a := &analyzer{src: src, prog: prog, main: main}
	obj := a.findMain()
	if obj == nil && len(a.msgs) > 0 {
		m := a.msgs[0]
		return nil, &m
	}
	if obj != nil {
		a.members(obj)
	}
	base := prog.File.Base()
	self := strings.TrimSuffix(mainVar, "=")
	var refs []Reference
	w := &walker{
		mainObj: obj,
		onFree: func(id *ast.Identifier, parent ast.Node) {
			name := string(id.Name)
			if name == self {
				return
			}
			r := Reference{Name: name, Offset: int(id.Idx) - base}
			if dot, ok := parent.(*ast.DotExpression); ok && dot.Left == ast.Expression(id) {
				r.Member, r.MemberOffset = string(dot.Identifier.Name), int(dot.Identifier.Idx)-base
			}
			refs = append(refs, r)
		},
		onThisMember: func(*ast.DotExpression) {},
		onArrowThis:  func(*ast.ThisExpression, string, bool) {},
	}
	w.program(prog)
	return &ModuleInfo{Refs: refs, Members: main.Members}, nil
}
