package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/modc-dev/modc/compiler/internal/app/widgets"
)

// widgetType describes one widget type of SPEC 7: the properties app.json
// may set on it, its events, the values it exposes to bindings and the
// setters bindings may call. The table is widgets/types.json, which the
// widget runtime (widgets/widgets.js) imports too.
type widgetType struct {
	// props are the data properties app.json may set (besides the common ones).
	props []string
	// events are the event handler properties (on…).
	events []string
	// exposed are values the widget keeps as state, by name, with the
	// properties each is derived from (Input1.text from defaultText).
	exposed map[string][]string
	// setters are the widget's methods, by name, with the property or
	// exposed value each sets; calling one is an action.
	setters map[string]string
	// container widgets hold "widgets".
	container bool
	// value names the member a form collects of the widget (Input1.text
	// as Form1.data.Input1); "" when a form leaves it out.
	value string
	// collected are exposed values computed from the values of the
	// widgets inside (a form's data), not from properties.
	collected []string
	// template containers repeat their widgets for every item of their
	// data (a list): bindings inside read currentItem and currentIndex.
	template bool
	// itemEvents are event handlers inside the items of a data property
	// (a menu button's menuItems[i].onClick), by property.
	itemEvents map[string][]string
}

// typeJSON is the form of one type in types.json.
type typeJSON struct {
	Props      []string            `json:"props"`
	Events     []string            `json:"events"`
	Exposed    map[string][]string `json:"exposed"`
	Setters    map[string]string   `json:"setters"`
	Container  bool                `json:"container"`
	Value      string              `json:"value"`
	Collected  []string            `json:"collected"`
	Template   bool                `json:"template"`
	ItemEvents map[string][]string `json:"itemEvents"`
}

var (
	// commonProps are the data properties of every widget.
	commonProps []string
	// commonSetters are the setters of every widget.
	commonSetters map[string]string
	// widgetTypes are the widget types by name.
	widgetTypes map[string]*widgetType
)

func init() {
	common, types, err := parseTypes([]byte(widgets.Source("types.json")))
	if err != nil {
		panic("compiler/internal/app/widgets/types.json: " + err.Error())
	}
	commonProps, commonSetters, widgetTypes = common.props, common.setters, types
}

// parseTypes reads and checks a table of widget types (types.json): its
// common part and its types.
func parseTypes(data []byte) (*widgetType, map[string]*widgetType, error) {
	var table struct {
		Common *typeJSON            `json:"common"`
		Types  map[string]*typeJSON `json:"types"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&table); err != nil {
		return nil, nil, err
	}
	if table.Common == nil || len(table.Types) == 0 {
		return nil, nil, fmt.Errorf(`want "common" and "types"`)
	}
	c := table.Common
	if len(c.Events) > 0 || len(c.Exposed) > 0 || c.Container || c.Value != "" || len(c.Collected) > 0 || c.Template || len(c.ItemEvents) > 0 {
		return nil, nil, fmt.Errorf(`"common" has only props and setters`)
	}
	common := &widgetType{props: c.Props, setters: c.Setters}
	types := map[string]*widgetType{}
	for _, name := range sortedKeys(table.Types) {
		j := table.Types[name]
		if j == nil {
			return nil, nil, fmt.Errorf("type %q: null", name)
		}
		t := &widgetType{props: j.Props, events: j.Events, exposed: j.Exposed, setters: j.Setters, container: j.Container,
			value: j.Value, collected: j.Collected, template: j.Template, itemEvents: j.ItemEvents}
		if !typeName.MatchString(name) {
			return nil, nil, fmt.Errorf("type %q: not a lower-case name", name)
		}
		if err := t.check(common); err != nil {
			return nil, nil, fmt.Errorf("type %s: %v", name, err)
		}
		types[name] = t
	}
	return common, types, nil
}

var (
	typeName   = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	identifier = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)
	// memberKinds name the kinds of names of a widget type in messages.
	memberKinds = map[string]string{
		"key":           "a key of every widget",
		"widgets":       "the key of containers",
		"property":      "a property",
		"event":         "an event",
		"exposed value": "an exposed value",
		"setter":        "a setter",
	}
)

// check reports the first problem of type t, given the common part: a
// name that is not an identifier or is given twice (a property, an event,
// an exposed value and a setter are all members of the widget), a data
// property named like an event or an event not, an exposed value derived
// from something that is not a data property, or a setter of something
// that is neither a data property nor an exposed value.
func (t *widgetType) check(common *widgetType) error {
	seen := map[string]string{"name": "key", "type": "key", "widgets": "widgets"}
	add := func(what, name string) error {
		if !identifier.MatchString(name) {
			return fmt.Errorf("%s %q is not an identifier", what, name)
		}
		if was, ok := seen[name]; ok {
			return fmt.Errorf("%s %s is %s already", what, name, memberKinds[was])
		}
		seen[name] = what
		return nil
	}
	isEvent := func(name string) bool {
		return len(name) > 2 && strings.HasPrefix(name, "on") && name[2] >= 'A' && name[2] <= 'Z'
	}
	for _, p := range append(append([]string(nil), common.props...), t.props...) {
		if err := add("property", p); err != nil {
			return err
		}
		if isEvent(p) {
			return fmt.Errorf("property %s is named like an event", p)
		}
	}
	for _, e := range t.events {
		if err := add("event", e); err != nil {
			return err
		}
		if !isEvent(e) {
			return fmt.Errorf("event %s is not named on…", e)
		}
	}
	for _, e := range sortedKeys(t.exposed) {
		if err := add("exposed value", e); err != nil {
			return err
		}
		for _, p := range t.exposed[e] {
			if seen[p] != "property" {
				return fmt.Errorf("exposed value %s derives from %q, which is not a property", e, p)
			}
		}
	}
	setters := map[string]string{}
	for s, p := range common.setters {
		setters[s] = p
	}
	for s, p := range t.setters {
		if _, ok := common.setters[s]; ok {
			return fmt.Errorf("setter %s is common already", s)
		}
		setters[s] = p
	}
	for _, s := range sortedKeys(setters) {
		if err := add("setter", s); err != nil {
			return err
		}
		if p := setters[s]; seen[p] != "property" && seen[p] != "exposed value" {
			return fmt.Errorf("setter %s sets %q, which is neither a property nor an exposed value", s, p)
		}
	}
	if t.value != "" && seen[t.value] != "property" && seen[t.value] != "exposed value" {
		return fmt.Errorf("value %q is neither a property nor an exposed value", t.value)
	}
	for _, c := range t.collected {
		if seen[c] != "exposed value" || len(t.exposed[c]) > 0 {
			return fmt.Errorf("collected %q is not an exposed value derived from no property", c)
		}
	}
	if (t.template || len(t.collected) > 0) && !t.container {
		return fmt.Errorf("a template or a widget that collects values must be a container")
	}
	for _, p := range sortedKeys(t.itemEvents) {
		if seen[p] != "property" {
			return fmt.Errorf("itemEvents of %q, which is not a property", p)
		}
		for _, e := range t.itemEvents[p] {
			if !isEvent(e) {
				return fmt.Errorf("item event %s of %s is not named on…", e, p)
			}
		}
	}
	return nil
}

// typeNames lists the widget types, sorted.
func typeNames() []string { return sortedKeys(widgetTypes) }

// containerTypes lists the widget types that hold widgets, sorted.
func containerTypes() []string {
	var out []string
	for _, name := range typeNames() {
		if widgetTypes[name].container {
			out = append(out, name)
		}
	}
	return out
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
	for s := range commonSetters {
		out = append(out, s)
	}
	for s := range t.setters {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func (t *widgetType) isSetter(name string) bool {
	_, common := commonSetters[name]
	_, own := t.setters[name]
	return common || own
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
