package app

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/modc-dev/modc/compiler/internal/jsonpos"
)

// Manifest is out/apps/<app>/manifest.json: everything the widget runtime
// needs besides the compiled bindings, and what tools need to know about
// an app. Maps are written with sorted keys, so a build is reproducible.
type Manifest struct {
	App   string `json:"app"`
	Title string `json:"title"`
	// Theme sets the look of the runtime's style sheet; CSS names the
	// app's own style sheet (custom.css), loaded after it.
	Theme *Theme `json:"theme,omitempty"`
	CSS   string `json:"css,omitempty"`
	// Mock makes queries answer their mocks instead of the network.
	Mock bool `json:"mock,omitempty"`
	// Packages are the package versions the app uses, by package name.
	Packages map[string]*PackageInfo `json:"packages"`
	// Instances are the module instances, by name.
	Instances map[string]*InstanceInfo `json:"instances"`
	// RunOnPageLoad lists the calls made when the app starts, in order.
	RunOnPageLoad []LoadCall `json:"runOnPageLoad"`
	// EvaluationOrder lists the widget bindings so that each comes after
	// the bindings whose values it reads.
	EvaluationOrder []string    `json:"evaluationOrder"`
	Pages           []*PageInfo `json:"pages"`
	// Files maps the app's other files (app.js, app.js.map, app.css,
	// index.html) to their sha256, in hex.
	Files map[string]string `json:"files"`
}

// PackageInfo is the version of a package an app uses.
type PackageInfo struct {
	// Range is the range app.json gives ("^1.2.0" or "workspace").
	Range   string `json:"range"`
	Version string `json:"version"`
	// Module is the package's ES module, relative to the app's directory.
	Module string `json:"module"`
	// Files maps the package's bundle files to their sha256, in hex, by
	// path relative to the output root.
	Files map[string]string `json:"files"`
}

// InstanceInfo is one module instance.
type InstanceInfo struct {
	Module  string `json:"module"` // "package/module"
	Package string `json:"package"`
	Name    string `json:"name"` // the module's name in its package
	Kind    string `json:"kind"` // "js" or "query"
	Version string `json:"version"`
	// Settings are the per-function settings, by function name.
	Settings map[string]FunctionSettings `json:"settings,omitempty"`
	// Inputs are the inputs app.json sets; the others keep their defaults.
	Inputs map[string]*Value `json:"inputs,omitempty"`
}

// FunctionSettings are the settings of one function of an instance.
type FunctionSettings struct {
	RunOnPageLoad     bool `json:"runOnPageLoad,omitempty"`
	ConfirmBeforeCall bool `json:"confirmBeforeCall,omitempty"`
}

// Value is a property, input or event handler: a constant, a binding (a
// function in app.js that computes it) or a handler (a function in app.js
// run on the event).
type Value struct {
	Value   json.RawMessage `json:"value,omitempty"`
	Binding string          `json:"binding,omitempty"`
	Handler string          `json:"handler,omitempty"`
	// Reads are the entities the code reads: an instance name, a widget
	// value ("Input1.text"), a whole widget ("Table1"), or
	// "appsmith.store" (and appsmith.user, .URL, .mode).
	Reads []string `json:"reads,omitempty"`
	// At is where it is written, as apps/<app>/app.json:line:col.
	At string `json:"at,omitempty"`
}

// PageInfo is one page.
type PageInfo struct {
	Name    string        `json:"name"`
	Widgets []*WidgetInfo `json:"widgets"`
}

// WidgetInfo is one widget.
type WidgetInfo struct {
	Name    string            `json:"name"`
	Type    string            `json:"type"`
	Props   map[string]*Value `json:"props,omitempty"`
	Events  map[string]*Value `json:"events,omitempty"`
	Widgets []*WidgetInfo     `json:"widgets,omitempty"`
	// Layout places the widget on its parent's grid.
	Layout *Layout `json:"layout,omitempty"`
}

// DistModule is the path of a package version's ES module under the output root.
func DistModule(pkg, version string) string {
	return "dist/" + pkg + "/" + version + "/" + pkg + ".mjs"
}

func (c *compiler) manifest(order []string, load []LoadCall) *Manifest {
	f := c.f
	m := &Manifest{
		App: f.name, Title: f.title, Mock: c.opts.Mock, Theme: f.theme,
		Packages:        map[string]*PackageInfo{},
		Instances:       map[string]*InstanceInfo{},
		RunOnPageLoad:   load,
		EvaluationOrder: order,
		Files:           map[string]string{},
	}
	if m.RunOnPageLoad == nil {
		m.RunOnPageLoad = []LoadCall{}
	}
	if f.css != nil {
		m.CSS = customCSS
	}
	if m.EvaluationOrder == nil {
		m.EvaluationOrder = []string{}
	}
	for _, p := range f.packages {
		if v, ok := c.out.versions[p.name]; ok && p.used {
			m.Packages[p.name] = &PackageInfo{Range: p.rng, Version: v, Module: "../../" + DistModule(p.name, v), Files: map[string]string{}}
		}
	}
	for _, in := range f.instances {
		if in.mod == nil || c.instances[in.name] != in {
			continue
		}
		info := &InstanceInfo{
			Module: in.module, Package: in.mod.Package, Name: in.mod.Name, Kind: in.mod.Kind,
			Version:  c.out.versions[in.mod.Package],
			Settings: c.settings(in),
		}
		for _, fl := range in.inputs {
			if info.Inputs == nil {
				info.Inputs = map[string]*Value{}
			}
			info.Inputs[fl.Key] = c.valueOf(in.name+".inputs."+fl.Key, fl.Value)
		}
		m.Instances[in.name] = info
	}
	for _, p := range f.pages {
		m.Pages = append(m.Pages, &PageInfo{Name: p.name, Widgets: c.widgetInfos(p.widgets)})
	}
	if m.Pages == nil {
		m.Pages = []*PageInfo{}
	}
	return m
}

func (c *compiler) widgetInfos(ws []*widget) []*WidgetInfo {
	out := []*WidgetInfo{}
	for _, w := range ws {
		info := &WidgetInfo{Name: w.name, Type: w.typ, Layout: w.layout}
		for _, fl := range w.props {
			if info.Props == nil {
				info.Props = map[string]*Value{}
			}
			info.Props[fl.Key] = c.valueOf(w.name+"."+fl.Key, fl.Value)
		}
		keys := make([]string, 0, len(w.events)+len(w.itemEvents))
		for _, fl := range w.events {
			keys = append(keys, fl.Key)
		}
		for _, ie := range w.itemEvents {
			keys = append(keys, ie.key)
		}
		for _, k := range keys {
			if b := c.handlers[w.name+"."+k]; b != nil && b.w == w {
				if info.Events == nil {
					info.Events = map[string]*Value{}
				}
				info.Events[k] = &Value{Handler: b.id, Reads: b.reads, At: b.loc.String()}
			}
		}
		if len(w.children) > 0 {
			info.Widgets = c.widgetInfos(w.children)
		}
		out = append(out, info)
	}
	return out
}

// valueOf is the manifest entry of a data property or input.
func (c *compiler) valueOf(owner string, n *jsonpos.Node) *Value {
	if b := c.byOwner[owner]; b != nil {
		return &Value{Binding: b.id, Reads: b.reads, At: b.loc.String()}
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, n.Raw); err != nil {
		return &Value{Value: json.RawMessage("null")}
	}
	return &Value{Value: json.RawMessage(buf.Bytes())}
}

// marshal writes the manifest as compact JSON and a newline (indented, an
// app of 1,000 bindings had 0.8 MB of manifest, a third of it spaces).
func (m *Manifest) marshal() ([]byte, error) {
	var mj manifestJSON
	return mj.marshal(m)
}

// manifestJSON marshals a manifest again and again as only its packages'
// files change (the bundles were rebuilt): the JSON before and after the
// packages is kept from the first call.
type manifestJSON struct {
	head, tail []byte
}

// marshal writes m as compact JSON and a newline; after the first call,
// only m.Packages may have changed.
func (mj *manifestJSON) marshal(m *Manifest) ([]byte, error) {
	if mj.head == nil {
		rest := *m
		rest.Packages = nil
		data, err := json.Marshal(&rest)
		if err != nil {
			return nil, fmt.Errorf("manifest of app %s: %w", m.App, err)
		}
		// The marker's first occurrence is the top-level key: the keys
		// before it are Manifest's own and Theme's, and in a string every
		// quote is escaped.
		const marker = `,"packages":null`
		i := bytes.Index(data, []byte(marker))
		if i < 0 {
			return nil, fmt.Errorf("manifest of app %s: no packages in %.40q", m.App, data)
		}
		i += len(marker) - len("null")
		mj.head, mj.tail = data[:i:i], append(data[i+len("null"):], '\n')
	}
	pkgs, err := json.Marshal(m.Packages)
	if err != nil {
		return nil, fmt.Errorf("manifest of app %s: %w", m.App, err)
	}
	out := make([]byte, 0, len(mj.head)+len(pkgs)+len(mj.tail))
	return append(append(append(out, mj.head...), pkgs...), mj.tail...), nil
}
