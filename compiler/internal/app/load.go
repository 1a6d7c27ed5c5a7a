package app

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jsonpos"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/compiler/suggest"
)

// appName is what an app's directory may be called: it becomes a URL path.
var appName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// urlScheme matches the scheme at the start of a URL.
var urlScheme = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*):`)

// refusedScheme returns the scheme, lower case, for which navigateTo
// refuses target, or "" when it goes there (an http or https URL, a
// relative URL or a page name). It is navigable of the runtime
// (compiler/internal/runtime/runtime.js) in Go: tabs and newlines anywhere and
// control characters and spaces in front do not count.
func refusedScheme(target string) string {
	s := strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(target)
	s = strings.TrimLeft(s, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	m := urlScheme.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	if scheme := strings.ToLower(m[1]); scheme != "http" && scheme != "https" {
		return scheme
	}
	return ""
}

// file is one parsed app.json.
type file struct {
	name string // the app's directory name
	path string // "apps/<name>/app.json"
	src  *diag.Source
	root *jsonpos.Node

	title     string
	theme     *Theme
	css       []byte // the app's own style sheet, when it names one
	packages  []*pkgRef
	instances []*instance
	pages     []*page
	msgs      diag.List
}

// pkgRef is one entry of "packages": a package and its version range.
type pkgRef struct {
	name  string
	field *jsonpos.Field
	rng   string
	node  *jsonpos.Node // the range string
	used  bool
}

// instance is one entry of "instances".
type instance struct {
	name       string
	field      *jsonpos.Field
	module     string
	moduleNode *jsonpos.Node
	inputs     []*jsonpos.Field
	// runOnPageLoad and confirm are nil when app.json does not set them
	// (the module's settings apply).
	runOnPageLoad []*jsonpos.Node
	confirm       []*jsonpos.Node
	hasLoad       bool
	hasConfirm    bool

	mod *workspace.Module // resolved
	pkg *pkgRef
}

// page is one entry of "pages".
type page struct {
	name    string
	node    *jsonpos.Node
	widgets []*widget
}

// widget is one widget of a page, possibly inside a container.
type widget struct {
	name     string
	typ      string
	node     *jsonpos.Node
	nameNode *jsonpos.Node
	t        *widgetType
	props    []*jsonpos.Field // data properties, in file order
	events   []*jsonpos.Field
	children []*widget
	layout   *Layout // where it sits on its parent's grid; nil: in the flow
	page     *page
	// list is the list whose template the widget is in: it repeats for
	// every item of the list's data. nil outside lists.
	list *widget
	// itemEvents are the handlers inside the items of data properties
	// (menuItems[0].onClick), keyed "menuItems.0.onClick".
	itemEvents []itemEvent
}

// itemEvent is an event handler inside an item of a data property.
type itemEvent struct {
	key  string
	node *jsonpos.Node
}

// findApps returns the app directories of the workspace, sorted, and
// reports directories under apps/ that are not apps.
func findApps(fsys fs.FS) ([]string, diag.List) {
	var msgs diag.List
	entries, err := fs.ReadDir(fsys, "apps")
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			msgs.Add(workspace.ReadErrorf("read-failed", "apps", err, "cannot read the apps directory: %v", err))
		}
		return nil, msgs
	}
	var names []string
	for _, e := range entries {
		if e.Type()&fs.ModeSymlink != 0 {
			if _, m := workspace.FollowLink(fsys, path.Join("apps", e.Name())); m != nil {
				msgs.Add(*m) // apps are directories: a link is skipped
			}
			continue
		}
		if !e.IsDir() {
			continue
		}
		p := path.Join("apps", e.Name(), "app.json")
		if _, err := fs.Stat(fsys, p); err != nil {
			if m, ok := workspace.LinkMessage(err); ok {
				msgs.Add(m)
				continue
			}
			msgs.Add(diag.Warningf("app-no-app-json", diag.Location{File: path.Join("apps", e.Name())}, "directory without app.json is not an app"))
			continue
		}
		if !appName.MatchString(e.Name()) {
			msgs.Add(diag.Errorf("app-bad-name", diag.Location{File: path.Join("apps", e.Name())},
				"app name %q must be lower case letters, digits, '-' and '_' (it is a URL path)", e.Name()))
			continue
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names, msgs
}

// load reads and parses apps/<name>/app.json; structural problems are in f.msgs.
func load(fsys fs.FS, name string) *file {
	f := &file{name: name, path: path.Join("apps", name, "app.json")}
	data, err := fs.ReadFile(fsys, f.path)
	if err != nil {
		f.msgs.Add(workspace.ReadErrorf("read-failed", f.path, err, "cannot read file: %v", err))
		return f
	}
	f.src = diag.NewSource(f.path, string(data))
	root, m := jsonpos.ParseSource(f.src)
	if m != nil {
		f.msgs.Add(*m)
		return f
	}
	f.root = root
	if !f.fields(root, "app.json", "$schema", "title", "theme", "css", "packages", "instances", "pages", "origin") {
		return f
	}
	f.str(root, "$schema")
	// "origin" says what the app was imported from (modc import), so that
	// importing again may replace it.
	if o := root.Get("origin"); o != nil && f.fields(o, "origin", "from", "name") {
		f.str(o, "from")
		f.str(o, "name")
	}
	f.title = f.str(root, "title")
	if f.title == "" {
		f.title = name
	}
	f.loadLook(fsys)
	f.loadPackages()
	f.loadInstances()
	f.loadPages()
	return f
}

func (f *file) errorf(id string, loc diag.Location, format string, args ...any) *diag.Message {
	f.msgs.Add(diag.Errorf(id, loc, format, args...))
	return &f.msgs[len(f.msgs)-1]
}

func (f *file) loc(n *jsonpos.Node) diag.Location { return f.src.Span(n.Offset, n.End) }

// keyLoc is the location of an object key, quotes included.
func (f *file) keyLoc(fl *jsonpos.Field) diag.Location {
	end := fl.KeyOffset + 1
	if i := strings.IndexByte(f.src.Text[min(end, len(f.src.Text)):], '"'); i >= 0 {
		end += i + 1
	}
	return f.src.Span(fl.KeyOffset, end)
}

// fields checks an object's keys against the allowed ones.
func (f *file) fields(n *jsonpos.Node, what string, allowed ...string) bool {
	if n.Kind != jsonpos.Object {
		f.errorf("json-wrong-type", f.loc(n), "%s must be an object, not %s", what, n.Kind)
		return false
	}
	for _, fl := range n.Fields {
		if contains(allowed, fl.Key) {
			continue
		}
		m := f.errorf("json-unknown-field", f.keyLoc(fl), "unknown field %q in %s", fl.Key, what)
		if s := suggest.Closest(fl.Key, allowed); s != "" {
			*m = m.WithHint("did you mean %q?", s)
		} else {
			*m = m.WithHint("allowed fields: %s", strings.Join(allowed, ", "))
		}
	}
	return true
}

func (f *file) str(obj *jsonpos.Node, key string) string {
	v := obj.Get(key)
	if v == nil || v.Kind == jsonpos.Null {
		return ""
	}
	if v.Kind != jsonpos.String {
		f.errorf("json-wrong-type", f.loc(v), "%q must be a string, not %s", key, v.Kind)
		return ""
	}
	return v.Str
}

func (f *file) loadPackages() {
	n := f.root.Get("packages")
	if n == nil {
		return
	}
	if n.Kind != jsonpos.Object {
		f.errorf("json-wrong-type", f.loc(n), "\"packages\" must be an object, not %s", n.Kind)
		return
	}
	for _, fl := range n.Fields {
		if fl.Value.Kind != jsonpos.String {
			f.errorf("json-wrong-type", f.loc(fl.Value), "the version of package %q must be a string: a semver range such as \"^1.2.0\", or \"workspace\"", fl.Key)
			continue
		}
		f.packages = append(f.packages, &pkgRef{name: fl.Key, field: fl, rng: fl.Value.Str, node: fl.Value})
	}
}

func (f *file) pkg(name string) *pkgRef {
	for _, p := range f.packages {
		if p.name == name {
			return p
		}
	}
	return nil
}

func (f *file) loadInstances() {
	n := f.root.Get("instances")
	if n == nil {
		return
	}
	if n.Kind != jsonpos.Object {
		f.errorf("json-wrong-type", f.loc(n), "\"instances\" must be an object, not %s", n.Kind)
		return
	}
	for _, fl := range n.Fields {
		in := &instance{name: fl.Key, field: fl}
		if !f.fields(fl.Value, fmt.Sprintf("instance %q", fl.Key), "module", "inputs", "runOnPageLoad", "confirmBeforeExecute", "confirmBeforeCall") {
			continue
		}
		in.moduleNode = fl.Value.Get("module")
		switch {
		case in.moduleNode == nil:
			f.errorf("json-missing-field", f.keyLoc(fl), "instance %q has no \"module\"", fl.Key).Notes = []diag.Note{{Text: `name the module it instantiates: "module": "<package>/<module>"`}}
		case in.moduleNode.Kind != jsonpos.String:
			f.errorf("json-wrong-type", f.loc(in.moduleNode), "\"module\" must be a string \"<package>/<module>\", not %s", in.moduleNode.Kind)
		default:
			in.module = in.moduleNode.Str
		}
		if inputs := fl.Value.Get("inputs"); inputs != nil {
			if inputs.Kind != jsonpos.Object {
				f.errorf("json-wrong-type", f.loc(inputs), "\"inputs\" must be an object, not %s", inputs.Kind)
			} else {
				in.inputs = inputs.Fields
			}
		}
		in.runOnPageLoad, in.hasLoad = f.names(fl.Value, "runOnPageLoad")
		in.confirm, in.hasConfirm = f.names(fl.Value, "confirmBeforeCall")
		if !in.hasConfirm { // the app builders' name
			in.confirm, in.hasConfirm = f.names(fl.Value, "confirmBeforeExecute")
		}
		f.instances = append(f.instances, in)
	}
}

// names reads an optional array of function names.
func (f *file) names(obj *jsonpos.Node, key string) ([]*jsonpos.Node, bool) {
	n := obj.Get(key)
	if n == nil {
		return nil, false
	}
	if n.Kind != jsonpos.Array {
		f.errorf("json-wrong-type", f.loc(n), "%q must be an array of function names, not %s", key, n.Kind)
		return nil, false
	}
	var out []*jsonpos.Node
	seen := map[string]bool{}
	for _, item := range n.Items {
		if item.Kind != jsonpos.String {
			f.errorf("json-wrong-type", f.loc(item), "%q must list function names (strings), not %s", key, item.Kind)
			continue
		}
		if seen[item.Str] {
			f.errorf("app-duplicate-function", f.loc(item), "%q lists %q twice", key, item.Str)
			continue
		}
		seen[item.Str] = true
		out = append(out, item)
	}
	return out, true
}

func (f *file) loadPages() {
	n := f.root.Get("pages")
	if n == nil {
		f.errorf("json-missing-field", f.src.Loc(f.root.Offset), "app.json has no \"pages\"").Notes = []diag.Note{{Text: `add "pages": [{"name": "Home", "widgets": […]}]`}}
		return
	}
	if n.Kind != jsonpos.Array {
		f.errorf("json-wrong-type", f.loc(n), "\"pages\" must be an array, not %s", n.Kind)
		return
	}
	if len(n.Items) == 0 {
		f.errorf("app-no-pages", f.loc(n), "an app needs at least one page")
	}
	seen := map[string]*jsonpos.Node{}
	for i, pn := range n.Items {
		if !f.fields(pn, fmt.Sprintf("page %d", i+1), "name", "widgets") {
			continue
		}
		p := &page{node: pn}
		nameNode := pn.Get("name")
		switch {
		case nameNode == nil:
			f.errorf("json-missing-field", f.src.Loc(pn.Offset), "page %d has no \"name\"", i+1)
			continue
		case nameNode.Kind != jsonpos.String || strings.TrimSpace(nameNode.Str) == "":
			f.errorf("json-wrong-type", f.loc(nameNode), "a page name must be a non-empty string")
			continue
		}
		p.name = nameNode.Str
		if scheme := refusedScheme(p.name); scheme != "" {
			f.msgs.Add(diag.Errorf("app-page-name-scheme", f.loc(nameNode), "page name %q reads as a URL with the scheme %s:, which navigateTo refuses", p.name, scheme).
				WithHint("rename the page, without the colon; navigateTo goes to page names, relative URLs and http or https URLs only"))
		}
		if prev := seen[p.name]; prev != nil {
			f.msgs.Add(diag.Errorf("app-duplicate-page", f.loc(nameNode), "duplicate page name %q", p.name).WithNote(f.loc(prev), "the first page of that name"))
			continue
		}
		seen[p.name] = nameNode
		if ws := pn.Get("widgets"); ws != nil {
			p.widgets = f.loadWidgets(ws, p)
		}
		f.pages = append(f.pages, p)
	}
}

func (f *file) loadWidgets(n *jsonpos.Node, p *page) []*widget {
	if n.Kind != jsonpos.Array {
		f.errorf("json-wrong-type", f.loc(n), "\"widgets\" must be an array, not %s", n.Kind)
		return nil
	}
	var out []*widget
	for _, wn := range n.Items {
		if w := f.loadWidget(wn, p); w != nil {
			out = append(out, w)
		}
	}
	return out
}

func (f *file) loadWidget(n *jsonpos.Node, p *page) *widget {
	if n.Kind != jsonpos.Object {
		f.errorf("json-wrong-type", f.loc(n), "a widget must be an object, not %s", n.Kind)
		return nil
	}
	w := &widget{node: n, page: p}
	w.nameNode = n.Get("name")
	switch {
	case w.nameNode == nil:
		f.errorf("json-missing-field", f.src.Loc(n.Offset), "widget without a \"name\"")
		return nil
	case w.nameNode.Kind != jsonpos.String:
		f.errorf("json-wrong-type", f.loc(w.nameNode), "a widget name must be a string, not %s", w.nameNode.Kind)
		return nil
	}
	w.name = w.nameNode.Str
	typeNode := n.Get("type")
	switch {
	case typeNode == nil:
		f.errorf("json-missing-field", f.loc(w.nameNode), "widget %s has no \"type\"", w.name).Notes = []diag.Note{{Text: "widget types: " + strings.Join(typeNames(), ", ")}}
		return nil
	case typeNode.Kind != jsonpos.String:
		f.errorf("json-wrong-type", f.loc(typeNode), "a widget type must be a string, not %s", typeNode.Kind)
		return nil
	}
	w.typ = typeNode.Str
	w.t = widgetTypes[w.typ]
	if w.t == nil {
		m := f.errorf("app-unknown-widget-type", f.loc(typeNode), "unknown widget type %q", w.typ)
		if s := suggest.Closest(w.typ, typeNames()); s != "" {
			*m = m.WithHint("did you mean %q?", s)
		} else {
			*m = m.WithHint("widget types: %s", strings.Join(typeNames(), ", "))
		}
		return nil
	}
	allowed := w.t.allProps()
	for _, fl := range n.Fields {
		switch {
		case fl.Key == "name" || fl.Key == "type":
		case fl.Key == "widgets" && w.t.container:
			w.children = f.loadWidgets(fl.Value, p)
			f.inList(w)
		case w.t.isEvent(fl.Key):
			w.events = append(w.events, fl)
		case contains(allowed, fl.Key):
			w.props = append(w.props, fl)
			f.loadItemEvents(w, fl)
		case isLayoutKey(fl.Key):
			f.loadLayout(w, fl)
		default:
			m := f.errorf("app-unknown-property", f.keyLoc(fl), "a %s widget has no property %q", w.typ, fl.Key)
			switch {
			case fl.Key == "widgets":
				*m = m.WithHint("widgets of these types hold widgets: %s", strings.Join(containerTypes(), ", "))
			case closestKey(fl.Key, allowed) != "":
				*m = m.WithHint("did you mean %q?", closestKey(fl.Key, allowed))
			case strings.HasPrefix(fl.Key, "on") && len(w.t.events) == 0:
				*m = m.WithHint("a %s widget has no events", w.typ)
			case strings.HasPrefix(fl.Key, "on"):
				*m = m.WithHint("its events: %s", strings.Join(w.t.events, ", "))
			default:
				*m = m.WithHint("its properties: %s", strings.Join(allowed[2:], ", "))
			}
		}
	}
	f.checkLayout(w)
	return w
}

// inList marks the widgets inside a list (w, or a widget in one) as its
// template; a list inside a list is an error.
func (f *file) inList(w *widget) {
	l := w
	if !w.t.template {
		l = w.list
	}
	if l == nil {
		return
	}
	var mark func([]*widget)
	mark = func(ws []*widget) {
		for _, c := range ws {
			if c.t.template && c.list == nil {
				f.msgs.Add(diag.Errorf("app-nested-list", f.loc(c.nameNode), "list %s is inside list %s: a list cannot repeat inside another", c.name, l.name))
			}
			c.list = l
			mark(c.children)
		}
	}
	mark(w.children)
}

// loadItemEvents picks the event handlers out of the items of a data
// property that has them (a menu button's menuItems[i].onClick).
func (f *file) loadItemEvents(w *widget, fl *jsonpos.Field) {
	events := w.t.itemEvents[fl.Key]
	if len(events) == 0 || fl.Value.Kind != jsonpos.Array {
		return
	}
	for i, item := range fl.Value.Items {
		if item.Kind != jsonpos.Object {
			continue
		}
		for _, e := range item.Fields {
			if contains(events, e.Key) {
				w.itemEvents = append(w.itemEvents, itemEvent{key: fmt.Sprintf("%s.%d.%s", fl.Key, i, e.Key), node: e.Value})
			}
		}
	}
}

// usedTypes lists the widget types the app uses, sorted.
func (f *file) usedTypes() []string {
	seen := map[string]bool{}
	f.walkWidgets(func(w *widget) { seen[w.typ] = true })
	return sortedKeys(seen)
}

// walkWidgets calls fn for every widget of the app, depth first in file order.
func (f *file) walkWidgets(fn func(w *widget)) {
	var walk func([]*widget)
	walk = func(ws []*widget) {
		for _, w := range ws {
			fn(w)
			walk(w.children)
		}
	}
	for _, p := range f.pages {
		walk(p.widgets)
	}
}
