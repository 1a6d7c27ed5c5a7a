package app

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler/internal/schema"
)

// TestSchemaMatchesWidgetTable: app.json's JSON Schema lists exactly the
// widget types of the table the compiler checks apps with, each with
// exactly the keys app.json may give it (allProps).
func TestSchemaMatchesWidgetTable(t *testing.T) {
	var s struct {
		Defs struct {
			Widget struct {
				OneOf []struct {
					Title      string                     `json:"title"`
					Properties map[string]json.RawMessage `json:"properties"`
				} `json:"oneOf"`
			} `json:"widget"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schema.All()[schema.App], &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Defs.Widget.OneOf) != len(widgetTypes) {
		t.Errorf("the schema has %d widget types, the table %d", len(s.Defs.Widget.OneOf), len(widgetTypes))
	}
	for _, v := range s.Defs.Widget.OneOf {
		wt := widgetTypes[v.Title]
		if wt == nil {
			t.Errorf("the schema has a widget type %q the table lacks", v.Title)
			continue
		}
		var got []string
		for k := range v.Properties {
			got = append(got, k)
		}
		want := append(wt.allProps(), layoutKeys...)
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: the schema allows %v, the compiler %v", v.Title, got, want)
		}
	}
}
