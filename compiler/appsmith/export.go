// Package appsmith imports an Appsmith git export into a modc workspace
// (`modc import appsmith`): one package per app, one JS module per JS
// object with main.js byte for byte, the page queries an object uses as its
// private queries, its widget reads as inputs, its functions' settings, the
// installed libraries in package.json and modc.json, and an app that binds
// the modules back to the page's widgets.
//
// Reading (this file) turns the export's files into an Export; Plan maps it
// to the files of a workspace; Apply writes them all or none; Import does
// the three and checks the result with compiler.Check.
package appsmith

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"strings"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/internal/parallel"
)

// Export is an Appsmith application as its git export holds it.
type Export struct {
	// FormatVersion is metadata.json's fileFormatVersion (0 when absent).
	FormatVersion int
	Pages         []*Page
	Libraries     []*Library
	// Datasources are datasources/<name>.json, by name.
	Datasources map[string]*Datasource
	// modules names the Appsmith modules the app uses ("source modules/"),
	// "package/module" by module UUID.
	modules map[string]string
}

// Page is pages/<name>/: its JS objects, queries and widgets.
type Page struct {
	Name string
	// Index is the page's place in the app, from 1.
	Index   int
	Dir     string // "pages/<name>"
	Default bool   // the app's home page
	Objects []*Object
	// Queries are the page's actions that are not JS functions, by name.
	Queries map[string]*Action
	// Widgets are the page's top-level widgets, in layout order (top to
	// bottom, left to right); containers hold theirs.
	Widgets []*Widget
	// widgets are all of the page's widgets by name.
	widgets map[string]*Widget
}

// Widget looks a widget of the page up by name.
func (p *Page) Widget(name string) *Widget { return p.widgets[name] }

// Object is one JS object of a page.
type Object struct {
	Name string
	Page *Page
	// Body is the code: jsobjects/<name>/<name>.js, or the body in its
	// metadata when the export has no .js file.
	Body *diag.Source
	// Code is the code byte for byte (Body drops a byte order mark).
	Code string
	// Meta is the path of its metadata file.
	Meta string
	// Functions are the settings of its functions, by name.
	Functions map[string]*Function
	// Problem says why the object cannot be imported (its code is a {{ }}
	// binding): an error when it is selected.
	Problem *diag.Message
}

// Function is the settings Appsmith keeps for one function of a JS object.
type Function struct {
	Name          string
	RunOnPageLoad bool
	Confirm       bool
}

// Action is a page query: a REST, GraphQL, database or SaaS action.
type Action struct {
	Name       string
	Path       string // its metadata file
	PluginType string // "API", "DB", "SAAS", "REMOTE", "AI"…
	PluginID   string // "restapi-plugin", "mysql-plugin"…
	Datasource string // the datasource's name
	// DatasourceURL is the datasource's URL when the export has it (an
	// embedded REST datasource, or datasources/<name>.json).
	DatasourceURL string
	Config        ActionConfig
	// Body is the body text: <name>.txt beside the metadata, else the
	// configuration's body.
	Body string
	// Module is set for an instance of an Appsmith query module (a page's
	// "module instances/"): the module as "package/name" (or its UUID when
	// the export does not name it), and the inputs the instance gives it.
	Module       string
	ModuleInputs map[string]string
}

// ActionConfig is the part of an action's actionConfiguration the import reads.
type ActionConfig struct {
	Path            string    `json:"path"`
	HTTPMethod      string    `json:"httpMethod"`
	Body            anyString `json:"body"`
	Headers         []KV      `json:"headers"`
	QueryParameters []KV      `json:"queryParameters"`
	BodyFormData    []KV      `json:"bodyFormData"`
	// FormData holds the form of UQI and SaaS plugins, and apiContentType
	// of REST ones.
	FormData json.RawMessage `json:"formData"`
	// PluginSpecifiedTemplates: GraphQL keeps its variables in the second.
	PluginSpecifiedTemplates []struct {
		Value json.RawMessage `json:"value"`
	} `json:"pluginSpecifiedTemplates"`
}

// KV is a key and value of a header, query parameter or form field.
type KV struct {
	Key   string    `json:"key"`
	Value anyString `json:"value"`
}

// anyString decodes a JSON string as itself and anything else (numbers,
// booleans, objects) as its JSON text, so that an odd export still reads.
type anyString string

func (s *anyString) UnmarshalJSON(b []byte) error {
	var str string
	if err := json.Unmarshal(b, &str); err == nil {
		*s = anyString(str)
		return nil
	}
	if string(b) == "null" {
		*s = ""
		return nil
	}
	*s = anyString(b)
	return nil
}

// Widget is one widget of a page.
type Widget struct {
	Name     string
	Type     string // Appsmith's type: "INPUT_WIDGET_V2", "TABLE_WIDGET_V2"…
	Path     string // the file it is in
	Props    map[string]json.RawMessage
	Children []*Widget
	id       string
	parent   string
	top      float64
	left     float64
}

// Library is an installed JS library (jslibs/<name>.json).
type Library struct {
	Name     string
	Accessor []string // the globals it defines
	URL      string
	Version  string
	Path     string
}

// Datasource is datasources/<name>.json.
type Datasource struct {
	Name     string
	PluginID string
	URL      string
}

// Read reads the Appsmith git export at the root of fsys. Paths in
// messages are relative to that root. The export is usable when the list
// holds no errors.
func Read(fsys fs.FS) (*Export, diag.List) {
	r := &reader{fsys: fsys, ex: &Export{Datasources: map[string]*Datasource{}, modules: map[string]string{}}}
	r.read()
	return r.ex, r.msgs
}

type reader struct {
	fsys fs.FS
	ex   *Export
	msgs diag.List
}

func (r *reader) errorf(id string, loc diag.Location, format string, args ...any) {
	r.msgs.Add(diag.Errorf(id, loc, format, args...))
}

// source reads a file; nil when it is missing (reported when required).
func (r *reader) source(p string, required bool) *diag.Source {
	data, err := fs.ReadFile(r.fsys, p)
	if err != nil {
		if required || !errors.Is(err, fs.ErrNotExist) {
			r.errorf("read-failed", diag.Location{File: p}, "cannot read file: %v", unwrapPath(err))
		}
		return nil
	}
	return diag.NewSource(p, string(data))
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// decode parses src's JSON into v, reporting a syntax error or a value of
// the wrong type at its line and column.
func decode(src *diag.Source, v any) *diag.Message {
	err := json.Unmarshal([]byte(src.Text), v)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var m diag.Message
	switch {
	case errors.As(err, &se):
		off := int(se.Offset) - 1
		text := se.Error()
		if se.Offset >= int64(len(src.Text)) && text == "unexpected end of JSON input" {
			off, text = len(src.Text), "unexpected end of file"
		}
		m = diag.Errorf("json-syntax", src.Loc(off), "invalid JSON: %s", text)
	case errors.As(err, &te):
		where := te.Field
		if where == "" {
			where = "the document"
		}
		want := jsonKind(te.Type.Kind().String())
		if te.Type == reflect.TypeFor[json.Number]() {
			want = "a number"
		}
		m = diag.Errorf("import-unexpected-json", src.Loc(int(te.Offset)-1), "%s: a JSON %s where Appsmith writes %s", where, te.Value, want)
	default:
		m = diag.Errorf("json-syntax", src.Loc(0), "invalid JSON: %v", err)
	}
	return &m
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "slice", "array":
		return "an array"
	case "struct", "map", "ptr":
		return "an object"
	case "bool":
		return "true or false"
	}
	return "a number"
}

func (r *reader) read() {
	_, errApp := fs.Stat(r.fsys, "application.json")
	_, errMeta := fs.Stat(r.fsys, "metadata.json")
	fi, errPages := fs.Stat(r.fsys, "pages")
	if errPages != nil || !fi.IsDir() || (errApp != nil && errMeta != nil) {
		m := diag.Errorf("import-not-export", diag.Location{File: "."}, "not an Appsmith git export: no %s", missingParts(errApp, errMeta, errPages == nil && fi.IsDir()))
		r.msgs.Add(m.WithHint("an Appsmith app connected to git holds application.json, metadata.json and pages/<Page>/ at its root (give the directory that holds them, or a repository with --ref)"))
		return
	}
	if src := r.source("metadata.json", false); src != nil {
		var meta struct {
			FileFormatVersion int    `json:"fileFormatVersion"`
			ArtifactJSONType  string `json:"artifactJsonType"`
		}
		if m := decode(src, &meta); m != nil {
			r.msgs.Add(*m)
		} else {
			r.ex.FormatVersion = meta.FileFormatVersion
			if meta.ArtifactJSONType != "" && meta.ArtifactJSONType != "APPLICATION" {
				r.errorf("import-not-application", src.Loc(strings.Index(src.Text, `"artifactJsonType"`)), "this export is an Appsmith %s, not an application", strings.ToLower(meta.ArtifactJSONType))
			}
			if meta.FileFormatVersion > maxFormat {
				r.msgs.Add(diag.Warningf("import-newer-format", src.Loc(strings.Index(src.Text, `"fileFormatVersion"`)), "file format version %d is newer than those this import knows (1 to %d); what it does not recognise is left out", meta.FileFormatVersion, maxFormat))
			}
		}
	}
	var order []string
	home := ""
	if src := r.source("application.json", false); src != nil {
		var app struct {
			Pages []struct {
				ID        string `json:"id"`
				IsDefault bool   `json:"isDefault"`
			} `json:"pages"`
		}
		if m := decode(src, &app); m != nil {
			r.msgs.Add(*m)
		}
		for _, p := range app.Pages {
			order = append(order, p.ID)
			if p.IsDefault {
				home = p.ID
			}
		}
	}
	r.datasources()
	r.libraries()
	r.sourceModules("source modules")
	r.pages(order, home)
}

// maxFormat is the newest fileFormatVersion this import was written for.
const maxFormat = 5

func missingParts(errApp, errMeta error, pages bool) string {
	var parts []string
	if errApp != nil {
		parts = append(parts, "application.json")
	}
	if errMeta != nil {
		parts = append(parts, "metadata.json")
	}
	if !pages {
		parts = append(parts, "pages/ directory")
	}
	return strings.Join(parts, ", ")
}

// jsonFiles lists the .json files of dir, sorted; nil when it is missing.
func (r *reader) jsonFiles(dir string) []string {
	entries, err := fs.ReadDir(r.fsys, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			r.errorf("read-failed", diag.Location{File: dir}, "cannot read directory: %v", unwrapPath(err))
		}
		return nil
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".json") {
			out = append(out, dir+"/"+e.Name())
		}
	}
	return out
}

func (r *reader) datasources() {
	for _, p := range r.jsonFiles("datasources") {
		src := r.source(p, true)
		if src == nil {
			continue
		}
		var ds struct {
			Name                    string `json:"name"`
			PluginID                string `json:"pluginId"`
			DatasourceConfiguration *struct {
				URL string `json:"url"`
			} `json:"datasourceConfiguration"`
		}
		if m := decode(src, &ds); m != nil {
			r.msgs.Add(*m)
			continue
		}
		if ds.Name == "" {
			ds.Name = strings.TrimSuffix(path.Base(p), ".json")
		}
		d := &Datasource{Name: ds.Name, PluginID: ds.PluginID}
		if ds.DatasourceConfiguration != nil {
			d.URL = ds.DatasourceConfiguration.URL
		}
		r.ex.Datasources[d.Name] = d
	}
}

// sourceModules reads the names of the Appsmith modules the app uses.
func (r *reader) sourceModules(dir string) {
	entries, err := fs.ReadDir(r.fsys, dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		p := dir + "/" + e.Name()
		if e.IsDir() {
			r.sourceModules(p)
			continue
		}
		src := r.source(p, false)
		if src == nil || !strings.HasSuffix(p, ".json") {
			continue
		}
		var m struct {
			ModuleName  string `json:"moduleName"`
			ModuleUUID  string `json:"moduleUUID"`
			PackageName string `json:"packageName"`
		}
		if json.Unmarshal([]byte(src.Text), &m) == nil && m.ModuleUUID != "" && m.ModuleName != "" {
			r.ex.modules[m.ModuleUUID] = strings.TrimPrefix(m.PackageName+"/", "/") + m.ModuleName
		}
	}
}

// moduleInstances reads a page's instances of Appsmith query modules as
// queries: what the page's code reads of them is what it reads of a query.
func (r *reader) moduleInstances(p *Page) {
	dir := p.Dir + "/module instances"
	for _, f := range r.jsonFiles(dir) {
		src := r.source(f, true)
		if src == nil {
			continue
		}
		var mi struct {
			Type        string `json:"type"`
			ModuleUUID  string `json:"moduleUUID"`
			Unpublished *struct {
				Name   string               `json:"name"`
				Inputs map[string]anyString `json:"inputs"`
			} `json:"unpublishedModuleInstance"`
		}
		if m := decode(src, &mi); m != nil {
			r.msgs.Add(*m)
			continue
		}
		if mi.Type != "QUERY_MODULE" || mi.Unpublished == nil || mi.Unpublished.Name == "" {
			continue // UI and JS modules: what the page reads of them stays unknown
		}
		if _, dup := p.Queries[mi.Unpublished.Name]; dup {
			continue
		}
		a := &Action{Name: mi.Unpublished.Name, Path: f, PluginType: "MODULE", Module: r.ex.modules[mi.ModuleUUID], ModuleInputs: map[string]string{}}
		if a.Module == "" {
			a.Module = mi.ModuleUUID
		}
		for k, v := range mi.Unpublished.Inputs {
			a.ModuleInputs[k] = string(v)
		}
		p.Queries[a.Name] = a
	}
}

func (r *reader) libraries() {
	for _, p := range r.jsonFiles("jslibs") {
		src := r.source(p, true)
		if src == nil {
			continue
		}
		var lib struct {
			Name     string   `json:"name"`
			Accessor []string `json:"accessor"`
			URL      string   `json:"url"`
			Version  string   `json:"version"`
		}
		if m := decode(src, &lib); m != nil {
			r.msgs.Add(*m)
			continue
		}
		r.ex.Libraries = append(r.ex.Libraries, &Library{Name: lib.Name, Accessor: lib.Accessor, URL: lib.URL, Version: lib.Version, Path: p})
	}
}

func (r *reader) pages(order []string, home string) {
	entries, err := fs.ReadDir(r.fsys, "pages")
	if err != nil {
		r.errorf("read-failed", diag.Location{File: "pages"}, "cannot read directory: %v", unwrapPath(err))
		return
	}
	dirs := map[string]bool{}
	for _, e := range entries {
		if e.IsDir() {
			dirs[e.Name()] = true
		}
	}
	var names []string
	seen := map[string]bool{}
	for _, n := range order {
		if dirs[n] && !seen[n] {
			names = append(names, n)
			seen[n] = true
		}
	}
	var rest []string
	for n := range dirs {
		if !seen[n] {
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	names = append(names, rest...)
	// Pages are read at once, each by a reader of its own; their pages
	// and messages join in order. The FS is safe for concurrent use (a
	// directory through workspace.DirFS, a git tree).
	pages := make([]*Page, len(names))
	subs := make([]*reader, len(names))
	parallel.Map(len(names), 4, func(i int) {
		subs[i] = &reader{fsys: r.fsys, ex: r.ex}
		pages[i] = subs[i].page(names[i])
	})
	for i, p := range pages {
		r.msgs.Add(subs[i].msgs...)
		if p != nil {
			p.Default = names[i] == home
			r.ex.Pages = append(r.ex.Pages, p)
			p.Index = len(r.ex.Pages)
		}
	}
}

// page reads pages/<name>/.
func (r *reader) page(name string) *Page {
	dir := "pages/" + name
	p := &Page{Name: name, Dir: dir, Queries: map[string]*Action{}, widgets: map[string]*Widget{}}
	var nodes []*Widget
	if src := r.source(dir+"/"+name+".json", false); src != nil {
		var pj struct {
			Unpublished *pageDTO `json:"unpublishedPage"`
			Published   *pageDTO `json:"publishedPage"`
		}
		if m := decode(src, &pj); m != nil {
			r.msgs.Add(*m)
			return nil
		}
		dto := pj.Unpublished
		if dto == nil {
			dto = pj.Published
		}
		if dto != nil {
			if dto.Name != "" {
				p.Name = dto.Name
			}
			if len(dto.Layouts) > 0 && len(dto.Layouts[0].DSL) > 0 {
				nodes = r.dsl(src, dto.Layouts[0].DSL, "", nodes)
			}
		}
	}
	nodes = r.widgetFiles(dir+"/widgets", nodes)
	r.tree(p, nodes)
	jsFns := r.queries(p)
	r.moduleInstances(p)
	r.objects(p, jsFns)
	return p
}

type pageDTO struct {
	Name    string `json:"name"`
	Layouts []struct {
		DSL json.RawMessage `json:"dsl"`
	} `json:"layouts"`
}

// widgetDTO is what the import reads of a widget's JSON.
type widgetDTO struct {
	WidgetName string            `json:"widgetName"`
	Type       string            `json:"type"`
	WidgetID   string            `json:"widgetId"`
	ParentID   string            `json:"parentId"`
	TopRow     json.Number       `json:"topRow"`
	LeftColumn json.Number       `json:"leftColumn"`
	Children   []json.RawMessage `json:"children"`
}

// dsl adds the widget in raw (a page's dsl, or a child of it) and its
// children to nodes.
func (r *reader) dsl(src *diag.Source, raw json.RawMessage, parent string, nodes []*Widget) []*Widget {
	var w widgetDTO
	if err := json.Unmarshal(raw, &w); err != nil {
		r.errorf("import-bad-widget", diag.Location{File: src.Path}, "a widget in the page's layout does not read: %v", err)
		return nodes
	}
	var props map[string]json.RawMessage
	_ = json.Unmarshal(raw, &props)
	if w.ParentID == "" {
		w.ParentID = parent
	}
	nodes = append(nodes, newWidget(&w, props, src.Path))
	for _, c := range w.Children {
		nodes = r.dsl(src, c, w.WidgetID, nodes)
	}
	return nodes
}

func newWidget(w *widgetDTO, props map[string]json.RawMessage, file string) *Widget {
	top, _ := w.TopRow.Float64()
	left, _ := w.LeftColumn.Float64()
	delete(props, "children")
	return &Widget{Name: w.WidgetName, Type: w.Type, Path: file, Props: props, id: w.WidgetID, parent: w.ParentID, top: top, left: left}
}

// widgetFiles reads the widgets of the split format, pages/<p>/widgets/**.json.
func (r *reader) widgetFiles(dir string, nodes []*Widget) []*Widget {
	entries, err := fs.ReadDir(r.fsys, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			r.errorf("read-failed", diag.Location{File: dir}, "cannot read directory: %v", unwrapPath(err))
		}
		return nodes
	}
	for _, e := range entries {
		p := dir + "/" + e.Name()
		if e.IsDir() {
			nodes = r.widgetFiles(p, nodes)
			continue
		}
		if !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		src := r.source(p, true)
		if src == nil {
			continue
		}
		w, props, m := readWidget(src)
		if m != nil {
			r.msgs.Add(*m)
			continue
		}
		nodes = append(nodes, newWidget(w, props, p))
		for _, c := range w.Children {
			nodes = r.dsl(src, c, w.WidgetID, nodes)
		}
	}
	return nodes
}

// readWidget parses one widget file.
func readWidget(src *diag.Source) (*widgetDTO, map[string]json.RawMessage, *diag.Message) {
	var w widgetDTO
	if m := decode(src, &w); m != nil {
		return nil, nil, m
	}
	var props map[string]json.RawMessage
	if m := decode(src, &props); m != nil {
		return nil, nil, m
	}
	return &w, props, nil
}

// tree links the widgets of a page: each to the nearest widget above it
// that is not a canvas (Appsmith puts a canvas between a container and
// what it holds).
func (r *reader) tree(p *Page, nodes []*Widget) {
	byID := map[string]*Widget{}
	for _, w := range nodes {
		if w.id != "" {
			byID[w.id] = w
		}
	}
	owner := func(w *Widget) *Widget {
		seen := map[string]bool{}
		for id := w.parent; id != "" && !seen[id]; {
			seen[id] = true
			up := byID[id]
			if up == nil || up.id == "0" {
				return nil
			}
			if up.Type != "CANVAS_WIDGET" {
				return up
			}
			id = up.parent
		}
		return nil
	}
	for _, w := range nodes {
		if w.Type == "CANVAS_WIDGET" || w.id == "0" || w.Name == "" {
			continue
		}
		if _, dup := p.widgets[w.Name]; dup {
			continue // the same widget in the layout and in a file
		}
		p.widgets[w.Name] = w
		if o := owner(w); o != nil {
			o.Children = append(o.Children, w)
		} else {
			p.Widgets = append(p.Widgets, w)
		}
	}
	var order func([]*Widget)
	order = func(ws []*Widget) {
		sort.SliceStable(ws, func(i, j int) bool {
			if ws[i].top != ws[j].top {
				return ws[i].top < ws[j].top
			}
			return ws[i].left < ws[j].left
		})
		for _, w := range ws {
			order(w.Children)
		}
	}
	order(p.Widgets)
}

type actionFile struct {
	ID          string     `json:"id"`
	PluginType  string     `json:"pluginType"`
	PluginID    string     `json:"pluginId"`
	Unpublished *actionDTO `json:"unpublishedAction"`
	Published   *actionDTO `json:"publishedAction"`
}

type actionDTO struct {
	Name                 string `json:"name"`
	FullyQualifiedName   string `json:"fullyQualifiedName"`
	CollectionID         string `json:"collectionId"`
	PluginType           string `json:"pluginType"`
	PluginID             string `json:"pluginId"`
	ExecuteOnLoad        bool   `json:"executeOnLoad"`
	RunBehaviour         string `json:"runBehaviour"`
	ConfirmBeforeExecute bool   `json:"confirmBeforeExecute"`
	Datasource           *struct {
		Name                    string `json:"name"`
		PluginID                string `json:"pluginId"`
		DatasourceConfiguration *struct {
			URL string `json:"url"`
		} `json:"datasourceConfiguration"`
	} `json:"datasource"`
	ActionConfiguration ActionConfig `json:"actionConfiguration"`
}

func (a *actionDTO) onLoad() bool {
	return a.ExecuteOnLoad || a.RunBehaviour == "ON_PAGE_LOAD"
}

// readAction parses an action's metadata file (the query's, or a JS
// function's); nil and a message when it does not read.
func readAction(src *diag.Source) (*actionFile, *actionDTO, *diag.Message) {
	var af actionFile
	if m := decode(src, &af); m != nil {
		return nil, nil, m
	}
	dto := af.Unpublished
	if dto == nil {
		dto = af.Published
	}
	if dto == nil {
		m := diag.Errorf("json-missing-field", src.Loc(0), "an Appsmith action without \"unpublishedAction\"")
		return nil, nil, &m
	}
	if dto.Name == "" {
		m := diag.Errorf("json-missing-field", src.Loc(0), "an Appsmith action without a name")
		return nil, nil, &m
	}
	if af.PluginType == "" {
		af.PluginType = dto.PluginType
	}
	if af.PluginID == "" {
		af.PluginID = dto.PluginID
	}
	return &af, dto, nil
}

// queries reads pages/<p>/queries/: the page's queries go to p.Queries; the
// settings of JS functions are returned by object name.
func (r *reader) queries(p *Page) map[string][]*Function {
	fns := map[string][]*Function{}
	dir := p.Dir + "/queries"
	entries, err := fs.ReadDir(r.fsys, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			r.errorf("read-failed", diag.Location{File: dir}, "cannot read directory: %v", unwrapPath(err))
		}
		return fns
	}
	for _, e := range entries {
		var meta, txt string
		switch {
		case e.IsDir():
			meta = dir + "/" + e.Name() + "/metadata.json"
			txt = dir + "/" + e.Name() + "/" + e.Name() + ".txt"
		case strings.HasSuffix(e.Name(), ".json"): // the format before queries had directories
			meta = dir + "/" + e.Name()
			txt = strings.TrimSuffix(meta, ".json") + ".txt"
		default:
			continue
		}
		src := r.source(meta, e.IsDir())
		if src == nil {
			continue
		}
		af, dto, m := readAction(src)
		if m != nil {
			r.msgs.Add(*m)
			continue
		}
		if af.PluginType == "JS" || af.PluginID == "js-plugin" {
			obj := objectOf(dto, af.ID, p.Name, e.Name())
			fns[obj] = append(fns[obj], &Function{Name: dto.Name, RunOnPageLoad: dto.onLoad(), Confirm: dto.ConfirmBeforeExecute})
			continue
		}
		a := &Action{Name: dto.Name, Path: meta, PluginType: af.PluginType, PluginID: af.PluginID, Config: dto.ActionConfiguration, Body: string(dto.ActionConfiguration.Body)}
		if ds := dto.Datasource; ds != nil {
			a.Datasource = ds.Name
			if ds.DatasourceConfiguration != nil {
				a.DatasourceURL = ds.DatasourceConfiguration.URL
			}
		}
		if d := r.ex.Datasources[a.Datasource]; a.DatasourceURL == "" && d != nil {
			a.DatasourceURL = d.URL
		}
		if body := r.source(txt, false); body != nil {
			a.Body = body.Text
		}
		if _, dup := p.Queries[a.Name]; dup {
			r.msgs.Add(diag.Warningf("import-duplicate-query", diag.Location{File: meta}, "a second query named %q on page %s is left out", a.Name, p.Name))
			continue
		}
		p.Queries[a.Name] = a
	}
	return fns
}

// objectOf says which JS object a JS function belongs to: its fully
// qualified name "Obj.fn", its collection's id "<page>_Obj", or its
// directory "Obj-fn".
func objectOf(dto *actionDTO, id, page, entry string) string {
	if obj, _, ok := strings.Cut(dto.FullyQualifiedName, "."); ok && obj != "" {
		return obj
	}
	if c := strings.TrimPrefix(dto.CollectionID, page+"_"); c != dto.CollectionID && c != "" {
		return c
	}
	if obj, fn, ok := strings.Cut(strings.TrimSuffix(entry, ".json"), "-"); ok && fn == dto.Name {
		return obj
	}
	if obj, _, ok := strings.Cut(strings.TrimPrefix(id, page+"_"), "."); ok {
		return obj
	}
	return ""
}

type collectionFile struct {
	ID          string         `json:"id"`
	Unpublished *collectionDTO `json:"unpublishedCollection"`
	Published   *collectionDTO `json:"publishedCollection"`
}

type collectionDTO struct {
	Name    string       `json:"name"`
	Body    *string      `json:"body"`
	Actions []*actionDTO `json:"actions"`
}

// readCollection parses a JS object's metadata file.
func readCollection(src *diag.Source) (*collectionDTO, *diag.Message) {
	var cf collectionFile
	if m := decode(src, &cf); m != nil {
		return nil, m
	}
	dto := cf.Unpublished
	if dto == nil {
		dto = cf.Published
	}
	if dto == nil {
		m := diag.Errorf("json-missing-field", src.Loc(0), "an Appsmith JS object without \"unpublishedCollection\"")
		return nil, &m
	}
	return dto, nil
}

// objects reads pages/<p>/jsobjects/.
func (r *reader) objects(p *Page, fns map[string][]*Function) {
	dir := p.Dir + "/jsobjects"
	entries, err := fs.ReadDir(r.fsys, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			r.errorf("read-failed", diag.Location{File: dir}, "cannot read directory: %v", unwrapPath(err))
		}
		return
	}
	for _, e := range entries {
		var meta, js string
		switch {
		case e.IsDir():
			meta = dir + "/" + e.Name() + "/metadata.json"
			js = dir + "/" + e.Name() + "/" + e.Name() + ".js"
		case strings.HasSuffix(e.Name(), ".json"): // the format before JS objects had directories
			meta = dir + "/" + e.Name()
			js = strings.TrimSuffix(meta, ".json") + ".js"
		default:
			continue
		}
		src := r.source(meta, e.IsDir())
		if src == nil {
			continue
		}
		dto, m := readCollection(src)
		if m != nil {
			r.msgs.Add(*m)
			continue
		}
		name := dto.Name
		if name == "" {
			name = strings.TrimSuffix(e.Name(), ".json")
		}
		o := &Object{Name: name, Page: p, Meta: meta, Functions: map[string]*Function{}}
		if data, err := fs.ReadFile(r.fsys, js); err == nil {
			o.Code = string(data)
			o.Body = diag.NewSource(js, o.Code)
		} else if !errors.Is(err, fs.ErrNotExist) {
			r.errorf("read-failed", diag.Location{File: js}, "cannot read file: %v", unwrapPath(err))
			continue
		}
		if o.Body == nil {
			if dto.Body == nil {
				r.errorf("import-no-code", diag.Location{File: meta}, "JS object %s has no code: no %s and no \"body\"", name, path.Base(js))
				continue
			}
			o.Code = *dto.Body
			o.Body = diag.NewSource(meta, o.Code)
		}
		for _, a := range dto.Actions {
			o.Functions[a.Name] = &Function{Name: a.Name, RunOnPageLoad: a.onLoad(), Confirm: a.ConfirmBeforeExecute}
		}
		for _, f := range fns[name] {
			o.Functions[f.Name] = f
		}
		if t := strings.TrimSpace(o.Body.Text); strings.HasPrefix(t, "{{") && strings.HasSuffix(t, "}}") {
			off := strings.Index(o.Body.Text, "{{")
			m := diag.Errorf("import-binding-object", o.Body.Span(off, off+2), "JS object %s is a {{ }} binding, not a JS object", name)
			m = m.WithHint("a JS object's code is `export default { … }`; write it that way in Appsmith, or leave it out with --objects")
			o.Problem = &m
		}
		p.Objects = append(p.Objects, o)
	}
	sort.Slice(p.Objects, func(i, j int) bool { return p.Objects[i].Name < p.Objects[j].Name })
}

// slug is the page's name as part of a module or widget name: its name in
// snake case, else "page<Index>" (a name without ASCII letters or digits).
func (p *Page) slug() string {
	return SnakeName(p.Name, fmt.Sprintf("page%d", p.Index))
}

// String names the object as "Page/Name".
func (o *Object) String() string { return fmt.Sprintf("%s/%s", o.Page.Name, o.Name) }

// object looks a JS object of the page up by its Appsmith name.
func (p *Page) object(name string) *Object {
	for _, o := range p.Objects {
		if o.Name == name {
			return o
		}
	}
	return nil
}

// constant returns the initial value of the object's variable member as
// JSON, when it is written as JSON (a number, a string in double quotes,
// true, an array or object of those…); false otherwise.
func (o *Object) constant(member string) (json.RawMessage, bool) {
	if o.Body == nil {
		return nil, false
	}
	info, msg := jsmod.ModuleRefs(o.Body)
	if msg != nil {
		return nil, false
	}
	for _, m := range info.Members {
		if m.Name == member && m.Kind == jsmod.Variable && !m.Computed && json.Valid([]byte(m.Init)) {
			return json.RawMessage(m.Init), true
		}
	}
	return nil, false
}
