// Package bundle builds the browser bundles of a workspace's packages with
// esbuild's Go API, in process (SPEC 6). For each package it generates a
// virtual entry that imports the runtime and each module's factory and
// calls definePackage, and writes, under dist/<package>/<version>/:
//
//	<package>.mjs   ES module exporting createInstance, modules and the package (default)
//	<package>.js    IIFE setting window[global].packages[<package>]
//	*.map           source maps of both, pointing at the original main.js files
//	<package>.d.ts  types from JSDoc
//	meta.json       modules, functions, inputs, settings, hashes
//
// Build is deterministic: the same workspace and options give the same bytes.
package bundle

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/binding"
	"github.com/modc-dev/modc/compiler/internal/jslib"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/query"
	"github.com/modc-dev/modc/compiler/internal/runtime"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/internal/parallel"
)

// Options configures Build. The zero value builds every package at version
// "0.0.0-dev", unminified, under the workspace's global.
type Options struct {
	// Version is every package's version unless Versions names it
	// (default "0.0.0-dev").
	Version string
	// Versions maps a package name to its version.
	Versions map[string]string
	// TreeHashes maps a package name to its source tree hash (git), copied
	// to meta.json's treeHash.
	TreeHashes map[string]string
	// Git maps a package name to what git says of the version built: its
	// commit and changelog, copied to meta.json.
	Git map[string]GitMeta
	// Global is the IIFE's global object name (default: modc.json's
	// "global", else "modc").
	Global string
	// Minify minifies the bundles (the CLI does unless --no-minify).
	Minify bool
	// Packages limits the build to these packages (default: all).
	Packages []string
	// Libraries are the workspace's libraries (modc.json's "libraries"), as
	// CommonJS source ready to bundle; the built-in ones need not be listed.
	Libraries []*jslib.Library
	// RuntimeImport is the module the npm build of a package (Output.Npm)
	// imports the runtime from: the runtime's npm package (default
	// "modc-runtime"; the compiler passes npm.RuntimeName, which follows
	// modc.json's npmScope).
	RuntimeImport string
	// Contexts, when set, keeps esbuild's build contexts between builds, so
	// a rebuild re-parses only the files that changed (the devserver).
	Contexts *Contexts `json:"-"`
	// Worker, when set (and Contexts not), runs esbuild's builds in a child
	// process, out of this process's heap (a one-shot build).
	Worker *Worker `json:"-"`
	// Built, when set, gets each package's output as soon as it is built,
	// on the goroutine that built it (several at once), before Outputs
	// returns it; it may take the output's files away (see
	// compiler.Options.Write). An output is final once built: nothing
	// Outputs does afterwards changes it.
	Built func(*Output) `json:"-"`
}

// Dir returns the output directory of a package version, relative to the
// output root: "dist/<package>/<version>".
func Dir(pkg, version string) string { return "dist/" + pkg + "/" + version }

// Output is one package version as a build made it: where it goes, what
// its meta.json says, and its files.
type Output struct {
	// Dir is its directory in the output: "dist/<package>/<version>".
	Dir  string
	Meta *Meta
	// Files are its files by name: the ES module and the IIFE bundle with
	// their source maps, the type declarations and meta.json.
	Files map[string][]byte
	// Npm are the files of its npm folder that differ from Files:
	// "<package>.mjs" and its map, the ES module that imports the runtime
	// from Options.RuntimeImport rather than carrying a copy, so that the
	// packages of one frontend share one runtime. Nil when not built.
	Npm map[string][]byte
}

// npmPrefix is where CacheFiles keeps an output's Npm files, under its Dir.
const npmPrefix = "npm/"

// CacheFiles returns the files of outs by path relative to the output
// root, as Files does, with their Npm files under "<dir>/npm/", for a
// cache that ReadOutput reads back.
func CacheFiles(outs []*Output) map[string][]byte {
	files := Files(outs)
	for _, o := range outs {
		for name, data := range o.Npm {
			files[o.Dir+"/"+npmPrefix+name] = data
		}
	}
	return files
}

// As returns o as the directory of version dirVersion of its package
// (dist/<package>/latest holds the latest release): the same files.
func (o *Output) As(dirVersion string) *Output {
	return &Output{Dir: Dir(o.Meta.Package, dirVersion), Meta: o.Meta, Files: o.Files, Npm: o.Npm}
}

// Files returns the files of outs by path relative to the output root.
func Files(outs []*Output) map[string][]byte {
	n := 0
	for _, o := range outs {
		n += len(o.Files)
	}
	files := make(map[string][]byte, n)
	for _, o := range outs {
		for name, data := range o.Files {
			files[o.Dir+"/"+name] = data
		}
	}
	return files
}

// ReadOutput reads back the output of a package version from its files by
// path (as Files gives them, from a cache): the one directory dir among
// them that holds a meta.json.
func ReadOutput(dir string, files map[string][]byte) (*Output, error) {
	o := &Output{Dir: dir, Meta: &Meta{}, Files: map[string][]byte{}}
	for p, data := range files {
		name, ok := strings.CutPrefix(p, dir+"/")
		if !ok {
			continue
		}
		if npmName, ok := strings.CutPrefix(name, npmPrefix); ok && !strings.Contains(npmName, "/") {
			if o.Npm == nil {
				o.Npm = map[string][]byte{}
			}
			o.Npm[npmName] = data
		} else if !strings.Contains(name, "/") {
			o.Files[name] = data
		}
	}
	data, ok := o.Files["meta.json"]
	if !ok {
		return nil, fmt.Errorf("%s has no meta.json", dir)
	}
	if err := json.Unmarshal(data, o.Meta); err != nil {
		return nil, fmt.Errorf("reading %s/meta.json: %w", dir, err)
	}
	return o, nil
}

// Build bundles the packages of ws, as Outputs does, and returns the output
// files by path relative to the output root.
func Build(ws *workspace.Workspace, mains map[string]*jsmod.Main, opts Options) (map[string][]byte, diag.List) {
	outs, msgs := Outputs(ws, mains, opts)
	return Files(outs), msgs
}

// Outputs bundles the packages of ws. mains holds the analysed main.js of
// each JS module, keyed "package/module". It returns the output of each
// package in workspace order, and every problem found; a package with
// errors has no output.
func Outputs(ws *workspace.Workspace, mains map[string]*jsmod.Main, opts Options) ([]*Output, diag.List) {
	if opts.Version == "" {
		opts.Version = "0.0.0-dev"
	}
	if opts.Global == "" {
		opts.Global = ws.Config.Global
	}
	if opts.Global == "" {
		opts.Global = "modc"
	}
	if opts.RuntimeImport == "" {
		opts.RuntimeImport = "modc-runtime"
	}
	var pkgs []*workspace.Package
	var msgs diag.List
	if opts.Packages == nil {
		pkgs = ws.Packages
	} else {
		for _, name := range opts.Packages {
			if p := ws.Package(name); p != nil {
				pkgs = append(pkgs, p)
			} else {
				msgs.Add(diag.List{diag.Errorf("unknown-package", diag.Location{File: "modules/" + name}, "no package %q in the workspace", name)}.About(name)...)
			}
		}
	}
	type result struct {
		out  *Output
		msgs diag.List
	}
	results := make([]result, len(pkgs))
	parallel.Map(len(pkgs), 0, func(i int) {
		b := &builder{ws: ws, pkg: pkgs[i], mains: mains, opts: opts, sharedHelper: true}
		results[i] = result{b.build(), b.msgs.About(pkgs[i].Name)}
		if out := results[i].out; out != nil && opts.Built != nil {
			opts.Built(out)
		}
	})
	var outs []*Output
	for _, r := range results {
		msgs.Add(r.msgs...)
		if r.out != nil {
			outs = append(outs, r.out)
		}
	}
	msgs.Sort()
	return outs, msgs
}

// builder builds one package.
type builder struct {
	ws      *workspace.Workspace
	pkg     *workspace.Package
	mains   map[string]*jsmod.Main
	opts    Options
	version string
	// files are the virtual files esbuild reads, by path in the "modc" namespace.
	files map[string]string
	// origins say where a virtual file comes from, for messages and source maps.
	origins map[string]origin
	// decls holds the request functions declared in the entry after its
	// imports (which take declsLine lines), ranges their lines in decls.
	decls      strings.Builder
	declsLines int // lines in decls
	declsLine  int
	// sharedHelper makes decls declare binding.Helper once, on its first
	// line, for all the requests (binding.CompileRequestShared); without
	// it (lint, which puts many modules' decls in one file) each request
	// declares its own.
	sharedHelper bool
	ranges       []lineRange
	msgs         diag.List
	// entryLibs are the libraries the entry imports for requests, in the
	// order of their aliases lib0, lib1…
	entryLibs []string
	// libs are the libraries the package uses, in the order first used;
	// uses says how its modules read them (made at the first library).
	libs []*jslib.Library
	uses jslib.Uses
	// bannerText is banner's, once made.
	bannerText string
}

// lineRange is where generated code from one origin sits in the entry.
type lineRange struct {
	first, last int // 1-based lines in builder.decls
	origin      origin
}

// origin ties a virtual file to the workspace file it was made from.
type origin struct {
	src   *diag.Source  // main.js, for factories: positions map back into it
	shift int           // extra columns on the first line of the virtual file
	loc   diag.Location // where to report problems in generated code
	what  string        // what the generated code is, for messages
	// module is the ID of the module whose code it is, which esbuild's
	// messages about it are about ("" for the package's own code).
	module string
}

const (
	namespace   = "modc"
	runtimePath = "modc/runtime.js"
)

var versionRE = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z.+_-]*$`)

func (b *builder) errorf(id string, loc diag.Location, format string, args ...any) {
	b.msgs.Add(diag.Errorf(id, loc, format, args...))
}

func (b *builder) build() *Output {
	p := b.pkg
	b.version = b.opts.Version
	if v, ok := b.opts.Versions[p.Name]; ok {
		b.version = v
	}
	if !versionRE.MatchString(b.version) || strings.Contains(b.version, "..") {
		b.errorf("bundle-bad-version", diag.Location{File: p.Dir}, "version %q of package %q cannot name an output directory", b.version, p.Name)
		return nil
	}
	// The runtime is in front of the code (banner), as the libraries are;
	// the entry reads it from its variable.
	b.files = map[string]string{runtimePath: "export const { definePackage } = " + runtimeVar + ";\n"}
	b.origins = map[string]origin{}
	// Modules with problems are left out of the definition, and the package
	// is still bundled, to report esbuild's errors too; it then has no files.
	body := b.definition()
	esm := body + "export const createInstance = pkg.createInstance;\nexport const modules = pkg.modules;\nexport default pkg;\n"
	iife := body + fmt.Sprintf("const g = globalThis[%s] || (globalThis[%[1]s] = {});\n(g.packages || (g.packages = {}))[%s] = pkg;\n",
		jsString(b.opts.Global), jsString(p.Name))
	esmPath, iifePath := "modc/"+p.Name+"/esm.js", "modc/"+p.Name+"/iife.js"
	b.files[esmPath], b.files[iifePath] = esm, iife
	b.origins[esmPath] = origin{loc: diag.Location{File: p.Dir}, what: "the generated package entry"}
	b.origins[iifePath] = b.origins[esmPath]

	out := map[string][]byte{}
	mjs, js := p.Name+".mjs", p.Name+".js"
	code, sm, ok := b.esbuild(esmPath, mjs, api.FormatESModule)
	if !ok || b.msgs.HasErrors() {
		return nil
	}
	out[mjs], out[mjs+".map"] = code, sm
	// The IIFE is the ES module wrapped in a function; should esbuild's
	// output ever not have the expected shape, esbuild builds it instead.
	if iife, ok := wrapIIFE(code, js+".map", b.opts.Global, p.Name); ok {
		out[js], out[js+".map"] = iife, sm
	} else {
		code, sm, ok := b.esbuild(iifePath, js, api.FormatIIFE)
		if !ok || b.msgs.HasErrors() {
			return nil
		}
		out[js], out[js+".map"] = code, sm
	}
	npmCode, ok := b.npmModule(code)
	if !ok {
		return nil
	}
	dts := b.dts()
	out[p.Name+".d.ts"] = []byte(dts)
	meta, data, err := b.meta(out)
	if err != nil {
		b.msgs.Add(workspace.ReadErrorf("write-failed", p.Dir, err, "writing meta.json: %v", err))
		return nil
	}
	out["meta.json"] = data
	return &Output{Dir: Dir(p.Name, b.version), Meta: meta, Files: out, Npm: map[string][]byte{mjs: npmCode, mjs + ".map": out[mjs+".map"]}}
}

// definition generates the entry's imports and the definePackage call, which
// leaves the package object in const pkg.
func (b *builder) definition() string {
	p := b.pkg
	var imports, mods strings.Builder
	imports.WriteString("import { definePackage } from " + jsString(namespace+":"+runtimePath) + ";\n")
	for i, m := range p.Modules {
		defaults := inputDefaults(m.Inputs)
		switch m.Kind {
		case workspace.KindQuery:
			if m.Request == nil {
				b.errorf("internal-error", diag.Location{File: m.Dir + "/module.json"}, "query module %s has no request", m.ID())
				continue
			}
			fmt.Fprintf(&mods, "    %s: {\n", jsKey(m.Name))
			id := fmt.Sprintf("r%d", i)
			b.request(id, m.Request, "the request of query module "+m.ID(), m.ID())
			fmt.Fprintf(&mods, "      kind: \"query\",\n      request: %s,\n      mock: %s,\n      inputs: { defaults: %s },\n",
				id, mockJSON(m.Mock), defaults)
		default:
			main := b.mains[m.ID()]
			if main == nil || main.Source == nil {
				b.errorf("internal-error", diag.Location{File: m.Dir + "/main.js"}, "module %s was not analysed, so it cannot be bundled", m.ID())
				continue
			}
			fmt.Fprintf(&mods, "    %s: {\n", jsKey(m.Name))
			vpath := b.factory(m, main, true)
			id := fmt.Sprintf("m%d", i)
			fmt.Fprintf(&imports, "import %s from %s;\n", id, jsString(namespace+":"+vpath))
			var queries strings.Builder
			for j, q := range m.Queries {
				if q.Request == nil {
					continue
				}
				qid := fmt.Sprintf("%sq%d", id, j)
				b.request(qid, q.Request, "the request of query "+q.Name, m.ID())
				fmt.Fprintf(&queries, "\n        %s: { request: %s, mock: %s },", jsKey(q.Name), qid, mockJSON(q.Mock))
			}
			if len(m.Queries) > 0 {
				queries.WriteString("\n      ")
			}
			var fns []string
			for _, mem := range main.Members {
				if mem.Kind == jsmod.Function {
					fns = append(fns, mem.Name)
				}
			}
			fnsJSON, _ := json.Marshal(fns)
			if fns == nil {
				fnsJSON = []byte("[]")
			}
			fmt.Fprintf(&mods, "      kind: \"js\",\n      factory: %s,\n      queries: {%s},\n      inputs: { defaults: %s },\n      functions: %s,\n",
				id, queries.String(), defaults, fnsJSON)
		}
		mods.WriteString("    },\n")
	}
	// The requests' libraries, imported under aliases (lib0…) that the
	// entry's own names cannot clash with.
	if len(b.entryLibs) > 0 {
		imports.WriteString(b.libraryImports(b.entryLibs, true))
	}
	b.declsLine = strings.Count(imports.String(), "\n")
	return imports.String() + b.decls.String() + fmt.Sprintf("const pkg = definePackage({\n  name: %s,\n  version: %s,\n  global: %s,\n  modules: {\n%s  },\n});\n",
		jsString(p.Name), jsString(b.version), jsString(b.opts.Global), mods.String())
}

// factory adds the virtual file of m's factory, made from its analysed
// main.js, and returns its path.
// With libraries, it imports the libraries the code reads on its first
// line (lint leaves them out).
func (b *builder) factory(m *workspace.Module, main *jsmod.Main, libraries bool) string {
	var names []string
	for _, q := range m.Queries {
		names = append(names, q.Name)
	}
	factory := "export default " + main.Factory(jsmod.Env{Queries: names}) + ";\n"
	if libraries {
		factory = b.libraryImports(main.Libraries, false) + factory
	}
	vpath := m.Dir + "/main.js"
	b.files[vpath] = factory
	b.origins[vpath] = origin{src: main.Source, shift: firstLineShift(factory, main.Source.Text), loc: diag.Location{File: vpath}, what: "main.js", module: m.ID()}
	return vpath
}

// request declares a compiled request function in the entry, remembering
// its lines so that esbuild's messages about it point at the query file.
func (b *builder) request(id string, r *workspace.Request, what, module string) {
	var fn string
	if b.sharedHelper {
		if b.decls.Len() == 0 {
			b.decls.WriteString(binding.Helper + "\n")
			b.declsLines++
		}
		fn = binding.CompileRequestShared(r)
	} else {
		fn = binding.CompileRequest(r)
	}
	// A request that reads libraries gets them as parameters of a
	// function around it, from the entry's aliases.
	if libs := query.Libraries(r, b.libraryGlobals()); len(libs) > 0 {
		aliases := make([]string, len(libs))
		for i, name := range libs {
			aliases[i] = b.entryAlias(name)
		}
		fn = "((" + strings.Join(libs, ", ") + ") => " + fn + ")(" + strings.Join(aliases, ", ") + ")"
	}
	loc := diag.Location{File: b.pkg.Dir}
	if r.Source != nil && r.Node != nil {
		loc = r.Source.Loc(r.Node.Offset)
	}
	first := b.declsLines + 1
	fmt.Fprintf(&b.decls, "const %s = %s;\n", id, fn)
	b.declsLines += strings.Count(fn, "\n") + 1
	b.ranges = append(b.ranges, lineRange{first: first, last: b.declsLines, origin: origin{loc: loc, what: what, module: module}})
}

// libraryGlobals returns the globals of the workspace's libraries.
func (b *builder) libraryGlobals() []string {
	out := make([]string, len(b.opts.Libraries))
	for i, l := range b.opts.Libraries {
		out[i] = l.Global
	}
	return out
}

// library returns the library read as global, adding its source to the
// virtual files; nil when there is none (analysis reported it). A library
// the package's code reads only by member names is the subset of those.
func (b *builder) library(global string) *jslib.Library {
	l := jslib.Builtin(global)
	for _, wl := range b.opts.Libraries {
		if wl.Global == global {
			l = wl
		}
	}
	if l == nil {
		return nil
	}
	if b.uses == nil {
		b.uses = query.PackageUses(b.pkg, func(id string) *jsmod.Main { return b.mains[id] }, b.libraryGlobals())
	}
	l = b.uses.Library(l)
	p := l.ImportPath()
	if _, ok := b.files[p]; !ok {
		b.files[p] = "export default " + libraryVar(l) + ";\n"
		b.origins[p] = origin{loc: diag.Location{File: "modc.json"}, what: "the library " + l.Package}
		b.libs = append(b.libs, l)
	}
	return l
}

// libraryVar names the variable that holds library l in front of the
// bundle's code (its import path, every byte but letters and digits
// escaped, so two paths never share a name): the module that esbuild sees
// only reads it, so esbuild neither parses nor prints the library's
// (already minified) code.
func libraryVar(l *jslib.Library) string {
	name := []byte("__modc_lib_")
	for _, c := range []byte(l.ImportPath()) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			name = append(name, c)
		} else {
			name = fmt.Appendf(name, "_%02x", c)
		}
	}
	return string(name)
}

// banner is the bundle's first line, a comment, and after it the libraries
// the package uses, each in its variable, then the runtime. It is made
// once, when the definition has found the libraries, and kept: it holds
// their whole code.
func (b *builder) banner() string {
	if b.bannerText != "" {
		return b.bannerText
	}
	var out strings.Builder
	fmt.Fprintf(&out, "/* %s %s, built by modc */", b.pkg.Name, b.version)
	for _, l := range b.libs {
		fmt.Fprintf(&out, "\nvar %s = %s;", libraryVar(l), l.Expression())
	}
	out.WriteString("\n")
	out.WriteString(runtimeStatement(b.opts.Minify))
	b.bannerText = out.String()
	return b.bannerText
}

// runtimeVar holds the runtime's exports in front of a bundle's code.
const runtimeVar = "__modc_runtime"

// runtimeScripts are runtime.js as a script that leaves its exports in
// runtimeVar, plain and minified, made once per process.
var runtimeScripts [2]struct {
	once sync.Once
	text string
}

// runtimeStatement returns the statement that puts the runtime's exports
// in runtimeVar. esbuild makes it from runtime.js once per process; a
// package bundle carries it as it is, unparsed.
func runtimeStatement(minify bool) string {
	i := 0
	if minify {
		i = 1
	}
	r := &runtimeScripts[i]
	r.once.Do(func() {
		res := api.Transform(runtime.Source(), api.TransformOptions{
			Loader:            api.LoaderJS,
			Format:            api.FormatIIFE,
			GlobalName:        runtimeVar,
			Target:            api.ES2020,
			MinifyWhitespace:  minify,
			MinifyIdentifiers: minify,
			MinifySyntax:      minify,
			LogLevel:          api.LogLevelSilent,
		})
		if len(res.Errors) > 0 { // runtime.js is ours and tested: cannot happen
			panic("modc: esbuild cannot compile runtime.js: " + res.Errors[0].Text)
		}
		r.text = strings.TrimRight(string(res.Code), "\n")
	})
	return r.text
}

// RuntimeImport returns the statement that stands for the runtime in a
// package's npm ES module: it imports the runtime's package, name.
func RuntimeImport(name string) string {
	return "import * as " + runtimeVar + " from " + jsString(name) + ";"
}

// RuntimeRequire returns RuntimeImport's statement for CommonJS.
func RuntimeRequire(name string) string {
	return "var " + runtimeVar + " = require(" + jsString(name) + ");"
}

// npmModule derives the package's npm ES module from its ES module code:
// the runtime's statement in front of the code becomes an import of the
// runtime's package (RuntimeImport), followed by as many line breaks as
// it had, so every line after it keeps its number and the ES module's
// source map serves the npm module too.
func (b *builder) npmModule(code []byte) ([]byte, bool) {
	stmt := runtimeStatement(b.opts.Minify)
	banner := b.banner()
	if !bytes.HasPrefix(code, []byte(banner)) {
		b.errorf("internal-error", diag.Location{File: b.pkg.Dir}, "esbuild's output of %s does not start with its banner", b.pkg.Name)
		return nil, false
	}
	at := len(banner) - len(stmt)
	imp := RuntimeImport(b.opts.RuntimeImport) + strings.Repeat("\n", strings.Count(stmt, "\n"))
	out := make([]byte, 0, len(code)-len(stmt)+len(imp))
	out = append(out, code[:at]...)
	out = append(out, imp...)
	out = append(out, code[len(banner):]...)
	return out, true
}

// entryAlias returns the entry's name for library global, importing it
// the first time.
func (b *builder) entryAlias(global string) string {
	i := slices.Index(b.entryLibs, global)
	if i < 0 {
		i = len(b.entryLibs)
		b.entryLibs = append(b.entryLibs, global)
	}
	return fmt.Sprintf("lib%d", i)
}

// libraryImports imports the libraries read as globals: as themselves in
// front of a factory (on its first line), as their entryAlias on a line of
// the entry.
func (b *builder) libraryImports(globals []string, aliased bool) string {
	var out strings.Builder
	for i, g := range globals {
		l := b.library(g)
		if l == nil {
			continue
		}
		name := g
		if aliased {
			name = fmt.Sprintf("lib%d", i)
		}
		fmt.Fprintf(&out, "import %s from %s; ", name, jsString(namespace+":"+l.ImportPath()))
	}
	if aliased && out.Len() > 0 {
		return strings.TrimSuffix(out.String(), " ") + "\n"
	}
	return out.String() // on the factory's first line: main.js keeps its line numbers
}

// excerpt returns at most 160 bytes of line around column col
// (minified library code has lines of many kilobytes), trimmed.
func excerpt(line string, col int) string {
	const width = 160
	trimmed := strings.TrimLeft(line, " \t")
	col -= len(line) - len(trimmed)
	line = strings.TrimRight(trimmed, " \t")
	if len(line) <= width {
		return line
	}
	from := min(max(col-width/2, 0), len(line)-width)
	for from > 0 && !utf8.RuneStart(line[from]) {
		from--
	}
	to := min(from+width, len(line))
	for to < len(line) && !utf8.RuneStart(line[to]) {
		to++
	}
	out := line[from:to]
	if from > 0 {
		out = "…" + out
	}
	if to < len(line) {
		out += "…"
	}
	return out
}

// firstLineShift is how much longer the factory's first line is than the
// original's: the factory only adds text before the original first line.
func firstLineShift(factory, orig string) int {
	first := func(s string) int {
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			return i
		}
		return len(s)
	}
	return max(first(factory)-first(orig), 0)
}

func inputDefaults(inputs []workspace.Input) string {
	if len(inputs) == 0 {
		return "{}"
	}
	var b strings.Builder
	b.WriteString("{ ")
	for i, in := range inputs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(jsKey(in.Name) + ": " + compactJSON(in.Default))
	}
	b.WriteString(" }")
	return b.String()
}

func mockJSON(m *workspace.Mock) string {
	if m == nil {
		return "null"
	}
	data, err := json.Marshal(struct {
		Status  int               `json:"status"`
		Data    json.RawMessage   `json:"data"`
		Headers map[string]string `json:"headers,omitempty"`
	}{m.Status, m.Data, m.Headers})
	if err != nil {
		return "null"
	}
	return string(data)
}

// compactJSON re-encodes raw JSON compactly (and safely inside JS), null when empty or invalid.
func compactJSON(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "null"
	}
	data, err := json.Marshal(raw)
	if err != nil {
		return "null"
	}
	return string(data)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	data, _ := json.Marshal(s)
	return string(data)
}

// jsKey quotes an object literal key; "__proto__" is computed so that it
// makes an own property rather than setting the prototype.
func jsKey(k string) string {
	if k == "__proto__" {
		return `["__proto__"]`
	}
	return jsString(k)
}

// logOverride makes esbuild's warnings that modc treats as errors errors.
func logOverride() map[string]api.LogLevel {
	return map[string]api.LogLevel{"direct-eval": api.LogLevelError}
}

// esbuild bundles one entry. It returns the code and its fixed source map.
func (b *builder) esbuild(entry, file string, format api.Format) ([]byte, []byte, bool) {
	j := &job{Entry: entry, File: file, Format: format, Minify: b.opts.Minify, Banner: b.banner(), Files: b.files}
	var res api.BuildResult
	ran := false
	switch {
	case b.opts.Contexts != nil:
		key := fmt.Sprintf("%s|%s|%s|%d|%v|%s", b.pkg.Name, entry, file, format, b.opts.Minify, j.Banner)
		res, ran = b.opts.Contexts.build(key, esbuildOptions(entry, file, format, j.Minify, j.Banner), b.files), true
	case b.opts.Worker != nil:
		res, ran = b.opts.Worker.build(j)
	}
	if !ran {
		res = j.run()
	}
	for _, m := range res.Errors {
		b.msgs.Add(b.message(m, diag.Error))
	}
	if format == api.FormatESModule { // the IIFE build warns the same
		for _, m := range res.Warnings {
			b.msgs.Add(b.message(m, diag.Warning))
		}
	}
	if len(res.Errors) > 0 {
		return nil, nil, false
	}
	var code, sm []byte
	for _, f := range res.OutputFiles {
		switch path.Base(f.Path) {
		case file:
			code = f.Contents
		case file + ".map":
			sm = f.Contents
		}
	}
	if code == nil || sm == nil {
		b.errorf("internal-error", diag.Location{File: b.pkg.Dir}, "esbuild wrote no %s", file)
		return nil, nil, false
	}
	// The map holds the text of the modules' main.js, not of the code modc
	// generates around them (the package entry with the compiled queries,
	// the runtime's and libraries' stubs): that is 28% of a package's map
	// (1.2 MB of a 1,000-module build's output); a debugger stepping into
	// it finds no text (the bundle itself holds that code, readable when
	// built with --no-minify).
	sources := map[string]mapSource{}
	for vpath := range b.files {
		s := mapSource{Path: "../../../" + vpath}
		if o := b.origins[vpath]; o.src != nil {
			s.Content, s.Shift = &o.src.Text, o.shift
		}
		sources[namespace+":"+vpath] = s
	}
	fixed, err := fixSourceMap(sm, sources)
	if err != nil {
		b.errorf("internal-error", diag.Location{File: b.pkg.Dir}, "source map of %s: %v", file, err)
		return nil, nil, false
	}
	return code, fixed, true
}

// esbuildOptions are the options of a package's build (its plugin apart),
// the same in this process and in a Worker.
func esbuildOptions(entry, file string, format api.Format, minify bool, banner string) api.BuildOptions {
	outdir := "/modc/out"
	return api.BuildOptions{
		EntryPoints:       []string{namespace + ":" + entry},
		Bundle:            true,
		Write:             false,
		Format:            format,
		Platform:          api.PlatformBrowser,
		Target:            api.ES2020,
		Outfile:           outdir + "/" + file,
		AbsWorkingDir:     "/modc",
		Sourcemap:         api.SourceMapLinked,
		SourcesContent:    api.SourcesContentExclude, // added by fixSourceMap
		MinifyWhitespace:  minify,
		MinifyIdentifiers: minify,
		MinifySyntax:      minify,
		Banner:            map[string]string{"js": banner},
		LogLevel:          api.LogLevelSilent,
		LogOverride:       logOverride(),
	}
}

// esmTail matches the end of esbuild's ES module output: the one export
// statement, the legal comments esbuild moves to the end (a library's
// licence), then the source map comment.
var esmTail = regexp.MustCompile(`export\s*\{([^{}]*)\}\s*;\s*((?:/\*[\s\S]*?\*/\s*)*)//# sourceMappingURL=\S+\s*$`)

// wrapIIFE turns the ES module bundle esm into a classic script that puts
// the default export at globalThis[global].packages[pkg], without touching
// what is already there. The opening of the function goes at the end of the
// banner line and the registration replaces the export statement, so the
// ES module's source map stays valid. It reports false when esm does not
// have the expected shape.
func wrapIIFE(esm []byte, mapName, global, pkg string) ([]byte, bool) {
	s := string(esm)
	nl := strings.IndexByte(s, '\n')
	loc := esmTail.FindStringSubmatchIndex(s)
	if nl < 0 || !strings.HasPrefix(s, "/*") || !strings.HasSuffix(s[:nl], "*/") || loc == nil || strings.Contains(s, "import.meta") {
		return nil, false
	}
	local := ""
	for _, item := range strings.Split(s[loc[2]:loc[3]], ",") {
		if f := strings.Fields(item); len(f) == 3 && f[1] == "as" && f[2] == "default" {
			local = f[0]
		}
	}
	if local == "" {
		return nil, false
	}
	g := "globalThis[" + jsString(global) + "]"
	var out strings.Builder
	out.WriteString(s[:nl])
	out.WriteString(`(() => { "use strict";`)
	out.WriteString(s[nl:loc[0]])
	fmt.Fprintf(&out, "((%s || (%[1]s = {})).packages || (%[1]s.packages = {}))[%s] = %s;\n})();\n%s//# sourceMappingURL=%s\n",
		g, jsString(pkg), local, s[loc[4]:loc[5]], mapName)
	return []byte(out.String()), true
}

// plugin serves the virtual files that files returns and refuses any other import.
func plugin(files func() map[string]string) api.Plugin {
	return api.Plugin{
		Name: "modc",
		Setup: func(pb api.PluginBuild) {
			pb.OnResolve(api.OnResolveOptions{Filter: `^modc:`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: strings.TrimPrefix(a.Path, namespace+":"), Namespace: namespace}, nil
			})
			pb.OnResolve(api.OnResolveOptions{Filter: `.*`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Errors: []api.Message{{
					Text: fmt.Sprintf("cannot import %q: a module's code cannot import other code", a.Path),
				}}}, nil
			})
			pb.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: namespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				text, ok := files()[a.Path]
				if !ok {
					return api.OnLoadResult{}, fmt.Errorf("no virtual file %s", a.Path)
				}
				return api.OnLoadResult{Contents: &text, Loader: api.LoaderJS}, nil
			})
		},
	}
}

// message converts an esbuild message, mapping positions in factories back
// to main.js and attributing problems in generated code to their origin.
// Its notes' positions (the earlier case of a duplicate case) are mapped
// the same way.
func (b *builder) message(m api.Message, sev diag.Severity) diag.Message {
	out := diag.Message{Severity: sev, ID: "js-esbuild", Text: m.Text, Location: diag.Location{File: b.pkg.Dir}}
	if m.Location != nil {
		loc, o, generated := b.locate(m.Location)
		out.Location = loc
		if o.module != "" {
			out.Package, out.Module = b.pkg.Name, o.module
		}
		if generated {
			line := m.Location.Line
			if o.first > 0 { // a compiled request: its own line, wherever the entry has it
				line = m.Location.Line - b.declsLine - o.first + 1
			}
			out.Text = fmt.Sprintf("in %s: %s", o.what, m.Text)
			out.Notes = append(out.Notes, diag.Note{Text: fmt.Sprintf("generated code, line %d: %s", line, excerpt(m.Location.LineText, m.Location.Column))})
		}
	}
	for _, n := range m.Notes {
		if n.Text == "" {
			continue
		}
		note := diag.Note{Text: n.Text}
		if n.Location != nil {
			if b.inPrefix(n.Location) {
				continue // about the factory's own code ("export" makes it a module)
			}
			if loc, _, generated := b.locate(n.Location); !generated && loc.Line > 0 {
				note.Location = &loc
				note.Text = strings.TrimSuffix(note.Text, ":") // "… is here:" the location follows
			}
		}
		out.Notes = append(out.Notes, note)
	}
	return out
}

// trimNamespace returns the virtual path of an esbuild file name.
func trimNamespace(file string) string { return strings.TrimPrefix(file, namespace+":") }

// inPrefix reports whether a position is in the text a factory adds before
// main.js's first line.
func (b *builder) inPrefix(l *api.Location) bool {
	o, ok := b.origins[trimNamespace(l.File)]
	return ok && o.src != nil && l.Line == 1 && l.Column < o.shift
}

// locate maps a position in a virtual file to the workspace: into main.js
// for a factory; else to the origin of the generated code, and generated
// is true. Unknown files locate at the package. It also returns the
// origin, with the first line of the entry's declarations it is in (a
// compiled request; 0 when not).
func (b *builder) locate(l *api.Location) (loc diag.Location, o located, generated bool) {
	var ok bool
	o.origin, ok = b.origins[trimNamespace(l.File)]
	if ok && o.src == nil {
		for _, r := range b.ranges {
			if line := l.Line - b.declsLine; line >= r.first && line <= r.last {
				o.origin, o.first = r.origin, r.first
			}
		}
	}
	switch {
	case ok && o.src != nil:
		col := l.Column
		if l.Line == 1 {
			col = max(col-o.shift, 0)
		}
		off := o.src.Offset(l.Line, 1) + col
		return o.src.Span(off, off+l.Length), o, false
	case ok:
		return o.loc, o, true
	}
	return diag.Location{File: b.pkg.Dir}, o, false
}

// located is the origin of a position, and the first line of the range of
// the entry's declarations holding it (0 when none does).
type located struct {
	origin
	first int
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
