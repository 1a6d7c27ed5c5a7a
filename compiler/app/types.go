package app

import "sort"

// widgetType describes one widget type of SPEC 7: the properties app.json
// may set on it, its events, the values it exposes to bindings and the
// setters bindings may call. The widget runtime (widgets/widgets.js)
// implements the same table.
type widgetType struct {
	// props are the data properties app.json may set (besides the common ones).
	props []string
	// events are the event handler properties (on…).
	events []string
	// exposed are values the widget keeps as state, by name, with the
	// properties each is derived from (Input1.text from defaultText).
	exposed map[string][]string
	// setters are the widget's methods; calling one is an action.
	setters []string
	// container widgets hold "widgets".
	container bool
}

// commonProps are the data properties of every widget.
var commonProps = []string{"isVisible"}

// commonSetters are the setters of every widget.
var commonSetters = []string{"setVisibility"}

var widgetTypes = map[string]*widgetType{
	"text": {
		props:   []string{"text"},
		setters: []string{"setText"},
	},
	"button": {
		props:   []string{"label", "isDisabled"},
		events:  []string{"onClick"},
		setters: []string{"setLabel", "setDisabled"},
	},
	"input": {
		props:   []string{"label", "defaultText", "placeholder", "inputType", "isDisabled"},
		events:  []string{"onTextChanged", "onSubmit"},
		exposed: map[string][]string{"text": {"defaultText"}},
		setters: []string{"setValue", "setDisabled"},
	},
	"select": {
		props:  []string{"label", "options", "defaultOptionValue", "placeholder", "isDisabled"},
		events: []string{"onOptionChange"},
		exposed: map[string][]string{
			"selectedOptionValue": {"options", "defaultOptionValue"},
			"selectedOptionLabel": {"options", "defaultOptionValue"},
		},
		setters: []string{"setSelectedOption", "setOptions", "setDisabled"},
	},
	"checkbox": {
		props:   []string{"label", "defaultCheckedState", "isDisabled"},
		events:  []string{"onCheckChange"},
		exposed: map[string][]string{"isChecked": {"defaultCheckedState"}},
		setters: []string{"setValue", "setDisabled"},
	},
	"table": {
		props:  []string{"data", "pageSize", "columns"},
		events: []string{"onRowSelected", "onPageChange"},
		exposed: map[string][]string{
			"tableData":        {"data"},
			"selectedRow":      {"data"},
			"selectedRowIndex": {"data"},
			"pageNo":           {"data", "pageSize"},
		},
		setters: []string{"setData", "setSelectedRowIndex"},
	},
	"image": {
		props:   []string{"image", "alt"},
		events:  []string{"onClick"},
		setters: []string{"setImage"},
	},
	"container": {
		container: true,
	},
}

// typeNames lists the widget types, sorted.
func typeNames() []string {
	names := make([]string, 0, len(widgetTypes))
	for n := range widgetTypes {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// dataProps lists the data properties a widget of type t may set.
func (t *widgetType) dataProps() []string {
	return append(append([]string(nil), commonProps...), t.props...)
}

// allProps lists every property key app.json may give a widget of type t.
func (t *widgetType) allProps() []string {
	out := append([]string{"name", "type"}, t.dataProps()...)
	out = append(out, t.events...)
	if t.container {
		out = append(out, "widgets")
	}
	return out
}

// members lists what a binding may read or call on a widget of type t.
func (t *widgetType) members() []string {
	out := t.dataProps()
	for e := range t.exposed {
		out = append(out, e)
	}
	out = append(out, commonSetters...)
	out = append(out, t.setters...)
	sort.Strings(out)
	return out
}

func (t *widgetType) isSetter(name string) bool {
	return contains(commonSetters, name) || contains(t.setters, name)
}

func (t *widgetType) isEvent(name string) bool { return contains(t.events, name) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
