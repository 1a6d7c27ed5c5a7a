package app

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/binding"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/jsonpos"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/compiler/suggest"
)

// compiled is one app, checked and compiled, ready to be emitted.
type compiled struct {
	f        *file
	manifest *Manifest
	bindings []*bnd // data bindings then handlers, in file order
	versions map[string]string
	stats    Stats
}

// bnd is one compiled binding: a data property or instance input with at
// least one {{ }}, or an event handler.
type bnd struct {
	id    string
	owner string // "Title.text", "GetUsers1.inputs.limit", "Refresh.onClick"
	event bool
	w     *widget
	prop  string
	inst  *instance
	node  *jsonpos.Node
	// js is the compiled expression (data) or statements (events).
	js string
	// names are the entities the code names, destructured from the app's
	// environment; reads are the keys of the values it reads.
	names []string
	reads []string
	// readAt is where each key is first read, for messages about cycles.
	readAt map[string]diag.Location
	// pieces map the compiled code back to app.json: byte offsets in js
	// and the file offsets they come from.
	pieces []piece
	loc    diag.Location
}

// piece is a run of n bytes of js, from byte js on, copied from the
// decoded JSON string node from byte start on.
type piece struct {
	js    int
	node  *jsonpos.Node
	start int
	n     int
}

// compiler compiles one app.
type compiler struct {
	ws    *workspace.Workspace
	mains map[string]*jsmod.Main
	opts  Options
	f     *file

	instances map[string]*instance
	widgets   map[string]*widget
	out       *compiled
	byOwner   map[string]*bnd // data bindings by owner ("Title.text")
	handlers  map[string]*bnd // handlers by owner ("Refresh.onClick")
}

// The runtime API as bindings see it.
var (
	// actions may only be called from event handlers.
	actions = []string{"storeValue", "removeValue", "clearStore", "showAlert", "navigateTo", "showModal", "closeModal", "resetWidget"}
	// itemNames are what the bindings of the widgets of a list's template
	// read of the item they show.
	itemNames = []string{"currentItem", "currentIndex", "currentView"}
	// browserGlobals are available to bindings besides jsmod.Globals.
	browserGlobals = []string{"console", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "atob", "btoa"}
	// appsmithMembers are the properties of appsmith.
	appsmithMembers = []string{"URL", "mode", "store", "user"}
	// queryMembers are the properties of a query module instance.
	queryMembers = []string{"data", "isLoading", "responseMeta", "run"}
	// responseMetaMembers are the properties of a query's responseMeta.
	responseMetaMembers = []string{"headers", "isExecutionSuccess", "statusCode"}
	// functionMembers are what a binding may read on a module function.
	functionMembers = []string{"apply", "bind", "call", "data", "length", "name"}
	// forbidden names, with the reason.
	forbidden = map[string]string{
		"eval":           "apps run under a CSP without unsafe-eval, so eval is not available",
		"Function":       "apps run under a CSP without unsafe-eval, so the Function constructor is not available",
		"window":         "bindings reach the page through widgets and the runtime API, not window",
		"document":       "bindings reach the page through widgets, not document",
		"localStorage":   "use storeValue(key, value) and appsmith.store",
		"sessionStorage": "use storeValue(key, value, false) and appsmith.store",
		"fetch":          "apps reach the network through the queries of their modules",
		"XMLHttpRequest": "apps reach the network through the queries of their modules",
		"require":        "apps cannot import code; put it in a module",
		"process":        "there is no process object in the browser",
		"inputs":         "inputs is what a module's code reads; give an instance its inputs in \"instances\"",
	}
	allowedGlobals = func() map[string]bool {
		m := map[string]bool{}
		for _, g := range jsmod.Globals {
			m[g] = true
		}
		for _, g := range browserGlobals {
			m[g] = true
		}
		return m
	}()
)

// envName is the parameter compiled bindings receive the entities in.
const envName = "__modc_env"

func compile(ws *workspace.Workspace, mains map[string]*jsmod.Main, opts Options, f *file) *compiled {
	c := &compiler{
		ws: ws, mains: mains, opts: opts, f: f,
		instances: map[string]*instance{},
		widgets:   map[string]*widget{},
		out:       &compiled{f: f, versions: map[string]string{}},
		byOwner:   map[string]*bnd{},
		handlers:  map[string]*bnd{},
	}
	c.out.stats = Stats{App: f.name, Pages: len(f.pages)}
	c.declare()
	c.resolvePackages()
	c.resolveInstances()
	c.compileInstances()
	c.compileWidgets()
	order := c.order()
	load := c.loadOrder()
	c.out.manifest = c.manifest(order, load)
	return c.out
}

// declare registers instance and widget names, reporting clashes.
func (c *compiler) declare() {
	f := c.f
	taken := func(name string) string {
		switch {
		case strings.HasPrefix(name, "__modc"):
			return "names starting with __modc are reserved"
		case name == "appsmith" || contains(actions, name):
			return fmt.Sprintf("%s is part of the runtime API", name)
		case contains(itemNames, name):
			return fmt.Sprintf("%s is what the widgets of a list read of their item", name)
		case allowedGlobals[name]:
			return fmt.Sprintf("%s is a JavaScript global", name)
		case forbidden[name] != "":
			return fmt.Sprintf("%s is a global name bindings cannot use", name)
		}
		return ""
	}
	for _, in := range f.instances {
		loc := f.keyLoc(in.field)
		switch {
		case !workspace.IsIdentifier(in.name):
			f.errorf("app-bad-name", loc, "instance name %q is not a JavaScript identifier", in.name)
		case taken(in.name) != "":
			f.errorf("app-name-taken", loc, "instance name %q is taken: %s", in.name, taken(in.name))
		default:
			c.instances[in.name] = in
		}
	}
	first := map[string]*widget{}
	f.walkWidgets(func(w *widget) {
		c.out.stats.Widgets++
		loc := f.loc(w.nameNode)
		switch {
		case !workspace.IsIdentifier(w.name):
			f.errorf("app-bad-name", loc, "widget name %q is not a JavaScript identifier", w.name)
		case taken(w.name) != "":
			f.errorf("app-name-taken", loc, "widget name %q is taken: %s", w.name, taken(w.name))
		case c.instances[w.name] != nil:
			f.msgs.Add(diag.Errorf("app-name-taken", loc, "widget name %q is already the name of an instance", w.name).
				WithNote(f.keyLoc(c.instances[w.name].field), "the instance"))
		case first[w.name] != nil:
			m := diag.Errorf("app-duplicate-widget", loc, "duplicate widget name %q", w.name)
			if p := first[w.name].page; p != w.page {
				m = m.WithNote(f.loc(first[w.name].nameNode), "the first widget of that name, on page %q (widget names are unique in the app)", p.name)
			} else {
				m = m.WithNote(f.loc(first[w.name].nameNode), "the first widget of that name")
			}
			f.msgs.Add(m)
		default:
			first[w.name] = w
			c.widgets[w.name] = w
		}
	})
}

// resolvePackages resolves each package's range to a version.
func (c *compiler) resolvePackages() {
	for _, p := range c.f.packages {
		if v, ok := c.resolveVersion(p); ok {
			c.out.versions[p.name] = v
		}
	}
}

// resolveInstances finds each instance's module and checks its settings.
func (c *compiler) resolveInstances() {
	f := c.f
	var ids []string
	modules := map[string]*workspace.Module{}
	for _, p := range c.ws.Packages {
		for _, m := range p.Modules {
			ids = append(ids, m.ID())
			modules[m.ID()] = m
		}
	}
	for _, in := range f.instances {
		if in.moduleNode == nil || in.module == "" {
			continue
		}
		loc := f.loc(in.moduleNode)
		in.mod = modules[in.module]
		if in.mod == nil {
			m := diag.Errorf("unknown-module", loc, "no module %q in the workspace", in.module)
			if s := suggest.Closest(in.module, ids); s != "" {
				m = m.WithHint("did you mean %q?", s)
			} else if !strings.Contains(in.module, "/") {
				m = m.WithHint(`name a module as "<package>/<module>"`)
			}
			f.msgs.Add(m)
			continue
		}
		in.pkg = f.pkg(in.mod.Package)
		if in.pkg == nil {
			f.errorf("app-package-not-listed", loc, "package %q of module %s is not in the app's \"packages\"", in.mod.Package, in.module).
				Notes = []diag.Note{{Text: fmt.Sprintf(`add "%s": "workspace" (or a semver range) to "packages"`, in.mod.Package)}}
		} else {
			in.pkg.used = true
		}
		fns := c.functions(in)
		check := func(list []*jsonpos.Node, key string) {
			for _, n := range list {
				if contains(fns, n.Str) {
					continue
				}
				m := diag.Errorf("app-unknown-function", f.loc(n), "%s has no function %q to list in %q", in.module, n.Str, key)
				if main := c.mains[in.mod.ID()]; main != nil && main.Member(n.Str) != nil {
					m = diag.Errorf("app-unknown-function", f.loc(n), "%q is a variable of %s, not a function", n.Str, in.module)
				} else if s := suggest.Closest(n.Str, fns); s != "" {
					m = m.WithHint("did you mean %q?", s)
				} else if len(fns) > 0 {
					m = m.WithHint("its functions: %s", strings.Join(fns, ", "))
				}
				f.msgs.Add(m)
			}
		}
		if in.mod.Kind == workspace.KindJS && c.mains[in.mod.ID()] == nil {
			continue // main.js has errors of its own
		}
		check(in.runOnPageLoad, "runOnPageLoad")
		check(in.confirm, "confirmBeforeCall")
	}
	for _, p := range f.packages {
		if !p.used && c.ws.Package(p.name) != nil {
			f.msgs.Add(diag.Warningf("app-unused-package", f.keyLoc(p.field), "package %q is not used by any instance", p.name))
		}
	}
}

// functions lists what an instance can run: a JS module's functions, or
// "run" for a query module.
func (c *compiler) functions(in *instance) []string {
	if in.mod == nil {
		return nil
	}
	if in.mod.Kind == workspace.KindQuery {
		return []string{"run"}
	}
	var out []string
	if main := c.mains[in.mod.ID()]; main != nil {
		for _, m := range main.Members {
			if m.Kind == jsmod.Function {
				out = append(out, m.Name)
			}
		}
	}
	return out
}

// settings returns the per-function settings of an instance: the module's,
// replaced by the instance's lists where app.json gives them.
func (c *compiler) settings(in *instance) map[string]FunctionSettings {
	out := map[string]FunctionSettings{}
	for _, fn := range c.functions(in) {
		var s FunctionSettings
		for _, ms := range in.mod.Settings {
			if ms.Function == fn {
				s.RunOnPageLoad, s.ConfirmBeforeCall = ms.RunOnPageLoad, ms.Confirm
			}
		}
		if in.hasLoad {
			s.RunOnPageLoad = listed(in.runOnPageLoad, fn)
		}
		if in.hasConfirm {
			s.ConfirmBeforeCall = listed(in.confirm, fn)
		}
		if s != (FunctionSettings{}) {
			out[fn] = s
		}
	}
	return out
}

func listed(list []*jsonpos.Node, s string) bool {
	for _, n := range list {
		if n.Str == s {
			return true
		}
	}
	return false
}

// compileInstances compiles the bindings of instance inputs.
func (c *compiler) compileInstances() {
	f := c.f
	for _, in := range f.instances {
		if in.mod == nil {
			continue
		}
		var declared []string
		for _, i := range in.mod.Inputs {
			declared = append(declared, i.Name)
		}
		for _, fl := range in.inputs {
			if !contains(declared, fl.Key) {
				m := diag.Errorf("app-unknown-input", f.keyLoc(fl), "module %s has no input %q", in.module, fl.Key)
				if s := suggest.Closest(fl.Key, declared); s != "" {
					m = m.WithHint("did you mean %q?", s)
				} else if len(declared) > 0 {
					m = m.WithHint("its inputs: %s", strings.Join(declared, ", "))
				} else {
					m = m.WithHint("it declares no inputs in its module.json")
				}
				f.msgs.Add(m)
				continue
			}
			b := &bnd{owner: in.name + ".inputs." + fl.Key, inst: in, prop: fl.Key, node: fl.Value}
			c.data(b)
		}
	}
}

// compileWidgets compiles the data properties and handlers of every widget.
func (c *compiler) compileWidgets() {
	c.f.walkWidgets(func(w *widget) {
		if c.widgets[w.name] != w {
			return // a duplicate, already reported
		}
		for _, fl := range w.props {
			b := &bnd{owner: w.name + "." + fl.Key, w: w, prop: fl.Key, node: fl.Value}
			c.data(b)
		}
		for _, fl := range w.events {
			b := &bnd{owner: w.name + "." + fl.Key, w: w, prop: fl.Key, node: fl.Value, event: true}
			c.event(b)
		}
		for _, ie := range w.itemEvents {
			b := &bnd{owner: w.name + "." + ie.key, w: w, prop: ie.key, node: ie.node, event: true}
			c.event(b)
		}
	})
}

// skipped reports whether n is an item's event handler inside a data
// property of b's widget: it is compiled as a handler, not as data.
func (b *bnd) skipped(n *jsonpos.Node) bool {
	if b.w == nil || b.event {
		return false
	}
	for _, ie := range b.w.itemEvents {
		if ie.node == n {
			return true
		}
	}
	return false
}

// data compiles a data property; it keeps b only when the value holds bindings.
func (c *compiler) data(b *bnd) {
	if !hasBinding(b.node, b.skipped) {
		c.unclosed(b.node, b.skipped)
		return
	}
	b.loc = c.f.loc(b.node)
	var sb strings.Builder
	c.value(b, &sb, b.node)
	b.js = sb.String()
	c.add(b)
}

func (c *compiler) add(b *bnd) {
	if b.event {
		c.out.stats.Handlers++
		b.id = "e" + strconv.Itoa(c.out.stats.Handlers)
		c.handlers[b.owner] = b
	} else {
		c.out.stats.Bindings++
		b.id = "b" + strconv.Itoa(c.out.stats.Bindings)
		c.byOwner[b.owner] = b
	}
	c.out.bindings = append(c.out.bindings, b)
}

// unclosed warns about strings with "{{" but no binding: they show as
// text. It leaves out the nodes skip says (item event handlers).
func (c *compiler) unclosed(n *jsonpos.Node, skip func(*jsonpos.Node) bool) {
	if skip(n) {
		return
	}
	switch n.Kind {
	case jsonpos.String:
		if i := strings.Index(n.Str, "{{"); i >= 0 {
			c.f.msgs.Add(diag.Warningf("binding-unclosed", c.at(n, i, 2), "\"{{\" without a closing \"}}\": this is text, not a binding"))
		}
	case jsonpos.Array:
		for _, it := range n.Items {
			c.unclosed(it, skip)
		}
	case jsonpos.Object:
		for _, fl := range n.Fields {
			c.unclosed(fl.Value, skip)
		}
	}
}

// hasBinding reports whether a JSON value holds a string with a binding,
// leaving out the nodes skip says.
func hasBinding(n *jsonpos.Node, skip func(*jsonpos.Node) bool) bool {
	if skip != nil && skip(n) {
		return false
	}
	switch n.Kind {
	case jsonpos.String:
		for _, s := range binding.Split(n.Str) {
			if s.Binding {
				return true
			}
		}
	case jsonpos.Array:
		for _, it := range n.Items {
			if hasBinding(it, skip) {
				return true
			}
		}
	case jsonpos.Object:
		for _, fl := range n.Fields {
			if hasBinding(fl.Value, skip) {
				return true
			}
		}
	}
	return false
}

// value writes n as a JavaScript expression whose strings are templates.
func (c *compiler) value(b *bnd, sb *strings.Builder, n *jsonpos.Node) {
	if b.skipped(n) {
		sb.WriteString("undefined")
		return
	}
	switch n.Kind {
	case jsonpos.String:
		c.template(b, sb, n)
	case jsonpos.Array:
		sb.WriteString("[")
		for i, it := range n.Items {
			if i > 0 {
				sb.WriteString(", ")
			}
			c.value(b, sb, it)
		}
		sb.WriteString("]")
	case jsonpos.Object:
		sb.WriteString("{")
		for i, fl := range n.Fields {
			if i > 0 {
				sb.WriteString(", ")
			}
			if fl.Key == "__proto__" {
				sb.WriteString(`["__proto__"]`)
			} else {
				sb.WriteString(binding.Quote(fl.Key))
			}
			sb.WriteString(": ")
			c.value(b, sb, fl.Value)
		}
		sb.WriteString("}")
	default:
		sb.Write(n.Raw)
	}
}

// helperName turns binding values in mixed text into text.
const helperName = binding.HelperName

// template writes a string value: a literal, one binding's raw value, or
// mixed text with each value made text (objects and arrays as JSON).
func (c *compiler) template(b *bnd, sb *strings.Builder, n *jsonpos.Node) {
	segs := binding.Split(n.Str)
	single := binding.IsSingleBinding(segs)
	if len(segs) == 1 && !segs[0].Binding {
		sb.WriteString(binding.Quote(n.Str))
		return
	}
	first := true
	for _, seg := range segs {
		if single && !seg.Binding {
			continue
		}
		if !first {
			sb.WriteString(" + ")
		}
		first = false
		if !seg.Binding {
			sb.WriteString(binding.Quote(seg.Text))
			continue
		}
		if !single {
			sb.WriteString(helperName + "(")
		}
		c.expr(b, sb, n, seg)
		if !single {
			sb.WriteString(")")
		}
	}
}

// expr checks one binding of a data value and writes it as an expression.
func (c *compiler) expr(b *bnd, sb *strings.Builder, n *jsonpos.Node, seg binding.Segment) {
	if binding.Blank(seg.Text) {
		sb.WriteString("undefined")
		return
	}
	s, se := parseJS(seg.Text, false)
	if se != nil {
		c.f.errorf("binding-syntax", c.at(n, seg.Offset+se.Offset, 1), "syntax error in binding: %s", se.Msg)
		sb.WriteString("undefined")
		return
	}
	for _, r := range s.refs {
		c.check(b, n, seg.Offset, r)
	}
	sb.WriteString("(")
	b.pieces = append(b.pieces, piece{js: sb.Len(), node: n, start: seg.Offset, n: len(seg.Text)})
	sb.WriteString(seg.Text)
	sb.WriteString("\n)")
}

// event compiles an event handler: one binding holding statements.
func (c *compiler) event(b *bnd) {
	f := c.f
	n := b.node
	if n.Kind != jsonpos.String {
		f.errorf("binding-bad-handler", f.loc(n), "event handler %s must be a string holding one {{ … }} binding, not %s", b.owner, n.Kind)
		return
	}
	segs := binding.Split(n.Str)
	if !binding.IsSingleBinding(segs) {
		f.errorf("binding-bad-handler", f.loc(n), "event handler %s must be exactly one {{ … }} binding", b.owner).
			Notes = []diag.Note{{Text: fmt.Sprintf(`write the statements to run inside one binding, such as "{{%s}}"`, exampleHandler(c))}}
		return
	}
	var seg binding.Segment
	for _, s := range segs {
		if s.Binding {
			seg = s
		}
	}
	if binding.Blank(seg.Text) {
		return
	}
	b.loc = f.loc(n)
	s, se := parseJS(seg.Text, true)
	if se != nil {
		f.errorf("binding-syntax", c.at(n, seg.Offset+se.Offset, 1), "syntax error in event handler: %s", se.Msg)
		return
	}
	for _, r := range s.refs {
		c.check(b, n, seg.Offset, r)
	}
	code := returnLast(s)
	if code == s.code {
		b.pieces = []piece{{js: 0, node: n, start: seg.Offset, n: len(code)}}
	} else {
		x, y := s.ret[0], s.ret[1] // "return (" went in at x, "\n)" at y
		b.pieces = []piece{
			{js: 0, node: n, start: seg.Offset, n: x},
			{js: x + len("return ("), node: n, start: seg.Offset + x, n: y - x},
			{js: y + len("return (\n)"), node: n, start: seg.Offset + y, n: len(s.code) - y},
		}
	}
	b.js = code
	c.add(b)
}

func exampleHandler(c *compiler) string {
	for _, in := range c.f.instances {
		if fns := c.functions(in); len(fns) > 0 {
			return in.name + "." + fns[0] + "();"
		}
	}
	return "showAlert('clicked');"
}

// at is the location of bytes [i, i+n) of the decoded JSON string node.
func (c *compiler) at(n *jsonpos.Node, i, length int) diag.Location {
	return c.f.src.Span(n.StringOffset(i), n.StringOffset(i+length))
}

// use records that b names entity name and reads key (when not "").
func (b *bnd) use(name, key string, loc diag.Location) {
	if !contains(b.names, name) {
		b.names = append(b.names, name)
	}
	if key != "" && !contains(b.reads, key) {
		b.reads = append(b.reads, key)
		if b.readAt == nil {
			b.readAt = map[string]diag.Location{}
		}
		b.readAt[key] = loc
	}
}

// check resolves one free identifier of a binding.
func (c *compiler) check(b *bnd, n *jsonpos.Node, segOff int, r ref) {
	f := c.f
	loc := c.at(n, segOff+r.offset, len(r.name))
	if r.this {
		f.errorf("binding-this", c.at(n, segOff+r.offset, 4), "`this` has no meaning in a binding").
			Notes = []diag.Note{{Text: "name what you mean: an instance (JSModule1.fn.data) or a widget (Input1.text)"}}
		return
	}
	memberLoc := func(i int) diag.Location {
		m := r.chain[i]
		return c.at(n, segOff+m.offset, len(m.name))
	}
	name := r.name
	if in := c.instances[name]; in != nil {
		b.use(name, name, loc)
		c.checkInstance(b, in, r, memberLoc)
		return
	}
	if w := c.widgets[name]; w != nil {
		if w.list != nil && (b.w == nil || b.w.list != w.list) {
			f.errorf("binding-list-item", loc, "widget %s repeats in every item of list %s: only the widgets of that list can read it", name, w.list.name).
				Notes = []diag.Note{{Text: fmt.Sprintf("read the item through %s.selectedItem or %s.triggeredItem", w.list.name, w.list.name)}}
			return
		}
		key := name
		if len(r.chain) > 0 {
			m := r.chain[0].name
			switch {
			case !contains(w.t.members(), m):
				msg := diag.Errorf("binding-unknown-member", memberLoc(0), "widget %s (%s) has no property %q", name, w.typ, m)
				if s := suggest.Closest(m, w.t.members()); s != "" {
					msg = msg.WithHint("did you mean %s.%s?", name, s)
				} else {
					msg = msg.WithHint("a %s widget has: %s", w.typ, strings.Join(w.t.members(), ", "))
				}
				f.msgs.Add(msg)
				return
			case w.t.isSetter(m):
				if !b.event && r.called >= 1 {
					c.actionError(b, memberLoc(0), name+"."+m+"() changes the widget", "call it from an event handler such as onClick")
				}
				key = ""
			default:
				key = name + "." + m
			}
		}
		b.use(name, key, loc)
		return
	}
	switch {
	case contains(itemNames, name):
		if b.w == nil || b.w.list == nil {
			f.errorf("binding-list-item", loc, "%s is only known to the widgets inside a list", name).
				Notes = []diag.Note{{Text: "put this widget in a list's \"widgets\": each item of its listData shows a copy, whose bindings read currentItem and currentIndex"}}
			return
		}
		b.use(name, "", loc)
	case name == "appsmith":
		key := "appsmith.store"
		if len(r.chain) > 0 {
			m := r.chain[0].name
			if !contains(appsmithMembers, m) {
				msg := diag.Errorf("binding-unknown-member", memberLoc(0), "appsmith has no property %q", m)
				if s := suggest.Closest(m, appsmithMembers); s != "" {
					msg = msg.WithHint("did you mean appsmith.%s?", s)
				} else {
					msg = msg.WithHint("appsmith has: %s", strings.Join(appsmithMembers, ", "))
				}
				f.msgs.Add(msg)
				return
			}
			key = "appsmith." + m
		}
		b.use(name, key, loc)
	case contains(actions, name):
		if !b.event {
			c.actionError(b, loc, name+" is an action", "call it from an event handler such as onClick")
			return
		}
		b.use(name, "", loc)
	case allowedGlobals[name], r.typeof: // typeof x asks whether x exists
	case forbidden[name] != "":
		f.errorf("binding-forbidden-name", loc, "%q is not available in bindings", name).Notes = []diag.Note{{Text: forbidden[name]}}
	default:
		msg := diag.Errorf("binding-unknown-name", loc, "unknown name %q", name)
		if s := suggest.Closest(name, c.candidates()); s != "" {
			msg = msg.WithHint("did you mean %q?", s)
		} else {
			msg = msg.WithHint("a binding may use the app's instances, its widgets, appsmith, the runtime API (storeValue, showAlert…) and standard JavaScript globals")
		}
		f.msgs.Add(msg)
	}
}

// actionError reports an action in a data property.
func (c *compiler) actionError(b *bnd, loc diag.Location, what, hint string) {
	c.f.errorf("binding-side-effect", loc, "%s: a data property cannot run it (%s is evaluated whenever what it reads changes)", what, b.owner).
		Notes = []diag.Note{{Text: hint}}
}

// checkInstance checks the members a binding reads on an instance.
func (c *compiler) checkInstance(b *bnd, in *instance, r ref, memberLoc func(int) diag.Location) {
	f := c.f
	if in.mod == nil || len(r.chain) == 0 {
		return
	}
	m0 := r.chain[0].name
	if in.mod.Kind == workspace.KindQuery {
		switch {
		case !contains(queryMembers, m0):
			msg := diag.Errorf("binding-unknown-member", memberLoc(0), "%s (query module %s) has no property %q", in.name, in.module, m0)
			if s := suggest.Closest(m0, queryMembers); s != "" {
				msg = msg.WithHint("did you mean %s.%s?", in.name, s)
			} else {
				msg = msg.WithHint("a query has run(params), data, responseMeta and isLoading")
			}
			f.msgs.Add(msg)
		case m0 == "run" && r.called >= 1 && !b.event:
			c.actionError(b, memberLoc(0), in.name+".run() runs a query",
				fmt.Sprintf("bind its result with {{%s.data}}; run it from an event handler, or list \"run\" in the instance's runOnPageLoad", in.name))
		case m0 == "responseMeta" && len(r.chain) > 1 && !contains(responseMetaMembers, r.chain[1].name):
			msg := diag.Errorf("binding-unknown-member", memberLoc(1), "responseMeta has no property %q", r.chain[1].name)
			if s := suggest.Closest(r.chain[1].name, responseMetaMembers); s != "" {
				msg = msg.WithHint("did you mean responseMeta.%s?", s)
			} else {
				msg = msg.WithHint("responseMeta has: %s", strings.Join(responseMetaMembers, ", "))
			}
			f.msgs.Add(msg)
		}
		return
	}
	main := c.mains[in.mod.ID()]
	if main == nil {
		return
	}
	mem := main.Member(m0)
	if mem == nil {
		var names []string
		for _, m := range main.Members {
			names = append(names, m.Name)
		}
		msg := diag.Errorf("binding-unknown-member", memberLoc(0), "%s (module %s) has no member %q", in.name, in.module, m0)
		switch {
		case suggest.Closest(m0, names) != "":
			msg = msg.WithHint("did you mean %s.%s?", in.name, suggest.Closest(m0, names))
		case c.isQuery(in, m0):
			msg = msg.WithHint("%s is a private query of %s: apps use the module's functions, not its queries", m0, in.module)
		default:
			msg = msg.WithHint("its members: %s", strings.Join(names, ", "))
		}
		f.msgs.Add(msg)
		return
	}
	if mem.Kind != jsmod.Function {
		return
	}
	if len(r.chain) > 1 && !contains(functionMembers, r.chain[1].name) {
		p := r.chain[1].name
		msg := diag.Errorf("binding-unknown-member", memberLoc(1), "%s.%s is a function and has no property %q", in.name, m0, p)
		if s := suggest.Closest(p, functionMembers); s != "" {
			msg = msg.WithHint("did you mean %s.%s.%s?", in.name, m0, s)
		} else {
			msg = msg.WithHint("its last result is %s.%s.data", in.name, m0)
		}
		f.msgs.Add(msg)
		return
	}
	called := r.called == 1 || (r.called == 2 && (r.chain[1].name == "call" || r.chain[1].name == "apply"))
	if called && mem.Async && !b.event {
		c.actionError(b, memberLoc(0), in.name+"."+m0+" is an async function",
			fmt.Sprintf("bind its result with {{%s.%s.data}}, and call it from an event handler such as onClick or from runOnPageLoad", in.name, m0))
	}
}

func (c *compiler) isQuery(in *instance, name string) bool {
	for _, q := range in.mod.Queries {
		if q.Name == name {
			return true
		}
	}
	return false
}

// candidates lists the names a binding may use, for "did you mean".
func (c *compiler) candidates() []string {
	out := []string{"appsmith"}
	out = append(out, actions...)
	for n := range c.instances {
		out = append(out, n)
	}
	for n := range c.widgets {
		out = append(out, n)
	}
	for n := range allowedGlobals {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
