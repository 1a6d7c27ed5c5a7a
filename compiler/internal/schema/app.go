package schema

import (
	"encoding/json"
	"sort"

	"github.com/modc-dev/modc/compiler/internal/app/widgets"
)

// widgetTable is what appSchema reads of the widget table (types.json,
// which compiler/internal/app checks and the widget runtime imports).
type widgetTable struct {
	Common struct {
		Props []string `json:"props"`
	} `json:"common"`
	Types map[string]struct {
		Props     []string `json:"props"`
		Events    []string `json:"events"`
		Container bool     `json:"container"`
	} `json:"types"`
}

// appSchema returns the JSON Schema of app.json (draft 2020-12), made from
// the widget table, so that the two cannot differ: each widget type with
// its data properties (any JSON value, or text with {{ }} bindings), its
// events (one {{ }} binding each) and, for containers, its widgets.
func appSchema() []byte {
	type obj = map[string]any
	var table widgetTable
	if err := json.Unmarshal([]byte(widgets.Source("types.json")), &table); err != nil {
		panic("compiler/internal/app/widgets/types.json: " + err.Error()) // embedded, and checked by compiler/internal/app
	}
	binding := obj{"type": "string", "pattern": `^\s*\{\{[\s\S]*\}\}\s*$`, "description": "One {{ }} binding: the statements to run."}
	var variants []any
	names := make([]string, 0, len(table.Types))
	for name := range table.Types {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t := table.Types[name]
		props := obj{
			"name": obj{"type": "string", "minLength": 1, "description": "The widget's name, unique in the app; bindings read it (Input1.text)."},
			"type": obj{"const": name},
		}
		for _, p := range append(append([]string(nil), table.Common.Props...), t.Props...) {
			props[p] = obj{"description": "Any JSON value; strings may hold {{ }} bindings."}
		}
		for _, e := range t.Events {
			props[e] = binding
		}
		for _, k := range []string{"leftColumn", "rightColumn", "topRow", "bottomRow"} {
			props[k] = obj{"type": "integer", "minimum": 0, "description": "Where the widget sits on its parent's grid of 64 columns and 10-pixel rows, as in Appsmith (from 0; right and bottom excluded)."}
		}
		if t.Container {
			props["widgets"] = obj{"type": "array", "items": obj{"$ref": "#/$defs/widget"}}
		}
		variants = append(variants, obj{
			"title":                name,
			"type":                 "object",
			"required":             []string{"name", "type"},
			"properties":           props,
			"additionalProperties": false,
		})
	}
	names2 := func(key string) obj {
		return obj{"type": "array", "items": obj{"type": "string"}, "uniqueItems": true, "description": key}
	}
	schema := obj{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"title":                "app.json",
		"description":          "An app: apps/<app>/app.json. Its pages hold widgets whose properties bind to module instances with {{ }}.",
		"type":                 "object",
		"additionalProperties": false,
		"required":             []string{"pages"},
		"properties": obj{
			"$schema": obj{"type": "string", "description": "The JSON Schema of this file, for editors."},
			"title":   obj{"type": "string", "description": "The app's title (default: its directory's name)."},
			"theme": obj{
				"type":                 "object",
				"description":          "The look of the app's widgets.",
				"additionalProperties": false,
				"properties": obj{
					"primaryColor":    obj{"type": "string", "description": "Buttons, links, selections: a CSS colour."},
					"backgroundColor": obj{"type": "string", "description": "The page's background: a CSS colour."},
					"textColor":       obj{"type": "string", "description": "The text: a CSS colour."},
					"fontFamily":      obj{"type": "string", "description": "Font names, such as \"Inter, system-ui, sans-serif\"."},
					"borderRadius":    obj{"type": "string", "pattern": `^(0|[0-9]+(\.[0-9]+)?(px|rem|em|%))$`, "description": "Corners of widgets: a CSS length."},
				},
			},
			"css": obj{"type": "string", "pattern": `\.css$`, "description": "A style sheet of your own in the app's directory, loaded after modc's."},
			"packages": obj{
				"type":                 "object",
				"description":          "The packages the app uses, each with a semver range of its released versions, or \"workspace\" for the work tree.",
				"additionalProperties": obj{"type": "string"},
			},
			"instances": obj{
				"type":        "object",
				"description": "Module instances by name; bindings use the name (Tokens.getAccessToken.data).",
				"propertyNames": obj{
					"pattern": "^[A-Za-z_$][A-Za-z0-9_$]*$",
				},
				"additionalProperties": obj{
					"type":                 "object",
					"additionalProperties": false,
					"required":             []string{"module"},
					"properties": obj{
						"module":               obj{"type": "string", "pattern": "^[a-z][a-z0-9_]*/[a-z][a-z0-9_]*$", "description": "<package>/<module>"},
						"inputs":               obj{"type": "object", "description": "The instance's inputs: JSON values, or text with {{ }} bindings."},
						"runOnPageLoad":        names2("Functions called when a page loads."),
						"confirmBeforeCall":    names2("Functions whose calls the user confirms first."),
						"confirmBeforeExecute": names2("Appsmith's name for confirmBeforeCall."),
					},
				},
			},
			"pages": obj{
				"type":     "array",
				"minItems": 1,
				"items": obj{
					"type":                 "object",
					"additionalProperties": false,
					"required":             []string{"name"},
					"properties": obj{
						"name":    obj{"type": "string", "pattern": `\S`, "description": "The page's name, unique in the app; navigateTo goes to it."},
						"widgets": obj{"type": "array", "items": obj{"$ref": "#/$defs/widget"}},
					},
				},
			},
			"origin": obj{
				"type":                 "object",
				"description":          "What modc import made the app from.",
				"additionalProperties": false,
				"properties":           obj{"from": obj{"type": "string"}, "name": obj{"type": "string"}},
			},
		},
		"$defs": obj{
			"widget": obj{
				"type":     "object",
				"required": []string{"name", "type"},
				"properties": obj{
					"type": obj{"enum": names, "description": "The widget's type."},
				},
				"oneOf": variants,
			},
		},
	}
	out, err := json.MarshalIndent(schema, "", "  ")
	if err != nil {
		panic("app schema: " + err.Error()) // made of maps and strings only
	}
	return append(out, '\n')
}
