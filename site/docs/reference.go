package docs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/Masterminds/semver/v3"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/model"
)

// PackageDoc is a package as its pages show it.
type PackageDoc struct {
	Name        string
	Description string
	Keywords    []string
	// URL is the package page: "packages/auth/", or
	// "packages/auth/1.2.0/" for a released version's pages.
	URL string
	// Version is the version shown: a release, a pseudo-version of the
	// working tree, or 0.0.0-dev without git.
	Version string
	// Latest is set on the working tree's pages, Released when Version is
	// a release.
	Latest, Released bool
	// Status says how the version relates to the releases, e.g.
	// "unreleased" or "3 changes since 1.2.0".
	Status string
	// Bundle is the directory of the package's bundle in the output,
	// "dist/auth/1.2.0/".
	Bundle string
	// Embed is how to embed the bundle in a web page; nil when the build
	// made no bundle.
	Embed   *EmbedDoc
	Modules []*ModuleDoc
	// Versions are the version switcher's entries: the working tree first,
	// then the releases that have pages, newest first.
	Versions []VersionLink
	// Releases are every release, newest first; Unreleased the changes
	// since the latest (working tree pages only).
	Releases   []ReleaseDoc
	Unreleased []ChangeDoc
}

// VersionLink is one entry of a version switcher.
type VersionLink struct {
	Label string // "1.2.0", or "latest (1.2.1-dev.3+…)"
	URL   string
	// Current is set for the version the page shows.
	Current bool
}

// ReleaseDoc is one release in a package's versions and changelog.
type ReleaseDoc struct {
	Version string
	Tag     string
	Commit  string // abbreviated
	Date    string // YYYY-MM-DD, UTC; "" when unknown
	Message string
	// URL is the release's pages, "" when it has none.
	URL     string
	Changes []ChangeDoc
}

// ChangeDoc is one commit of a changelog.
type ChangeDoc struct {
	Commit  string // abbreviated
	Subject string
	Date    string
}

// ModuleDoc is a module as its page shows it.
type ModuleDoc struct {
	Package     *PackageDoc
	Name        string
	ID          string // "auth/manage_tokens"
	Kind        string // "js" or "query"
	Description string
	URL         string
	// Instance is a suggested instance name in apps: JSModule_manage_tokens, GetUsers1.
	Instance string
	// Var is a suggested JavaScript variable name for an instance in a
	// web page: manageTokens.
	Var string
	// AppSnippet is the instance's entry for an app.json's "instances".
	AppSnippet string
	README     template.HTML
	// File is the module's main file: main.js, or module.json for a query module.
	File      string
	Functions []*FunctionDoc
	Variables []*VariableDoc
	Queries   []*QueryDoc
	Inputs    []InputDoc
	// Request and Mock are a query module's.
	Request *RequestDoc
	Mock    *MockDoc
	// Examples are the passing dry-run examples that call no function of
	// the page (a query module's); function examples are on their function.
	Examples []*ExampleDoc
	// ExamplesTotal counts examples.json's examples, ExamplesPassed those
	// whose dry run passed.
	ExamplesTotal, ExamplesPassed int
	// Versions is the version switcher, linking this module in each version.
	Versions []VersionLink

	src *model.Module
}

// FunctionDoc is a function of a JS module's Main object.
type FunctionDoc struct {
	Name      string
	Async     bool
	Generator bool
	// Signature is TypeScript-like: async name(a: string, b?: number): Promise<void>.
	Signature     template.HTML // highlighted
	SignatureText string
	Summary       template.HTML
	Params        []ParamDoc
	Returns       *ReturnsDoc
	// Examples are the @example blocks, highlighted as JavaScript.
	Examples       []template.HTML
	Deprecated     bool
	DeprecatedNote template.HTML
	// Truncated names the file to see when the signature or an example is
	// shown cut short ("" when they are whole).
	Truncated string
	// Line is where the function is defined in main.js.
	Line int
	// DataSnippet and CallSnippet are the bindings that read the function's
	// last result and call it: {{I.fn.data}}, {{I.fn(a, b);}}.
	DataSnippet, CallSnippet string
	// RunOnPageLoad and ConfirmBeforeCall are the module's settings for it.
	RunOnPageLoad, ConfirmBeforeCall bool
	// DryRuns are the passing dry-run examples that call it.
	DryRuns []*ExampleDoc
}

// ParamDoc is a function's parameter.
type ParamDoc struct {
	Name        string
	Type        string
	Default     string
	Optional    bool
	Rest        bool
	Description template.HTML
}

// ReturnsDoc is what a function returns.
type ReturnsDoc struct {
	Type        string
	Description template.HTML
}

// VariableDoc is a variable of a JS module's Main object.
type VariableDoc struct {
	Name    string
	Type    string
	Init    template.HTML // the initial value as written, highlighted
	Value   string        // the initial value from the dry run, as JSON
	Summary template.HTML
	Line    int
	// Snippet is the binding that reads it: {{I.variable}}.
	Snippet    string
	Deprecated bool
	// Truncated names the file to see when Init or Value is cut short.
	Truncated string
}

// QueryDoc is a private query of a JS module.
type QueryDoc struct {
	Name        string
	Description string
	Path        string
	Request     *RequestDoc
	Mock        *MockDoc
}

// Values shown on module pages (JSON, code, messages) are cut short past
// the caps in bounds.go; each doc's Truncated then names the workspace file
// that holds the whole value, e.g. "modules/p/m/queries/q.json", and is ""
// when nothing was cut.

// RequestDoc is an HTTP request; its strings may hold {{ }} bindings.
type RequestDoc struct {
	Method  string
	URL     string
	Headers []HeaderDoc
	Body    string // JSON, indented; "" without a body
	// Truncated names the file to see when Body is cut short.
	Truncated string
}

// MockDoc is what a query answers in dry runs.
type MockDoc struct {
	Status  int
	Data    string // JSON, indented
	Headers []HeaderDoc
	// Truncated names the file to see when Data is cut short.
	Truncated string
}

// HeaderDoc is one HTTP header.
type HeaderDoc struct{ Name, Value string }

// InputDoc is a module's input and its default value (JSON).
type InputDoc struct {
	Name, Default string
	// Truncated names the file to see when Default is cut short.
	Truncated string
}

// ExampleDoc is a passing dry-run example.
type ExampleDoc struct {
	Name string
	// Call is the call as code: getTokenExpiry("eyJ…").
	Call string
	// Result is the returned value as JSON, "undefined" without one;
	// Error the message of the error thrown (an example expecting it).
	Result, Error string
	// Given is the store the example starts with, Store the store after
	// the call, as JSON; "" when empty.
	Given, Store string
	Alerts       []string
	Logs         []string
	Navigations  []string
	// Truncated names the file to see (examples.json) when the call,
	// result, error or a store is cut short.
	Truncated string
}

// referencePages adds the package index and the pages of every package and
// module, at the working tree's version and at each released version.
func (s *site) referencePages() {
	s.addPage(&Page{Kind: "packages", URL: "packages/", Title: "Packages", Source: "modules"})
	nf := s.addPage(&Page{Kind: "404", URL: "", file: "404.html", Title: "Page not found", Source: "templates/404.html"})
	nf.Root = s.opts.BaseURL

	versions := map[string]*model.PackageVersions{}
	for i := range s.opts.Versions {
		versions[s.opts.Versions[i].Package] = &s.opts.Versions[i]
	}
	for _, pkg := range s.ws.Packages {
		pv := versions[pkg.Name]
		released := s.opts.Released[pkg.Name]
		cur := s.packageDoc(pkg, "packages/"+pkg.Name+"/")
		cur.Latest = true
		s.versionInfo(cur, pv, released)
		s.packagePages(cur, false)
		for _, v := range sortedVersions(released) {
			r := released[v]
			if r == nil || r.Model().Workspace.Package(pkg.Name) == nil {
				continue
			}
			old := s.packageDoc(r.Model().Workspace.Package(pkg.Name), "packages/"+pkg.Name+"/"+v+"/")
			old.Version, old.Released, old.Status = v, true, "released"
			old.Bundle = "dist/" + pkg.Name + "/" + v + "/"
			for _, rel := range cur.Releases {
				if rel.Version == v {
					old.Releases = []ReleaseDoc{rel}
					if rel.Date != "" {
						old.Status = "released " + rel.Date
					}
				}
			}
			s.packagePages(old, true)
		}
	}
	// Version switchers, now that every version's pages are known.
	for _, p := range s.pages {
		if p.Package == nil {
			continue
		}
		latest := s.byPath["packages/"+p.Package.Name+"/index.html"].Package
		var links []VersionLink
		for _, v := range latest.Versions {
			l := v
			l.Current = v.URL == p.Package.URL
			if p.Module != nil {
				if mp := s.byPath[v.URL+p.Module.Name+"/index.html"]; mp != nil {
					l.URL = mp.URL
				}
			}
			links = append(links, l)
		}
		if p.Module != nil {
			p.Module.Versions = links
		} else {
			p.Package.Versions = links
		}
	}
}

// sortedVersions orders released versions newest first.
func sortedVersions(m map[string]*compiler.Result) []string {
	var vs []string
	for v := range m {
		vs = append(vs, v)
	}
	sort.Slice(vs, func(i, j int) bool {
		a, errA := semver.NewVersion(vs[i])
		b, errB := semver.NewVersion(vs[j])
		if errA != nil || errB != nil {
			return vs[i] > vs[j]
		}
		return a.GreaterThan(b)
	})
	return vs
}

// packagePages adds a package's page and its modules' pages.
func (s *site) packagePages(pd *PackageDoc, old bool) {
	crumbs := []Link{{Title: "Packages", URL: "packages/"}}
	title := pd.Name
	if old {
		title += " " + pd.Version
	}
	pd.Embed = s.embedDoc(pd)
	pp := s.addPage(&Page{Kind: "package", URL: pd.URL, Title: title, Description: pd.Description, Package: pd, Breadcrumbs: crumbs, Source: "modules/" + pd.Name})
	pp.key = pageKey{embed: pd.Embed.key()}
	if pd.Embed != nil {
		pp.TOC = append(pp.TOC, section(2, "embed", "In a web page"))
	}
	pp.TOC = append(pp.TOC, section(2, "modules", "Modules"), section(2, "versions", "Versions"))
	if !old {
		pp.TOC = append(pp.TOC, section(2, "changelog", "Changelog"))
	}
	for _, md := range pd.Modules {
		mp := s.addPage(&Page{Kind: "module", URL: md.URL, Title: md.Name, Description: md.Description, Package: pd, Module: md,
			Breadcrumbs: append(crumbs, Link{Title: title, URL: pd.URL}), Source: md.src.Dir})
		if !old {
			s.sources[md.src.Dir+"/README.md"] = mp
		}
		mp.key = pageKey{module: md.src, old: old, embed: pd.Embed.key()}
		mp.render = func(s *site) { s.renderModule(mp, md, old) }
	}
}

// packageDoc describes pkg as checked in r, its pages under url.
func (s *site) packageDoc(pkg *model.Package, url string) *PackageDoc {
	pd := &PackageDoc{Name: pkg.Name, Description: pkg.Description, Keywords: pkg.Keywords, URL: url}
	for _, m := range pkg.Modules {
		md := &ModuleDoc{Package: pd, Name: m.Name, ID: m.ID(), Kind: m.Kind, Description: m.Description,
			URL: url + m.Name + "/", Instance: instanceName(m), Var: model.VarName(m.Name), src: m}
		md.AppSnippet = fmt.Sprintf("%q: { \"module\": %q }", md.Instance, m.ID())
		md.File = m.Dir + "/module.json"
		if m.Kind == model.KindJS {
			md.File = m.Dir + "/main.js"
		}
		pd.Modules = append(pd.Modules, md)
	}
	return pd
}

// versionInfo fills the working tree's version, releases and changelog.
func (s *site) versionInfo(pd *PackageDoc, pv *model.PackageVersions, released map[string]*compiler.Result) {
	pd.Version, pd.Status = model.DevVersion, "unreleased"
	pd.Versions = []VersionLink{{Label: "latest", URL: pd.URL}}
	if pv == nil {
		pd.Versions[0].Label = "latest (" + pd.Version + ")"
		pd.Bundle = "dist/" + pd.Name + "/" + pd.Version + "/"
		return
	}
	pd.Version, pd.Released = pv.Current, pv.Released
	pd.Versions[0].Label = "latest (" + pd.Version + ")"
	pd.Bundle = "dist/" + pd.Name + "/" + pd.Version + "/"
	switch {
	case pv.Released:
		pd.Status = "released"
	case pv.Base != "":
		pd.Status = fmt.Sprintf("%s since %s", plural(len(pv.Changed), "change", "changes"), strings.TrimPrefix(pv.Base, pv.Package+"/"))
	}
	if pv.Dirty {
		pd.Status += ", with uncommitted changes"
	}
	for _, c := range pv.Changed {
		pd.Unreleased = append(pd.Unreleased, changeDoc(c))
	}
	for _, rel := range pv.Releases {
		v := rel.Version.String()
		rd := ReleaseDoc{Version: v, Tag: rel.Tag, Commit: short(rel.Commit), Date: date(rel), Message: strings.TrimSpace(rel.Message)}
		if r := released[v]; r != nil && r.Model().Workspace.Package(pd.Name) != nil {
			rd.URL = pd.URL + v + "/"
			pd.Versions = append(pd.Versions, VersionLink{Label: v, URL: rd.URL})
		}
		for _, c := range rel.Changes {
			rd.Changes = append(rd.Changes, changeDoc(c))
		}
		pd.Releases = append(pd.Releases, rd)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func changeDoc(c model.Change) ChangeDoc {
	d := ""
	if !c.Date.IsZero() {
		d = c.Date.UTC().Format("2006-01-02")
	}
	return ChangeDoc{Commit: short(c.Commit), Subject: c.Subject, Date: d}
}

func date(r model.Release) string {
	if r.Date.IsZero() {
		return ""
	}
	return r.Date.UTC().Format("2006-01-02")
}

func short(hash string) string {
	if len(hash) > model.ShortHashLen {
		return hash[:model.ShortHashLen]
	}
	return hash
}

// instanceName suggests how an app names an instance of m, the way app
// builders do: JSModule_manage_tokens for a JS module, GetUsers1 for a
// query module.
func instanceName(m *model.Module) string {
	if m.Kind == model.KindJS {
		return "JSModule_" + m.Name
	}
	var b strings.Builder
	for _, part := range strings.Split(m.Name, "_") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String() + "1"
}

// packageDocs returns the working tree's packages.
func (s *site) packageDocs() []*PackageDoc {
	var out []*PackageDoc
	for _, pkg := range s.ws.Packages {
		if p := s.byPath["packages/"+pkg.Name+"/index.html"]; p != nil {
			out = append(out, p.Package)
		}
	}
	return out
}

// renderModule fills a module page's documentation (it renders markdown,
// so it runs once every page is known).
func (s *site) renderModule(p *Page, md *ModuleDoc, old bool) {
	m := md.src
	warn := old
	reserved := []string{"usage", "functions", "variables", "queries", "request", "inputs", "mock", "examples", "embed"}
	main := m.Main
	if main != nil {
		for _, mem := range main.Members {
			reserved = append(reserved, mem.Name)
		}
	}
	for _, q := range m.Queries {
		reserved = append(reserved, "query-"+q.Name)
	}
	if m.README != "" {
		src := diag.NewSource(m.Dir+"/README.md", m.README)
		out := s.markdown(src, 0, p, &mdOptions{reserved: reserved, demote: true, warn: warn})
		md.README = out.html
		p.TOC = append(p.TOC, out.toc...)
	}
	dr := m.DryRun
	bud := newBudget()
	moduleJSON := m.Dir + "/module.json"
	examples := map[string][]*ExampleDoc{}
	md.ExamplesTotal = len(m.Examples)
	if dr != nil {
		given := map[string]*model.Example{}
		for _, ex := range m.Examples {
			given[ex.Name] = ex
		}
		for _, ex := range dr.Examples {
			if ex.Passed {
				md.ExamplesPassed++
				d := exampleDoc(ex, bud, m.Dir+"/examples.json")
				if g := given[ex.Name]; g != nil && len(g.Store) > 0 {
					if b, err := json.Marshal(g.Store); err == nil {
						var cut bool
						d.Given, cut = bud.json(b)
						d.Truncated = truncated(d.Truncated, cut, m.Dir+"/examples.json")
					}
				}
				examples[ex.Call] = append(examples[ex.Call], d)
			}
		}
	}
	settings := map[string]model.Setting{}
	for _, st := range m.Settings {
		settings[st.Function] = st
	}
	for _, in := range m.Inputs {
		def, cut := bud.json(in.Default)
		md.Inputs = append(md.Inputs, InputDoc{Name: in.Name, Default: def, Truncated: truncated("", cut, moduleJSON)})
	}
	toc := []TOCEntry{section(2, "usage", "Usage")}
	if md.Package.Embed != nil {
		toc = append(toc, section(3, "embed", "In a web page"))
	}

	if main != nil {
		values := map[string]json.RawMessage{}
		if dr != nil {
			for _, mv := range dr.Members {
				if mv.Value != nil {
					values[mv.Name] = mv.Value
				}
			}
		}
		for _, mem := range main.Members {
			loc := mem.Loc
			if loc.File == "" {
				loc = diag.Location{File: md.File, Line: mem.Line}
			}
			text := func(t string) template.HTML { return s.inlineMarkdown(t, p, loc, warn) }
			doc := mem.Doc
			if doc == nil {
				doc = &jsdocEmpty
			}
			if mem.Kind == model.Variable {
				vd := &VariableDoc{Name: mem.Name, Type: doc.Type, Line: mem.Line,
					Snippet: "{{" + md.Instance + "." + mem.Name + "}}", Summary: text(doc.Summary), Deprecated: doc.Deprecated != nil}
				if v, ok := values[mem.Name]; ok {
					var cut bool
					vd.Value, cut = bud.json(v)
					vd.Truncated = truncated(vd.Truncated, cut, md.File)
				}
				if mem.Init != "" {
					code, cut := bud.code(mem.Init)
					vd.Init = highlight(code, "javascript")
					vd.Truncated = truncated(vd.Truncated, cut, md.File)
				}
				md.Variables = append(md.Variables, vd)
				continue
			}
			fd := &FunctionDoc{Name: mem.Name, Async: mem.Async, Generator: mem.Generator, Line: mem.Line,
				Summary:     text(doc.Summary),
				DataSnippet: "{{" + md.Instance + "." + mem.Name + ".data}}",
				CallSnippet: "{{" + md.Instance + "." + mem.Name + "();}}",
				DryRuns:     examples[mem.Name],
			}
			delete(examples, mem.Name)
			if st, ok := settings[mem.Name]; ok {
				fd.RunOnPageLoad, fd.ConfirmBeforeCall = st.RunOnPageLoad, st.Confirm
			}
			if doc.Deprecated != nil {
				fd.Deprecated, fd.DeprecatedNote = true, text(*doc.Deprecated)
			}
			for _, prm := range mem.Params {
				pd := ParamDoc{Name: prm.Name, Default: prm.Default, Rest: prm.Rest, Optional: prm.Default != ""}
				if jp := doc.Param(prm.Name); jp != nil {
					pd.Type, pd.Description = jp.Type, text(jp.Description)
					pd.Optional = pd.Optional || jp.Optional
					if pd.Default == "" {
						pd.Default = jp.Default
					}
				}
				fd.Params = append(fd.Params, pd)
			}
			if doc.Returns != nil {
				fd.Returns = &ReturnsDoc{Type: doc.Returns.Type, Description: text(doc.Returns.Description)}
			}
			for _, ex := range doc.Examples {
				code, cut := bud.code(ex)
				fd.Examples = append(fd.Examples, highlight(code, "javascript"))
				fd.Truncated = truncated(fd.Truncated, cut, md.File)
			}
			if len(mem.Params) > 0 {
				names := make([]string, len(mem.Params))
				for i, prm := range mem.Params {
					names[i] = prm.Name
				}
				fd.CallSnippet = "{{" + md.Instance + "." + mem.Name + "(" + strings.Join(names, ", ") + ");}}"
			}
			sig, cut := bud.code(signature(fd))
			fd.SignatureText = sig
			fd.Signature = highlight(sig, "typescript")
			fd.Truncated = truncated(fd.Truncated, cut, md.File)
			md.Functions = append(md.Functions, fd)
		}
	}
	for _, q := range m.Queries {
		qd := &QueryDoc{Name: q.Name, Path: q.Path, Description: queryDescription(q)}
		if q.Request != nil {
			qd.Request = requestDoc(q.Request, bud, q.Path)
		}
		qd.Mock = mockDoc(q.Mock, bud, q.Path)
		md.Queries = append(md.Queries, qd)
	}
	if m.Request != nil {
		md.Request = requestDoc(m.Request, bud, moduleJSON)
	}
	md.Mock = mockDoc(m.Mock, bud, moduleJSON)
	// Examples calling something that is not a function of the page.
	var rest []string
	for call := range examples {
		rest = append(rest, call)
	}
	sort.Strings(rest)
	for _, call := range rest {
		md.Examples = append(md.Examples, examples[call]...)
	}

	if md.Request != nil {
		toc = append(toc, section(2, "request", "Request"))
	}
	if len(md.Inputs) > 0 {
		toc = append(toc, section(2, "inputs", "Inputs"))
	}
	if len(md.Functions) > 0 {
		toc = append(toc, section(2, "functions", "Functions"))
		for _, f := range md.Functions {
			toc = append(toc, section(3, f.Name, f.Name+"()"))
		}
	}
	if len(md.Variables) > 0 {
		toc = append(toc, section(2, "variables", "Variables"))
	}
	if len(md.Queries) > 0 {
		toc = append(toc, section(2, "queries", "Queries"))
	}
	if md.Mock != nil {
		toc = append(toc, section(2, "mock", "Mock"))
	}
	if len(md.Examples) > 0 {
		toc = append(toc, section(2, "examples", "Examples"))
	}
	p.TOC = append(p.TOC, toc...)
}

// inlineMarkdown renders a JSDoc text; a single paragraph loses its <p>.
func (s *site) inlineMarkdown(text string, p *Page, loc diag.Location, warn bool) template.HTML {
	text = strings.TrimSpace(text)
	if text == "" {
		return ""
	}
	if h, ok := plainInline(text); ok {
		return h
	}
	return s.inlineGoldmark(text, p, loc, warn)
}

// inlineGoldmark is inlineMarkdown by goldmark, for text not empty.
func (s *site) inlineGoldmark(text string, p *Page, loc diag.Location, warn bool) template.HTML {
	out := s.markdown(diag.NewSource(loc.File, text), 0, p, &mdOptions{loc: &loc, warn: warn, demote: true})
	h := strings.TrimSpace(string(out.html))
	if strings.HasPrefix(h, "<p>") && strings.HasSuffix(h, "</p>") && strings.Count(h, "<p>") == 1 {
		h = strings.TrimSuffix(strings.TrimPrefix(h, "<p>"), "</p>")
	}
	return template.HTML(h)
}

// plainInline is what markdown renders of a one-line text that holds no
// markdown (most summaries and descriptions of parameters): the text,
// with " escaped; false for any other text, which goldmark renders. A text
// that starts with a letter cannot start a block (a heading, list, quote,
// code block, table), and none of the characters it may hold starts an
// inline construct: no *, _, `, ~, [, ], <, >, &, \, |, @, and no URL
// GFM's linkify would turn into a link (TestPlainInlineAsGoldmark).
func plainInline(text string) (template.HTML, bool) {
	if text == "" || !isASCIILetter(text[0]) || strings.Contains(text, "www.") || strings.Contains(text, "://") {
		return "", false
	}
	quotes := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= utf8.RuneSelf, isASCIILetter(c), c >= '0' && c <= '9':
		case c == '"':
			quotes++
		case strings.IndexByte(" .,;:!?'()/-+=#%$^{}", c) >= 0:
		default:
			return "", false
		}
	}
	if !utf8.ValidString(text) {
		return "", false
	}
	if quotes > 0 {
		text = strings.ReplaceAll(text, `"`, "&quot;")
	}
	return template.HTML(text), true
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

var jsdocEmpty = model.Doc{}

// signature renders a function TypeScript-like.
func signature(f *FunctionDoc) string {
	var b strings.Builder
	if f.Async {
		b.WriteString("async ")
	}
	if f.Generator {
		b.WriteString("*")
	}
	b.WriteString(f.Name + "(")
	for i, p := range f.Params {
		if i > 0 {
			b.WriteString(", ")
		}
		if p.Rest {
			b.WriteString("...")
		}
		b.WriteString(p.Name)
		if p.Optional && p.Default == "" && !p.Rest {
			b.WriteString("?")
		}
		if p.Type != "" {
			b.WriteString(": " + p.Type)
			if p.Rest {
				b.WriteString("[]")
			}
		}
		if p.Default != "" {
			b.WriteString(" = " + p.Default)
		}
	}
	b.WriteString(")")
	if f.Returns != nil && f.Returns.Type != "" {
		b.WriteString(": " + f.Returns.Type)
	}
	return b.String()
}

// callBytes bounds an example's call as shown (its arguments on one line)
// and errorBytes the message of the error it throws.
const (
	callBytes  = 2000
	errorBytes = 2000
)

// exampleDoc describes a passing example, its values cut to fit bud;
// file is its examples.json.
func exampleDoc(ex model.ExampleResult, bud *budget, file string) *ExampleDoc {
	d := &ExampleDoc{Name: ex.Name, Alerts: ex.Alerts, Logs: ex.Logs, Navigations: ex.Navigations}
	var call strings.Builder
	call.WriteString(ex.Call + "(")
	for i, a := range ex.Args {
		if i > 0 {
			call.WriteString(", ")
		}
		room := callBytes - call.Len()
		if room <= 0 {
			call.WriteString(ellipsis)
			d.Truncated = file
			break
		}
		s, cut := bud.compact(a, room)
		call.WriteString(s)
		d.Truncated = truncated(d.Truncated, cut, file)
	}
	call.WriteString(")")
	d.Call = call.String()
	var cut bool
	switch {
	case ex.Error != "":
		d.Error, cut = bud.text(ex.Error, errorBytes)
	case ex.Result != nil:
		d.Result, cut = bud.json(ex.Result)
	default:
		d.Result = "undefined"
	}
	d.Truncated = truncated(d.Truncated, cut, file)
	if len(ex.Store) > 0 {
		b, err := json.Marshal(ex.Store)
		if err == nil {
			d.Store, cut = bud.json(b)
			d.Truncated = truncated(d.Truncated, cut, file)
		}
	}
	return d
}

// truncated returns file when cut, else prev (the file already named).
func truncated(prev string, cut bool, file string) string {
	if cut {
		return file
	}
	return prev
}

func requestDoc(r *model.Request, bud *budget, file string) *RequestDoc {
	d := &RequestDoc{Method: r.Method, URL: r.URL}
	for _, h := range r.Headers {
		d.Headers = append(d.Headers, HeaderDoc{Name: h.Name, Value: h.Value})
	}
	if r.Body != nil {
		var cut bool
		d.Body, cut = bud.json(r.Body)
		d.Truncated = truncated("", cut, file)
	}
	return d
}

func mockDoc(m *model.Mock, bud *budget, file string) *MockDoc {
	if m == nil {
		return nil
	}
	data, cut := bud.json(m.Data)
	d := &MockDoc{Status: m.Status, Data: data, Truncated: truncated("", cut, file)}
	names := make([]string, 0, len(m.Headers))
	for n := range m.Headers {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		d.Headers = append(d.Headers, HeaderDoc{Name: n, Value: m.Headers[n]})
	}
	return d
}

// queryDescription reads a query file's "description", which the loader
// accepts but does not keep. It only tokenizes the file (jsonScanner): a
// query's mock can be megabytes, and the loader has checked its syntax.
func queryDescription(q *model.Query) string {
	if q.Text == "" {
		return ""
	}
	t := jsonScanner{data: []byte(q.Text)}
	depth, key := 0, false
	for {
		tok, ok := t.next()
		if !ok || tok == nil {
			return ""
		}
		switch tok[0] {
		case '{', '[':
			depth++
			key = depth == 1 && tok[0] == '{'
			continue
		case '}', ']':
			depth--
		case ',':
			key = depth == 1
			continue
		case '"':
			if key && jsonString(tok) == "description" {
				if colon, _ := t.next(); string(colon) != ":" {
					return ""
				}
				if v, _ := t.next(); len(v) > 0 && v[0] == '"' {
					return jsonString(v)
				}
				return ""
			}
		}
		key = false
	}
}

// jsonString decodes a JSON string token.
func jsonString(tok []byte) string {
	if bytes.IndexByte(tok, '\\') < 0 {
		return string(tok[1 : len(tok)-1])
	}
	var s string
	_ = json.Unmarshal(tok, &s)
	return s
}
