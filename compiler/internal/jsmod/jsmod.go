// Package jsmod analyses a JS module's main.js: it finds the one
// `export default { … }`, lists the Main object's members with their JSDoc,
// checks every free identifier and every `this.member`, and rewrites the
// module as a factory function so each instance gets its own state.
package jsmod

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jsdoc"
	"github.com/modc-dev/modc/compiler/internal/jslib"
	"github.com/modc-dev/modc/compiler/model"
)

// MemberKind says whether a member is a function or a variable.
type MemberKind = model.MemberKind

// Member kinds.
const (
	Function = model.Function
	Variable = model.Variable
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
	// LibraryUses says how it reads each of them: by member names only
	// (_.groupBy), which lets a bundle hold only those, or otherwise.
	LibraryUses jslib.Uses
	// Platform are the names of PlatformAPI the module reads, in its order.
	Platform []string
	// Widgets are the inputs of Env.Widgets that the module reads by their
	// bare name (Input1.text), sorted; the factory binds each to a live view
	// of inputs.<name>.
	Widgets []string
	// GlobalReads are the spans of "window." or "globalThis." in front of
	// a library's name (window._.chunk), in source order: Factory blanks
	// them, so that the code reads the library itself, which a bundle
	// holds in a variable of its own and not as a global of the page.
	GlobalReads [][2]int
}

// text returns main.js with GlobalReads blanked: each byte but line
// terminators becomes a space, so every offset stays where it was.
func (m *Main) text() string {
	if len(m.GlobalReads) == 0 {
		return m.Source.Text
	}
	b := []byte(m.Source.Text)
	for _, r := range m.GlobalReads {
		if r[0] < 0 || r[1] > len(b) || r[0] > r[1] {
			continue
		}
		for i := r[0]; i < r[1]; i++ {
			if b[i] != '\n' && b[i] != '\r' {
				b[i] = ' '
			}
		}
	}
	return string(b)
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
	// Value delimits a variable's initializer (byte offsets), Computed
	// when it is not a literal (see Factory).
	Value    [2]int `json:"-"`
	Computed bool   `json:"-"`
	// Body delimits a function's block body: the byte offsets of its "{"
	// and one past its "}"; zero for a variable and for an arrow function
	// whose body is an expression.
	Body [2]int `json:"-"`
}

// InitName is the factory's parameter that evaluates a computed
// initializer: $modcInit(this, name, () => (value)) sets this[name] to the
// value, or to undefined when it throws (reporting the error), and returns
// it. The runtimes provide it.
const InitName = "$modcInit"

// Param is one formal parameter of a function member.
type Param = model.Param

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
	"showModal", "closeModal", "resetWidget", "download", "copyToClipboard", "postWindowMessage", "fetch",
}

// InstanceAPI lists the runtime names bound per instance (the rest are globals).
var InstanceAPI = []string{"appsmith", "storeValue", "removeValue", "clearStore", "showAlert", "navigateTo", "inputs"}

// PlatformAPI lists Appsmith's platform functions, bound per instance to
// what the host does with them (an app's widgets, the createInstance
// option actions, or the dry run's records); a factory takes only those its
// module calls (Main.Platform). setInterval and clearInterval are
// Appsmith's: setInterval(fn, ms, id) keys the timer by id, replacing one
// with the same id, and clearInterval(id) clears it.
var PlatformAPI = []string{
	"showModal", "closeModal", "resetWidget", "download", "copyToClipboard", "postWindowMessage",
	"fetch", "setInterval", "clearInterval",
}

// Env is what a module's code may refer to besides the runtime API and JS globals.
type Env struct {
	Queries []string // the module's private query names
	// Libraries are the globals of the workspace's libraries (modc.json's
	// "libraries"); the built-in ones (jslib.Builtins) need no declaration.
	Libraries []string
	// Strict reports what Appsmith accepts but plain JS reads otherwise
	// (`this` in an arrow-function member or a variable's initializer).
	Strict bool
	// Widgets are inputs that the code may read by their bare name, as
	// Appsmith code reads its page's widgets (module.json's "widgets"):
	// Input1.text reads inputs.Input1.text, at the time of the read.
	Widgets []string
}

// LiveName is the factory's helper that makes the live views of its
// widget inputs (see Env.Widgets); the factory defines it itself.
const LiveName = "$modcLive"

// liveHelper defines LiveName in a factory: a view of inputs[n] whose
// properties are read when the code reads them, so that an input an app
// binds to a widget follows the widget.
const liveHelper = "const " + LiveName + " = (n) => new Proxy({}, { get: (_, k) => Object(inputs[n])[k], has: (_, k) => k in Object(inputs[n]), " +
	"ownKeys: () => Reflect.ownKeys(Object(inputs[n])), getOwnPropertyDescriptor: (_, k) => { const d = Reflect.getOwnPropertyDescriptor(Object(inputs[n]), k); if (d) d.configurable = true; return d; } })"

// Factory returns main.js as the source of a JS function expression
//
//	function ({appsmith, storeValue, …, inputs, api_one, api_two}) { … return ({ … }) }
//
// whose call builds a fresh Main object. `export default` becomes `return (`
// padded to the same length, and the parameter list is put on the first
// line, so every line keeps its number and only line 1's columns shift.
//
// When an initializer is computed (not a literal), every initializer is
// evaluated by InitName, in order, so that one may read the members before
// it through `this` and a throw (a query's data read before any run) leaves
// that variable undefined instead of failing the whole object, as in
// Appsmith. Only the columns of each value's first line shift; an object
// whose initializers are all literals keeps its factory byte for byte.
func (m *Main) Factory(env Env) string {
	names := append(append([]string(nil), InstanceAPI...), env.Queries...)
	for _, n := range PlatformAPI {
		if slices.Contains(m.Platform, n) {
			names = append(names, n)
		}
	}
	src := m.text()
	end := m.ObjectEnd
	if edited, ok := m.initializers(src); ok {
		end += len(edited) - len(src) // every edit is inside the object
		src = edited
		names = append(names, InitName)
	}
	var b strings.Builder
	b.WriteString("function ({" + strings.Join(names, ", ") + "}) {")
	if len(m.Widgets) > 0 {
		b.WriteString(liveHelper)
		for _, w := range m.Widgets {
			b.WriteString(", " + w + " = " + LiveName + "(" + strconv.Quote(w) + ")")
		}
		b.WriteString("; ")
	}
	b.WriteString(src[:m.ExportOffset])
	b.WriteString("return (")
	for _, c := range []byte(src[m.ExportOffset+len("return (") : m.ObjectOffset]) {
		if c == '\n' {
			b.WriteByte('\n')
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteString(src[m.ObjectOffset:end])
	b.WriteString(")")
	b.WriteString(src[end:])
	b.WriteString("\n}")
	return b.String()
}

// initializers returns src (main.js as Factory edits it, offsets kept)
// with every initializer wrapped in InitName, so that each is a member of
// `this` before the next is evaluated; false (and no edit) when none is
// computed.
func (m *Main) initializers(src string) (string, bool) {
	if !slices.ContainsFunc(m.Members, func(mem *Member) bool { return mem.Computed }) {
		return src, false
	}
	var b strings.Builder
	last := 0
	for _, mem := range m.Members { // in source order
		from, to := mem.Value[0], mem.Value[1]
		if to <= from || from < last || to > m.ObjectEnd {
			continue
		}
		name, _ := json.Marshal(mem.Name)
		b.WriteString(src[last:from])
		b.WriteString(InitName + "(this, " + string(name) + ", () => (")
		b.WriteString(src[from:to])
		b.WriteString("))")
		last = to
	}
	if last == 0 {
		return src, false
	}
	b.WriteString(src[last:])
	return b.String(), true
}

// WithoutBodies returns a copy of m whose function members' block bodies
// only run stub (a statement) and that otherwise has the same bytes at the
// same offsets: each body keeps its braces and line terminators, the rest
// of it becomes spaces, and stub takes the place of the first spaces on
// one line that are enough for it. A body with no room for stub is kept.
// An evaluation that never calls the functions (a dry run's top level)
// then compiles only what it runs.
func (m *Main) WithoutBodies(stub string) *Main {
	text := []byte(m.Source.Text)
	room := []byte(strings.Repeat(" ", len(stub)))
	blanked := false
	for _, mem := range m.Members {
		from, to := mem.Body[0]+1, mem.Body[1]-1 // inside the braces
		if mem.Body[1] == 0 || from < 0 || to > len(text) || to-from < len(stub) {
			continue
		}
		body := text[from:to]
		blank := make([]byte, len(body))
		for i := 0; i < len(body); i++ {
			switch c := body[i]; {
			case c == '\n' || c == '\r':
				blank[i] = c
			case c == 0xE2 && i+2 < len(body) && body[i+1] == 0x80 && (body[i+2] == 0xA8 || body[i+2] == 0xA9):
				copy(blank[i:], body[i:i+3]) // U+2028 and U+2029 end lines too
				i += 2
			default:
				blank[i] = ' '
			}
		}
		at := bytes.Index(blank, room)
		if at < 0 {
			continue
		}
		copy(blank[at:], stub)
		copy(body, blank)
		blanked = true
	}
	if !blanked {
		return m
	}
	c := *m
	c.Source = diag.NewSource(m.Source.Path, string(text))
	return &c
}

// Ident is a free identifier found in code, with its byte offset in the source analysed.
type Ident struct {
	Name   string
	Offset int
}
