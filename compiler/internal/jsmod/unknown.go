package jsmod

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/suggest"
)

// A "did you mean" hint only makes sense between names of one kind: a
// misspelt runtime function is not a widget reference, and a widget's name
// is not a typo of a global constructor. The kind of an unknown name is
// judged from its shape and from how the code uses it.

// shape is what an unknown name looks like.
type shape int

const (
	shapeEntity shape = iota // ends in digits: Input1, Table1, JSObject1, Api1 — an app's entity
	shapeUpper               // capitalised: Object, Promise, JSON — a constructor or namespace
	shapeLower               // the rest: runtime functions, values, Main members
)

var endsInDigits = regexp.MustCompile(`^[\p{L}_$][\p{L}\p{N}_$]*?\p{Nd}+$`)

func shapeOf(name string) shape {
	if endsInDigits.MatchString(name) {
		return shapeEntity
	}
	if r, _ := utf8.DecodeRuneInString(name); unicode.IsUpper(r) {
		return shapeUpper
	}
	return shapeLower
}

// use is how code uses a name.
type use int

const (
	useValue  use = iota // read as a value
	useCall              // called: name(…)
	useNew               // constructed: new name(…)
	useObject            // its members read: name.x, name[x]
)

func useOf(id *ast.Identifier, parent ast.Node) use {
	self := ast.Expression(id)
	switch p := parent.(type) {
	case *ast.CallExpression:
		if p.Callee == self {
			return useCall
		}
	case *ast.NewExpression:
		if p.Callee == self {
			return useNew
		}
	case *ast.DotExpression:
		if p.Left == self {
			return useObject
		}
	case *ast.BracketExpression:
		if p.Left == self {
			return useObject
		}
	}
	return useValue
}

// objects are the lower-case names module code may have that are objects,
// not functions (queries are objects too); values are neither.
var (
	objects = map[string]bool{
		"appsmith": true, "console": true, "inputs": true, "globalThis": true,
		"_": true, "moment": true, "xmlParser": true, "forge": true,
	}
	values = map[string]bool{"undefined": true, "NaN": true, "Infinity": true}
)

// elsewhere are well-known names of what module code does not have: an
// unknown name that is one of them is not a typo, so it gets no "did you
// mean" (navigator is not navigateTo). Those modules may use are allowed
// before this is consulted.
var elsewhere = map[string]string{}

func init() {
	for what, names := range map[string]string{
		"a browser global": `navigator location history screen alert confirm prompt performance crypto
			self top parent frames opener name status indexedDB caches
			URL URLSearchParams FormData Blob File FileReader Headers Request Response WebSocket Worker
			Image Audio Event CustomEvent EventTarget TextEncoder TextDecoder AbortController
			structuredClone queueMicrotask requestAnimationFrame cancelAnimationFrame getComputedStyle
			matchMedia Notification IntersectionObserver MutationObserver ResizeObserver`,
		"a Node.js global": `global module exports Buffer __dirname __filename setImmediate clearImmediate`,
		"an Appsmith function for apps": `setFrameHeight unlistenWindowMessage windowMessageListener
			getGeoLocation watchGeoLocation stopWatch`,
	} {
		for _, n := range strings.Fields(names) {
			elsewhere[n] = what
		}
	}
}

// knownLibraries are libraries Appsmith users install, by the global their
// code reads: an unknown name that is one gets the lines that declare it
// (compiler/internal/workspace reads modc.json's "libraries").
var knownLibraries = map[string]string{
	"dayjs": "dayjs", "jsPDF": "jspdf", "jspdf": "jspdf", "XLSX": "xlsx", "Papa": "papaparse",
	"CryptoJS": "crypto-js", "numeral": "numeral", "uuid": "uuid", "luxon": "luxon",
	"QRCode": "qrcode", "JsBarcode": "jsbarcode", "jwt_decode": "jwt-decode", "jwtDecode": "jwt-decode",
	"DOMPurify": "dompurify", "Fuse": "fuse.js", "math": "mathjs", "marked": "marked",
	"Handlebars": "handlebars", "Mustache": "mustache", "JSZip": "jszip", "pako": "pako",
	"validator": "validator", "Decimal": "decimal.js", "Big": "big.js", "currency": "currency.js",
	"dateFns": "date-fns", "Chart": "chart.js", "html2canvas": "html2canvas", "bcrypt": "bcryptjs",
	"Ajv": "ajv", "yaml": "yaml", "jsyaml": "js-yaml", "he": "he", "sha256": "js-sha256",
}

// hints computes the hints for unknown names in one module, each distinct
// name and use once.
type hints struct {
	allowed map[string]bool
	queries []string
	sets    map[[2]int][]string
	cache   map[hintKey]string
}

type hintKey struct {
	name string
	use  use
}

func newHints(allowed map[string]bool, queries []string) *hints {
	return &hints{allowed: allowed, queries: queries, sets: map[[2]int][]string{}, cache: map[hintKey]string{}}
}

// candidatesFor returns the names of shape sh fit for use u. (A Main
// member is only hinted at when named exactly: see unknown.)
func (h *hints) candidatesFor(sh shape, u use) []string {
	key := [2]int{int(sh), int(u)}
	if c, ok := h.sets[key]; ok {
		return c
	}
	isQuery := map[string]bool{}
	for _, q := range h.queries {
		isQuery[q] = true
	}
	var c []string
	for name := range h.allowed {
		if shapeOf(name) != sh {
			continue
		}
		object, upper := objects[name] || isQuery[name], sh == shapeUpper
		fits := true
		switch u {
		case useCall:
			fits = !object && !values[name]
		case useNew:
			fits = upper
		case useObject:
			fits = object || upper
		}
		if fits {
			c = append(c, name)
		}
	}
	sort.Strings(c)
	h.sets[key] = c
	return c
}

// suggestion returns the "did you mean" hint for an unknown name, or "".
func (h *hints) suggestion(name string, u use) string {
	key := hintKey{name, u}
	if s, ok := h.cache[key]; ok {
		return s
	}
	s := ""
	_, library := knownLibraries[name]
	if _, known := elsewhere[name]; !known && !library {
		if best := suggest.Closest(name, h.candidatesFor(shapeOf(name), u)); best != "" {
			s = fmt.Sprintf("did you mean %q?", best)
		}
	}
	h.cache[key] = s
	return s
}

var (
	jsObjectName = regexp.MustCompile(`^JS(Object|Module)`)
	queryName    = regexp.MustCompile(`^(Api|Query|Graphql|GraphQL)\d+$`)
)

// unknown reports an unknown identifier with the hint that fits it best.
func (a *analyzer) unknown(h *hints, id *ast.Identifier, parent ast.Node, name string) {
	m := a.errorf("js-unknown-name", id, "unknown identifier %q", name)
	for _, mem := range a.main.Members {
		if mem.Name == name {
			*m = m.WithHint("%q is a member of the Main object: write this.%s", name, name)
			return
		}
	}
	if s := h.suggestion(name, useOf(id, parent)); s != "" {
		*m = m.WithHint("%s", s)
		return
	}
	if pkg, ok := knownLibraries[name]; ok {
		*m = m.WithHint("%s is the npm library %s: declare it for the workspace with these two lines, then run npm install beside modc.json", name, pkg)
		m.Notes = append(m.Notes, diag.Note{Text: fmt.Sprintf(`package.json:  "dependencies": { %q: "*" }`, pkg)}, diag.Note{Text: fmt.Sprintf(`modc.json:     "libraries": { %q: %q }`, name, pkg)})
		return
	}
	if what, ok := elsewhere[name]; ok {
		*m = m.WithHint("%s is %s, which module code cannot use", name, what)
		return
	}
	if shapeOf(name) == shapeEntity {
		*m = m.WithHint("%s", entityHint(name, parent, id))
		return
	}
	queries := ""
	if len(a.env.Queries) > 0 {
		queries = "its queries (" + strings.Join(a.env.Queries, ", ") + "), "
	}
	*m = m.WithHint("module code may use %sinputs, the runtime API (appsmith, storeValue, showAlert…) and standard JS globals", queries)
}

// entityHint explains a reference to what looks like one of an app's
// widgets, JS objects or queries, which a module cannot see, and how to
// hand the module what it needs instead.
func entityHint(name string, parent ast.Node, id *ast.Identifier) string {
	prop := ""
	if dot, ok := parent.(*ast.DotExpression); ok && dot.Left == ast.Expression(id) {
		prop = dot.Identifier.Name.String()
	}
	input, bind := "value", "{{"+name+"}}"
	if prop != "" {
		input, bind = prop, "{{"+name+"."+prop+"}}"
	}
	declare := fmt.Sprintf(`declare an input in module.json ("inputs": {%q: …}), read it as inputs.%s, and bind it in the app ("inputs": {%q: %q})`, input, input, input, bind)
	switch {
	case jsObjectName.MatchString(name):
		return fmt.Sprintf("%s looks like a JS object: a module cannot see an app's JS objects; move the code it needs into this module, or pass the values it needs as inputs, declared in module.json and bound in the app", name)
	case queryName.MatchString(name):
		return fmt.Sprintf("%s looks like an app's query: a module cannot see an app's queries; give the module its own query (queries/<name>.json), or %s", name, declare)
	}
	return fmt.Sprintf("%s looks like a widget: a module cannot see an app's widgets; %s", name, declare)
}

// isTypeofOperand says whether id is the direct operand of typeof, which
// may name what does not exist (ESLint's no-undef allows it too).
func isTypeofOperand(id *ast.Identifier, parent ast.Node) bool {
	u, ok := parent.(*ast.UnaryExpression)
	return ok && u.Operator == token.TYPEOF && u.Operand == ast.Expression(id)
}
