package appsmith

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/app/widgets"
	"github.com/modc-dev/modc/compiler/internal/binding"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
)

// widgetMap says what an Appsmith widget type becomes in an app: a modc
// type and which properties carry over, in the order app.json lists them
// (Appsmith's name, modc's).
type widgetMap struct {
	typ   string
	props [][2]string
}

var widgetTypes = func() map[string]*widgetMap {
	input := &widgetMap{"input", [][2]string{{"label", "label"}, {"defaultText", "defaultText"}, {"placeholderText", "placeholder"},
		{"inputType", "inputType"}, {"isDisabled", "isDisabled"}, {"onTextChanged", "onTextChanged"}, {"onSubmit", "onSubmit"}}}
	sel := &widgetMap{"select", [][2]string{{"label", "label"}, {"options", "options"}, {"sourceData", "options"},
		{"defaultOptionValue", "defaultOptionValue"}, {"placeholderText", "placeholder"}, {"isDisabled", "isDisabled"}, {"onOptionChange", "onOptionChange"}}}
	table := &widgetMap{"table", [][2]string{{"tableData", "data"}, {"onRowSelected", "onRowSelected"}, {"onPageChange", "onPageChange"}}}
	container := &widgetMap{"container", nil}
	return map[string]*widgetMap{
		"TEXT_WIDGET":           {"text", [][2]string{{"text", "text"}}},
		"BUTTON_WIDGET":         {"button", [][2]string{{"text", "label"}, {"isDisabled", "isDisabled"}, {"onClick", "onClick"}}},
		"INPUT_WIDGET":          input,
		"INPUT_WIDGET_V2":       input,
		"PHONE_INPUT_WIDGET":    input,
		"CURRENCY_INPUT_WIDGET": input,
		"SELECT_WIDGET":         sel,
		"DROP_DOWN_WIDGET":      sel,
		"CHECKBOX_WIDGET":       {"checkbox", [][2]string{{"label", "label"}, {"defaultCheckedState", "defaultCheckedState"}, {"isDisabled", "isDisabled"}, {"onCheckChange", "onCheckChange"}}},
		"TABLE_WIDGET":          table,
		"TABLE_WIDGET_V2":       table,
		"IMAGE_WIDGET":          {"image", [][2]string{{"image", "image"}, {"onClick", "onClick"}}},
		"CONTAINER_WIDGET":      container,
		"FORM_WIDGET":           {"form", nil},
		"FORM_BUTTON_WIDGET":    {"formbutton", [][2]string{{"text", "label"}, {"isDisabled", "isDisabled"}, {"disabledWhenInvalid", "disabledWhenInvalid"}, {"resetFormOnClick", "resetFormOnClick"}, {"onClick", "onClick"}}},
		"MODAL_WIDGET":          {"modal", [][2]string{{"canEscapeKeyClose", "canEscapeKeyClose"}, {"canOutsideClickClose", "canOutsideClickClose"}, {"onClose", "onClose"}}},
		"TABS_WIDGET":           container,
		"DATE_PICKER_WIDGET2": {"datepicker", [][2]string{{"label", "label"}, {"defaultDate", "defaultDate"}, {"dateFormat", "dateFormat"}, {"minDate", "minDate"},
			{"maxDate", "maxDate"}, {"isRequired", "isRequired"}, {"isDisabled", "isDisabled"}, {"onDateSelected", "onDateSelected"}}},
		"FILE_PICKER_WIDGET_V2": {"filepicker", [][2]string{{"label", "label"}, {"fileDataType", "fileDataType"}, {"maxNumFiles", "maxNumFiles"}, {"maxFileSize", "maxFileSize"},
			{"allowedFileTypes", "allowedFileTypes"}, {"isRequired", "isRequired"}, {"isDisabled", "isDisabled"}, {"onFilesSelected", "onFilesSelected"}}},
		"ICON_BUTTON_WIDGET":     {"iconbutton", [][2]string{{"iconName", "iconName"}, {"tooltip", "tooltip"}, {"isDisabled", "isDisabled"}, {"onClick", "onClick"}}},
		"DIVIDER_WIDGET":         {"divider", [][2]string{{"orientation", "orientation"}, {"strokeStyle", "strokeStyle"}, {"thickness", "thickness"}}},
		"SWITCH_WIDGET":          {"switch", [][2]string{{"label", "label"}, {"defaultSwitchState", "defaultSwitchState"}, {"isDisabled", "isDisabled"}, {"onChange", "onChange"}}},
		"RADIO_GROUP_WIDGET":     {"radiogroup", [][2]string{{"label", "label"}, {"options", "options"}, {"defaultOptionValue", "defaultOptionValue"}, {"isDisabled", "isDisabled"}, {"onSelectionChange", "onSelectionChange"}}},
		"MULTI_SELECT_WIDGET_V2": {"multiselect", [][2]string{{"label", "label"}, {"options", "options"}, {"sourceData", "options"}, {"defaultOptionValue", "defaultOptionValue"}, {"isDisabled", "isDisabled"}, {"onOptionChange", "onOptionChange"}}},
	}
}()

// modcType is what the app compiler knows of a widget type: the names a
// binding may read on a widget of it, and its events.
type modcType struct {
	members []string
	events  []string
}

// modcTypes reads the widget runtime's table of types (types.json).
var modcTypes = sync.OnceValue(func() map[string]*modcType {
	var t struct {
		Common struct {
			Props   []string          `json:"props"`
			Setters map[string]string `json:"setters"`
		} `json:"common"`
		Types map[string]struct {
			Props   []string            `json:"props"`
			Events  []string            `json:"events"`
			Exposed map[string][]string `json:"exposed"`
			Setters map[string]string   `json:"setters"`
		} `json:"types"`
	}
	_ = json.Unmarshal([]byte(widgets.Source("types.json")), &t)
	out := map[string]*modcType{}
	for name, ty := range t.Types {
		mt := &modcType{events: ty.Events}
		mt.members = append(mt.members, t.Common.Props...)
		mt.members = append(mt.members, ty.Props...)
		mt.members = append(mt.members, sortedKeys(t.Common.Setters)...)
		mt.members = append(mt.members, sortedKeys(ty.Exposed)...)
		mt.members = append(mt.members, sortedKeys(ty.Setters)...)
		out[name] = mt
	}
	return out
})

// appsmithMembers are what app bindings may read on appsmith.
var appsmithMembers = []string{"URL", "mode", "store", "user"}

// appActions may be called from event handlers only.
var appActions = []string{"storeValue", "removeValue", "clearStore", "showAlert", "navigateTo", "showModal", "closeModal", "resetWidget"}

// appGlobals are the browser globals app bindings may read besides jsmod.Globals.
var appGlobals = []string{"console", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "atob", "btoa"}

// entity is a name an app binding may read: a widget of the app, or an
// instance.
type entity struct {
	name    string   // in the app
	members []string // what a binding may read on it; nil: anything
	object  bool     // the instance of an imported JS object
}

// app plans apps/<package>/app.json: a page per Appsmith page, the widgets
// modc has a type for, and an instance per imported object whose widget
// inputs are bound back to those widgets.
func (p *planner) app() {
	pages := p.appPages()
	taken := map[string]bool{}
	unique := func(name string, page *Page) string {
		n := identifier(name)
		if taken[n] {
			n = identifier(name + "_" + page.slug())
		}
		for i := 2; taken[n]; i++ {
			n = identifier(fmt.Sprintf("%s_%d", name, i))
		}
		taken[n] = true
		return n
	}
	// Names: per page, what each Appsmith name there is in the app.
	scopes := map[*Page]map[string]*entity{}
	var declare func(pg *Page, ws []*Widget)
	declare = func(pg *Page, ws []*Widget) {
		for _, w := range ws {
			if m := widgetTypes[w.Type]; m != nil {
				scopes[pg][w.Name] = &entity{name: unique(w.Name, pg), members: modcTypes()[m.typ].members}
			}
			declare(pg, w.Children)
		}
	}
	for _, pg := range pages {
		scopes[pg] = map[string]*entity{}
		declare(pg, pg.Widgets)
	}
	instances := obj{}
	// Every object's instance is named first, so that one may be bound
	// to another that comes after it.
	for _, op := range p.plan.Objects {
		pg := op.Object.Page
		if scopes[pg] == nil {
			scopes[pg] = map[string]*entity{}
		}
		op.Instance = unique(op.Name, pg)
		scopes[pg][op.Name] = &entity{name: op.Instance, members: op.members, object: true}
	}
	for _, op := range p.plan.Objects {
		pg := op.Object.Page
		name := op.Instance
		in := obj{{"module", op.Module}}
		inputs := obj{}
		for _, w := range op.Inputs {
			e, i := scopes[pg][w], op.inputs[w]
			switch {
			case e != nil && i.object != nil && e.object:
				inputs = append(inputs, kv{w, "{{" + e.name + "}}"}) // the other object's instance
			case e != nil && i.widget != nil && widgetTypes[i.widget.Type] != nil:
				inputs = append(inputs, kv{w, "{{" + e.name + "}}"})
			default:
				op.Unbound = append(op.Unbound, w)
			}
		}
		if len(inputs) > 0 {
			in = append(in, kv{"inputs", inputs})
		}
		instances = append(instances, kv{name, in})
	}
	var appPages []any
	for _, pg := range pages {
		p.plan.Pages++
		appPages = append(appPages, obj{{"name", pg.Name}, {"widgets", p.widgets(pg, pg.Widgets, scopes[pg])}})
	}
	if appPages == nil {
		appPages = []any{}
	}
	doc := obj{{"title", p.opts.Title}, {"origin", obj{{"from", "appsmith"}, {"name", p.opts.Title}}},
		{"packages", obj{{p.opts.Package, "workspace"}}}, {"instances", instances}, {"pages", appPages}}
	if old := p.readJSON(p.plan.App); old != nil {
		o := old.Get("origin")
		if o == nil || o.Get("from") == nil || o.Get("from").Str != "appsmith" {
			m := p.errorf("import-would-replace", diag.Location{File: p.plan.App}, "%s is already in the workspace and was not made by an import: importing would replace it", p.plan.App)
			*m = m.WithHint("import with --package NAME to make another app, or move that app")
			return
		}
	}
	p.add(&File{Path: p.plan.App}, doc)
}

// appPages are the pages the app gets: those selected with --pages, the
// pages of the objects selected with --objects, else all.
func (p *planner) appPages() []*Page {
	var out []*Page
	for _, pg := range p.ex.Pages {
		switch {
		case len(p.opts.Pages) > 0:
			if slices.Contains(p.opts.Pages, pg.Name) {
				out = append(out, pg)
			}
		case len(p.opts.Objects) > 0:
			if slices.ContainsFunc(p.plan.Objects, func(op *ObjectPlan) bool { return op.Object.Page == pg }) {
				out = append(out, pg)
			}
		default:
			out = append(out, pg)
		}
	}
	return out
}

// widgets maps a page's widgets; those of a type modc does not have are
// left out, and what they hold takes their place.
func (p *planner) widgets(pg *Page, ws []*Widget, scope map[string]*entity) []any {
	out := []any{}
	for _, w := range ws {
		m := widgetTypes[w.Type]
		if m == nil {
			p.plan.Skipped[w.Type]++
			p.adrift++
			out = append(out, p.widgets(pg, w.Children, scope)...)
			p.adrift--
			continue
		}
		p.plan.Widgets++
		d := obj{{"name", scope[w.Name].name}, {"type", m.typ}}
		events := modcTypes()[m.typ].events
		for _, pr := range m.props {
			from, to := pr[0], pr[1]
			if _, dup := d.get(to); dup {
				continue
			}
			if v, ok := p.prop(w, from, to, slices.Contains(events, to), scope); ok && !(to == "isDisabled" && isRaw(v, "false")) {
				d = append(d, kv{to, v})
			}
		}
		if w.Type == "MODAL_WIDGET" {
			d = append(d, kv{"isVisible", false})
		} else if v, ok := p.prop(w, "isVisible", "isVisible", false, scope); ok && !isRaw(v, "true") {
			d = append(d, kv{"isVisible", v})
		}
		if p.adrift == 0 {
			d = append(d, layout(w)...)
		}
		if m.typ == "container" || m.typ == "form" || m.typ == "modal" {
			d = append(d, kv{"widgets", p.widgets(pg, w.Children, scope)})
		}
		out = append(out, d)
	}
	return out
}

// layout keeps a widget's place on Appsmith's grid (64 columns, rows of
// 10 pixels), which modc apps use the same way: each pair of edges whole
// and in order, or left out.
func layout(w *Widget) []kv {
	num := func(key string) (int, bool) {
		var f float64
		if raw, ok := w.Props[key]; !ok || json.Unmarshal(raw, &f) != nil || f < 0 || math.IsInf(f, 0) || f > 1e6 {
			return 0, false
		}
		return int(math.Round(f)), true
	}
	var out []kv
	for _, pair := range [][2]string{{"leftColumn", "rightColumn"}, {"topRow", "bottomRow"}} {
		a, okA := num(pair[0])
		b, okB := num(pair[1])
		if !okA || !okB || b <= a || (pair[0] == "leftColumn" && b > 64) {
			continue
		}
		out = append(out, kv{pair[0], a}, kv{pair[1], b})
	}
	return out
}

// prop maps one property: a value without bindings as it is (a string
// of JSON for select options as the array), a binding only when all it
// reads is in the app.
func (p *planner) prop(w *Widget, from, to string, event bool, scope map[string]*entity) (any, bool) {
	raw, ok := w.Props[from]
	if !ok {
		return nil, false
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		var v any
		if json.Unmarshal(raw, &v) != nil || v == nil {
			return nil, false
		}
		return json.RawMessage(raw), true
	}
	if !strings.Contains(s, "{{") {
		switch {
		case to == "options":
			var opts []any
			if json.Unmarshal([]byte(s), &opts) != nil {
				return nil, false
			}
			return opts, true
		case to == "inputType":
			return strings.ToLower(s), s != ""
		case event:
			return nil, false
		case s == "" && to != "text":
			return nil, false
		}
		return s, true
	}
	out, ok := rebind(s, event, scope)
	if !ok {
		p.plan.Dropped++
	}
	return out, ok
}

// rebind rewrites the bindings of an app property to the app's names; false
// when one reads something the app does not have (a page query, a widget
// of a type modc lacks, a platform function).
func rebind(s string, event bool, scope map[string]*entity) (string, bool) {
	segs := binding.Split(s)
	if event && !binding.IsSingleBinding(segs) {
		return "", false
	}
	var b strings.Builder
	for _, seg := range segs {
		if !seg.Binding {
			b.WriteString(seg.Text)
			continue
		}
		code, ok := rebindCode(seg.Text, event, scope)
		if !ok {
			return "", false
		}
		b.WriteString("{{" + code + "}}")
	}
	return b.String(), true
}

func rebindCode(code string, event bool, scope map[string]*entity) (string, bool) {
	prefix, suffix := "", ""
	if event { // statements, as the app compiles a handler
		prefix, suffix = "(async () => {", "\n})()"
	}
	refs, err := jsmod.ExpressionRefs(prefix + code + suffix)
	if err != nil {
		return "", false
	}
	type edit struct {
		at   int
		from string
		to   string
	}
	var edits []edit
	for _, r := range refs {
		if r.This {
			return "", false
		}
		e := scope[r.Name]
		switch {
		case e != nil:
			if e.members != nil && r.Member != "" && !slices.Contains(e.members, r.Member) {
				return "", false
			}
			if e.members == nil && r.Member == "" {
				return "", false
			}
			if e.name != r.Name {
				edits = append(edits, edit{r.Offset - len(prefix), r.Name, e.name})
			}
		case r.Name == "appsmith":
			if !slices.Contains(appsmithMembers, r.Member) {
				return "", false
			}
		case slices.Contains(appActions, r.Name):
			if !event {
				return "", false
			}
		case slices.Contains(jsmod.Globals, r.Name) || slices.Contains(appGlobals, r.Name):
		default:
			return "", false
		}
	}
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		code = code[:e.at] + e.to + code[e.at+len(e.from):]
	}
	return code, true
}

// readme is a module's README.md as the import first writes it: where it
// came from, and what to do about what the import could not map.
func readme(op *ObjectPlan, pkg string) string {
	var b strings.Builder
	o := op.Object
	fmt.Fprintf(&b, "# %s\n\nThe JS object **%s** of the Appsmith page **%s**, imported by `modc import appsmith`.\n", op.Module, o.Name, o.Page.Name)
	b.WriteString("`main.js` is its code, unchanged. This README is yours: importing again never rewrites it, nor `examples.json` or the mocks of the queries.\n")
	if len(op.Queries) > 0 {
		b.WriteString("\n## Queries\n\n")
		for _, q := range op.Queries {
			a := o.Page.Queries[q]
			plugin := pluginName(a.PluginID)
			if a.Module != "" {
				plugin = "an instance of the Appsmith query module " + a.Module
			}
			if slices.Contains(op.Placeholders, q) {
				fmt.Fprintf(&b, "- [ ] TODO `%s` (%s): a placeholder request; point its `url` at a service that runs it, then set `\"placeholder\": false` in its `origin` so that importing again keeps your request.\n", q, plugin)
			} else {
				fmt.Fprintf(&b, "- `%s` (%s): its request as Appsmith sends it; edit its mock to test with.\n", q, plugin)
			}
		}
	}
	if len(op.Inputs) > 0 {
		what := "widgets"
		if slices.ContainsFunc(op.Inputs, func(n string) bool { return op.inputs[n].object != nil }) {
			what = "widgets and JS objects"
		}
		fmt.Fprintf(&b, "\n## Inputs from widgets\n\nThe code read these %s of the page; each is now an input, whose default is in `module.json`.\n\n", what)
		for _, name := range op.Inputs {
			in := op.inputs[name]
			what := "the widget"
			if in.object != nil {
				what = "the JS object"
			} else if in.widget != nil {
				what = fmt.Sprintf("the %s widget", strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(in.widget.Type, "_V2"), "_WIDGET")))
			}
			read := "it"
			if len(in.members) > 0 {
				var ms []string
				for _, m := range in.members {
					ms = append(ms, "`"+name+"."+m+"`")
				}
				read = strings.Join(ms, ", ")
			}
			fmt.Fprintf(&b, "- [ ] TODO `%s`: %s on page %s; the code reads %s. Check the default, and bind it in apps: `\"inputs\": {\"%s\": \"{{%s}}\"}`", name, what, o.Page.Name, read, name, name)
			if slices.Contains(op.Unbound, name) {
				b.WriteString(" (the imported app has no modc widget for it: it keeps its default)")
			}
			b.WriteString(".\n")
		}
	}
	fmt.Fprintf(&b, "\nRun `modc check` to see what is left to do; add examples to `examples.json` to test the functions.\n")
	_ = pkg
	return b.String()
}

// isRaw reports whether v is the raw JSON text s.
func isRaw(v any, s string) bool {
	raw, ok := v.(json.RawMessage)
	return ok && string(raw) == s
}
