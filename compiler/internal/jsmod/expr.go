package jsmod

import (
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
)

// Reference is a name an expression reads from outside itself.
type Reference struct {
	Name   string // the identifier, or the member after `this.`; "" for a bare `this`
	Offset int    // byte offset in the expression's source
	This   bool   // a use of this (this.Name, or a bare this when Name is "")
	// Member is the property read right after a free identifier (x.Member), if any.
	Member       string
	MemberOffset int
	// Written is set when that member is written to (x.Member = …).
	Written bool
	// Typeof is set for the direct operand of typeof (typeof x), which may
	// name what does not exist: reading it throws no ReferenceError.
	Typeof bool
}

// SyntaxError is a parse error in an expression, at a byte offset of it.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string { return e.Msg }

// ExpressionRefs parses code as one JS expression (a mustache binding) and
// returns its free identifiers and uses of `this`, in source order.
func ExpressionRefs(code string) ([]Reference, error) {
	const prefix = "("
	src := prefix + code + "\n)"
	prog, err := parser.ParseFile(nil, "", src, 0, parser.WithDisableSourceMaps)
	if err != nil {
		off := 0
		msg := err.Error()
		if list, ok := err.(parser.ErrorList); ok && len(list) > 0 {
			off = lineColOffset(src, list[0].Position.Line, list[0].Position.Column) - len(prefix)
			msg = list[0].Message
		}
		return nil, &SyntaxError{Offset: max(0, min(off, len(code))), Msg: msg}
	}
	if len(prog.Body) != 1 {
		return nil, &SyntaxError{Offset: 0, Msg: "a binding must be one expression"}
	}
	if _, ok := prog.Body[0].(*ast.ExpressionStatement); !ok {
		return nil, &SyntaxError{Offset: 0, Msg: "a binding must be one expression"}
	}
	base := prog.File.Base() + len(prefix)
	var refs []Reference
	var w *walker
	w = &walker{
		this: thisMain,
		onFree: func(id *ast.Identifier, parent ast.Node) {
			r := Reference{Name: id.Name.String(), Offset: int(id.Idx) - base, Typeof: isTypeofOperand(id, parent)}
			if dot, ok := parent.(*ast.DotExpression); ok && dot.Left == ast.Expression(id) {
				r.Member, r.MemberOffset, r.Written = dot.Identifier.Name.String(), int(dot.Identifier.Idx)-base, w.writes[dot]
			}
			refs = append(refs, r)
		},
		onThisMember: func(dot *ast.DotExpression) {
			refs = append(refs, Reference{Name: dot.Identifier.Name.String(), Offset: int(dot.Idx0()) - base, This: true})
		},
		onBareThis: func(t *ast.ThisExpression) {
			refs = append(refs, Reference{Offset: int(t.Idx) - base, This: true})
		},
		onArrowThis: func(*ast.ThisExpression, string, bool) {},
	}
	w.program(prog)
	return refs, nil
}

func lineColOffset(s string, line, col int) int {
	off := 0
	for l := 1; l < line && off < len(s); off++ {
		if s[off] == '\n' {
			l++
		}
	}
	for c := 1; c < col && off < len(s); c++ {
		off++
	}
	return off
}
