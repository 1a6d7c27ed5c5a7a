package app

import (
	"reflect"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"

	"github.com/modc-dev/modc/compiler/internal/jsmod"
)

// ref is a free identifier of a binding, with the static member accesses
// that follow it: in `X.fn.data`, name X and chain [fn, data].
type ref struct {
	name   string
	offset int // byte offset in the binding's code
	this   bool
	typeof bool // the direct operand of typeof, which may name what does not exist
	chain  []member
	// called is len(chain) when the whole chain is called (X.fn() or
	// storeValue()), else -1.
	called int
}

type member struct {
	name   string
	offset int
}

// snippet is a parsed binding.
type snippet struct {
	code string
	refs []ref
	// ret is, for statements, the byte range in code of the last statement
	// when it is an expression statement (its value is returned so the
	// runtime can await it); ret[0] < 0 otherwise.
	ret [2]int
}

// handlerPrefix turns event handler statements into one expression, so
// that jsmod.ExpressionRefs can resolve them with JavaScript's scoping.
const handlerPrefix = "async () => {"

// parseJS parses code as one expression (statements false) or as the
// statements of an async function body.
func parseJS(code string, statements bool) (*snippet, *jsmod.SyntaxError) {
	src, shift := code, 0
	if statements {
		src, shift = handlerPrefix+code+"\n}", len(handlerPrefix)
	}
	refs, err := jsmod.ExpressionRefs(src)
	if err != nil {
		se, ok := err.(*jsmod.SyntaxError)
		if !ok {
			se = &jsmod.SyntaxError{Msg: err.Error()}
		}
		out := &jsmod.SyntaxError{Offset: max(0, min(se.Offset-shift, len(code))), Msg: se.Msg}
		if se.Offset-shift >= len(code) && (strings.HasPrefix(se.Msg, "Unexpected token") || strings.HasPrefix(se.Msg, "Unexpected end")) {
			out.Msg = "unexpected end of the code" // the wrapper's closing token
		}
		if statements && se.Msg == "a binding must be one expression" {
			out.Msg, out.Offset = "the braces of the event handler do not balance", 0
		}
		return nil, out
	}
	s := &snippet{code: code, ret: [2]int{-1, -1}}
	prog, perr := parser.ParseFile(nil, "", "("+src+"\n)", 0, parser.WithDisableSourceMaps)
	if perr != nil { // ExpressionRefs parsed the same text
		return nil, &jsmod.SyntaxError{Msg: perr.Error()}
	}
	srcBase := prog.File.Base() + 1 // offsets in src
	base := srcBase + shift         // offsets in code
	want := map[int]bool{}
	for _, r := range refs {
		if !r.This {
			want[r.Offset] = true
		}
	}
	stacks := map[int][]ast.Node{}
	walkAST(prog, nil, func(n ast.Node, stack []ast.Node) {
		id, ok := n.(*ast.Identifier)
		if !ok {
			return
		}
		off := int(id.Idx) - srcBase
		if want[off] && stacks[off] == nil {
			stacks[off] = append(append([]ast.Node(nil), stack...), n)
		}
	})
	for _, r := range refs {
		out := ref{name: r.Name, offset: r.Offset - shift, this: r.This, typeof: r.Typeof, called: -1}
		if st := stacks[r.Offset]; st != nil {
			out.chain, out.called = chainOf(st, base)
		}
		s.refs = append(s.refs, out)
	}
	if statements {
		s.ret = lastExpression(prog, base)
	}
	return s, nil
}

// chainOf climbs from the identifier at the top of stack through member
// accesses with static names, and reports whether the chain is called.
func chainOf(stack []ast.Node, base int) ([]member, int) {
	var chain []member
	cur := stack[len(stack)-1]
	for i := len(stack) - 2; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.DotExpression:
			if same(p.Left, cur) {
				chain = append(chain, member{p.Identifier.Name.String(), int(p.Identifier.Idx) - base})
				cur = p
				continue
			}
		case *ast.BracketExpression:
			if lit, ok := p.Member.(*ast.StringLiteral); ok && same(p.Left, cur) {
				chain = append(chain, member{lit.Value.String(), int(lit.Idx) - base + 1})
				cur = p
				continue
			}
		case *ast.Optional:
			if same(p.Expression, cur) {
				cur = p
				continue
			}
		case *ast.OptionalChain:
			if same(p.Expression, cur) {
				cur = p
				continue
			}
		case *ast.CallExpression:
			if same(p.Callee, cur) {
				return chain, len(chain)
			}
		}
		break
	}
	return chain, -1
}

func same(e ast.Expression, n ast.Node) bool {
	return e != nil && ast.Node(e) == n
}

// lastExpression finds the last statement of the handler's body when it is
// an expression statement, as a byte range of the handler's code.
func lastExpression(prog *ast.Program, base int) [2]int {
	none := [2]int{-1, -1}
	if len(prog.Body) != 1 {
		return none
	}
	es, ok := prog.Body[0].(*ast.ExpressionStatement)
	if !ok {
		return none
	}
	arrow, ok := es.Expression.(*ast.ArrowFunctionLiteral)
	if !ok {
		return none
	}
	body, ok := arrow.Body.(*ast.BlockStatement)
	if !ok || len(body.List) == 0 {
		return none
	}
	last, ok := body.List[len(body.List)-1].(*ast.ExpressionStatement)
	if !ok {
		return none
	}
	return [2]int{int(last.Expression.Idx0()) - base, int(last.Expression.Idx1()) - base}
}

var (
	astPkgPath = reflect.TypeOf(ast.Identifier{}).PkgPath()
	// skipFields hold nodes reachable another way too.
	skipFields = map[string]bool{"DeclarationList": true}
)

// walkAST visits every node under n depth first, giving each its ancestors.
// goja's ast package has no walker; this one finds the child nodes by
// reflection, which keeps it correct for every node type.
func walkAST(n any, stack []ast.Node, visit func(n ast.Node, stack []ast.Node)) {
	v := reflect.ValueOf(n)
	if !v.IsValid() || v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return
	}
	if v.Elem().Type().PkgPath() != astPkgPath {
		return
	}
	if node, ok := n.(ast.Node); ok {
		visit(node, stack)
		stack = append(stack, node)
	}
	walkValue(v.Elem(), stack, visit)
}

func walkValue(v reflect.Value, stack []ast.Node, visit func(n ast.Node, stack []ast.Node)) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if skipFields[t.Field(i).Name] {
			continue
		}
		walkField(v.Field(i), stack, visit)
	}
}

func walkField(f reflect.Value, stack []ast.Node, visit func(n ast.Node, stack []ast.Node)) {
	switch f.Kind() {
	case reflect.Interface, reflect.Pointer:
		if !f.IsNil() {
			walkAST(f.Interface(), stack, visit)
		}
	case reflect.Slice:
		for j := 0; j < f.Len(); j++ {
			walkField(f.Index(j), stack, visit)
		}
	case reflect.Struct:
		if f.Type().PkgPath() == astPkgPath && f.CanAddr() {
			walkAST(f.Addr().Interface(), stack, visit)
		}
	}
}

// returnLast rewrites handler code so that its last expression statement
// is returned: `a(); b()` becomes `a(); return (b()\n)`. It keeps the code
// as it is when the rewrite would not parse.
func returnLast(s *snippet) string {
	a, b := s.ret[0], s.ret[1]
	if a < 0 || b <= a || b > len(s.code) {
		return s.code
	}
	out := s.code[:a] + "return (" + s.code[a:b] + "\n)" + s.code[b:]
	if _, err := jsmod.ExpressionRefs(handlerPrefix + out + "\n}"); err != nil {
		return s.code
	}
	return out
}

// names of chain members, for messages.
func chainText(name string, chain []member, n int) string {
	var b strings.Builder
	b.WriteString(name)
	for _, m := range chain[:n] {
		b.WriteString(".")
		b.WriteString(m.name)
	}
	return b.String()
}
