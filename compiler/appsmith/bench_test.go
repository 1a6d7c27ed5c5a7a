package appsmith

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// genExport writes an export of pages × perPage JS objects into dir: each
// object calls a REST query and a SQL query of its page and reads an input
// widget, has a function that runs on page load, and the page binds a
// button and a text to it.
func genExport(tb testing.TB, dir string, pages, perPage int) {
	tb.Helper()
	w := func(p, text string) {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	w("metadata.json", `{"fileFormatVersion": 5, "artifactJsonType": "APPLICATION"}`)
	w("datasources/api.json", `{"name": "api", "pluginId": "restapi-plugin", "datasourceConfiguration": {"url": "https://api.example.com"}}`)
	w("datasources/db.json", `{"name": "db", "pluginId": "postgres-plugin"}`)
	app := `{"pages": [`
	for p := 0; p < pages; p++ {
		page := fmt.Sprintf("Page%d", p)
		if p > 0 {
			app += ","
		}
		app += fmt.Sprintf(`{"id": %q, "isDefault": %v}`, page, p == 0)
		dir := "pages/" + page
		w(dir+"/"+page+".json", fmt.Sprintf(`{"unpublishedPage": {"name": %q, "layouts": [{"dsl": {"widgetName": "MainContainer", "widgetId": "0", "type": "CANVAS_WIDGET"}}]}}`, page))
		for o := 0; o < perPage; o++ {
			obj := fmt.Sprintf("Obj%d_%d", p, o)
			rest, sql, input := fmt.Sprintf("getItems%d", o), fmt.Sprintf("saveItem%d", o), fmt.Sprintf("Input%d", o)
			w(fmt.Sprintf("%s/jsobjects/%s/metadata.json", dir, obj), fmt.Sprintf(`{"unpublishedCollection": {"name": %q, "pageId": %q, "pluginType": "JS"}, "id": "%s_%s"}`, obj, page, page, obj))
			w(fmt.Sprintf("%s/jsobjects/%s/%s.js", dir, obj, obj), fmt.Sprintf(`export default {
	/** How many items were loaded. */
	count: 0,
	async load () {
		await %[1]s.run();
		this.count = (%[1]s.data || []).length;
		return %[1]s.data;
	},
	async save (item) {
		await %[2]s.run({ name: %[3]s.text, item });
		showAlert("Saved " + %[3]s.text, "success");
		return %[2]s.data;
	},
	label: () => "Item " + %[3]s.text,
}
`, rest, sql, input))
			w(fmt.Sprintf("%s/queries/%s-load/metadata.json", dir, obj), fmt.Sprintf(`{"pluginType": "JS", "pluginId": "js-plugin", "unpublishedAction": {"name": "load", "fullyQualifiedName": "%s.load", "collectionId": "%s_%s", "executeOnLoad": true}}`, obj, page, obj))
			w(fmt.Sprintf("%s/queries/%s/metadata.json", dir, rest), fmt.Sprintf(`{"pluginType": "API", "pluginId": "restapi-plugin", "unpublishedAction": {"name": %q, "datasource": {"name": "api", "pluginId": "restapi-plugin"}, "actionConfiguration": {"path": "/items", "httpMethod": "GET", "headers": [{"key": "Authorization", "value": "Bearer {{appsmith.store.token}}"}], "queryParameters": [{"key": "q", "value": "{{%s.text}}"}]}}}`, rest, input))
			w(fmt.Sprintf("%s/queries/%s/metadata.json", dir, sql), fmt.Sprintf(`{"pluginType": "DB", "pluginId": "postgres-plugin", "unpublishedAction": {"name": %q, "datasource": {"name": "db", "pluginId": "postgres-plugin"}, "actionConfiguration": {}}}`, sql))
			w(fmt.Sprintf("%s/queries/%s/%s.txt", dir, sql, sql), fmt.Sprintf("INSERT INTO items (name) VALUES ({{this.params.name || %s.text}});\n", input))
			w(fmt.Sprintf("%s/widgets/%s.json", dir, input), fmt.Sprintf(`{"widgetName": %q, "type": "INPUT_WIDGET_V2", "widgetId": "i%d", "parentId": "0", "topRow": %d, "leftColumn": 0, "defaultText": "x", "label": "Name"}`, input, o, o*10))
			w(fmt.Sprintf("%s/widgets/Save%d.json", dir, o), fmt.Sprintf(`{"widgetName": "Save%d_%d", "type": "BUTTON_WIDGET", "widgetId": "b%d", "parentId": "0", "topRow": %d, "leftColumn": 30, "text": "Save", "onClick": "{{%s.save({})}}"}`, p, o, o, o*10, obj))
			w(fmt.Sprintf("%s/widgets/Count%d.json", dir, o), fmt.Sprintf(`{"widgetName": "Count%d_%d", "type": "TEXT_WIDGET", "widgetId": "t%d", "parentId": "0", "topRow": %d, "leftColumn": 50, "text": "{{%s.count}} items"}`, p, o, o, o*10, obj))
		}
	}
	w("application.json", app+"]}")
}

// BenchmarkImport imports 1,000 JS objects with 2,000 queries (50 pages of
// 20) into a new workspace and checks it (modc import appsmith as a user
// runs it); BenchmarkImportNoCheck leaves the check out.
func BenchmarkImport(b *testing.B)        { benchImport(b, false) }
func BenchmarkImportNoCheck(b *testing.B) { benchImport(b, true) }

func benchImport(b *testing.B, noCheck bool) {
	src := filepath.Join(b.TempDir(), "export")
	genExport(b, src, 50, 20)
	base := b.TempDir()
	n := 0
	var rep *Report
	b.ResetTimer()
	for range b.N {
		// Each import goes to a new directory; the last one is removed
		// first, outside the timer.
		b.StopTimer()
		if n > 0 {
			if err := os.RemoveAll(filepath.Join(base, fmt.Sprint("ws", n))); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		n++
		ws := filepath.Join(base, fmt.Sprint("ws", n))
		var err error
		rep, _, err = Import(Options{Source: src, Into: ws, Package: "big", NoCheck: noCheck})
		if err != nil {
			b.Fatal(err)
		}
	}
	t := rep.Totals
	if t.Objects != 1000 || t.Queries != 2000 || (!noCheck && t.WithInputs != 1000) {
		b.Fatalf("totals %+v", t)
	}
}

// TestGeneratedExportImportsClean keeps the benchmark's export honest: a
// small one imports with every object clean.
func TestGeneratedExportImportsClean(t *testing.T) {
	src := filepath.Join(t.TempDir(), "export")
	genExport(t, src, 2, 3)
	rep, msgs, err := Import(Options{Source: src, Into: filepath.Join(t.TempDir(), "ws"), Package: "big"})
	if err != nil {
		t.Fatalf("%v\n%s", err, msgs)
	}
	for _, o := range rep.Objects {
		if o.Status != WithInputs {
			t.Errorf("%s/%s: %s\n%s", o.Page, o.Name, o.Status, o.Messages)
		}
	}
	if len(rep.AppMessages)+len(rep.Other) > 0 {
		t.Errorf("app: %s\nother: %s", rep.AppMessages, rep.Other)
	}
}
