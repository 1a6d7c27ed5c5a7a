// Package jsmod analyses a JS module's main.js: it finds the one
// `export default { … }`, lists the Main object's members with their JSDoc,
// checks every free identifier and every `this.member`, and rewrites the
// module as a factory function so each instance gets its own state.
package jsmod

import (
	"strings"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/jsdoc"
)

// MemberKind says whether a member is a function or a variable.
type MemberKind string

// Member kinds.
const (
	Function MemberKind = "function"
	Variable MemberKind = "variable"
)

// Main is an analysed main.js.
type Main struct {
	Source *diag.Source
	// ExportOffset is the byte offset of the `export` keyword, DefaultEnd one
	// past the `default` keyword that follows it.
	ExportOffset, DefaultEnd int
	// ObjectOffset and ObjectEnd delimit the exported object literal.
	ObjectOffset, ObjectEnd int
	Members                 []*Member
	// Libraries are the library globals the module reads (built-in, as
	// "_" or "moment", or declared by the workspace), sorted.
	Libraries []string
}

// Member is one property of the Main object.
type Member struct {
	Name      string        `json:"name"`
	Kind      MemberKind    `json:"kind"`
	Async     bool          `json:"async,omitempty"`
	Generator bool          `json:"generator,omitempty"`
	Params    []Param       `json:"params,omitempty"`
	Line      int           `json:"line"`
	Doc       *jsdoc.Doc    `json:"doc,omitempty"`
	Init      string        `json:"init,omitempty"` // a variable's initial value, as written
	Loc       diag.Location `json:"-"`
	Offset    int           `json:"-"`
}

// Param is one formal parameter of a function member.
type Param struct {
	Name    string `json:"name"`
	Default string `json:"default,omitempty"` // source text of the default value
	Rest    bool   `json:"rest,omitempty"`
}

// Signature renders a member as "name(a, b = 1, ...rest)" (functions) or "name".
func (m *Member) Signature() string {
	if m.Kind != Function {
		return m.Name
	}
	parts := make([]string, len(m.Params))
	for i, p := range m.Params {
		switch {
		case p.Rest:
			parts[i] = "..." + p.Name
		case p.Default != "":
			parts[i] = p.Name + " = " + p.Default
		default:
			parts[i] = p.Name
		}
	}
	return m.Name + "(" + strings.Join(parts, ", ") + ")"
}

// Member returns the member called name, or nil.
func (m *Main) Member(name string) *Member {
	for _, mem := range m.Members {
		if mem.Name == name {
			return mem
		}
	}
	return nil
}

// RuntimeAPI lists the names the runtime gives module code, besides JS globals.
var RuntimeAPI = []string{
	"appsmith", "storeValue", "removeValue", "clearStore", "showAlert", "navigateTo",
	"setTimeout", "clearTimeout", "setInterval", "clearInterval", "console", "atob", "btoa",
}

// InstanceAPI lists the runtime names bound per instance (the rest are globals).
var InstanceAPI = []string{"appsmith", "storeValue", "removeValue", "clearStore", "showAlert", "navigateTo", "inputs"}

// Env is what a module's code may refer to besides the runtime API and JS globals.
type Env struct {
	Queries []string // the module's private query names
	// Libraries are the globals of the workspace's libraries (modc.json's
	// "libraries"); the built-in ones (jslib.Builtins) need no declaration.
	Libraries []string
	// Strict reports what Appsmith accepts but plain JS reads otherwise
	// (`this` in an arrow-function member or a variable's initializer).
	Strict bool
}

// Factory returns main.js as the source of a JS function expression
//
//	function ({appsmith, storeValue, …, inputs, api_one, api_two}) { … return ({ … }) }
//
// whose call builds a fresh Main object. `export default` becomes `return (`
// padded to the same length, and the parameter list is put on the first
// line, so every line keeps its number and only line 1's columns shift.
func (m *Main) Factory(env Env) string {
	names := append(append([]string(nil), InstanceAPI...), env.Queries...)
	src := m.Source.Text
	var b strings.Builder
	b.WriteString("function ({" + strings.Join(names, ", ") + "}) {")
	b.WriteString(src[:m.ExportOffset])
	b.WriteString("return (")
	for _, c := range []byte(src[m.ExportOffset+len("return (") : m.ObjectOffset]) {
		if c == '\n' {
			b.WriteByte('\n')
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteString(src[m.ObjectOffset:m.ObjectEnd])
	b.WriteString(")")
	b.WriteString(src[m.ObjectEnd:])
	b.WriteString("\n}")
	return b.String()
}

// Ident is a free identifier found in code, with its byte offset in the source analysed.
type Ident struct {
	Name   string
	Offset int
}
