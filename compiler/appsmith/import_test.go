package appsmith

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/internal/gittest"
	"github.com/modc-dev/modc/internal/golden"
	"github.com/modc-dev/modc/internal/nodetest"
)

const shop = "testdata/exports/shop"

// installSlugify puts a small slugify package in ws/node_modules, as
// `npm install` would put the real one: the export installs slugify.
func installSlugify(t testing.TB, ws string) {
	t.Helper()
	dir := filepath.Join(ws, "node_modules", "slugify")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "package.json"), `{"name": "slugify", "version": "1.6.6", "main": "index.js"}`)
	write(t, filepath.Join(dir, "index.js"), `module.exports = function slugify(s, o) {
  var out = String(s).trim().replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return o && o.lower ? out.toLowerCase() : out;
};
`)
}

func write(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// files lists a workspace's files but node_modules, as slash paths.
func files(t testing.TB, ws string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(ws, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "node_modules" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(ws, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// reportJSON is the report as --json prints it, with the workspace's
// temporary path and the time taken made constant.
func reportJSON(t testing.TB, r *Report, ws string) string {
	t.Helper()
	r.Duration = 0
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(data), ws, "$WS") + "\n"
}

func importShop(t *testing.T) (string, *Report) {
	t.Helper()
	ws := filepath.Join(t.TempDir(), "ws")
	installSlugify(t, ws)
	rep, msgs, err := Import(Options{Source: shop, Into: ws, Package: "shop"})
	if err != nil {
		t.Fatalf("import: %v\n%s", err, msgs)
	}
	return ws, rep
}

// TestImportShop imports the shop export (three pages; JS objects that
// call REST, GraphQL and SQL queries and read widgets; settings; an
// installed library) and checks every file written, the report, and that
// modc check passes on every module whose source was correct.
func TestImportShop(t *testing.T) {
	ws, rep := importShop(t)
	got := files(t, ws)
	golden.Check(t, "testdata/golden/shop.files", strings.Join(got, "\n")+"\n")
	for _, f := range got {
		golden.Check(t, "testdata/golden/shop/"+f, read(t, filepath.Join(ws, f)))
	}
	golden.Check(t, "testdata/golden/shop.report.json", reportJSON(t, rep, ws))
	// main.js is the object's code byte for byte.
	for _, c := range [][2]string{
		{"pages/Home/jsobjects/Catalog/Catalog.js", "modules/shop/catalog/main.js"},
		{"pages/Home/jsobjects/utils/utils.js", "modules/shop/home_utils/main.js"},
		{"pages/Orders/jsobjects/Orders/Orders.js", "modules/shop/orders/main.js"},
		{"pages/Settings/jsobjects/utils/utils.js", "modules/shop/settings_utils/main.js"},
	} {
		if read(t, filepath.Join(shop, c[0])) != read(t, filepath.Join(ws, c[1])) {
			t.Errorf("%s differs from %s", c[1], c[0])
		}
	}
	want := map[string]Status{"Home/Catalog": WithInputs, "Home/utils": AsIs, "Orders/Orders": WithInputs,
		"Settings/Broken": NeedsWork, "Settings/utils": WithInputs}
	for _, o := range rep.Objects {
		if o.Status != want[o.Page+"/"+o.Name] {
			t.Errorf("%s/%s: status %s, want %s\n%s", o.Page, o.Name, o.Status, want[o.Page+"/"+o.Name], o.Messages)
		}
		if o.Status != NeedsWork && len(o.Messages) > 0 {
			t.Errorf("%s/%s: messages on a clean module:\n%s", o.Page, o.Name, o.Messages)
		}
	}
	if len(rep.AppMessages) > 0 || len(rep.Other) > 0 {
		t.Errorf("the app or the workspace has messages:\n%s\n%s", rep.AppMessages, rep.Other)
	}
	// The broken object's messages are check's, located in its main.js.
	for _, o := range rep.Objects {
		if o.Name == "Broken" {
			for _, m := range o.Messages {
				if !strings.HasSuffix(m.Location.File, filepath.FromSlash("modules/shop/broken/main.js")) || m.Location.Line != 3 {
					t.Errorf("broken: message not at main.js line 3: %s", m.Error())
				}
			}
		}
	}
}

// TestImportedModulesRun adds examples to the imported modules and checks
// that their dry runs read widget inputs and the library as the app would.
func TestImportedModulesRun(t *testing.T) {
	ws, _ := importShop(t)
	write(t, filepath.Join(ws, "modules/shop/catalog/examples.json"), `[
  {"name": "slug uses the library", "call": "slug", "args": ["Red Shoes!"], "expect": "red-shoes"},
  {"name": "pick reads the table", "call": "pick", "args": [{"id": 7}],
   "inputs": {"Products": {"selectedRow": {"id": 7, "name": "Boot"}}},
   "expect": {"id": 7, "name": "Boot"}, "expectStore": {"picked": 7}},
  {"name": "search reads the input", "call": "search", "inputs": {"SearchInput": {"text": "hats"}}, "expect": {}}
]`)
	write(t, filepath.Join(ws, "modules/shop/orders/examples.json"), `[
  {"name": "label of the selected status", "call": "statusLabel", "inputs": {"StatusSelect": {"selectedOptionLabel": "Shipped"}}, "expect": "Shipped"},
  {"name": "label by default", "call": "statusLabel", "expect": "All"}
]`)
	res := compiler.Check(compiler.Options{Root: ws})
	var errs diag.List
	for _, m := range res.Messages.Errors() {
		if m.Module != "shop/broken" {
			errs = append(errs, m)
		}
	}
	if len(errs) > 0 {
		t.Fatalf("check:\n%s", errs)
	}
	n := 0
	for id, r := range res.DryRuns {
		for _, e := range r.Examples {
			n++
			if !e.Passed {
				t.Errorf("%s: example %q failed: %s", id, e.Name, e.Error)
			}
		}
	}
	if n != 5 {
		t.Errorf("%d examples ran, want 5", n)
	}
}

// TestReimport: importing again changes nothing; the user's READMEs,
// examples and mocks stay, generated files follow the export.
func TestReimport(t *testing.T) {
	ws, _ := importShop(t)
	before := map[string]string{}
	for _, f := range files(t, ws) {
		before[f] = read(t, filepath.Join(ws, f))
	}
	rep, _, err := Import(Options{Source: shop, Into: ws, Package: "shop", NoCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Files.Created)+len(rep.Files.Updated) > 0 {
		t.Errorf("a second import wrote files: %+v", rep.Files)
	}
	if len(rep.Files.Kept) != 6 { // five READMEs, modc-package.json
		t.Errorf("kept %v, want the five READMEs and modc-package.json", rep.Files.Kept)
	}

	// The user's edits: a README, a mock, examples, a placeholder made real.
	readme := filepath.Join(ws, "modules/shop/catalog/README.md")
	write(t, readme, "# Catalog\n\nMine now.\n")
	mockFile := filepath.Join(ws, "modules/shop/catalog/queries/searchProducts.json")
	var q map[string]any
	if err := json.Unmarshal([]byte(read(t, mockFile)), &q); err != nil {
		t.Fatal(err)
	}
	q["mock"] = map[string]any{"status": 200, "data": []any{map[string]any{"id": 1, "name": "Boot"}}}
	data, _ := json.MarshalIndent(q, "", "  ")
	write(t, mockFile, string(data))
	examples := filepath.Join(ws, "modules/shop/home_utils/examples.json")
	write(t, examples, `[{"name": "price", "call": "formatPrice", "args": [1999], "expect": "19.99 EUR"}]`)
	placeholder := filepath.Join(ws, "modules/shop/orders/queries/listOrders.json")
	pl := strings.Replace(read(t, placeholder), `"placeholder": true`, `"placeholder": false`, 1)
	pl = strings.Replace(pl, `"url": "https://shop-db.invalid/query"`, `"url": "https://sql.shop.example/run"`, 1)
	write(t, placeholder, pl)

	// The export changes: new code for Catalog.
	src := filepath.Join(t.TempDir(), "shop")
	if err := os.CopyFS(src, os.DirFS(shop)); err != nil {
		t.Fatal(err)
	}
	catalog := filepath.Join(src, "pages/Home/jsobjects/Catalog/Catalog.js")
	code := strings.Replace(read(t, catalog), `lastQuery: "",`, `lastQuery: "none",`, 1)
	write(t, catalog, code)

	rep, msgs, err := Import(Options{Source: src, Into: ws, Package: "shop"})
	if err != nil {
		t.Fatalf("%v\n%s", err, msgs)
	}
	if got := read(t, filepath.Join(ws, "modules/shop/catalog/main.js")); got != code {
		t.Errorf("main.js not updated:\n%s", got)
	}
	if got := read(t, readme); got != "# Catalog\n\nMine now.\n" {
		t.Errorf("README rewritten:\n%s", got)
	}
	if !strings.Contains(read(t, mockFile), `"name": "Boot"`) {
		t.Errorf("mock not kept:\n%s", read(t, mockFile))
	}
	if got := read(t, examples); !strings.Contains(got, "19.99 EUR") {
		t.Errorf("examples.json rewritten:\n%s", got)
	}
	if got := read(t, placeholder); !strings.Contains(got, "https://sql.shop.example/run") || !strings.Contains(got, `"placeholder": false`) {
		t.Errorf("the request the user made real was replaced:\n%s", got)
	}
	// main.js, and the query file whose mock the user's edit kept, in the
	// import's layout (listOrders.json, edited in place, reads the same).
	want := []string{"modules/shop/catalog/main.js", "modules/shop/catalog/queries/searchProducts.json"}
	got := append([]string(nil), rep.Files.Updated...)
	sort.Strings(got)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("updated %v, want %v", got, want)
	}
	for _, o := range rep.Objects {
		if o.Name == "utils" && o.Page == "Home" && o.Status != AsIs {
			t.Errorf("home utils with its example: %s\n%s", o.Status, o.Messages)
		}
	}
}

// TestBadInput: each broken export gets located messages, an error that
// wraps ErrInput, and nothing written.
func TestBadInput(t *testing.T) {
	entries, err := os.ReadDir("testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			ws := filepath.Join(t.TempDir(), "ws")
			src := "testdata/bad/" + e.Name()
			rep, msgs, err := Import(Options{Source: src, Into: ws, Package: "bad"})
			if !errors.Is(err, ErrInput) || rep != nil {
				t.Fatalf("err = %v, want ErrInput", err)
			}
			var b strings.Builder
			for _, m := range msgs {
				b.WriteString(diag.Format(m, diag.FormatOptions{CodeFrame: true}))
			}
			golden.Check(t, src+".golden", b.String())
			for _, m := range msgs.Errors() {
				if !strings.HasPrefix(m.Location.File, src) {
					t.Errorf("message not located in the export: %s", m.Error())
				}
			}
			if _, err := os.Stat(ws); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the workspace was made: %v", err)
			}
		})
	}
	if n < 6 {
		t.Errorf("only %d bad exports", n)
	}
}

// TestTargetNotOurs: a module of the user's that an object would replace
// is an error at it, and nothing is written.
func TestTargetNotOurs(t *testing.T) {
	ws := t.TempDir()
	write(t, filepath.Join(ws, "modules/shop/catalog/module.json"), `{"kind": "js"}`)
	write(t, filepath.Join(ws, "modules/shop/catalog/main.js"), "export default {}\n")
	before := files(t, ws)
	_, msgs, err := Import(Options{Source: shop, Into: ws, Package: "shop"})
	if !errors.Is(err, ErrInput) {
		t.Fatalf("err = %v", err)
	}
	if len(msgs.Errors()) != 1 || !strings.Contains(msgs.Errors()[0].Text, "was not imported from JS object Home/Catalog") {
		t.Errorf("messages:\n%s", msgs)
	}
	if got := files(t, ws); strings.Join(got, "\n") != strings.Join(before, "\n") {
		t.Errorf("files written: %v", got)
	}
}

// TestApplyAllOrNothing: when a file cannot be put in place, the files
// already moved are put back and nothing new stays.
func TestApplyAllOrNothing(t *testing.T) {
	ws, _ := importShop(t)
	before := map[string]string{}
	for _, f := range files(t, ws) {
		before[f] = read(t, filepath.Join(ws, f))
	}
	// The second changed file cannot be put in place, after the first was.
	moveFault = func(p string) error {
		if p == "modules/shop/settings_utils/main.js" {
			return errors.New("disk on fire")
		}
		return nil
	}
	t.Cleanup(func() { moveFault = nil })
	src := filepath.Join(t.TempDir(), "shop")
	if err := os.CopyFS(src, os.DirFS(shop)); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"pages/Home/jsobjects/Catalog/Catalog.js", "pages/Settings/jsobjects/utils/utils.js"} {
		write(t, filepath.Join(src, f), read(t, filepath.Join(src, f))+"\n// changed\n")
	}
	_, _, err := Import(Options{Source: src, Into: ws, Package: "shop", NoCheck: true})
	if err == nil || errors.Is(err, ErrInput) || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("err = %v, want a failure to write", err)
	}
	after := files(t, ws)
	if len(after) != len(before) {
		t.Errorf("files after the failed import: %v", after)
	}
	for _, f := range after {
		if before[f] != read(t, filepath.Join(ws, f)) {
			t.Errorf("%s changed by the failed import", f)
		}
	}
}

// TestImportFromGit reads the export from a commit, not the work tree.
func TestImportFromGit(t *testing.T) {
	gittest.Isolate(t)
	repo := filepath.Join(t.TempDir(), "app")
	if err := os.CopyFS(repo, os.DirFS(shop)); err != nil {
		t.Fatal(err)
	}
	gittest.Run(t, repo, "init", "-q", "-b", "main")
	gittest.Run(t, repo, "add", ".")
	gittest.Run(t, repo, "commit", "-q", "-m", "export")
	catalog := filepath.Join(repo, "pages/Home/jsobjects/Catalog/Catalog.js")
	committed := read(t, catalog)
	write(t, catalog, "not committed")
	ws := filepath.Join(t.TempDir(), "ws")
	rep, msgs, err := Import(Options{Source: repo, Ref: "main", Into: ws, NoCheck: true})
	if err != nil {
		t.Fatalf("%v\n%s", err, msgs)
	}
	if rep.Package != "app" {
		t.Errorf("package %q, want app (the repository's name)", rep.Package)
	}
	if got := read(t, filepath.Join(ws, "modules/app/catalog/main.js")); got != committed {
		t.Errorf("main.js is not the committed one:\n%s", got)
	}
	// A message about the export names the revision.
	write(t, filepath.Join(repo, "pages/Home/Home.json"), "{")
	gittest.Run(t, repo, "commit", "-q", "-am", "break")
	_, msgs, err = Import(Options{Source: repo, Ref: "HEAD", Into: ws, NoCheck: true})
	if !errors.Is(err, ErrInput) || len(msgs) == 0 || msgs[0].Location.File != "HEAD:pages/Home/Home.json" {
		t.Errorf("err %v, messages:\n%s", err, msgs)
	}
}

// TestSelection imports one page, then one object, and refuses names the
// export does not have.
func TestSelection(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws")
	rep, _, err := Import(Options{Source: shop, Into: ws, Package: "shop", Pages: []string{"Orders"}, NoCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Objects) != 1 || rep.Objects[0].Name != "Orders" || rep.Totals.Pages != 1 {
		t.Errorf("objects %v, pages %d", rep.Objects, rep.Totals.Pages)
	}
	rep, _, err = Import(Options{Source: shop, Into: ws, Package: "shop", Objects: []string{"Settings/utils"}, NoCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	// Alone, Settings/utils is the only utils: its module is named after it.
	if len(rep.Objects) != 1 || rep.Objects[0].Module != "shop/utils" {
		t.Errorf("objects %+v", rep.Objects)
	}
	// An object that cannot be imported stops only an import that selects it.
	rep, msgs, err := Import(Options{Source: "testdata/bad/binding_object", Into: ws, Package: "calc", Objects: []string{"Fine"}})
	if err != nil || len(rep.Objects) != 1 || rep.Objects[0].Status != AsIs {
		t.Errorf("err %v, messages %s, report %+v", err, msgs, rep)
	}
	for _, o := range []Options{{Pages: []string{"Ordres"}}, {Objects: []string{"Catalgo"}}} {
		o.Source, o.Into = shop, ws
		_, _, err := Import(o)
		if !errors.Is(err, ErrSelection) || !strings.Contains(err.Error(), "did you mean") {
			t.Errorf("%+v: err = %v", o, err)
		}
	}
}

// TestImportedBundle builds the imported workspace and runs a module's
// bundle in node: an input a module reads as a widget follows the input
// the host gives, read when the code runs.
func TestImportedBundle(t *testing.T) {
	nodetest.SkipIfMissing(t)
	ws, _ := importShop(t)
	// The broken module, and its instance in the app, would stop the build.
	if err := os.RemoveAll(filepath.Join(ws, "modules/shop/broken")); err != nil {
		t.Fatal(err)
	}
	appFile := filepath.Join(ws, "apps/shop/app.json")
	write(t, appFile, strings.Replace(read(t, appFile), `"Broken": {
      "module": "shop/broken"
    },`, "", 1))
	res := compiler.Build(compiler.Options{Root: ws, Out: filepath.Join(ws, "out"), NoReleases: true, CacheDir: "-"})
	if errs := res.Messages.Errors(); len(errs) > 0 {
		t.Fatalf("build:\n%s", errs)
	}
	var mjs string
	for p, data := range res.Files {
		if strings.HasPrefix(p, "dist/shop/") && strings.HasSuffix(p, "/shop.mjs") {
			mjs = filepath.Join(t.TempDir(), "shop.mjs")
			write(t, mjs, string(data))
		}
	}
	if mjs == "" || res.Files["apps/shop/index.html"] == nil {
		t.Fatal("the build made no bundle or no app")
	}
	script := filepath.Join(filepath.Dir(mjs), "run.mjs")
	write(t, script, `import pkg from "./shop.mjs";
const inputs = { Products: { selectedRow: { id: 1 } }, StatusSelect: { selectedOptionLabel: "Open" } };
const cat = pkg.createInstance("catalog", { inputs, storage: { getItem() { return null; }, setItem() {}, removeItem() {} } });
const orders = pkg.createInstance("orders", { inputs });
const a = [await cat.pick(), orders.statusLabel()];
inputs.Products = { selectedRow: { id: 2 } };
inputs.StatusSelect = { selectedOptionLabel: "Shipped" };
console.log(JSON.stringify([...a, await cat.pick(), orders.statusLabel(), cat.slug("Red Shoes")]));
`)
	got := strings.TrimSpace(nodetest.Run(t, filepath.Dir(mjs), nil, "run.mjs"))
	if want := `[{"id":1},"Open",{"id":2},"Shipped","red-shoes"]`; got != want {
		t.Errorf("node: %s, want %s", got, want)
	}
}

// TestQueryReadsJSObjects: a query body that reads JS objects of its page,
// another one's function and its own object's variable, as Appsmith apps
// do, reads them as inputs of the module, which the app binds to the
// objects' instances; the module checks clean.
func TestQueryReadsJSObjects(t *testing.T) {
	src, ws := filepath.Join(t.TempDir(), "export"), filepath.Join(t.TempDir(), "ws")
	for p, text := range map[string]string{
		"metadata.json":                             `{"fileFormatVersion": 5, "artifactJsonType": "APPLICATION"}`,
		"application.json":                          `{"pages": [{"id": "Main", "isDefault": true}]}`,
		"datasources/api.json":                      `{"name": "api", "pluginId": "restapi-plugin", "datasourceConfiguration": {"url": "https://api.example.com"}}`,
		"pages/Main/Main.json":                      `{"unpublishedPage": {"name": "Main", "layouts": [{"dsl": {"widgetName": "MainContainer", "widgetId": "0", "type": "CANVAS_WIDGET"}}]}}`,
		"pages/Main/jsobjects/Api/metadata.json":    `{"unpublishedCollection": {"name": "Api", "pageId": "Main", "pluginType": "JS"}, "id": "Main_Api"}`,
		"pages/Main/jsobjects/Api/Api.js":           "export default {\n\ttoken: \"t\",\n\tasync send () {\n\t\tawait postThing.run();\n\t\treturn postThing.data;\n\t},\n}\n",
		"pages/Main/jsobjects/Helper/metadata.json": `{"unpublishedCollection": {"name": "Helper", "pageId": "Main", "pluginType": "JS"}, "id": "Main_Helper"}`,
		"pages/Main/jsobjects/Helper/Helper.js":     "export default {\n\tid: () => 7,\n\ttwice: () => Helper.id() * 2,\n}\n",
		"pages/Main/queries/postThing/metadata.json": `{"pluginType": "API", "pluginId": "restapi-plugin", "unpublishedAction": {"name": "postThing", "datasource": {"name": "api", "pluginId": "restapi-plugin"},
			"actionConfiguration": {"path": "/things", "httpMethod": "POST", "body": "{{ {id: Helper.id(), token: Api.token} }}"}}}`,
	} {
		write(t, filepath.Join(src, filepath.FromSlash(p)), text)
	}
	rep, msgs, err := Import(Options{Source: src, Into: ws, Package: "things"})
	if err != nil {
		t.Fatalf("%v\n%s", err, msgs)
	}
	for _, o := range rep.Objects {
		if o.Name == "Api" && o.Status != WithInputs {
			t.Errorf("Api: %s, want %s\n%s", o.Status, WithInputs, o.Messages)
		}
	}
	query := read(t, filepath.Join(ws, "modules/things/api/queries/postThing.json"))
	if !strings.Contains(query, "inputs.Helper.id()") || !strings.Contains(query, "inputs.Api.token") {
		t.Errorf("the query does not read the objects as inputs:\n%s", query)
	}
	module := read(t, filepath.Join(ws, "modules/things/api/module.json"))
	if !strings.Contains(module, `"Helper"`) || !strings.Contains(module, `"Api"`) {
		t.Errorf("module.json lacks the inputs Helper and Api:\n%s", module)
	}
	app := read(t, filepath.Join(ws, "apps/things/app.json"))
	if !strings.Contains(app, `"Helper": "{{Helper}}"`) || !strings.Contains(app, `"Api": "{{Api}}"`) {
		t.Errorf("app.json does not bind the inputs to the instances:\n%s", app)
	}
	// Helper reads itself by its name, as Appsmith lets an object do: an
	// input too, which the app binds to Helper's own instance.
	for _, o := range rep.Objects {
		if o.Name == "Helper" && o.Status != WithInputs {
			t.Errorf("Helper: %s, want %s\n%s", o.Status, WithInputs, o.Messages)
		}
	}
	if helper := read(t, filepath.Join(ws, "modules/things/helper/module.json")); !strings.Contains(helper, `"Helper"`) {
		t.Errorf("Helper's module.json lacks the input Helper:\n%s", helper)
	}
	// The bundle runs with the inputs bound as the app binds them.
	nodetest.SkipIfMissing(t)
	res := compiler.Build(compiler.Options{Root: ws, Out: filepath.Join(ws, "out"), NoReleases: true, CacheDir: "-"})
	if errs := res.Messages.Errors(); len(errs) > 0 {
		t.Fatalf("build:\n%s", errs)
	}
	dir := t.TempDir()
	for p, data := range res.Files {
		if strings.HasPrefix(p, "dist/things/") && strings.HasSuffix(p, "/things.mjs") {
			write(t, filepath.Join(dir, "things.mjs"), string(data))
		}
	}
	write(t, filepath.Join(dir, "run.mjs"), `import pkg from "./things.mjs";
const env = {};
env.Helper = pkg.createInstance("helper", { inputs: { get Helper() { return env.Helper; } } });
console.log(env.Helper.twice());
`)
	if got := strings.TrimSpace(nodetest.Run(t, dir, nil, "run.mjs")); got != "14" {
		t.Errorf("Helper.twice() through its own input = %s, want 14", got)
	}
}
