package jsmod

import (
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// thisKind says what `this` means where the walker is.
type thisKind int

const (
	thisTop         thisKind = iota // module level: undefined
	thisMain                        // a function member of Main (or an arrow inside one)
	thisOther                       // a nested function or class: not checked
	thisArrowMember                 // an arrow-function member of Main: the Main object, as in Appsmith
	thisInitializer                 // a variable's initializer: the Main object, as in Appsmith
)

// appsmithThis reports whether this is the Main object only because modc
// reads `this` as Appsmith does (plain JS would read undefined).
func (k thisKind) appsmithThis() bool { return k == thisArrowMember || k == thisInitializer }

type scope struct {
	parent *scope
	names  map[string]bool
}

// walker visits a program with lexical scopes and reports free identifiers
// and uses of `this`.
type walker struct {
	mainObj      *ast.ObjectLiteral
	onFree       func(id *ast.Identifier, parent ast.Node)
	onThisMember func(dot *ast.DotExpression)
	// onArrowThis is called for each `this` that means the Main object only
	// as Appsmith reads it: in an arrow-function member (initializer false)
	// or a variable's initializer.
	onArrowThis func(t *ast.ThisExpression, member string, initializer bool)
	// onBareThis, when set, is called for a `this` not followed by a member name
	// where this is thisMain.
	onBareThis func(t *ast.ThisExpression)

	sc     *scope
	this   thisKind
	member string
	// writes are the member expressions written to (assigned, ++, --,
	// deleted), seen so far.
	writes map[*ast.DotExpression]bool
}

// write records that dot is written to, before its object is visited.
func (w *walker) write(e ast.Expression) {
	if dot, ok := e.(*ast.DotExpression); ok {
		if w.writes == nil {
			w.writes = map[*ast.DotExpression]bool{}
		}
		w.writes[dot] = true
	}
}

// readMember returns the member name when id, reported with parent, is
// the object of a member expression that is only read (_.groupBy).
func (w *walker) readMember(id *ast.Identifier, parent ast.Node) (string, bool) {
	if dot, ok := parent.(*ast.DotExpression); ok && dot.Left == ast.Expression(id) && !w.writes[dot] {
		return dot.Identifier.Name.String(), true
	}
	return "", false
}

func (w *walker) push() { w.sc = &scope{parent: w.sc, names: map[string]bool{}} }
func (w *walker) pop()  { w.sc = w.sc.parent }

func (w *walker) declare(name string) { w.sc.names[name] = true }

func (w *walker) declared(name string) bool {
	for s := w.sc; s != nil; s = s.parent {
		if s.names[name] {
			return true
		}
	}
	return false
}

func (w *walker) program(p *ast.Program) {
	w.push()
	w.hoistVars(p.Body)
	w.declareLexical(p.Body)
	w.stmts(p.Body)
	w.pop()
}

// hoistVars declares the `var` names of a function body, not entering nested functions.
func (w *walker) hoistVars(list []ast.Statement) {
	for _, s := range list {
		w.hoistVarsIn(s)
	}
}

func (w *walker) hoistVarsIn(s ast.Statement) {
	switch s := s.(type) {
	case *ast.VariableStatement:
		for _, b := range s.List {
			w.declareTarget(b.Target)
		}
	case *ast.BlockStatement:
		w.hoistVars(s.List)
	case *ast.IfStatement:
		w.hoistVarsIn(s.Consequent)
		if s.Alternate != nil {
			w.hoistVarsIn(s.Alternate)
		}
	case *ast.ForStatement:
		if v, ok := s.Initializer.(*ast.ForLoopInitializerVarDeclList); ok {
			for _, b := range v.List {
				w.declareTarget(b.Target)
			}
		}
		w.hoistVarsIn(s.Body)
	case *ast.ForInStatement:
		if v, ok := s.Into.(*ast.ForIntoVar); ok {
			w.declareTarget(v.Binding.Target)
		}
		w.hoistVarsIn(s.Body)
	case *ast.ForOfStatement:
		if v, ok := s.Into.(*ast.ForIntoVar); ok {
			w.declareTarget(v.Binding.Target)
		}
		w.hoistVarsIn(s.Body)
	case *ast.WhileStatement:
		w.hoistVarsIn(s.Body)
	case *ast.DoWhileStatement:
		w.hoistVarsIn(s.Body)
	case *ast.LabelledStatement:
		w.hoistVarsIn(s.Statement)
	case *ast.WithStatement:
		w.hoistVarsIn(s.Body)
	case *ast.SwitchStatement:
		for _, c := range s.Body {
			w.hoistVars(c.Consequent)
		}
	case *ast.TryStatement:
		w.hoistVarsIn(s.Body)
		if s.Catch != nil {
			w.hoistVarsIn(s.Catch.Body)
		}
		if s.Finally != nil {
			w.hoistVarsIn(s.Finally)
		}
	}
}

// declareLexical declares the let/const/class/function names of a statement list.
func (w *walker) declareLexical(list []ast.Statement) {
	for _, s := range list {
		switch s := s.(type) {
		case *ast.LexicalDeclaration:
			for _, b := range s.List {
				w.declareTarget(b.Target)
			}
		case *ast.FunctionDeclaration:
			if s.Function.Name != nil {
				w.declare(s.Function.Name.Name.String())
			}
		case *ast.ClassDeclaration:
			if s.Class.Name != nil {
				w.declare(s.Class.Name.Name.String())
			}
		}
	}
}

// declareTarget declares every name bound by a binding target or pattern.
func (w *walker) declareTarget(t ast.Expression) {
	switch t := t.(type) {
	case *ast.Identifier:
		w.declare(t.Name.String())
	case *ast.ObjectPattern:
		for _, p := range t.Properties {
			switch p := p.(type) {
			case *ast.PropertyShort:
				w.declare(p.Name.Name.String())
			case *ast.PropertyKeyed:
				w.declareTarget(p.Value)
			}
		}
		if t.Rest != nil {
			w.declareTarget(t.Rest)
		}
	case *ast.ArrayPattern:
		for _, e := range t.Elements {
			if e != nil {
				w.declareTarget(e)
			}
		}
		if t.Rest != nil {
			w.declareTarget(t.Rest)
		}
	case *ast.AssignExpression:
		w.declareTarget(t.Left)
	case *ast.Binding:
		w.declareTarget(t.Target)
	}
}

// targetExprs visits the expressions inside a binding target: defaults and computed keys.
func (w *walker) targetExprs(t ast.Expression) {
	switch t := t.(type) {
	case *ast.ObjectPattern:
		for _, p := range t.Properties {
			switch p := p.(type) {
			case *ast.PropertyShort:
				if p.Initializer != nil {
					w.expr(p.Initializer, p)
				}
			case *ast.PropertyKeyed:
				if p.Computed {
					w.expr(p.Key, p)
				}
				w.targetExprs(p.Value)
			}
		}
		if t.Rest != nil {
			w.targetExprs(t.Rest)
		}
	case *ast.ArrayPattern:
		for _, e := range t.Elements {
			if e != nil {
				w.targetExprs(e)
			}
		}
		if t.Rest != nil {
			w.targetExprs(t.Rest)
		}
	case *ast.AssignExpression:
		w.targetExprs(t.Left)
		w.expr(t.Right, t)
	}
}

// assignTarget visits the left side of an assignment: names there are references.
func (w *walker) assignTarget(t ast.Expression, parent ast.Node) {
	switch t := t.(type) {
	case *ast.ObjectPattern:
		for _, p := range t.Properties {
			switch p := p.(type) {
			case *ast.PropertyShort:
				w.expr(&p.Name, p)
				if p.Initializer != nil {
					w.expr(p.Initializer, p)
				}
			case *ast.PropertyKeyed:
				if p.Computed {
					w.expr(p.Key, p)
				}
				w.assignTarget(p.Value, p)
			case *ast.SpreadElement:
				w.assignTarget(p.Expression, p)
			}
		}
		if t.Rest != nil {
			w.assignTarget(t.Rest, t)
		}
	case *ast.ArrayPattern:
		for _, e := range t.Elements {
			if e != nil {
				w.assignTarget(e, t)
			}
		}
		if t.Rest != nil {
			w.assignTarget(t.Rest, t)
		}
	case *ast.AssignExpression:
		w.assignTarget(t.Left, t)
		w.expr(t.Right, t)
	default:
		w.write(t)
		w.expr(t, parent)
	}
}

func (w *walker) stmts(list []ast.Statement) {
	for _, s := range list {
		w.stmt(s)
	}
}

func (w *walker) block(b *ast.BlockStatement) {
	if b == nil {
		return
	}
	w.push()
	w.declareLexical(b.List)
	w.stmts(b.List)
	w.pop()
}

func (w *walker) bindings(list []*ast.Binding) {
	for _, b := range list {
		w.targetExprs(b.Target)
		if b.Initializer != nil {
			w.expr(b.Initializer, b)
		}
	}
}

func (w *walker) stmt(s ast.Statement) {
	switch s := s.(type) {
	case nil:
	case *ast.BlockStatement:
		w.block(s)
	case *ast.ExpressionStatement:
		w.expr(s.Expression, s)
	case *ast.VariableStatement:
		w.bindings(s.List)
	case *ast.LexicalDeclaration:
		w.bindings(s.List)
	case *ast.FunctionDeclaration:
		w.function(s.Function, thisOther, "")
	case *ast.ClassDeclaration:
		w.class(s.Class)
	case *ast.IfStatement:
		w.expr(s.Test, s)
		w.stmt(s.Consequent)
		w.stmt(s.Alternate)
	case *ast.WhileStatement:
		w.expr(s.Test, s)
		w.stmt(s.Body)
	case *ast.DoWhileStatement:
		w.stmt(s.Body)
		w.expr(s.Test, s)
	case *ast.ForStatement:
		w.push()
		switch init := s.Initializer.(type) {
		case *ast.ForLoopInitializerLexicalDecl:
			for _, b := range init.LexicalDeclaration.List {
				w.declareTarget(b.Target)
			}
			w.bindings(init.LexicalDeclaration.List)
		case *ast.ForLoopInitializerVarDeclList:
			w.bindings(init.List)
		case *ast.ForLoopInitializerExpression:
			w.expr(init.Expression, s)
		}
		if s.Test != nil {
			w.expr(s.Test, s)
		}
		if s.Update != nil {
			w.expr(s.Update, s)
		}
		w.stmt(s.Body)
		w.pop()
	case *ast.ForInStatement:
		w.forInto(s.Into, s.Source, s.Body, s)
	case *ast.ForOfStatement:
		w.forInto(s.Into, s.Source, s.Body, s)
	case *ast.SwitchStatement:
		w.expr(s.Discriminant, s)
		w.push()
		for _, c := range s.Body {
			w.declareLexical(c.Consequent)
		}
		for _, c := range s.Body {
			if c.Test != nil {
				w.expr(c.Test, c)
			}
			w.stmts(c.Consequent)
		}
		w.pop()
	case *ast.TryStatement:
		w.block(s.Body)
		if s.Catch != nil {
			w.push()
			if s.Catch.Parameter != nil {
				w.declareTarget(s.Catch.Parameter)
				w.targetExprs(s.Catch.Parameter)
			}
			w.block(s.Catch.Body)
			w.pop()
		}
		w.block(s.Finally)
	case *ast.ThrowStatement:
		w.expr(s.Argument, s)
	case *ast.ReturnStatement:
		if s.Argument != nil {
			w.expr(s.Argument, s)
		}
	case *ast.LabelledStatement:
		w.stmt(s.Statement)
	case *ast.WithStatement:
		w.expr(s.Object, s)
		w.stmt(s.Body)
	}
}

func (w *walker) forInto(into ast.ForInto, source ast.Expression, body ast.Statement, parent ast.Node) {
	w.push()
	switch into := into.(type) {
	case *ast.ForDeclaration:
		w.declareTarget(into.Target)
		w.targetExprs(into.Target)
	case *ast.ForIntoVar:
		w.bindings([]*ast.Binding{into.Binding})
	case *ast.ForIntoExpression:
		w.assignTarget(into.Expression, parent)
	}
	w.expr(source, parent)
	w.stmt(body)
	w.pop()
}

func (w *walker) params(pl *ast.ParameterList) {
	if pl == nil {
		return
	}
	for _, b := range pl.List {
		w.declareTarget(b.Target)
	}
	if pl.Rest != nil {
		w.declareTarget(pl.Rest)
	}
	w.bindings(pl.List)
	if pl.Rest != nil {
		w.targetExprs(pl.Rest)
	}
}

func (w *walker) function(f *ast.FunctionLiteral, this thisKind, member string) {
	savedThis, savedMember := w.this, w.member
	w.this, w.member = this, member
	w.push()
	if f.Name != nil {
		w.declare(f.Name.Name.String())
	}
	w.declare("arguments")
	w.params(f.ParameterList)
	if f.Body != nil {
		w.hoistVars(f.Body.List)
		w.declareLexical(f.Body.List)
		w.stmts(f.Body.List)
	}
	w.pop()
	w.this, w.member = savedThis, savedMember
}

func (w *walker) arrow(f *ast.ArrowFunctionLiteral, this thisKind, member string) {
	savedThis, savedMember := w.this, w.member
	w.this, w.member = this, member
	w.push()
	w.params(f.ParameterList)
	switch b := f.Body.(type) {
	case *ast.BlockStatement:
		w.hoistVars(b.List)
		w.declareLexical(b.List)
		w.stmts(b.List)
	case *ast.ExpressionBody:
		w.expr(b.Expression, f)
	}
	w.pop()
	w.this, w.member = savedThis, savedMember
}

func (w *walker) class(c *ast.ClassLiteral) {
	savedThis := w.this
	w.push()
	if c.Name != nil {
		w.declare(c.Name.Name.String())
	}
	if c.SuperClass != nil {
		w.expr(c.SuperClass, c)
	}
	w.this = thisOther
	for _, el := range c.Body {
		switch el := el.(type) {
		case *ast.FieldDefinition:
			if el.Computed {
				w.expr(el.Key, el)
			}
			if el.Initializer != nil {
				w.expr(el.Initializer, el)
			}
		case *ast.MethodDefinition:
			if el.Computed {
				w.expr(el.Key, el)
			}
			w.function(el.Body, thisOther, "")
		case *ast.ClassStaticBlock:
			w.block(el.Block)
		}
	}
	w.this = savedThis
	w.pop()
}

func (w *walker) exprs(list []ast.Expression, parent ast.Node) {
	for _, e := range list {
		if e != nil {
			w.expr(e, parent)
		}
	}
}

func (w *walker) expr(e ast.Expression, parent ast.Node) {
	switch e := e.(type) {
	case nil:
	case *ast.Identifier:
		if !w.declared(e.Name.String()) {
			w.onFree(e, parent)
		}
	case *ast.ThisExpression:
		if w.this.appsmithThis() {
			w.onArrowThis(e, w.member, w.this == thisInitializer)
		}
		if (w.this == thisMain || w.this.appsmithThis()) && w.onBareThis != nil {
			w.onBareThis(e)
		}
	case *ast.DotExpression:
		if t, ok := e.Left.(*ast.ThisExpression); ok {
			if w.this.appsmithThis() {
				w.onArrowThis(t, w.member, w.this == thisInitializer)
			}
			if w.this == thisMain || w.this.appsmithThis() {
				w.onThisMember(e)
			}
			return
		}
		w.expr(e.Left, e)
	case *ast.PrivateDotExpression:
		w.expr(e.Left, e)
	case *ast.BracketExpression:
		w.expr(e.Left, e)
		w.expr(e.Member, e)
	case *ast.CallExpression:
		w.expr(e.Callee, e)
		w.exprs(e.ArgumentList, e)
	case *ast.NewExpression:
		w.expr(e.Callee, e)
		w.exprs(e.ArgumentList, e)
	case *ast.BinaryExpression:
		w.expr(e.Left, e)
		w.expr(e.Right, e)
	case *ast.AssignExpression:
		w.assignTarget(e.Left, e)
		w.expr(e.Right, e)
	case *ast.ConditionalExpression:
		w.expr(e.Test, e)
		w.expr(e.Consequent, e)
		w.expr(e.Alternate, e)
	case *ast.UnaryExpression:
		if e.Operator == token.INCREMENT || e.Operator == token.DECREMENT || e.Operator == token.DELETE {
			w.write(e.Operand)
		}
		w.expr(e.Operand, e)
	case *ast.SequenceExpression:
		w.exprs(e.Sequence, e)
	case *ast.ArrayLiteral:
		w.exprs(e.Value, e)
	case *ast.ObjectLiteral:
		w.object(e)
	case *ast.TemplateLiteral:
		if e.Tag != nil {
			w.expr(e.Tag, e)
		}
		w.exprs(e.Expressions, e)
	case *ast.YieldExpression:
		w.expr(e.Argument, e)
	case *ast.AwaitExpression:
		w.expr(e.Argument, e)
	case *ast.SpreadElement:
		w.expr(e.Expression, e)
	case *ast.OptionalChain:
		w.expr(e.Expression, parent)
	case *ast.Optional:
		w.expr(e.Expression, parent)
	case *ast.FunctionLiteral:
		w.function(e, thisOther, "")
	case *ast.ArrowFunctionLiteral:
		w.arrow(e, w.this, w.member)
	case *ast.ClassLiteral:
		w.class(e)
	case *ast.ObjectPattern, *ast.ArrayPattern:
		w.assignTarget(e, parent)
	}
}

func (w *walker) object(o *ast.ObjectLiteral) {
	isMain := o == w.mainObj
	for _, p := range o.Value {
		switch p := p.(type) {
		case *ast.PropertyKeyed:
			if p.Computed {
				w.expr(p.Key, p)
			}
			if !isMain {
				if f, ok := p.Value.(*ast.FunctionLiteral); ok && p.Kind != ast.PropertyKindValue {
					w.function(f, thisOther, "") // a method of a nested object
					continue
				}
				w.expr(p.Value, p)
				continue
			}
			name := keyName(p.Key)
			switch v := p.Value.(type) {
			case *ast.FunctionLiteral:
				w.function(v, thisMain, name)
			case *ast.ArrowFunctionLiteral:
				w.arrow(v, thisArrowMember, name)
			default:
				savedThis, savedMember := w.this, w.member
				w.this, w.member = thisInitializer, name
				w.expr(p.Value, p)
				w.this, w.member = savedThis, savedMember
			}
		case *ast.PropertyShort:
			w.expr(&p.Name, p)
			if p.Initializer != nil {
				w.expr(p.Initializer, p)
			}
		case *ast.SpreadElement:
			w.expr(p.Expression, p)
		}
	}
}
