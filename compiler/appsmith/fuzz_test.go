package appsmith

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// fuzzExport is a small export with one file replaced by data: Read and
// MakePlan must not panic on it, and every message must say where.
func fuzzExport(t *testing.T, file string, data []byte) {
	fsys := fstest.MapFS{
		"metadata.json":                          {Data: []byte(`{"fileFormatVersion": 5}`)},
		"application.json":                       {Data: []byte(`{"pages": [{"id": "Home", "isDefault": true}]}`)},
		"pages/Home/Home.json":                   {Data: []byte(`{"unpublishedPage": {"name": "Home", "layouts": [{"dsl": {"widgetName": "MainContainer", "widgetId": "0", "type": "CANVAS_WIDGET"}}]}}`)},
		"pages/Home/jsobjects/Obj/metadata.json": {Data: []byte(`{"unpublishedCollection": {"name": "Obj", "pluginType": "JS"}, "id": "Home_Obj"}`)},
		"pages/Home/jsobjects/Obj/Obj.js":        {Data: []byte("export default {\n\tf () { return Q.data + Input1.text; },\n}\n")},
		"pages/Home/queries/Q/metadata.json":     {Data: []byte(`{"pluginType": "API", "pluginId": "restapi-plugin", "unpublishedAction": {"name": "Q", "actionConfiguration": {"path": "/x", "httpMethod": "GET"}}}`)},
		"pages/Home/widgets/Input1.json":         {Data: []byte(`{"widgetName": "Input1", "type": "INPUT_WIDGET_V2", "widgetId": "i1", "parentId": "0", "defaultText": "a"}`)},
	}
	fsys[file] = &fstest.MapFile{Data: data}
	ex, msgs := Read(fsys)
	for _, m := range msgs {
		if m.Location.File == "" || m.Text == "" {
			t.Fatalf("message without a place or text: %#v", m)
		}
	}
	if msgs.HasErrors() {
		return
	}
	plan, msgs := MakePlan(ex, nil, PlanOptions{Package: "p"})
	for _, m := range msgs {
		if m.Location.File == "" {
			t.Fatalf("plan message without a place: %#v", m)
		}
	}
	for _, f := range plan.Files {
		if f.Data == nil || strings.HasPrefix(f.Path, "/") || strings.Contains(f.Path, "..") {
			t.Fatalf("bad planned file %q", f.Path)
		}
	}
}

func seeds(f *testing.F, glob string) {
	paths, _ := filepath.Glob(glob)
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("{"))
	f.Add([]byte("null"))
	f.Add([]byte(`{"unpublishedPage": null}`))
}

// FuzzReadPage fuzzes a page's JSON (its layout's widgets included).
func FuzzReadPage(f *testing.F) {
	seeds(f, "testdata/exports/shop/pages/*/*.json")
	seeds(f, "testdata/bad/page_json/pages/Home/Home.json")
	f.Add([]byte(`{"unpublishedPage": {"name": "Home", "layouts": [{"dsl": {"widgetId": "0", "children": [{"widgetName": "A", "type": "CONTAINER_WIDGET", "widgetId": "a", "children": [{"widgetId": "c", "type": "CANVAS_WIDGET", "children": [{"widgetName": "Input1", "type": "INPUT_WIDGET_V2", "widgetId": "i"}]}]}]}}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExport(t, "pages/Home/Home.json", data) })
}

// FuzzReadWidget fuzzes a widget file of the split format.
func FuzzReadWidget(f *testing.F) {
	seeds(f, "testdata/exports/shop/pages/*/widgets/*.json")
	f.Add([]byte(`{"widgetName": "Input1", "type": "TABLE_WIDGET_V2", "widgetId": "i1", "parentId": "i1", "tableData": "{{Q.data}}"}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExport(t, "pages/Home/widgets/Input1.json", data) })
}

// FuzzReadQuery fuzzes a query's metadata.json.
func FuzzReadQuery(f *testing.F) {
	seeds(f, "testdata/exports/shop/pages/*/queries/*/metadata.json")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExport(t, "pages/Home/queries/Q/metadata.json", data) })
}

// FuzzReadObject fuzzes a JS object's metadata.json and its code.
func FuzzReadObject(f *testing.F) {
	seeds(f, "testdata/exports/shop/pages/*/jsobjects/*/metadata.json")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExport(t, "pages/Home/jsobjects/Obj/metadata.json", data) })
}

// FuzzObjectCode fuzzes a JS object's code.
func FuzzObjectCode(f *testing.F) {
	seeds(f, "testdata/exports/shop/pages/*/jsobjects/*/*.js")
	f.Add([]byte("{{ Input1.text }}"))
	f.Add([]byte("export default { a: Input1, b: () => Q.run({x: Input1.text}) }"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExport(t, "pages/Home/jsobjects/Obj/Obj.js", data) })
}

// FuzzMetadata fuzzes the export's metadata.json and application.json.
func FuzzMetadata(f *testing.F) {
	seeds(f, "testdata/exports/shop/*.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzExport(t, "metadata.json", data)
		fuzzExport(t, "application.json", data)
	})
}
