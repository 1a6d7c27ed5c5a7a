// Package model is what a build knows about a workspace, as plain data:
// its packages and modules with their documentation comments, queries,
// inputs and settings, the dry runs' results, what git says of each package,
// and the package versions the build made. The compiler fills it
// (compiler.Result.Model); renderers such as the docs site read only it,
// never the compiler's stages, which are internal.
//
// A model is read-only once handed out. A compiler.Session hands the same
// *Module again while the module's files, analysis and dry run are
// unchanged, so a renderer may key its cache on the pointer.
package model

import (
	"encoding/json"

	"github.com/modc-dev/modc/compiler/diag"
)

// Build is what one check or build knows.
type Build struct {
	// Workspace is the working tree's (or Options.Ref's) workspace.
	Workspace *Workspace
	// Versions is what git says of each package, in workspace order.
	Versions []PackageVersions
	// Outputs are the package versions the build made (nil for a check).
	Outputs []*Output
}

// Workspace is a checked workspace at one version.
type Workspace struct {
	Config   Config
	Packages []*Package
}

// Package returns the package called name, or nil.
func (w *Workspace) Package(name string) *Package {
	if w == nil {
		return nil
	}
	for _, p := range w.Packages {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// Config is what renderers read of modc.json.
type Config struct {
	Title    string
	BaseURL  string
	RawHTML  bool
	NpmScope string
	// Repository is "repository", nil without one.
	Repository *Repository
}

// Package is one package of modules/.
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

// Module is one module of a package, with what analysing and dry-running
// it found.
type Module struct {
	Package     string // package name
	Name        string
	Kind        string // KindJS or KindQuery
	Dir         string // slash path, e.g. "modules/auth/manage_tokens"
	Description string
	README      string
	Inputs      []Input
	Settings    []Setting
	// Request and Mock are a query module's.
	Request *Request
	Mock    *Mock
	// Queries are a JS module's private queries, sorted by name.
	Queries  []*Query
	Examples []*Example
	// Main is a JS module's analysed main.js; nil for a query module, or
	// when main.js did not parse.
	Main *Main
	// DryRun is the module's dry run; nil when it was not run.
	DryRun *DryRun
}

// ID is the module's "package/module".
func (m *Module) ID() string { return m.Package + "/" + m.Name }

// Input is one of module.json's "inputs", with its default value as JSON.
type Input struct {
	Name    string
	Default json.RawMessage
}

// Setting is module.json's "settings" of one function.
type Setting struct {
	Function      string
	RunOnPageLoad bool
	// Confirm asks the user before the function runs.
	Confirm bool
}

// Query is a JS module's private query.
type Query struct {
	Name string
	Path string // workspace-relative path of its JSON file
	// Text is the file as written ("" when it could not be read).
	Text string
	// Request is nil when the file is broken (the error is reported).
	Request *Request
	Mock    *Mock
}

// Request is a query's HTTP request, its strings as written (with their
// bindings).
type Request struct {
	Method  string
	URL     string
	Headers []Header
	// Body is the body as JSON, as written; nil when absent or null.
	Body json.RawMessage
}

// Header is one header of a request or a mock.
type Header struct {
	Name  string
	Value string
}

// Mock is what a query answers in dry runs and mocked apps.
type Mock struct {
	Status  int
	Data    json.RawMessage
	Headers map[string]string
}

// Example is one example of examples.json, as given.
type Example struct {
	Name string
	Call string
	// Store is the store the example starts with, each value as JSON.
	Store map[string]json.RawMessage
}

// Main is an analysed main.js: the members of its default export.
type Main struct {
	Members []*Member
}

// Member is one property of the Main object.
type Member struct {
	Name      string
	Kind      MemberKind
	Async     bool
	Generator bool
	Params    []Param
	Line      int
	// Doc is its JSDoc comment, nil without one.
	Doc *Doc
	// Init is a variable's initial value, as written.
	Init string
	// Loc is where it is defined, when that is not main.js at Line (a
	// member of an imported module's object).
	Loc diag.Location
}

// DryRun is what a module's dry run produced.
type DryRun struct {
	// Examples holds one result per example, in examples.json order; empty
	// when the top-level evaluation failed.
	Examples []ExampleResult
	// Members are the initial values of the Main object's variables.
	Members []MemberValue
	// OK reports that the top level evaluated and every example passed.
	OK bool
}

// Output is one package version a build made: dist/<package>/<version>/
// (or latest/), its embed.json, and its npm folder.
type Output struct {
	// Package and Version are the package version it is (the version
	// latest/ holds, for latest/).
	Package, Version string
	// Dir is "dist/<package>/<version>", or "dist/<package>/latest".
	Dir string
	// Embed is its embed.json; nil when it could not be made.
	Embed *Embed
	// NpmDir is its npm folder, "npm/<package>/<version>/"; "" for none
	// (latest/, or a version that is not semver).
	NpmDir string
}
