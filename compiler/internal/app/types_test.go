package app

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/modc-dev/modc/compiler/internal/app/widgets"
)

// probed is what testdata/widgets_probe.js reports of one type of the
// widget runtime.
type probed struct {
	Render      bool                `json:"render"`
	Update      bool                `json:"update"`
	Defaults    []string            `json:"defaults"`
	Setters     map[string]string   `json:"setters"`
	Fired       []string            `json:"fired"`
	HandlerSets []string            `json:"handlerSets"`
	Derived     map[string][]string `json:"derived"`
}

// runtimeProblems bundles widgets.js of files (runtimeFiles' paths) with
// the probe, as app.js bundles it, runs it in goja and lists where the
// runtime and files' types.json disagree.
func runtimeProblems(t *testing.T, files map[string]string) []string {
	t.Helper()
	common, table, err := parseTypes([]byte(files["widgets/types.json"]))
	if err != nil {
		t.Fatalf("types.json: %v", err)
	}
	probe, err := os.ReadFile("testdata/widgets_probe.js")
	if err != nil {
		t.Fatal(err)
	}
	files["probe.js"] = string(probe)
	res := api.Build(api.BuildOptions{
		EntryPoints: []string{namespace + ":probe.js"},
		Bundle:      true,
		Write:       false,
		Format:      api.FormatIIFE,
		GlobalName:  "probe",
		Target:      api.ES2020,
		LogLevel:    api.LogLevelSilent,
		Plugins:     []api.Plugin{filesPlugin(files)},
	})
	for _, m := range res.Errors {
		t.Fatalf("esbuild: %s", m.Text)
	}
	vm := goja.New()
	if _, err := vm.RunString(string(res.OutputFiles[0].Contents)); err != nil {
		t.Fatalf("running widgets.js: %v", err)
	}
	v, err := vm.RunString("probe.probe()")
	if err != nil {
		t.Fatalf("probing widgets.js: %v", err)
	}
	var runtime map[string]*probed
	if err := json.Unmarshal([]byte(v.String()), &runtime); err != nil {
		t.Fatal(err)
	}

	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	for _, name := range sortedKeys(runtime) {
		if table[name] == nil {
			bad("widgets.js implements type %s, which types.json does not have", name)
		}
	}
	for _, name := range sortedKeys(table) {
		wt, r := table[name], runtime[name]
		if r == nil {
			bad("types.json has type %s, which widgets.js does not implement", name)
			continue
		}
		if !wt.container && !(r.Render && r.Update) {
			bad("%s: widgets.js has no render or no update", name)
		}
		for _, e := range wt.events {
			if !slices.Contains(r.Fired, e) {
				bad("%s: types.json has event %s, which widgets.js never fires", name, e)
			}
		}
		for _, e := range sorted(r.Fired) {
			if !wt.isEvent(e) {
				bad("%s: widgets.js fires %s, which types.json does not have", name, e)
			}
		}
		want := map[string]string{}
		for s, p := range common.setters {
			want[s] = p
		}
		for s, p := range wt.setters {
			want[s] = p
		}
		if len(r.Setters) > 0 {
			bad("%s: widgets.js has setters %v; they come from types.json", name, r.Setters)
		}
		isProp := func(p string) bool { return slices.Contains(common.props, p) || slices.Contains(wt.props, p) }
		kept := map[string]bool{}
		for _, k := range r.Defaults {
			kept[k] = true
			if _, ok := wt.exposed[k]; !ok && !isProp(k) {
				bad("%s: widgets.js has a default for %s, which types.json does not have", name, k)
			}
		}
		for _, k := range r.HandlerSets {
			kept[k] = true
			// The user may do what a setter does (close a modal: setVisibility).
			if _, ok := wt.exposed[k]; !ok && !slices.Contains(slices.Collect(maps.Values(want)), k) {
				bad("%s: widgets.js sets %s on user input, which types.json does not expose", name, k)
			}
		}
		// The properties each value derive sets comes from: those it read
		// before, and the properties of the values it read.
		var sources func(k string, seen map[string]bool) []string
		sources = func(k string, seen map[string]bool) []string {
			var out []string
			for _, r := range r.Derived[k] {
				if seen[r] {
					continue
				}
				seen[r] = true
				if isProp(r) {
					out = append(out, r)
				} else {
					out = append(out, sources(r, seen)...)
				}
			}
			return out
		}
		for _, k := range sortedKeys(r.Derived) {
			kept[k] = true
			from, ok := wt.exposed[k]
			if !ok {
				bad("%s: widgets.js derives %s, which types.json does not expose", name, k)
				continue
			}
			for _, p := range sorted(sources(k, map[string]bool{k: true})) {
				if !slices.Contains(from, p) {
					bad("%s: widgets.js derives %s from %s, which types.json does not list among its sources %v", name, k, p, from)
				}
			}
		}
		for _, p := range want {
			kept[p] = true
		}
		for _, k := range sortedKeys(wt.exposed) {
			if !kept[k] {
				bad("%s: types.json exposes %s, which widgets.js never sets", name, k)
			}
		}
	}
	return out
}

func sorted(list []string) []string {
	out := slices.Clone(list)
	sort.Strings(out)
	return out
}

// TestRuntimeImplementsTypes guards the one table of widget types: the
// widget runtime implements exactly the types of types.json, fires exactly
// their events, has their setters, and keeps no value the table does not
// expose, derived from no property the table does not name (the
// compiler's evaluation order relies on those).
func TestRuntimeImplementsTypes(t *testing.T) {
	for _, p := range runtimeProblems(t, runtimeFiles()) {
		t.Error(p)
	}
}

// TestRuntimeProblems checks that runtimeProblems sees disagreements: each
// case changes types.json or widgets.js and must be reported.
func TestRuntimeProblems(t *testing.T) {
	tests := []struct {
		file, old, new, want string
	}{
		{"widgets/types.json", `"container": {`, `"slider": { "props": ["value"] }, "container": {`,
			"types.json has type slider, which widgets.js does not implement"},
		{"widgets/widgets.js", `export const types = { text,`, `export const types = { slider: {}, text,`,
			"widgets.js implements type slider, which types.json does not have"},
		{"widgets/types.json", `"events": ["onTextChanged", "onSubmit"]`, `"events": ["onTextChanged"]`,
			"input: widgets.js fires onSubmit, which types.json does not have"},
		{"widgets/widgets.js", `fire(w, "onSubmit")`, `fire(w, "onEnter")`,
			"input: types.json has event onSubmit, which widgets.js never fires"},
		{"widgets/types.json", `"pageNo": ["listData", "pageSize"]`, `"pageNo": ["listData"]`,
			"list: widgets.js derives pageNo from pageSize, which types.json does not list among its sources [listData]"},
		{"widgets/types.json", `"selectedOptionLabel": ["options", "defaultOptionValue"]`, `"selectedOptionLabel": ["options"]`,
			"select: widgets.js derives selectedOptionLabel from defaultOptionValue, which types.json does not list among its sources [options]"},
		{"widgets/widgets.js", `set(w, "text", i.value)`, `set(w, "txt", i.value)`,
			"input: widgets.js sets txt on user input, which types.json does not expose"},
		{"widgets/types.json", `"exposed": { "isChecked": ["defaultCheckedState"] }`, `"exposed": { "isChecked": ["defaultCheckedState"], "checked": [] }`,
			"checkbox: types.json exposes checked, which widgets.js never sets"},
		{"widgets/widgets.js", `render: (w) => (w.body = add(w, "span")),`, ``,
			"text: widgets.js has no render or no update"},
		{"widgets/widgets.js", `const image = {`, `const image = { setters: { setImage: "image" },`,
			"image: widgets.js has setters"},
	}
	for _, tt := range tests {
		files := runtimeFiles()
		if !strings.Contains(files[tt.file], tt.old) {
			t.Fatalf("%s has no %q", tt.file, tt.old)
		}
		files[tt.file] = strings.Replace(files[tt.file], tt.old, tt.new, 1)
		problems := runtimeProblems(t, files)
		if !slices.ContainsFunc(problems, func(p string) bool { return strings.HasPrefix(p, tt.want) }) {
			t.Errorf("%s: %q → %q: no problem %q in:\n%s", tt.file, tt.old, tt.new, tt.want, strings.Join(problems, "\n"))
		}
	}
}

// TestParseTypes checks the embedded table and that parseTypes refuses
// tables that are not consistent in themselves.
func TestParseTypes(t *testing.T) {
	text := widgets.Source("types.json")
	if _, _, err := parseTypes([]byte(text)); err != nil {
		t.Fatalf("types.json: %v", err)
	}
	if len(widgetTypes) != 21 || !widgetTypes["container"].container || !reflect.DeepEqual(commonProps, []string{"isVisible"}) {
		t.Errorf("types: %v, common props %v", typeNames(), commonProps)
	}
	tests := []struct{ old, new, want string }{
		{`"props": ["text"]`, `"prop": ["text"]`, `json: unknown field "prop"`},
		{`"setText": "text"`, `"setText": "txt"`, `type text: setter setText sets "txt", which is neither a property nor an exposed value`},
		{`"text": ["defaultText"]`, `"text": ["defaultTxt"]`, `type input: exposed value text derives from "defaultTxt", which is not a property`},
		{`"props": ["image", "alt"]`, `"props": ["image", "image"]`, `type image: property image is a property already`},
		{`"props": ["image", "alt"]`, `"props": ["image", "onLoad"]`, `type image: property onLoad is named like an event`},
		{`"events": ["onCheckChange"]`, `"events": ["checkChange"]`, `type checkbox: event checkChange is not named on…`},
		{`"events": ["onCheckChange"]`, `"events": ["onCheckChange", "onCheckChange"]`, `type checkbox: event onCheckChange is an event already`},
		{`"exposed": { "isChecked"`, `"exposed": { "label"`, `type checkbox: exposed value label is a property already`},
		{`"setImage": "image"`, `"alt": "image"`, `type image: setter alt is a property already`},
		{`"setImage": "image"`, `"setVisibility": "image"`, `type image: setter setVisibility is common already`},
		{`"props": ["text"]`, `"props": ["name"]`, `type text: property name is a key of every widget already`},
		{`"props": ["text"]`, `"props": ["te-xt"]`, `type text: property "te-xt" is not an identifier`},
		{`"text": {`, `"Text": {`, `type "Text": not a lower-case name`},
		{`"props": ["isVisible"],`, `"props": ["isVisible"], "container": true,`, `"common" has only props and setters`},
		{`"container": {`, `"slider": null, "container": {`, `type "slider": null`},
	}
	for _, tt := range tests {
		if !strings.Contains(text, tt.old) {
			t.Fatalf("types.json has no %q", tt.old)
		}
		_, _, err := parseTypes([]byte(strings.Replace(text, tt.old, tt.new, 1)))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q → %q: got %v, want %s", tt.old, tt.new, err, tt.want)
		}
	}
}
