package appsmith

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jslib"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/jsonpos"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/compiler/suggest"
	"github.com/modc-dev/modc/internal/parallel"
)

// PlanOptions says what to import and where.
type PlanOptions struct {
	// Package is the package the JS objects become modules of, and the
	// name of the app (apps/<Package>/app.json).
	Package string
	// Title is the app's title (default Package).
	Title string
	// Pages and Objects, when set, select what to import: pages by name,
	// JS objects by name or as "Page/Name".
	Pages, Objects []string
}

// Plan is everything an import writes, decided before anything is written.
type Plan struct {
	Package string
	// App is the app's file, "apps/<Package>/app.json".
	App     string
	Objects []*ObjectPlan
	// Libraries are the installed libraries the objects read.
	Libraries []*LibraryPlan
	Files     []*File
	// Pages and Widgets count the app's pages and the widgets it holds;
	// Skipped counts the widgets of types modc does not have, by type, and
	// Dropped the widget bindings left out (they read what the app has not).
	Pages, Widgets int
	Skipped        map[string]int
	Dropped        int
}

// ObjectPlan is what one JS object becomes.
type ObjectPlan struct {
	Object *Object `json:"-"`
	Page   string  `json:"page"`
	Name   string  `json:"name"`
	// Module is "package/module", Dir its directory.
	Module string `json:"module"`
	Dir    string `json:"dir"`
	// Instance is its instance's name in the app.
	Instance string `json:"instance"`
	// Inputs are the page widgets it reads (in main.js or its queries'
	// bindings); Widgets those main.js reads by name.
	Inputs  []string `json:"inputs,omitempty"`
	Widgets []string `json:"-"`
	// Unbound are the inputs the app leaves at their defaults: their widget
	// has no modc type.
	Unbound      []string `json:"unbound,omitempty"`
	Queries      []string `json:"queries,omitempty"`
	Placeholders []string `json:"placeholders,omitempty"`
	// Members are the Main object's functions, when main.js parses.
	functions []string
	members   []string
	refs      []jsmod.Reference
	inputs    map[string]*input
}

// input is a page widget that an object reads.
type input struct {
	widget  *Widget
	object  *Object // another JS object of the page, when the input stands for one
	members []string
}

// LibraryPlan is an installed library as a workspace library.
type LibraryPlan struct {
	Global  string `json:"global"`
	Package string `json:"package"`
	Version string `json:"version"`
	Path    string `json:"path"`
}

// File is one file an import writes, by slash path in the workspace.
type File struct {
	Path string
	Data []byte
	// Keep: the file is the user's once written (a README); it is written
	// only when missing.
	Keep bool
	// Merged: the file was already there and keeps what the user put in
	// it (a query's mock, modc.json, package.json).
	Merged bool
}

// planner carries the state of one Plan.
type planner struct {
	ex     *Export
	ws     fs.FS // the target workspace; nil when it does not exist yet
	opts   PlanOptions
	plan   *Plan
	msgs   diag.List
	pkgDir string
	// taken are the module names of the package that are not this
	// import's objects (hand-written modules), and origins the names of
	// the modules an earlier import made, by "page\x00name".
	taken   map[string]bool
	origins map[string]string
	// adrift counts the widgets of types modc lacks that widgets is inside:
	// their children stand in their place, so their grid places, relative
	// to the missing widget, do not hold.
	adrift int
}

func (p *planner) errorf(id string, loc diag.Location, format string, args ...any) *diag.Message {
	p.msgs.Add(diag.Errorf(id, loc, format, args...))
	return &p.msgs[len(p.msgs)-1]
}

// MakePlan maps the export to the files of a workspace. ws is the target
// workspace as it is (nil when it does not exist), read for what an
// earlier import made and for the user's files to keep. The plan is
// usable when the list holds no errors; a selection that names no page or
// object is an error too.
func MakePlan(ex *Export, ws fs.FS, opts PlanOptions) (*Plan, diag.List) {
	if opts.Title == "" {
		opts.Title = opts.Package
	}
	p := &planner{ex: ex, ws: ws, opts: opts, pkgDir: "modules/" + opts.Package,
		plan:  &Plan{Package: opts.Package, App: "apps/" + opts.Package + "/app.json", Skipped: map[string]int{}},
		taken: map[string]bool{}, origins: map[string]string{}}
	objects := p.selection()
	if p.msgs.HasErrors() {
		return p.plan, p.msgs
	}
	p.existing()
	p.names(objects)
	if p.msgs.HasErrors() {
		return p.plan, p.msgs
	}
	// Parsing the objects' code is most of planning: it runs on every core.
	parallel.Map(len(p.plan.Objects), 0, func(i int) {
		op := p.plan.Objects[i]
		op.refs, op.members, op.functions = objectRefs(op.Object)
	})
	for _, op := range p.plan.Objects {
		p.object(op)
	}
	p.libraries()
	p.app()
	p.workspaceFiles()
	return p.plan, p.msgs
}

// selection returns the JS objects to import, in page order.
func (p *planner) selection() []*Object {
	pages := map[string]bool{}
	var pageNames []string
	for _, pg := range p.ex.Pages {
		pageNames = append(pageNames, pg.Name)
	}
	for _, name := range p.opts.Pages {
		if !slices.Contains(pageNames, name) {
			m := p.errorf("import-unknown-selection", diag.Location{File: "pages"}, "no page named %q in the export", name)
			if s := suggest.Closest(name, pageNames); s != "" {
				*m = m.WithHint("did you mean %q?", s)
			} else {
				*m = m.WithHint("its pages: %s", strings.Join(pageNames, ", "))
			}
		}
		pages[name] = true
	}
	var out []*Object
	found := map[string]bool{}
	for _, pg := range p.ex.Pages {
		if len(pages) > 0 && !pages[pg.Name] {
			continue
		}
		for _, o := range pg.Objects {
			if len(p.opts.Objects) > 0 && !slices.Contains(p.opts.Objects, o.Name) && !slices.Contains(p.opts.Objects, o.String()) {
				continue
			}
			found[o.Name], found[o.String()] = true, true
			if o.Problem != nil {
				p.msgs.Add(*o.Problem)
				continue
			}
			out = append(out, o)
		}
	}
	var all []string
	for _, pg := range p.ex.Pages {
		for _, o := range pg.Objects {
			all = append(all, o.String())
		}
	}
	for _, name := range p.opts.Objects {
		if !found[name] {
			m := p.errorf("import-unknown-selection", diag.Location{File: "pages"}, "no JS object %q among the pages imported", name)
			if s := suggest.Closest(name, all); s != "" {
				*m = m.WithHint("did you mean %q?", s)
			}
		}
	}
	return out
}

// checkSelection says which of pages and objects the export does not have.
func (ex *Export) checkSelection(pages, objects []string) error {
	var names, all []string
	for _, pg := range ex.Pages {
		names = append(names, pg.Name)
		for _, o := range pg.Objects {
			all = append(all, o.Name, o.String())
		}
	}
	for _, p := range pages {
		if !slices.Contains(names, p) {
			return selectionError("page", p, names)
		}
	}
	for _, o := range objects {
		if !slices.Contains(all, o) {
			return selectionError("JS object", o, all)
		}
	}
	return nil
}

func selectionError(what, name string, have []string) error {
	if s := suggest.Closest(name, have); s != "" {
		return fmt.Errorf("%w: no %s %q in the export; did you mean %q?", ErrSelection, what, name, s)
	}
	if len(have) > 20 {
		have = append(have[:20:20], "…")
	}
	return fmt.Errorf("%w: no %s %q in the export (it has: %s)", ErrSelection, what, name, strings.Join(have, ", "))
}

// existing reads the package as an earlier import (or the user) left it.
func (p *planner) existing() {
	if p.ws == nil {
		return
	}
	entries, err := fs.ReadDir(p.ws, p.pkgDir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !workspace.IsName(e.Name()) {
			continue
		}
		data, err := fs.ReadFile(p.ws, p.pkgDir+"/"+e.Name()+"/module.json")
		if err != nil {
			p.taken[e.Name()] = true
			continue
		}
		var mj struct {
			Origin *workspace.Origin `json:"origin"`
		}
		if json.Unmarshal(data, &mj) != nil || mj.Origin == nil || mj.Origin.From != "appsmith" {
			p.taken[e.Name()] = true
			continue
		}
		p.origins[mj.Origin.Page+"\x00"+mj.Origin.Name] = e.Name()
	}
}

// names gives each object its module name: the name an earlier import
// gave it, else its own name in snake case, prefixed with its page's
// when objects of several pages have that name. Two objects that still
// get one name are an error at each.
func (p *planner) names(objects []*Object) {
	pages := map[string]map[*Page]bool{} // the pages with an object of each name
	for _, o := range objects {
		n := SnakeName(o.Name, "js_object")
		if pages[n] == nil {
			pages[n] = map[*Page]bool{}
		}
		pages[n][o.Page] = true
	}
	byName := map[string][]*ObjectPlan{}
	for _, o := range objects {
		name, ok := p.origins[o.Page.Name+"\x00"+o.Name]
		if !ok {
			name = SnakeName(o.Name, "js_object")
			if len(pages[name]) > 1 {
				name = o.Page.slug() + "_" + name
			}
		}
		op := &ObjectPlan{Object: o, Page: o.Page.Name, Name: o.Name, Module: p.opts.Package + "/" + name,
			Dir: p.pkgDir + "/" + name, inputs: map[string]*input{}}
		byName[name] = append(byName[name], op)
		p.plan.Objects = append(p.plan.Objects, op)
	}
	for _, name := range sortedKeys(byName) {
		ops := byName[name]
		if len(ops) > 1 {
			for i, op := range ops {
				other := ops[(i+1)%len(ops)]
				m := p.errorf("import-module-clash", objectLoc(op.Object), "JS object %s maps to module %s/%s, as %s does", op.Object, p.opts.Package, name, other.Object)
				*m = m.WithHint("rename one of them in Appsmith, or import them one at a time with --objects and different --package names")
			}
			continue
		}
		if p.taken[name] {
			m := p.errorf("import-would-replace", diag.Location{File: p.pkgDir + "/" + name + "/module.json"}, "module %s/%s is already in the workspace and was not imported from JS object %s: importing would replace it", p.opts.Package, name, ops[0].Object)
			*m = m.WithHint("import into another package with --package, or move that module")
		}
	}
}

// objectLoc is where a JS object is: its code's first line.
func objectLoc(o *Object) diag.Location {
	if o.Body != nil && o.Body.Path != o.Meta {
		return o.Body.Loc(0)
	}
	return diag.Location{File: o.Meta}
}

// object plans one JS object's module: main.js, module.json, its queries,
// and a README when it has none.
func (p *planner) object(op *ObjectPlan) {
	o := op.Object
	pg := o.Page
	refs, members := op.refs, op.members
	read := func(w, member string) {
		in := op.inputs[w]
		if in == nil {
			in = &input{widget: pg.Widget(w), object: pg.object(w)}
			op.inputs[w] = in
		}
		if member != "" && !slices.Contains(in.members, member) {
			in.members = append(in.members, member)
		}
	}
	queries := map[string]bool{}
	for _, r := range refs {
		switch {
		case pg.Queries[r.Name] != nil:
			queries[r.Name] = true
		case (pg.Widget(r.Name) != nil || pg.object(r.Name) != nil) && !slices.Contains(members, r.Name):
			// A widget, or a JS object of the page (utils.format(…), or
			// the object's own name, which Appsmith lets its code use): an
			// input the code reads by its bare name, which the app binds to
			// the widget or to the object's instance.
			read(r.Name, r.Member)
			if !slices.Contains(op.Widgets, r.Name) {
				op.Widgets = append(op.Widgets, r.Name)
			}
		}
	}
	sort.Strings(op.Widgets)
	rw := &rewriter{page: pg, read: read}
	for _, name := range sortedKeys(queries) {
		a := pg.Queries[name]
		if !workspace.IsIdentifier(name) {
			p.msgs.Add(diag.Warningf("import-bad-query-name", diag.Location{File: a.Path}, "query %s is not a name modc can give a private query (a JS identifier that is not a reserved word); it is left out", name))
			continue
		}
		q := mapQuery(a, rw)
		op.Queries = append(op.Queries, name)
		if q.placeholder {
			op.Placeholders = append(op.Placeholders, name)
		}
		path := op.Dir + "/queries/" + name + ".json"
		old := p.readJSON(path)
		v, kept := q.file(old)
		p.add(&File{Path: path, Merged: kept}, v)
	}
	op.Inputs = sortedKeys(op.inputs)
	p.plan.Files = append(p.plan.Files, &File{Path: op.Dir + "/main.js", Data: []byte(o.Code)})
	p.add(&File{Path: op.Dir + "/module.json"}, p.moduleJSON(op))
	p.plan.Files = append(p.plan.Files, &File{Path: op.Dir + "/README.md", Data: []byte(readme(op, p.opts.Package)), Keep: true})
}

// objectRefs returns the free identifiers of an object's code, its Main
// object's member names and its functions' names; nothing when the code
// does not parse (modc check reports why).
func objectRefs(o *Object) (refs []jsmod.Reference, members, functions []string) {
	info, msg := jsmod.ModuleRefs(o.Body)
	if msg != nil {
		return nil, nil, nil
	}
	for _, m := range info.Members {
		members = append(members, m.Name)
		if m.Kind == jsmod.Function {
			functions = append(functions, m.Name)
		}
	}
	return info.Refs, members, functions
}

func (p *planner) moduleJSON(op *ObjectPlan) obj {
	o := op.Object
	m := obj{{"kind", "js"}, {"description", fmt.Sprintf("JS object %s of page %s, imported from Appsmith.", o.Name, o.Page.Name)}}
	if len(op.inputs) > 0 {
		inputs := obj{}
		for _, name := range op.Inputs {
			inputs = append(inputs, kv{name, op.inputs[name].defaults()})
		}
		m = append(m, kv{"inputs", inputs})
	}
	if len(op.Widgets) > 0 {
		m = append(m, kv{"widgets", op.Widgets})
	}
	settings := obj{}
	for _, name := range sortedKeys(o.Functions) {
		f := o.Functions[name]
		if !f.RunOnPageLoad && !f.Confirm {
			continue
		}
		if op.functions != nil && !slices.Contains(op.functions, name) {
			continue // a function deleted since: Appsmith keeps its settings
		}
		s := obj{}
		if f.RunOnPageLoad {
			s = append(s, kv{"runOnPageLoad", true})
		}
		if f.Confirm {
			s = append(s, kv{"confirmBeforeCall", true})
		}
		settings = append(settings, kv{name, s})
	}
	if len(settings) > 0 {
		m = append(m, kv{"settings", settings})
	}
	m = append(m, kv{"origin", obj{{"from", "appsmith"}, {"page", o.Page.Name}, {"name", o.Name}}})
	return m
}

// exposed are the default values of what Appsmith widgets expose, for
// inputs made from widget reads; derived says which property of the
// widget gives a value its initial state.
var (
	exposed = map[string]any{
		"text": "", "value": "", "inputText": "", "selectedOptionValue": "", "selectedOptionLabel": "",
		"selectedOptionValues": []any{}, "selectedOptionLabels": []any{}, "isChecked": false,
		"isSwitchedOn": false, "isVisible": true, "isDisabled": false, "isValid": true, "isDirty": false,
		"selectedRow": obj{}, "selectedRows": []any{}, "selectedRowIndex": -1, "selectedRowIndices": []any{},
		"triggeredRow": obj{}, "tableData": []any{}, "filteredTableData": []any{}, "pageNo": 1, "pageSize": 10,
		"searchText": "", "updatedRow": obj{}, "updatedRows": []any{}, "updatedRowIndices": []any{},
		"data": obj{}, "formData": obj{}, "files": []any{}, "selectedDate": "", "formattedDate": "",
		"rate": 0, "model": obj{}, "selectedTab": "", "selectedValues": []any{}, "options": []any{},
		"selectedItem": obj{}, "selectedItemIndex": -1, "listData": []any{}, "countryCode": "",
		"dialCode": "", "currencyCode": "", "selectedOption": obj{},
	}
	derived = map[string]string{
		"text": "defaultText", "inputText": "defaultText", "value": "defaultValue",
		"selectedOptionValue": "defaultOptionValue", "isChecked": "defaultCheckedState",
		"isSwitchedOn": "defaultSwitchState", "selectedDate": "defaultDate", "rate": "defaultRate",
		"selectedTab": "defaultTab", "model": "defaultModel",
	}
)

// static returns a widget property's value when it holds no binding.
func static(w *Widget, prop string) (json.RawMessage, bool) {
	if w == nil {
		return nil, false
	}
	v, ok := w.Props[prop]
	if !ok || strings.Contains(string(v), "{{") || !json.Valid(v) {
		return nil, false
	}
	return v, true
}

// defaults is an input's default: an object of the values the code reads,
// each as the widget starts with it where the export says.
func (in *input) defaults() obj {
	d := obj{}
	sort.Strings(in.members)
	if in.object != nil {
		// Another JS object: its variables' initial values when they are
		// constants, null for the rest (its functions: apps give the
		// instance itself).
		for _, m := range in.members {
			var v any
			if raw, ok := in.object.constant(m); ok {
				v = raw
			}
			d = append(d, kv{m, v})
		}
		return d
	}
	for _, m := range in.members {
		if strings.HasPrefix(m, "set") || strings.HasPrefix(m, "reset") || m == "run" || m == "clear" {
			continue // a widget's setter: apps give the widget itself
		}
		var v any
		if from, ok := derived[m]; ok && in.widget != nil && in.widget.Type != "TEXT_WIDGET" {
			if raw, ok := static(in.widget, from); ok {
				v = coerce(raw, exposed[m])
			}
		}
		if v == nil {
			if raw, ok := static(in.widget, m); ok {
				v = coerce(raw, exposed[m])
			} else if m == "widgetName" && in.widget != nil {
				v = in.widget.Name
			} else if e, ok := exposed[m]; ok {
				v = e
			}
		}
		d = append(d, kv{m, v})
	}
	return d
}

// readJSON parses a file of the target workspace; nil when it is missing
// or does not parse.
func (p *planner) readJSON(path string) *jsonpos.Node {
	if p.ws == nil {
		return nil
	}
	data, err := fs.ReadFile(p.ws, path)
	if err != nil {
		return nil
	}
	n, err := jsonpos.Parse(data)
	if err != nil {
		return nil
	}
	return n
}

// add encodes v as the file f.
func (p *planner) add(f *File, v any) {
	data, err := document(v)
	if err != nil {
		p.errorf("internal-error", diag.Location{File: f.Path}, "cannot encode the file: %v", err)
		return
	}
	f.Data = data
	p.plan.Files = append(p.plan.Files, f)
}

// npmName matches an npm package name, scoped or not.
var npmName = regexp.MustCompile(`^(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$`)

// cdnPackage finds the npm package and version in a library's URL:
// jsDelivr's and unpkg's npm paths, cdnjs's library names, and Appsmith's
// own /libraries/<name>@<version>.js.
var cdnPackage = []*regexp.Regexp{
	regexp.MustCompile(`^https?://cdn\.jsdelivr\.net/npm/((?:@[^/@]+/)?[^/@]+)@([^/]+)/`),
	regexp.MustCompile(`^https?://(?:www\.)?unpkg\.com/((?:@[^/@]+/)?[^/@]+)@([^/]+)/`),
	regexp.MustCompile(`^https?://cdnjs\.cloudflare\.com/ajax/libs/([^/]+)/([^/]+)/`),
	regexp.MustCompile(`^/libraries/((?:@[^/@]+/)?[^/@]+)@([^/]+?)\.js$`),
}

// libraries plans the installed libraries the imported objects read.
func (p *planner) libraries() {
	read := map[string]bool{}
	for _, op := range p.plan.Objects {
		for _, r := range op.refs {
			read[r.Name] = true
		}
	}
	globals := map[string]bool{}
	for _, l := range p.ex.Libraries {
		if len(l.Accessor) == 0 {
			continue
		}
		global := l.Accessor[0]
		if !read[global] || globals[global] {
			continue
		}
		if jslib.Builtin(global) != nil {
			continue // Appsmith's own library, built into modc too
		}
		pkg, version := "", l.Version
		for _, re := range cdnPackage {
			if m := re.FindStringSubmatch(l.URL); m != nil {
				pkg, version = strings.ToLower(m[1]), m[2]
				break
			}
		}
		if pkg == "" && npmName.MatchString(l.Name) {
			pkg = l.Name
		}
		if pkg == "" || !npmName.MatchString(pkg) || !workspace.IsIdentifier(global) {
			m := diag.Warningf("import-unknown-library", diag.Location{File: l.Path}, "library %s (%s): its npm package cannot be told from the export; it is left out", global, l.URL)
			p.msgs.Add(m.WithHint("add it by hand: npm install <package>, and \"libraries\": {\"%s\": \"<package>\"} in modc.json", global))
			continue
		}
		if version == "" || strings.ContainsAny(version, " /") {
			version = "*"
		}
		globals[global] = true
		p.plan.Libraries = append(p.plan.Libraries, &LibraryPlan{Global: global, Package: pkg, Version: version, Path: l.Path})
	}
	sort.Slice(p.plan.Libraries, func(i, j int) bool { return p.plan.Libraries[i].Global < p.plan.Libraries[j].Global })
}

// workspaceFiles plans modc.json, package.json and modc-package.json,
// merged into those already there.
func (p *planner) workspaceFiles() {
	p.add(&File{Path: p.pkgDir + "/modc-package.json", Keep: true},
		obj{{"description", fmt.Sprintf("The JS objects of the Appsmith app %s, imported by modc import appsmith.", p.opts.Title)}, {"keywords", []string{"appsmith"}}})
	if len(p.plan.Libraries) == 0 {
		// modc.json marks the workspace's root (modc looks for it up from
		// the current directory): a new workspace gets one.
		if p.ws == nil {
			p.add(&File{Path: "modc.json"}, obj{{"title", p.opts.Title}})
		} else if _, err := fs.Stat(p.ws, "modc.json"); errors.Is(err, fs.ErrNotExist) {
			p.add(&File{Path: "modc.json"}, obj{{"title", p.opts.Title}})
		}
		return
	}
	cfg, merged := obj{}, false
	if old := p.readJSON("modc.json"); old != nil && old.Kind == jsonpos.Object {
		cfg, merged = ordered(old, nil).(obj), true
	} else if p.ws != nil {
		if _, err := fs.Stat(p.ws, "modc.json"); err == nil {
			p.errorf("import-bad-modc-json", diag.Location{File: "modc.json"}, "modc.json does not parse, so the libraries cannot be added to it").Notes = []diag.Note{{Text: "fix it (modc check says where), then import again"}}
			return
		}
	}
	if !merged {
		cfg = obj{{"title", p.opts.Title}}
	}
	libs := obj{}
	if v, ok := cfg.get("libraries"); ok {
		if o, ok := v.(obj); ok {
			libs = o
		}
	}
	for _, l := range p.plan.Libraries {
		if v, ok := libs.get(l.Global); ok {
			if v != l.Package {
				p.msgs.Add(diag.Warningf("import-library-clash", diag.Location{File: "modc.json"}, "library %s is %v in modc.json; the app used %s, which is left out", l.Global, v, l.Package))
			}
			continue
		}
		libs = append(libs, kv{l.Global, l.Package})
	}
	cfg.set("libraries", libs)
	p.add(&File{Path: "modc.json", Merged: merged}, cfg)

	pj, merged := obj{}, false
	if old := p.readJSON("package.json"); old != nil && old.Kind == jsonpos.Object {
		pj, merged = ordered(old, nil).(obj), true
	} else {
		pj = obj{{"private", true}}
	}
	deps := obj{}
	if v, ok := pj.get("dependencies"); ok {
		if o, ok := v.(obj); ok {
			deps = o
		}
	}
	for _, l := range p.plan.Libraries {
		if _, ok := deps.get(l.Package); !ok {
			deps = append(deps, kv{l.Package, l.Version})
		}
	}
	pj.set("dependencies", deps)
	p.add(&File{Path: "package.json", Merged: merged}, pj)
}

// coerce gives a widget property's value the type of the value it
// initialises: Appsmith keeps "true" and "" in boolean properties, and
// numbers as strings.
func coerce(raw json.RawMessage, like any) any {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return raw
	}
	switch like.(type) {
	case bool:
		return s == "true"
	case int:
		var n json.Number
		if json.Unmarshal([]byte(s), &n) == nil {
			return n
		}
		return like
	}
	return raw
}
