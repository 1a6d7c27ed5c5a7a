// Package gen writes synthetic workspaces for benchmarks (SPEC 11): N
// packages of M JS modules, each with five documented functions, a
// variable, two private queries with bindings and a dry-run example, plus
// optional content pages and an app with many bindings. The output depends
// only on the options, so benchmark runs compare like with like.
package gen

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Options sizes a synthetic workspace. Zero values take the defaults of
// SPEC 11's benchmark except Pages and Bindings, which default to none.
type Options struct {
	Packages int // packages (default 50)
	Modules  int // JS modules per package (default 20)
	Pages    int // content pages under content/pages/
	Bindings int // mustache bindings in apps/bench/app.json (no app when 0)
	// Seed picks the pages' prose, headings, lists, tables and links, and
	// the modules' descriptions and mock data (default 1). The same seed
	// and sizes give the same files, byte for byte.
	Seed uint64
	// Summary, when not NoSummary, gives each module one more function,
	// summary(rows), and an example of it (see Summary).
	Summary Summary
}

// Summary says whether and how the modules compute summary(rows), for the
// libraries benchmark (issue 14).
type Summary int

const (
	// NoSummary: the modules have no summary function.
	NoSummary Summary = iota
	// SummaryPlain computes it in plain JavaScript.
	SummaryPlain
	// SummaryLibraries computes the same with the built-in libraries _ and
	// moment, so every dry run that runs its example loads both.
	SummaryLibraries
)

// Spec11 is the workspace of SPEC 11: 50 packages × 20 JS modules, 1,000
// content pages and an app with 1,000 bindings.
var Spec11 = Options{Packages: 50, Modules: 20, Pages: 1000, Bindings: 1000, Seed: 1}

func (o *Options) defaults() {
	if o.Packages <= 0 {
		o.Packages = 50
	}
	if o.Modules <= 0 {
		o.Modules = 20
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
}

// PackageName is the name Write gives package i.
func PackageName(i int) string { return fmt.Sprintf("pkg%03d", i) }

// ModuleName is the name Write gives module j of a package.
func ModuleName(j int) string { return fmt.Sprintf("mod%03d", j) }

// Write writes the workspace under dir, creating it if needed and
// overwriting files of the same names.
func Write(dir string, opts Options) error {
	opts.defaults()
	w := &writer{dir: dir, seed: opts.Seed}
	w.file("modc.json", `{ "title": "Synthetic workspace", "baseURL": "/" }`+"\n")
	for i := 0; i < opts.Packages; i++ {
		p := PackageName(i)
		w.file("modules/"+p+"/modc-package.json", fmt.Sprintf(`{ "description": "Synthetic package %d", "keywords": ["bench"] }`+"\n", i))
		for j := 0; j < opts.Modules; j++ {
			w.module(p, ModuleName(j), i*opts.Modules+j, opts.Summary)
		}
	}
	for n := 0; n < opts.Pages; n++ {
		w.file("content/pages/"+pageFile(n), pageText(opts.Seed, n, opts.Pages))
	}
	if opts.Bindings > 0 {
		w.app(opts)
	}
	return w.err
}

type writer struct {
	dir  string
	seed uint64
	err  error
}

func (w *writer) file(rel, text string) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.err = fmt.Errorf("gen: %w", err)
		return
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		w.err = fmt.Errorf("gen: %w", err)
	}
}

func (w *writer) module(pkg, mod string, n int, summary Summary) {
	dir := "modules/" + pkg + "/" + mod
	r := pageRand(w.seed^0x2545f491, n)
	price := r.IntN(100)
	w.file(dir+"/module.json", fmt.Sprintf(`{
  "kind": "js",
  "description": "Synthetic module %d: %s",
  "inputs": { "limit": %d, "prefix": "item" },
  "settings": { "load": { "runOnPageLoad": true }, "save": { "confirmBeforeCall": true } }
}
`, n, strings.ToLower(pick(r, verbs))+" "+pick(r, vocabulary)+"s and formats them", 10+n%7))
	main := fmt.Sprintf(mainJS, n)
	examples := ""
	if summary != NoSummary {
		main = strings.TrimSuffix(main, "};\n") + summaryJS(summary) + "};\n"
		examples = summaryExample + ",\n"
	}
	w.file(dir+"/main.js", main)
	w.file(dir+"/queries/api_get.json", fmt.Sprintf(`{
  "description": "Reads one item",
  "request": {
    "method": "GET",
    "url": "https://api.example.io/%s/%s/items/{{this.params.id}}?limit={{inputs.limit}}",
    "headers": { "Authorization": "Bearer {{appsmith.store.token}}", "Accept": "application/json" }
  },
  "mock": { "status": 200, "data": { "id": 1, "name": "item %d", "price": %d } }
}
`, pkg, mod, n, price))
	w.file(dir+"/queries/api_save.json", fmt.Sprintf(`{
  "description": "Saves one item",
  "request": {
    "method": "POST",
    "url": "https://api.example.io/%s/%s/items",
    "headers": { "Authorization": "Bearer {{appsmith.store.token}}" },
    "body": { "item": "{{this.params.item}}", "user": "{{appsmith.user.email}}", "source": "modc" }
  },
  "mock": { "status": 201, "data": { "saved": true } }
}
`, pkg, mod))
	w.file(dir+"/examples.json", `[
  { "name": "adds", "call": "add", "args": [2, 3], "expect": 5 },
  { "name": "formats", "call": "format", "args": ["Ada"], "expect": "item: Ada (0)" },
  { "name": "loads", "call": "load", "args": [1], "expect": { "id": 1, "name": "item `+fmt.Sprint(n)+`", "price": `+fmt.Sprint(price)+` } },
  `+examples+`{ "name": "saves", "call": "save", "args": [{ "id": 2 }], "expectStore": { "lastSaved": { "id": 2 } } }
]
`)
	w.file(dir+"/README.md", fmt.Sprintf("# Module %d\n\nA synthetic module for benchmarks. Call `load(id)` and bind `{{%s.load.data}}`.\n", n, instanceName(pkg, mod)))
}

// mainJS is a module's main.js; %[1]d is the module number.
const mainJS = `// Synthetic module %[1]d.
export default {
  /** @type {number} How many items this instance loaded. */
  loaded: 0,

  /**
   * Adds two numbers.
   * @param {number} a the first number
   * @param {number} b the second number
   * @returns {number} their sum
   */
  add(a, b) {
    return a + b;
  },

  /**
   * Loads an item by id.
   * @param {number} id the item's id
   * @returns {Promise<{id: number, name: string, price: number}>} the item
   */
  async load(id) {
    await api_get.run({ id });
    this.loaded++;
    return api_get.data;
  },

  /**
   * Saves an item and remembers it in the store.
   * @param {Object} item the item
   * @returns {Promise<boolean>} whether the API saved it
   */
  async save(item) {
    await storeValue("lastSaved", item);
    const res = await api_save.run({ item: JSON.stringify(item) });
    return Boolean(res && res.saved);
  },

  /**
   * Formats a name with the module's prefix.
   * @param {string} name a name
   * @returns {string}
   */
  format(name) {
    return inputs.prefix + ": " + name + " (" + this.loaded + ")";
  },

  /**
   * Whether an item was saved in this session.
   * @returns {boolean}
   */
  hasSaved() {
    return appsmith.store.lastSaved !== undefined;
  },
};
`

// instanceName is the app instance of a module.
func instanceName(pkg, mod string) string {
	return "JS_" + pkg + "_" + mod
}

func (w *writer) app(opts Options) {
	total := opts.Packages * opts.Modules
	instances := min(total, opts.Bindings)
	type instance struct {
		Module        string   `json:"module"`
		RunOnPageLoad []string `json:"runOnPageLoad,omitempty"`
	}
	app := struct {
		Title     string              `json:"title"`
		Packages  map[string]string   `json:"packages"`
		Instances map[string]instance `json:"instances"`
		Pages     []map[string]any    `json:"pages"`
	}{Title: "Bench", Packages: map[string]string{}, Instances: map[string]instance{}}
	names := make([]string, instances)
	for k := 0; k < instances; k++ {
		pkg, mod := PackageName(k/opts.Modules), ModuleName(k%opts.Modules)
		app.Packages[pkg] = "workspace"
		names[k] = instanceName(pkg, mod)
		inst := instance{Module: pkg + "/" + mod}
		if k < 10 {
			inst.RunOnPageLoad = []string{"load"}
		}
		app.Instances[names[k]] = inst
	}
	// Widgets in pages of 100 bindings: texts reading data, buttons calling functions.
	var pages []map[string]any
	var widgets []map[string]any
	for b := 0; b < opts.Bindings; b++ {
		name := names[b%instances]
		switch b % 4 {
		case 0:
			widgets = append(widgets, map[string]any{"name": fmt.Sprintf("Text%d", b), "type": "text", "text": "{{" + name + ".load.data}}"})
		case 1:
			widgets = append(widgets, map[string]any{"name": fmt.Sprintf("Label%d", b), "type": "text", "text": "Loaded {{" + name + ".loaded}} items"})
		case 2:
			widgets = append(widgets, map[string]any{"name": fmt.Sprintf("Button%d", b), "type": "button", "label": "Load", "onClick": "{{" + name + ".load(" + fmt.Sprint(b) + ");}}"})
		default:
			widgets = append(widgets, map[string]any{"name": fmt.Sprintf("Sum%d", b), "type": "text", "text": "{{" + name + ".add(" + fmt.Sprint(b) + ", 1)}}"})
		}
		if len(widgets) == 100 || b == opts.Bindings-1 {
			pages = append(pages, map[string]any{"name": fmt.Sprintf("Page%d", len(pages)+1), "widgets": widgets})
			widgets = nil
		}
	}
	app.Pages = pages
	data, err := json.MarshalIndent(app, "", "  ")
	if err != nil {
		w.err = fmt.Errorf("gen: %w", err)
		return
	}
	w.file("apps/bench/app.json", strings.TrimSpace(string(data))+"\n")
}
