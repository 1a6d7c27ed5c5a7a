package jsmod

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/parser"
	"github.com/dop251/goja/token"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jsdoc"
	"github.com/modc-dev/modc/compiler/internal/jslib"
	"github.com/modc-dev/modc/compiler/suggest"
)

// mainVar replaces the 7-byte `default` keyword so that the module parses as
// a script: `export default {…}` becomes `       _$main= {…}`, same length.
const mainVar = "_$main="

// Analyze parses main.js and runs the static checks of SPEC 5.2. It returns
// nil when the file cannot be parsed or has no usable default export;
// otherwise the Main, even when some checks failed.
func Analyze(src *diag.Source, env Env) (*Main, diag.List) {
	var msgs diag.List
	main := &Main{Source: src, ExportOffset: -1}
	prog, msg := parseScript(src, main)
	if msg != nil {
		// goja stopped; esbuild words syntax errors better, and finds all of
		// them. Its check is skipped for files goja parses: it costs more
		// than the rest of the analysis.
		if m := syntaxCheck(src); len(m) > 0 {
			return nil, m
		}
		msgs.Add(*msg)
		return nil, msgs
	}
	a := &analyzer{src: src, prog: prog, env: env, main: main}
	obj := a.findMain()
	if obj == nil {
		return nil, a.msgs
	}
	a.members(obj)
	a.resolve()
	for _, m := range main.Members {
		m.own()
	}
	hintOnce(a.msgs)
	return main, a.msgs
}

// own copies the member's text, cut from main.js or from goja's copy of
// it, so that what keeps the member (a package's meta.json, the docs'
// model) does not keep the whole file: at 5,000 modules, ~20 MB of the
// docs' live heap once the workspace is dropped (Result.Compact).
func (m *Member) own() {
	m.Name, m.Init = strings.Clone(m.Name), strings.Clone(m.Init)
	m.Loc.File, m.Loc.LineText = strings.Clone(m.Loc.File), strings.Clone(m.Loc.LineText)
	if m.Params != nil {
		ps := make([]Param, len(m.Params))
		for i, p := range m.Params {
			ps[i] = Param{Name: strings.Clone(p.Name), Default: strings.Clone(p.Default), Rest: p.Rest}
		}
		m.Params = ps
	}
	if d := m.Doc; d != nil {
		c := &jsdoc.Doc{Summary: strings.Clone(d.Summary), Type: strings.Clone(d.Type)}
		for _, p := range d.Params {
			c.Params = append(c.Params, jsdoc.Param{Name: strings.Clone(p.Name), Type: strings.Clone(p.Type),
				Description: strings.Clone(p.Description), Optional: p.Optional, Default: strings.Clone(p.Default)})
		}
		if d.Returns != nil {
			c.Returns = &jsdoc.Returns{Type: strings.Clone(d.Returns.Type), Description: strings.Clone(d.Returns.Description)}
		}
		for _, e := range d.Examples {
			c.Examples = append(c.Examples, strings.Clone(e))
		}
		if d.Deprecated != nil {
			s := strings.Clone(*d.Deprecated)
			c.Deprecated = &s
		}
		m.Doc = c
	}
}

// hintOnce keeps a hint on the first of the messages that say the same
// with the same hints (Table1 read in ten places): the later ones point
// at it instead of repeating it.
func hintOnce(msgs diag.List) {
	order := make([]int, len(msgs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := msgs[order[i]].Location, msgs[order[j]].Location
		return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
	})
	first := map[string]diag.Location{}
	for _, i := range order {
		m := &msgs[i]
		key := m.Text
		for _, n := range m.Notes {
			if n.Location != nil {
				key = ""
				break
			}
			key += "\x00" + n.Text
		}
		if key == "" || len(m.Notes) == 0 {
			continue
		}
		if loc, ok := first[key]; ok {
			m.Notes = []diag.Note{{Text: "see the hint at the first occurrence", Location: &loc}}
			continue
		}
		first[key] = m.Location
	}
}

// syntaxCheck runs esbuild over the file: its syntax errors are precise and well worded.
func syntaxCheck(src *diag.Source) diag.List {
	r := api.Transform(src.Text, api.TransformOptions{
		Loader:     api.LoaderJS,
		Sourcefile: src.Path,
		Format:     api.FormatESModule,
		LogLevel:   api.LogLevelSilent,
	})
	var out diag.List
	for _, e := range r.Errors {
		out.Add(FromEsbuild(src, e))
	}
	return out
}

// FromEsbuild converts an esbuild message about src into a diagnostic.
func FromEsbuild(src *diag.Source, e api.Message) diag.Message {
	m := diag.Message{Severity: diag.Error, ID: "js-syntax", Text: e.Text, Location: diag.Location{File: src.Path}}
	if e.Location != nil {
		off := src.Offset(e.Location.Line, 1) + e.Location.Column
		m.Location = src.Span(off, off+e.Location.Length)
	}
	for _, n := range e.Notes {
		if n.Location != nil {
			off := src.Offset(n.Location.Line, 1) + n.Location.Column
			m = m.WithNote(src.Loc(off), "%s", n.Text)
		} else if n.Text != "" {
			m = m.WithHint("%s", n.Text)
		}
	}
	return m
}

// parseScript parses main.js with goja. goja parses scripts, not modules, so
// each `export` it stops at is checked and, for the one `export default`,
// blanked to an assignment of the same length before parsing again.
func parseScript(src *diag.Source, main *Main) (*ast.Program, *diag.Message) {
	text := []byte(src.Text)
	for attempt := 0; attempt < 4; attempt++ {
		prog, err := parser.ParseFile(nil, src.Path, string(text), 0, parser.WithDisableSourceMaps)
		if err == nil {
			if main.ExportOffset < 0 {
				m := diag.Errorf("js-no-default-export", src.Loc(0), "main.js has no default export").WithHint("a JS module is `export default { … }`: an object literal with its functions and variables")
				return nil, &m
			}
			return prog, nil
		}
		off := errorOffset(src, err)
		switch {
		case hasWordAt(src.Text, off, "export"):
			next := skipSpaceAndComments(src.Text, off+len("export"))
			if !hasWordAt(src.Text, next, "default") {
				m := diag.Errorf("js-named-export", src.Span(off, off+len("export")), "named exports are not supported").WithHint("a JS module has exactly one export: `export default { … }`; make this a member of that object")
				return nil, &m
			}
			if main.ExportOffset >= 0 {
				m := diag.Errorf("js-many-default-exports", src.Span(off, next+len("default")), "more than one default export").WithNote(src.Loc(main.ExportOffset), "the first default export is here")
				return nil, &m
			}
			main.ExportOffset, main.DefaultEnd = off, next+len("default")
			copy(text[off:], strings.Repeat(" ", len("export")))
			copy(text[next:], mainVar)
		case hasWordAt(src.Text, off, "import"):
			m := diag.Errorf("js-import", src.Span(off, off+len("import")), "modules cannot import other code").WithHint("everything a module uses is in main.js, its queries and the runtime API; apps combine modules")
			return nil, &m
		default:
			m := diag.Errorf("js-unsupported-syntax", src.Loc(off), "%s", parseErrorText(err)).WithHint("esbuild accepts this syntax but the dry-run engine (goja) does not; please rewrite it")
			return nil, &m
		}
	}
	m := diag.Errorf("js-syntax", src.Loc(0), "could not parse main.js")
	return nil, &m
}

func errorOffset(src *diag.Source, err error) int {
	if list, ok := err.(parser.ErrorList); ok && len(list) > 0 {
		// goja counts columns in bytes, diag.Source in characters.
		p := list[0].Position
		return min(src.Offset(p.Line, 1)+max(p.Column-1, 0), len(src.Text))
	}
	return 0
}

func parseErrorText(err error) string {
	if list, ok := err.(parser.ErrorList); ok && len(list) > 0 {
		return list[0].Message
	}
	return err.Error()
}

func hasWordAt(s string, off int, word string) bool {
	if off < 0 || !strings.HasPrefix(s[off:], word) {
		return false
	}
	end := off + len(word)
	return end == len(s) || !isIdentChar(s[end])
}

func isIdentChar(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func skipSpaceAndComments(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r':
			i++
		case strings.HasPrefix(s[i:], "//"):
			if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
				i += j
			} else {
				return len(s)
			}
		case strings.HasPrefix(s[i:], "/*"):
			if j := strings.Index(s[i+2:], "*/"); j >= 0 {
				i += j + 4
			} else {
				return len(s)
			}
		default:
			return i
		}
	}
	return i
}

type analyzer struct {
	src  *diag.Source
	prog *ast.Program
	env  Env
	main *Main
	msgs diag.List
	obj  *ast.ObjectLiteral
}

func (a *analyzer) off(idx file.Idx) int { return int(idx) - a.prog.File.Base() }

// span returns the byte offsets of n's start and end.
func (a *analyzer) span(n ast.Node) [2]int {
	return [2]int{a.off(n.Idx0()), a.off(n.Idx1())}
}

func (a *analyzer) loc(n ast.Node) diag.Location {
	return a.src.Span(a.off(n.Idx0()), a.off(n.Idx1()))
}

func (a *analyzer) text(n ast.Node) string {
	s, e := a.off(n.Idx0()), a.off(n.Idx1())
	if s < 0 || e > len(a.src.Text) || s > e {
		return ""
	}
	return a.src.Text[s:e]
}

func (a *analyzer) errorf(id string, n ast.Node, format string, args ...any) *diag.Message {
	a.msgs.Add(diag.Errorf(id, a.loc(n), format, args...))
	return &a.msgs[len(a.msgs)-1]
}

func (a *analyzer) warnf(id string, n ast.Node, format string, args ...any) *diag.Message {
	a.msgs.Add(diag.Warningf(id, a.loc(n), format, args...))
	return &a.msgs[len(a.msgs)-1]
}

// findMain returns the exported object literal.
func (a *analyzer) findMain() *ast.ObjectLiteral {
	for _, st := range a.prog.Body {
		es, ok := st.(*ast.ExpressionStatement)
		if !ok {
			continue
		}
		as, ok := es.Expression.(*ast.AssignExpression)
		if !ok {
			continue
		}
		if id, ok := as.Left.(*ast.Identifier); !ok || id.Name.String() != strings.TrimSuffix(mainVar, "=") {
			continue
		}
		obj, ok := as.Right.(*ast.ObjectLiteral)
		if !ok {
			a.errorf("js-main-not-object", as.Right, "the default export must be an object literal `{ … }`, not %s", describe(as.Right)).Notes = []diag.Note{{Text: "write `export default { name() { … }, value: 1 }`: the Main object's members are what apps bind to"}}
			return nil
		}
		a.main.ObjectOffset, a.main.ObjectEnd = a.off(obj.Idx0()), a.off(obj.Idx1())
		a.obj = obj
		return obj
	}
	a.msgs.Add(diag.Errorf("js-no-default-export", a.src.Loc(a.main.ExportOffset), "could not find the default export"))
	return nil
}

func describe(e ast.Expression) string {
	switch e := e.(type) {
	case *ast.FunctionLiteral:
		return "a function"
	case *ast.ArrowFunctionLiteral:
		return "an arrow function"
	case *ast.ClassLiteral:
		return "a class"
	case *ast.ArrayLiteral:
		return "an array"
	case *ast.StringLiteral, *ast.TemplateLiteral:
		return "a string"
	case *ast.NumberLiteral:
		return "a number"
	case *ast.BooleanLiteral:
		return "a boolean"
	case *ast.NullLiteral:
		return "null"
	case *ast.Identifier:
		return fmt.Sprintf("the variable %q", e.Name.String())
	case *ast.CallExpression:
		return "a function call"
	}
	return "an expression"
}

// members lists the Main object's members with their docs.
func (a *analyzer) members(obj *ast.ObjectLiteral) {
	seen := map[string]*Member{}
	for _, p := range obj.Value {
		var mem *Member
		switch p := p.(type) {
		case *ast.PropertyKeyed:
			if p.Computed {
				a.errorf("js-computed-member", p.Key, "computed member names are not supported").Notes = []diag.Note{{Text: "apps refer to members by name, so each needs a plain name"}}
				continue
			}
			name := keyName(p.Key)
			mem = &Member{Name: name, Offset: a.off(p.Key.Idx0()), Loc: a.loc(p.Key)}
			switch p.Kind {
			case ast.PropertyKindGet, ast.PropertyKindSet:
				a.errorf("js-accessor", p.Key, "getters and setters are not supported in the Main object").Notes = []diag.Note{{Text: "use a function or a variable"}}
				continue
			}
			switch v := p.Value.(type) {
			case *ast.FunctionLiteral:
				mem.Kind, mem.Async, mem.Generator = Function, v.Async, v.Generator
				mem.Params = a.params(v.ParameterList)
				if v.Body != nil {
					mem.Body = a.span(v.Body)
				}
			case *ast.ArrowFunctionLiteral:
				mem.Kind, mem.Async = Function, v.Async
				mem.Params = a.params(v.ParameterList)
				if b, ok := v.Body.(*ast.BlockStatement); ok {
					mem.Body = a.span(b)
				}
			default:
				mem.Kind = Variable
				mem.Init = a.text(p.Value)
				mem.Value = [2]int{a.off(p.Value.Idx0()), a.off(p.Value.Idx1())}
				mem.Computed = !constant(p.Value)
			}
		case *ast.PropertyShort:
			mem = &Member{Name: p.Name.Name.String(), Kind: Variable, Init: p.Name.Name.String(), Offset: a.off(p.Name.Idx), Loc: a.loc(&p.Name)}
		case *ast.SpreadElement:
			a.errorf("js-spread", p, "spreading into the Main object is not supported").Notes = []diag.Note{{Text: "list each member explicitly so apps and docs can see it"}}
			continue
		default:
			continue
		}
		mem.Line = mem.Loc.Line
		if prev := seen[mem.Name]; prev != nil {
			a.msgs.Add(diag.Errorf("js-duplicate-member", mem.Loc, "duplicate member %q", mem.Name).WithNote(prev.Loc, "%q is first defined here", mem.Name))
			continue
		}
		seen[mem.Name] = mem
		mem.Doc = docAbove(a.src.Text, a.memberStart(p))
		a.main.Members = append(a.main.Members, mem)
	}
}

// constant reports whether e is a literal that reads nothing: a string,
// number, boolean, null, regexp or template without substitutions, or an
// array or object of them.
func constant(e ast.Expression) bool {
	switch e := e.(type) {
	case *ast.StringLiteral, *ast.NumberLiteral, *ast.BooleanLiteral, *ast.NullLiteral, *ast.RegExpLiteral:
		return true
	case *ast.TemplateLiteral:
		return e.Tag == nil && len(e.Expressions) == 0
	case *ast.UnaryExpression:
		_, num := e.Operand.(*ast.NumberLiteral)
		return num && (e.Operator == token.MINUS || e.Operator == token.PLUS)
	case *ast.ArrayLiteral:
		for _, v := range e.Value {
			if v != nil && !constant(v) {
				return false
			}
		}
		return true
	case *ast.ObjectLiteral:
		for _, p := range e.Value {
			k, ok := p.(*ast.PropertyKeyed)
			if !ok || k.Computed || k.Kind != ast.PropertyKindValue || !constant(k.Value) {
				return false
			}
		}
		return true
	}
	return false
}

// memberStart is where a member begins, including an `async` or `*` prefix.
func (a *analyzer) memberStart(p ast.Property) int {
	off := a.off(p.Idx0())
	if pk, ok := p.(*ast.PropertyKeyed); ok {
		if fl, ok := pk.Value.(*ast.FunctionLiteral); ok && pk.Kind == ast.PropertyKindMethod {
			if s := a.off(fl.Function); s >= 0 && s < off {
				off = s
			}
		}
	}
	return off
}

func keyName(k ast.Expression) string {
	switch k := k.(type) {
	case *ast.StringLiteral:
		return k.Value.String()
	case *ast.NumberLiteral:
		return k.Literal
	case *ast.Identifier:
		return k.Name.String()
	}
	return "?"
}

func (a *analyzer) params(pl *ast.ParameterList) []Param {
	if pl == nil {
		return nil
	}
	var out []Param
	for _, b := range pl.List {
		p := Param{Name: a.text(b.Target)}
		if b.Initializer != nil {
			p.Default = a.text(b.Initializer)
		}
		out = append(out, p)
	}
	if pl.Rest != nil {
		out = append(out, Param{Name: a.text(pl.Rest), Rest: true})
	}
	return out
}

// docAbove returns the JSDoc block (or the prose of a run of // line
// comments, see jsdoc.Lines) that ends right before off, separated from it
// by whitespace only.
func docAbove(src string, off int) *jsdoc.Doc {
	i := off
	for i > 0 && strings.ContainsRune(" \t\r\n", rune(src[i-1])) {
		i--
	}
	before := src[:i]
	if strings.HasSuffix(before, "*/") {
		start := strings.LastIndex(before, "/*")
		if start < 0 || !strings.HasPrefix(before[start:], "/**") {
			return nil
		}
		return jsdoc.Parse(before[start:])
	}
	// A run of // comments, each on its own line.
	var lines []string
	for {
		ls := strings.LastIndexByte(before, '\n') + 1
		line := strings.TrimSpace(before[ls:])
		if !strings.HasPrefix(line, "//") {
			break
		}
		lines = append([]string{strings.TrimPrefix(line, "//")}, lines...)
		if ls == 0 {
			break
		}
		before = strings.TrimRight(before[:ls-1], " \t\r")
	}
	// Banners and commented-out code describe nothing.
	return jsdoc.Lines(lines)
}

// names returns the candidates for "did you mean" at a reference.
func (a *analyzer) allowed() map[string]bool {
	m := map[string]bool{"inputs": true}
	for _, n := range RuntimeAPI {
		m[n] = true
	}
	for _, n := range Globals {
		m[n] = true
	}
	for _, n := range BrowserGlobals {
		m[n] = true
	}
	for _, n := range a.env.Queries {
		m[n] = true
	}
	for _, n := range jslib.BuiltinNames() {
		m[n] = true
	}
	for _, n := range a.env.Libraries {
		m[n] = true
	}
	for _, n := range a.env.Widgets {
		m[n] = true
	}
	return m
}

// isLibrary reports whether name is the global of a built-in library or
// of one the workspace declares.
func (a *analyzer) isLibrary(name string) bool {
	return jslib.Builtin(name) != nil || slices.Contains(a.env.Libraries, name)
}

// useLibrary records that the module reads the library global name, at
// id with parent: by a member name (_.groupBy) or otherwise.
func (a *analyzer) useLibrary(w *walker, name string, id *ast.Identifier, parent ast.Node) {
	whole := false
	if jslib.GlobalObject(name) {
		// window._ reads _ (as a whole: the analysis follows no further).
		// A bundle's libraries are not globals of the page, so Factory
		// blanks "window." and the code reads the library itself — unless
		// the name is a local one here.
		member, ok := w.readMember(id, parent)
		if !ok || w.declared(member) || !a.isLibrary(member) {
			return
		}
		a.main.GlobalReads = append(a.main.GlobalReads, [2]int{a.off(id.Idx0()), a.off(parent.(*ast.DotExpression).Identifier.Idx0())})
		name, whole = member, true
	}
	if !a.isLibrary(name) {
		return
	}
	if !slices.Contains(a.main.Libraries, name) {
		a.main.Libraries = append(a.main.Libraries, name)
		sort.Strings(a.main.Libraries)
	}
	if a.main.LibraryUses == nil {
		a.main.LibraryUses = jslib.Uses{}
	}
	if member, ok := w.readMember(id, parent); ok && !whole {
		a.main.LibraryUses.Member(name, member)
	} else {
		a.main.LibraryUses.Whole(name)
	}
}

// useWidget records that the module reads the widget input name.
func (a *analyzer) useWidget(name string) {
	if slices.Contains(a.env.Widgets, name) && !slices.Contains(a.main.Widgets, name) {
		a.main.Widgets = append(a.main.Widgets, name)
		sort.Strings(a.main.Widgets)
	}
}

// resolve checks every free identifier and every this.member in the file.
func (a *analyzer) resolve() {
	allowed := a.allowed()
	queries := map[string]bool{}
	for _, q := range a.env.Queries {
		queries[q] = true
	}
	members := map[string]bool{}
	var memberNames []string
	for _, m := range a.main.Members {
		members[m.Name] = true
		memberNames = append(memberNames, m.Name)
	}
	h := newHints(allowed, a.env.Queries)
	memberHints := map[string]string{} // this.name → closest member, once per name
	var w *walker
	w = &walker{
		mainObj: a.obj,
		onFree: func(id *ast.Identifier, parent ast.Node) {
			name := id.Name.String()
			if name == strings.TrimSuffix(mainVar, "=") || allowed[name] {
				a.useLibrary(w, name, id, parent)
				a.useWidget(name)
				if slices.Contains(PlatformAPI, name) && !slices.Contains(a.main.Platform, name) {
					a.main.Platform = append(a.main.Platform, name)
				}
				if dot, ok := parent.(*ast.DotExpression); ok && queries[name] && dot.Left == ast.Expression(id) {
					a.checkQueryMember(name, dot)
				}
				return
			}
			if isTypeofOperand(id, parent) {
				return
			}
			if why, bad := forbidden[name]; bad {
				a.errorf("js-forbidden-name", id, "%q is not available to modules", name).Notes = []diag.Note{{Text: why}}
				return
			}
			a.unknown(h, id, parent, name)
		},
		onThisMember: func(dot *ast.DotExpression) {
			name := dot.Identifier.Name.String()
			if members[name] {
				return
			}
			m := a.errorf("js-unknown-member", &dot.Identifier, "the Main object has no member %q", name)
			s, ok := memberHints[name]
			if !ok {
				s = suggest.Closest(name, memberNames)
				memberHints[name] = s
			}
			if s != "" {
				*m = m.WithHint("did you mean this.%s?", s)
			}
		},
		onArrowThis: func(t *ast.ThisExpression, member string, initializer bool) {
			if !a.env.Strict {
				return // Appsmith reads it as the Main object, and so does modc
			}
			if initializer {
				m := a.warnf("js-this-outside-method", t, "`this` in the initializer of %q is the Main object only in Appsmith", member)
				m.Notes = []diag.Note{{Text: "modc reads it as Appsmith does (the object under construction); plain JS reads undefined"}}
				return
			}
			m := a.warnf("js-this-outside-method", t, "`this` in the arrow function %q is the Main object only in Appsmith", member)
			m.Notes = []diag.Note{{Text: fmt.Sprintf("modc reads it as Appsmith does; to be plain JS, write it as a method: %s() { … }", member)}}
		},
	}
	w.program(a.prog)
}

func (a *analyzer) checkQueryMember(q string, dot *ast.DotExpression) {
	name := dot.Identifier.Name.String()
	for _, m := range queryMembers {
		if m == name {
			return
		}
	}
	m := a.errorf("js-unknown-query-property", &dot.Identifier, "query %s has no property %q", q, name)
	if s := suggest.Closest(name, queryMembers); s != "" {
		*m = m.WithHint("did you mean %s.%s?", q, s)
	} else {
		*m = m.WithHint("a query has run(params), data, responseMeta and isLoading")
	}
}
