package workspace

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jslib"
	"github.com/modc-dev/modc/compiler/internal/jsonpos"
	"github.com/modc-dev/modc/compiler/suggest"
	"github.com/modc-dev/modc/internal/parallel"
)

var (
	packageName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	jsIdent     = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)
)

// IsName reports whether s is a valid package or module name.
func IsName(s string) bool { return packageName.MatchString(s) }

// IsIdentifier reports whether s is a plain JS identifier (query and instance names).
func IsIdentifier(s string) bool { return jsIdent.MatchString(s) && !reserved[s] }

var reserved = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`break case catch class const continue debugger default delete do else
		enum export extends false finally for function if import in instanceof new null return super switch
		this throw true try typeof var void while with yield let static implements interface package private
		protected public await arguments eval`) {
		reserved[w] = true
	}
}

// Load reads the workspace at the root of fsys. The returned workspace is
// usable even when the list holds errors: broken parts are left out.
func Load(fsys fs.FS, opts ...Option) (*Workspace, diag.List) {
	l := &loader{fsys: fsys, ws: &Workspace{FS: fsys, Config: DefaultConfig(), Sources: map[string]*diag.Source{}, Seen: newSeen(fsys)}}
	for _, o := range opts {
		o(l)
	}
	l.config()
	l.packages()
	return l.ws, l.msgs
}

// compactRequests copies the JSON trees the package's requests keep into
// shared arrays (jsonpos.Copy), leaving their files' trees to the
// collector.
func (p *Package) compactRequests() {
	var reqs []*Request
	var roots []*jsonpos.Node
	add := func(r *Request) {
		if r != nil {
			reqs, roots = append(reqs, r), append(roots, r.Node)
		}
	}
	for _, m := range p.Modules {
		add(m.Request)
		for _, q := range m.Queries {
			add(q.Request)
		}
	}
	remap := jsonpos.Copy(roots...)
	for _, r := range reqs {
		r.Node, r.Body = remap(r.Node), remap(r.Body)
		for i := range r.Headers {
			r.Headers[i].Node = remap(r.Headers[i].Node)
		}
	}
}

// An Option changes how Load reads a workspace.
type Option func(*loader)

// Parallel lets Load read up to n packages at once. fsys must then be safe
// for concurrent use, as DirFS is (a go-git tree is not). The workspace
// and the messages are the same as when read one package at a time.
func Parallel(n int) Option {
	return func(l *loader) { l.parallel = n }
}

// ReadConfig reads only modc.json (defaults when it is missing).
func ReadConfig(fsys fs.FS) (Config, diag.List) {
	l := &loader{fsys: fsys, ws: &Workspace{FS: fsys, Config: DefaultConfig(), Sources: map[string]*diag.Source{}}}
	l.config()
	return l.ws.Config, l.msgs
}

// LoadModule loads the one module modules/<pkg>/<name> of fsys, for an
// incremental rebuild: the files it read are added to sources (it records
// nothing in a Seen: the workspace it goes into has none). It returns nil
// when the module is too broken to use; the messages say why.
func LoadModule(fsys fs.FS, pkg, name string, sources map[string]*diag.Source) (*Module, diag.List) {
	l := &loader{fsys: fsys, ws: &Workspace{FS: fsys, Config: DefaultConfig(), Sources: sources}}
	m := l.module(pkg, name, "modules/"+pkg+"/"+name)
	return m, l.msgs.About(pkg + "/" + name)
}

type loader struct {
	fsys     fs.FS
	ws       *Workspace
	msgs     diag.List
	failed   map[string]bool // files that exist but could not be read (reported)
	parallel int             // packages read at once (Parallel); 0 and 1 read one at a time
}

func (l *loader) errorf(id string, loc diag.Location, format string, args ...any) *diag.Message {
	l.msgs.Add(diag.Errorf(id, loc, format, args...))
	return &l.msgs[len(l.msgs)-1]
}

// read returns the file's source, or nil when it does not exist.
func (l *loader) read(p string) *diag.Source {
	var (
		data  []byte
		st    fileStat
		known bool
		err   error
	)
	if d, ok := l.fsys.(*Dir); ok {
		data, st, known, err = d.readFile(p)
	} else {
		data, err = fs.ReadFile(l.fsys, p)
	}
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.msgs.Add(ReadErrorf("read-failed", p, err, "cannot read file: %v", err))
			if l.failed == nil {
				l.failed = map[string]bool{}
			}
			l.failed[p] = true
		}
		return nil
	}
	s := diag.NewSource(p, string(data))
	l.ws.Sources[p] = s
	if known && l.ws.Seen != nil {
		l.ws.Seen.addFile(p, st)
	}
	return s
}

// readDir lists directory p, and records the listing (Seen).
func (l *loader) readDir(p string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(l.fsys, p)
	if err == nil && l.ws.Seen != nil {
		l.ws.Seen.addDir(p, entries)
	}
	return entries, err
}

// readJSON reads and parses a JSON file; nil when missing or broken.
func (l *loader) readJSON(p string) (*diag.Source, *jsonpos.Node) {
	src := l.read(p)
	if src == nil {
		return nil, nil
	}
	n, m := jsonpos.ParseSource(src)
	if m != nil {
		l.msgs.Add(*m)
		return src, nil
	}
	return src, n
}

// fields checks an object's keys against the allowed ones, reporting unknown keys with a hint.
func (l *loader) fields(src *diag.Source, n *jsonpos.Node, what string, allowed ...string) bool {
	if n.Kind != jsonpos.Object {
		l.errorf("json-wrong-type", src.Loc(n.Offset), "%s must be an object, not %s", what, n.Kind)
		return false
	}
	for _, f := range n.Fields {
		if !contains(allowed, f.Key) {
			m := l.errorf("json-unknown-field", src.Span(f.KeyOffset, f.KeyOffset+len(f.Key)+2), "unknown field %q in %s", f.Key, what)
			if s := suggest.Closest(f.Key, allowed); s != "" {
				*m = m.WithHint("did you mean %q?", s)
			} else {
				*m = m.WithHint("allowed fields: %s", strings.Join(allowed, ", "))
			}
		}
	}
	return true
}

// str reads an optional string field.
func (l *loader) str(src *diag.Source, obj *jsonpos.Node, key string) string {
	v := obj.Get(key)
	if v == nil || v.Kind == jsonpos.Null {
		return ""
	}
	if v.Kind != jsonpos.String {
		l.errorf("json-wrong-type", src.Loc(v.Offset), "%q must be a string, not %s", key, v.Kind)
		return ""
	}
	return v.Str
}

func (l *loader) config() {
	src, n := l.readJSON("modc.json")
	if n == nil {
		return
	}
	if !l.fields(src, n, "modc.json", "$schema", "title", "baseURL", "out", "global", "npmScope", "rawHTML", "libraries", "repository") {
		return
	}
	l.str(src, n, "$schema")
	c := &l.ws.Config
	for key, dst := range map[string]*string{"title": &c.Title, "baseURL": &c.BaseURL, "out": &c.Out, "global": &c.Global, "npmScope": &c.NpmScope} {
		if v := l.str(src, n, key); v != "" {
			*dst = v
		}
	}
	if v := n.Get("rawHTML"); v != nil {
		if v.Kind != jsonpos.Bool {
			l.errorf("json-wrong-type", src.Loc(v.Offset), "\"rawHTML\" must be true or false, not %s", v.Kind)
		}
		c.RawHTML = v.Bool
	}
	if v := n.Get("global"); v != nil && v.Kind == jsonpos.String && !IsIdentifier(v.Str) {
		l.errorf("workspace-bad-global", src.Loc(v.Offset), "\"global\" must be a JS identifier, not %q", v.Str)
	}
	if v := n.Get("libraries"); v != nil {
		l.libraries(src, v)
	}
	if v := n.Get("repository"); v != nil && v.Kind != jsonpos.Null {
		l.repository(src, v)
	}
}

// npmName matches an npm package name, scoped or not.
var npmName = regexp.MustCompile(`^(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$`)

// libraries reads modc.json's "libraries": {"<global>": "<npm package>"}.
func (l *loader) libraries(src *diag.Source, n *jsonpos.Node) {
	if n.Kind != jsonpos.Object {
		l.errorf("json-wrong-type", src.Loc(n.Offset), "\"libraries\" must be an object mapping a global name to an npm package, not %s", n.Kind).Notes = []diag.Note{{Text: `for example "libraries": {"dayjs": "dayjs"}`}}
		return
	}
	for _, f := range n.Fields {
		key := src.Span(f.KeyOffset, f.KeyOffset+len(f.Key)+2)
		switch {
		case !IsIdentifier(f.Key):
			l.errorf("library-bad-name", key, "library name %q is not a JS identifier", f.Key).Notes = []diag.Note{{Text: "module code reads the library under this name, as a global"}}
			continue
		case jslib.Builtin(f.Key) != nil:
			lib := jslib.Builtin(f.Key)
			l.errorf("library-built-in", key, "%q is a built-in library (%s %s): it needs no declaration", f.Key, lib.Package, lib.Version)
			continue
		}
		if f.Value.Kind != jsonpos.String || !npmName.MatchString(f.Value.Str) {
			l.errorf("json-wrong-type", src.Loc(f.Value.Offset), "library %q must name an npm package, as a string like \"dayjs\" or \"@scope/name\"", f.Key)
			continue
		}
		l.ws.Config.Libraries = append(l.ws.Config.Libraries, Library{Global: f.Key, Package: f.Value.Str, Loc: key})
	}
}

func (l *loader) packages() {
	entries, err := l.readDir("modules")
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.msgs.Add(ReadErrorf("read-failed", "modules", err, "cannot read directory: %v", err))
		}
		return
	}
	// Each entry is read by a loader of its own, the packages on up to
	// l.parallel goroutines; their results join in directory order, so the
	// workspace and the messages do not depend on the parallelism.
	type part struct {
		sub  *loader
		pkg  *Package
		name string // of a package to read
	}
	parts := make([]*part, len(entries))
	var read []*part // the packages
	for i, e := range entries {
		p := "modules/" + e.Name()
		sub := &loader{fsys: l.fsys, ws: &Workspace{FS: l.fsys, Config: l.ws.Config, Sources: map[string]*diag.Source{}, Seen: newSeen(l.fsys)}}
		pt := &part{sub: sub}
		parts[i] = pt
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 && !ignored(e.Name()) {
			file, m := FollowLink(l.fsys, p)
			if m != nil {
				sub.msgs.Add(*m)
				continue
			}
			isDir = !file
		}
		switch {
		case !isDir:
			if !ignored(e.Name()) {
				sub.msgs.Add(diag.Warningf("workspace-stray-file", diag.Location{File: p}, "file ignored: modules/ holds one directory per package"))
			}
		case ignored(e.Name()):
		case !IsName(e.Name()):
			sub.errorf("package-bad-name", diag.Location{File: p}, "invalid package name %q", e.Name()).Notes = []diag.Note{{Text: "package names are lowercase letters, digits and _, starting with a letter"}}
		default:
			pt.name = e.Name()
			read = append(read, pt)
		}
	}
	parallel.Map(len(read), max(1, l.parallel), func(i int) {
		pt := read[i]
		pt.pkg = pt.sub.pkg(pt.name, "modules/"+pt.name)
		if pt.pkg != nil {
			pt.pkg.compactRequests()
		}
		pt.sub.msgs.About(pt.name)
	})
	for _, pt := range parts {
		l.msgs.Add(pt.sub.msgs...)
		for k, v := range pt.sub.ws.Sources {
			l.ws.Sources[k] = v
		}
		if l.ws.Seen != nil {
			l.ws.Seen.merge(pt.sub.ws.Seen)
		}
		if pt.pkg == nil {
			continue
		}
		l.ws.Packages = append(l.ws.Packages, pt.pkg)
		if len(pt.pkg.Modules) == 0 && !l.msgs.HasErrors() {
			l.msgs.Add(diag.List{diag.Warningf("package-empty", diag.Location{File: pt.pkg.Dir}, "package %q has no modules", pt.pkg.Name)}.About(pt.pkg.Name)...)
		}
	}
}

// ignored reports whether a directory entry is hidden or an editor leftover.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || strings.HasSuffix(name, "~")
}

func (l *loader) pkg(name, dir string) *Package {
	pkg := &Package{Name: name, Dir: dir}
	if src, n := l.readJSON(dir + "/modc-package.json"); n != nil {
		if l.fields(src, n, "modc-package.json", "$schema", "description", "keywords") {
			l.str(src, n, "$schema")
			pkg.Description = l.str(src, n, "description")
			if kw := n.Get("keywords"); kw != nil {
				if err := kw.Decode(&pkg.Keywords); err != nil {
					l.errorf("json-wrong-type", src.Loc(kw.Offset), "\"keywords\" must be an array of strings")
				}
			}
		}
	}
	entries, err := l.readDir(dir)
	if err != nil {
		l.msgs.Add(ReadErrorf("read-failed", dir, err, "cannot read directory: %v", err))
		return nil
	}
	for _, e := range entries {
		mdir := dir + "/" + e.Name()
		if ignored(e.Name()) {
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			if _, m := FollowLink(l.fsys, mdir); m != nil && e.Name() != "modc-package.json" { // read above
				l.msgs.Add(*m)
			}
			continue // a file (modules are directories) or a message
		}
		if !e.IsDir() {
			continue
		}
		if !IsName(e.Name()) {
			l.errorf("module-bad-name", diag.Location{File: mdir}, "invalid module name %q", e.Name()).Notes = []diag.Note{{Text: "module names are lowercase letters, digits and _, starting with a letter"}}
			continue
		}
		n := len(l.msgs)
		m := l.module(name, e.Name(), mdir)
		l.msgs[n:].About(name + "/" + e.Name())
		if m != nil {
			pkg.Modules = append(pkg.Modules, m)
		}
	}
	return pkg // packages warns when it has no modules
}

var moduleFields = []string{"$schema", "kind", "description", "inputs", "widgets", "settings", "request", "mock", "origin"}

func (l *loader) module(pkg, name, dir string) *Module {
	m := &Module{Package: pkg, Name: name, Dir: dir, Kind: KindJS}
	if l.ws.Seen != nil {
		// Listed only for Seen: the later stages that go over every file
		// of the module (see Seen) would list it otherwise.
		_, _ = l.readDir(dir)
	}
	src, n := l.readJSON(dir + "/module.json")
	if src == nil && l.failed[dir+"/module.json"] {
		return nil
	}
	if src == nil {
		l.errorf("module-missing-file", diag.Location{File: dir + "/module.json"}, "missing module.json").Notes = []diag.Note{{Text: "every module directory needs a module.json, e.g. {\"kind\": \"js\"}"}}
		return nil
	}
	if n == nil || !l.fields(src, n, "module.json", moduleFields...) {
		return nil
	}
	m.Manifest = src // its parse tree is dropped once read: nothing later reads it
	if k := n.Get("kind"); k != nil {
		if k.Kind != jsonpos.String || (k.Str != KindJS && k.Str != KindQuery) {
			l.errorf("module-bad-kind", src.Loc(k.Offset), "\"kind\" must be \"js\" or \"query\", not %s", k.Raw)
			return nil
		}
		m.Kind = k.Str
	}
	l.str(src, n, "$schema")
	m.Description = l.str(src, n, "description")
	m.Inputs = l.inputs(src, n.Get("inputs"))
	m.Widgets = l.widgets(src, n.Get("widgets"), m.Inputs)
	m.Settings = l.settings(src, n.Get("settings"))
	m.Origin = l.origin(src, n.Get("origin"))
	if readme := l.read(dir + "/README.md"); readme != nil {
		m.README = readme.Text
	}
	switch m.Kind {
	case KindQuery:
		if v := n.Field("settings"); v != nil {
			l.errorf("module-query-field", src.Loc(v.KeyOffset), "a query module has no functions to configure in \"settings\"")
		}
		if v := n.Field("widgets"); v != nil {
			l.errorf("module-query-field", src.Loc(v.KeyOffset), "a query module has no code to read \"widgets\"; its bindings read inputs.<name>")
		}
		req := n.Get("request")
		if req == nil {
			l.errorf("json-missing-field", src.Loc(n.Offset), "a query module needs a \"request\"")
		} else {
			m.Request = l.request(src, req)
		}
		m.Mock = l.mock(src, n.Get("mock"))
		if _, err := fs.Stat(l.fsys, dir+"/main.js"); err == nil {
			l.errorf("module-query-main-js", diag.Location{File: dir + "/main.js"}, "a query module has no main.js").Notes = []diag.Note{{Text: "set \"kind\": \"js\" in module.json, or remove main.js"}}
		}
	case KindJS:
		for _, key := range []string{"request", "mock"} {
			if f := n.Field(key); f != nil {
				l.errorf("module-query-field", src.Loc(f.KeyOffset), "%q belongs to query modules; a JS module's queries live in queries/<name>.json", key)
			}
		}
		m.Main = l.read(dir + "/main.js")
		if m.Main == nil && !l.failed[dir+"/main.js"] {
			l.errorf("module-missing-file", diag.Location{File: dir + "/main.js"}, "missing main.js").Notes = []diag.Note{{Text: "a JS module needs main.js with `export default { … }`"}}
		}
		m.Queries = l.queries(dir)
	}
	m.Examples, m.ExamplesSource = l.examples(dir + "/examples.json")
	return m
}

func (l *loader) inputs(src *diag.Source, n *jsonpos.Node) []Input {
	if n == nil || n.Kind == jsonpos.Null {
		return nil
	}
	if n.Kind != jsonpos.Object {
		l.errorf("json-wrong-type", src.Loc(n.Offset), "\"inputs\" must be an object of input names to default values, not %s", n.Kind)
		return nil
	}
	var out []Input
	for _, f := range n.Fields {
		loc := src.Span(f.KeyOffset, f.KeyOffset+len(f.Key)+2)
		if !IsIdentifier(f.Key) {
			l.errorf("module-bad-input-name", loc, "input name %q is not a JS identifier", f.Key)
			continue
		}
		out = append(out, Input{Name: f.Key, Default: json.RawMessage(f.Value.Raw), Loc: loc})
	}
	return out
}

// widgets reads module.json's "widgets": the names of declared inputs that
// the code reads bare.
func (l *loader) widgets(src *diag.Source, n *jsonpos.Node, inputs []Input) []string {
	if n == nil || n.Kind == jsonpos.Null {
		return nil
	}
	if n.Kind != jsonpos.Array {
		l.errorf("json-wrong-type", src.Loc(n.Offset), "\"widgets\" must be an array of input names, not %s", n.Kind).Notes = []diag.Note{{Text: `for example "widgets": ["Input1"], with "inputs": {"Input1": {"text": ""}}`}}
		return nil
	}
	declared := make([]string, len(inputs))
	for i, in := range inputs {
		declared[i] = in.Name
	}
	var out []string
	for _, item := range n.Items {
		loc := src.Span(item.Offset, item.End)
		switch {
		case item.Kind != jsonpos.String:
			l.errorf("json-wrong-type", loc, "each of \"widgets\" is an input's name, as a string, not %s", item.Kind)
		case !contains(declared, item.Str):
			m := l.errorf("module-widget-not-input", loc, "widget %q is not declared in \"inputs\"", item.Str)
			if s := suggest.Closest(item.Str, declared); s != "" {
				*m = m.WithHint("did you mean %q?", s)
			} else {
				*m = m.WithHint("declare it under \"inputs\" with the values the code reads, e.g. \"%s\": {\"text\": \"\"}", item.Str)
			}
		case contains(out, item.Str):
			l.errorf("module-widget-twice", loc, "widget %q is listed twice", item.Str)
		case item.Str == "inputs" || contains(jslib.BuiltinNames(), item.Str):
			l.errorf("module-widget-hides-global", loc, "widget %q would hide the global of that name", item.Str)
		default:
			out = append(out, item.Str)
		}
	}
	return out
}

// origin reads an "origin" object: what a module or query was imported from.
func (l *loader) origin(src *diag.Source, n *jsonpos.Node) *Origin {
	if n == nil || n.Kind == jsonpos.Null {
		return nil
	}
	if !l.fields(src, n, "origin", "from", "page", "name", "plugin", "datasource", "placeholder") {
		return nil
	}
	o := &Origin{}
	for key, dst := range map[string]*string{"from": &o.From, "page": &o.Page, "name": &o.Name, "plugin": &o.Plugin, "datasource": &o.Datasource} {
		*dst = l.str(src, n, key)
	}
	if v := n.Get("placeholder"); v != nil {
		if v.Kind != jsonpos.Bool {
			l.errorf("json-wrong-type", src.Loc(v.Offset), "\"placeholder\" must be true or false, not %s", v.Kind)
		}
		o.Placeholder = v.Bool
	}
	return o
}

func (l *loader) settings(src *diag.Source, n *jsonpos.Node) []Setting {
	if n == nil || n.Kind == jsonpos.Null {
		return nil
	}
	if n.Kind != jsonpos.Object {
		l.errorf("json-wrong-type", src.Loc(n.Offset), "\"settings\" must be an object of function names to settings, not %s", n.Kind)
		return nil
	}
	var out []Setting
	for _, f := range n.Fields {
		if !l.fields(src, f.Value, fmt.Sprintf("settings of %q", f.Key), "runOnPageLoad", "confirmBeforeExecute", "confirmBeforeCall") {
			continue
		}
		s := Setting{Function: f.Key, Loc: src.Span(f.KeyOffset, f.KeyOffset+len(f.Key)+2)}
		for _, ff := range f.Value.Fields {
			if ff.Value.Kind != jsonpos.Bool {
				l.errorf("json-wrong-type", src.Loc(ff.Value.Offset), "%q must be true or false, not %s", ff.Key, ff.Value.Kind)
			}
		}
		_ = f.Value.Decode(&s)
		if v := f.Value.Get("confirmBeforeExecute"); v != nil && v.Kind == jsonpos.Bool {
			s.Confirm = s.Confirm || v.Bool // the app builders' name; confirmBeforeCall is modc's alias
		}
		out = append(out, s)
	}
	return out
}

var methods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}

func (l *loader) request(src *diag.Source, n *jsonpos.Node) *Request {
	if !l.fields(src, n, "request", "method", "url", "headers", "body") {
		return nil
	}
	r := &Request{Node: n, Source: src, Method: "GET"}
	if v := n.Get("method"); v != nil {
		method := strings.ToUpper(l.str(src, n, "method"))
		if v.Kind == jsonpos.String && !contains(methods, method) {
			l.errorf("query-bad-method", src.Loc(v.Offset), "unknown HTTP method %q", v.Str).Notes = []diag.Note{{Text: "use one of " + strings.Join(methods, ", ")}}
		} else if method != "" {
			r.Method = method
		}
	}
	r.URL = l.str(src, n, "url")
	if r.URL == "" {
		l.errorf("json-missing-field", src.Loc(n.Offset), "the request needs a \"url\"")
	}
	if h := n.Get("headers"); h != nil && h.Kind != jsonpos.Null {
		if h.Kind != jsonpos.Object {
			l.errorf("json-wrong-type", src.Loc(h.Offset), "\"headers\" must be an object of header names to strings, not %s", h.Kind)
		} else {
			for _, f := range h.Fields {
				if f.Value.Kind != jsonpos.String {
					l.errorf("json-wrong-type", src.Loc(f.Value.Offset), "header %q must be a string, not %s", f.Key, f.Value.Kind)
					continue
				}
				r.Headers = append(r.Headers, Header{Name: f.Key, Value: f.Value.Str, Node: f.Value})
			}
		}
	}
	if b := n.Get("body"); b != nil && b.Kind != jsonpos.Null {
		r.Body = b
	}
	return r
}

func (l *loader) mock(src *diag.Source, n *jsonpos.Node) *Mock {
	if n == nil || n.Kind == jsonpos.Null {
		return nil
	}
	if !l.fields(src, n, "mock", "status", "data", "headers") {
		return nil
	}
	m := &Mock{Status: 200, Data: json.RawMessage("null"), Loc: src.Loc(n.Offset)}
	if s := n.Get("status"); s != nil {
		var code int
		if s.Kind != jsonpos.Number || s.Decode(&code) != nil || code < 100 || code > 599 {
			l.errorf("query-bad-status", src.Loc(s.Offset), "\"status\" must be an HTTP status code (100-599), not %s", s.Raw)
			return nil
		}
		m.Status = code
	}
	if d := n.Get("data"); d != nil {
		m.Data = json.RawMessage(d.Raw)
	}
	if h := n.Get("headers"); h != nil {
		if err := h.Decode(&m.Headers); err != nil {
			l.errorf("json-wrong-type", src.Loc(h.Offset), "mock \"headers\" must be an object of strings")
		}
	}
	return m
}

func (l *loader) queries(dir string) []*Query {
	entries, err := l.readDir(dir + "/queries")
	if err != nil {
		if m, ok := LinkMessage(err); ok {
			l.msgs.Add(m)
		}
		return nil
	}
	var out []*Query
	for _, e := range entries {
		p := dir + "/queries/" + e.Name()
		if e.IsDir() || ignored(e.Name()) || path.Ext(e.Name()) != ".json" {
			continue
		}
		name := strings.TrimSuffix(e.Name(), ".json")
		if !IsIdentifier(name) {
			l.errorf("query-bad-name", diag.Location{File: p}, "query name %q is not a JS identifier", name).Notes = []diag.Note{{Text: "the file name, without .json, is how main.js refers to the query"}}
			continue
		}
		// A broken query file still declares its name, so that main.js's uses
		// of it are not reported as unknown on top of the real error.
		q := &Query{Name: name, Path: p}
		out = append(out, q)
		if e.Type()&fs.ModeSymlink != 0 {
			if file, m := FollowLink(l.fsys, p); !file {
				l.msgs.Add(*m)
				continue
			}
		}
		src, n := l.readJSON(p)
		q.Source = src
		if n == nil || !l.fields(src, n, "query", "$schema", "request", "mock", "description", "origin") {
			continue
		}
		l.str(src, n, "$schema")
		req := n.Get("request")
		if req == nil {
			l.errorf("json-missing-field", src.Loc(n.Offset), "a query needs a \"request\"")
			continue
		}
		q.Request = l.request(src, req)
		q.Mock = l.mock(src, n.Get("mock"))
		q.Origin = l.origin(src, n.Get("origin"))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

var exampleFields = []string{"name", "call", "args", "store", "inputs", "fetch", "expect", "expectStore", "expectError", "expectCalls"}

func (l *loader) examples(p string) ([]*Example, *diag.Source) {
	src, n := l.readJSON(p)
	if n == nil {
		return nil, src
	}
	if n.Kind == jsonpos.Object && (n.Get("examples") != nil || n.Get("$schema") != nil) {
		// {"$schema": …, "examples": […]}: the form that can name its schema.
		l.fields(src, n, "examples.json", "$schema", "examples")
		l.str(src, n, "$schema")
		list := n.Get("examples")
		if list == nil {
			l.errorf("json-missing-field", src.Loc(n.Offset), "examples.json as an object needs \"examples\": the array of examples")
			return nil, src
		}
		n = list
	}
	if n.Kind != jsonpos.Array {
		l.errorf("json-wrong-type", src.Loc(n.Offset), "examples.json must be an array of examples, not %s", n.Kind).Notes = []diag.Note{{Text: `write [{"call": …}, …], or {"$schema": …, "examples": [{"call": …}, …]}`}}
		return nil, src
	}
	var out []*Example
	names := map[string]bool{}
	for i, item := range n.Items {
		if !l.fields(src, item, "an example", exampleFields...) {
			continue
		}
		ex := &Example{Loc: src.Loc(item.Offset)}
		ex.Name = l.str(src, item, "name")
		if ex.Name == "" {
			ex.Name = fmt.Sprintf("example %d", i+1)
		}
		if names[ex.Name] {
			l.errorf("example-duplicate-name", ex.Loc, "duplicate example name %q", ex.Name)
		}
		names[ex.Name] = true
		call := item.Get("call")
		if call == nil || call.Kind != jsonpos.String || call.Str == "" {
			l.errorf("json-missing-field", ex.Loc, "example %q needs \"call\": the name of the function to run", ex.Name)
			continue
		}
		ex.Call, ex.CallLoc = call.Str, src.Span(call.Offset, call.End)
		ok := true
		decode := func(key string, dst any, want string) {
			if v := item.Get(key); v != nil {
				if err := v.Decode(dst); err != nil {
					l.errorf("json-wrong-type", src.Loc(v.Offset), "%q must be %s", key, want)
					ok = false
				}
			}
		}
		decode("args", &ex.Args, "an array of arguments")
		decode("store", &ex.Store, "an object of store keys to values")
		decode("inputs", &ex.Inputs, "an object of input names to values")
		decode("expectStore", &ex.ExpectStore, "an object of store keys to expected values")
		decode("expectError", &ex.ExpectError, "a string the error message must contain")
		if v := item.Get("expect"); v != nil {
			ex.Expect = json.RawMessage(v.Raw)
		}
		if v := item.Get("expectCalls"); v != nil {
			if l.calls(src, v) {
				ex.ExpectCalls = json.RawMessage(v.Raw)
			} else {
				ok = false
			}
		}
		if v := item.Get("fetch"); v != nil {
			if v.Kind != jsonpos.Object {
				l.errorf("json-wrong-type", src.Loc(v.Offset), "\"fetch\" must be an object of URLs to mocks ({\"status\": 200, \"data\": …}), not %s", v.Kind)
				ok = false
			} else {
				ex.Fetch = l.fetchMocks(src, v)
			}
		}
		if ex.Expect == nil && ex.ExpectStore == nil && ex.ExpectError == nil && item.Get("expectCalls") == nil {
			l.errorf("example-checks-nothing", ex.Loc, "example %q checks nothing", ex.Name).Notes = []diag.Note{{Text: "give \"expect\", \"expectStore\", \"expectCalls\" or \"expectError\""}}
			ok = false
		}
		if ex.Expect != nil && ex.ExpectError != nil {
			l.errorf("example-expect-and-error", ex.Loc, "example %q cannot both \"expect\" a result and \"expectError\"", ex.Name)
			ok = false
		}
		if ok {
			out = append(out, ex)
		}
	}
	return out, src
}

// calls checks an example's "expectCalls": an array of calls, each an
// array of a platform function's name and its arguments.
func (l *loader) calls(src *diag.Source, n *jsonpos.Node) bool {
	if n.Kind != jsonpos.Array {
		l.errorf("json-wrong-type", src.Loc(n.Offset), "\"expectCalls\" must be an array of calls such as [\"showModal\", \"Modal1\"], not %s", n.Kind)
		return false
	}
	good := true
	for _, c := range n.Items {
		if c.Kind != jsonpos.Array || len(c.Items) == 0 || c.Items[0].Kind != jsonpos.String {
			l.errorf("json-wrong-type", src.Loc(c.Offset), "each call in \"expectCalls\" is an array of the function's name and its arguments, such as [\"download\", \"a,b\", \"rows.csv\", \"text/csv\"]")
			good = false
			continue
		}
		if name := c.Items[0].Str; !contains(recordedCalls, name) {
			m := l.errorf("example-unknown-call", src.Loc(c.Items[0].Offset), "%q is not a call dry runs record", name)
			if s := suggest.Closest(name, recordedCalls); s != "" {
				*m = m.WithHint("did you mean %q?", s)
			} else {
				*m = m.WithHint("they record: %s", strings.Join(recordedCalls, ", "))
			}
			good = false
		}
	}
	return good
}

// recordedCalls are the functions whose calls an example's expectCalls lists.
var recordedCalls = []string{"showAlert", "navigateTo", "showModal", "closeModal", "resetWidget", "download", "copyToClipboard", "postWindowMessage", "fetch", "confirm", "alert"}

// fetchMocks reads an example's "fetch": URLs to mocks.
func (l *loader) fetchMocks(src *diag.Source, n *jsonpos.Node) map[string]*Mock {
	out := map[string]*Mock{}
	for _, f := range n.Fields {
		if m := l.mock(src, f.Value); m != nil {
			out[f.Key] = m
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
