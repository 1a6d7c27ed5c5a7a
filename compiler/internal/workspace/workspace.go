// Package workspace loads a modc workspace: modc.json, the packages under
// modules/, their JS and query modules, private queries, READMEs and
// dry-run examples. It reads through an fs.FS so that a workspace can come
// from the work tree or from a git commit's tree alike. Every problem it
// finds is a diagnostic with a position; loading never stops at the first.
package workspace

import (
	"encoding/json"
	"io/fs"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jsonpos"
)

// Config is modc.json. Every field has a default.
type Config struct {
	Title    string `json:"title"`
	BaseURL  string `json:"baseURL"`
	Out      string `json:"out"`
	Global   string `json:"global"`
	NpmScope string `json:"npmScope"`
	RawHTML  bool   `json:"rawHTML"`
	// Libraries are the npm packages the workspace installs (package.json
	// beside modc.json) for module code to read as globals, in file order.
	Libraries []Library `json:"libraries,omitempty"`
	// Repository is where the workspace is on a git host (nil when
	// modc.json does not say).
	Repository *Repository `json:"repository,omitempty"`
}

// Library is one entry of modc.json's "libraries": module code reads the
// npm package Package as the global Global.
type Library struct {
	Global  string        `json:"global"`
	Package string        `json:"package"`
	Loc     diag.Location `json:"-"` // the entry in modc.json
}

// LibraryGlobals returns the globals of c.Libraries.
func (c Config) LibraryGlobals() []string {
	out := make([]string, len(c.Libraries))
	for i, l := range c.Libraries {
		out[i] = l.Global
	}
	return out
}

// DefaultConfig is the configuration of a workspace without modc.json.
func DefaultConfig() Config {
	return Config{Title: "modc workspace", BaseURL: "/", Out: "out", Global: "modc"}
}

// Workspace is everything loaded from one workspace.
type Workspace struct {
	FS       fs.FS
	Config   Config
	Packages []*Package
	// Sources holds every text file read, by workspace-relative path, so
	// later stages can turn offsets into positions.
	Sources map[string]*diag.Source
	// Seen is what the load saw of the directories and files besides their
	// texts (see Snapshot); nil when nothing was recorded.
	Seen *Seen
}

// Package is a directory modules/<name>: the unit of versioning and of one bundle.
type Package struct {
	Name        string
	Dir         string // slash path relative to the workspace, e.g. "modules/auth"
	Description string
	Keywords    []string
	Modules     []*Module
}

// Module kinds.
const (
	KindJS    = "js"
	KindQuery = "query"
)

// Module is a JS module or a query module.
type Module struct {
	Package     string // package name
	Name        string
	Kind        string // KindJS or KindQuery
	Dir         string // slash path, e.g. "modules/auth/manage_tokens"
	Description string
	Inputs      []Input
	// Widgets are the inputs that a JS module's code reads by their bare
	// name (Input1.text), as Appsmith code reads its page's widgets
	// (module.json's "widgets"); each is one of Inputs.
	Widgets  []string
	Settings []Setting
	// Origin says where the module was imported from; nil when written here.
	Origin *Origin
	// Request and Mock are set for query modules.
	Request *Request
	Mock    *Mock
	// Queries are a JS module's private queries, sorted by name.
	Queries []*Query
	// Main is main.js of a JS module.
	Main *diag.Source
	// Manifest is module.json.
	Manifest *diag.Source
	README   string
	Examples []*Example
	// ExamplesSource is examples.json, if present.
	ExamplesSource *diag.Source
}

// ID is "package/module".
func (m *Module) ID() string { return m.Package + "/" + m.Name }

// Origin records what a module or a query was imported from (module.json's
// and a query file's "origin"), so that importing again updates it and the
// docs can say so.
type Origin struct {
	// From names the tool: "appsmith".
	From string `json:"from"`
	// Page and Name are the page and the name of the Appsmith JS object or
	// query.
	Page string `json:"page,omitempty"`
	Name string `json:"name"`
	// Plugin and Datasource are a query's Appsmith plugin and datasource.
	Plugin     string `json:"plugin,omitempty"`
	Datasource string `json:"datasource,omitempty"`
	// Placeholder marks a query whose request stands in for what modc cannot
	// run (a database or SaaS query, a datasource without a URL): edit its
	// url before using it outside dry runs.
	Placeholder bool `json:"placeholder,omitempty"`
}

// Input is one declared input with its default value.
type Input struct {
	Name    string
	Default json.RawMessage
	Loc     diag.Location
}

// Setting is the per-function configuration in module.json's "settings".
type Setting struct {
	Function      string `json:"-"`
	RunOnPageLoad bool   `json:"runOnPageLoad"`
	// Confirm asks the user before the function runs: "confirmBeforeExecute"
	// as in app builders, or its alias "confirmBeforeCall".
	Confirm bool          `json:"confirmBeforeCall"`
	Loc     diag.Location `json:"-"`
}

// Request is an HTTP request whose strings may hold {{ }} bindings.
type Request struct {
	Method  string
	URL     string
	Headers []Header
	// Body is any JSON value; its strings may hold bindings. Nil when absent or null.
	Body *jsonpos.Node
	// Node is the "request" object itself, Source the file it is in.
	Node   *jsonpos.Node
	Source *diag.Source
}

// Header is one request header.
type Header struct {
	Name  string
	Value string
	Node  *jsonpos.Node
}

// Mock is what a query answers in dry runs and with devserver --mock.
type Mock struct {
	Status  int               `json:"status"`
	Data    json.RawMessage   `json:"data"`
	Headers map[string]string `json:"headers,omitempty"`
	Loc     diag.Location     `json:"-"`
}

// Query is a private query of a JS module (queries/<name>.json).
type Query struct {
	Name string
	Path string // workspace-relative path of the JSON file
	// Request is nil when the file is broken (the error is already reported).
	Request *Request
	Mock    *Mock
	Source  *diag.Source
	// Origin says where the query was imported from; nil when written here.
	Origin *Origin
}

// Example is one dry-run example from examples.json.
type Example struct {
	Name        string
	Call        string
	Args        []json.RawMessage
	Store       map[string]json.RawMessage
	Inputs      map[string]json.RawMessage
	Expect      json.RawMessage // nil when not given; "null" when expecting null
	ExpectStore map[string]json.RawMessage
	ExpectError *string
	// ExpectCalls is the JSON array of the platform calls the example must
	// make, in order, each [name, ...args] (showAlert, navigateTo,
	// showModal, download, fetch…); nil when not given.
	ExpectCalls json.RawMessage
	// Fetch answers the module's fetch calls, by URL.
	Fetch   map[string]*Mock
	Loc     diag.Location // the example object
	CallLoc diag.Location // the "call" value
}

// Module returns the module "pkg/name", or nil.
func (w *Workspace) Module(id string) *Module {
	for _, p := range w.Packages {
		for _, m := range p.Modules {
			if m.ID() == id {
				return m
			}
		}
	}
	return nil
}

// Package returns the named package, or nil.
func (w *Workspace) Package(name string) *Package {
	for _, p := range w.Packages {
		if p.Name == name {
			return p
		}
	}
	return nil
}
