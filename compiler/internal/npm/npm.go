// Package npm turns the built package bundles into npm package folders, so
// that a frontend installs a package with `npm install
// ./out/npm/auth/1.2.0` (or a tarball `npm pack` makes of that folder) and
// imports it like any other dependency. For every built package version
// dist/<package>/<version>/ (released versions included, latest/ not) it
// writes npm/<package>/<version>/:
//
//	package.json    name (modc.json's npmScope + the package), version from
//	                git, exports: "import" → <p>.mjs, "require" → <p>.cjs,
//	                each with its types; "./iife" → <p>.js; the dependency
//	                on the runtime's package
//	<p>.mjs         the ES module that imports the runtime's package
//	<p>.js          the classic script (IIFE), as in dist/, with its runtime
//	<p>.cjs         a CommonJS build of the ES module, made with esbuild
//	<p>.d.ts        the types from JSDoc, also as <p>.d.mts and <p>.d.cts so
//	                that TypeScript resolves them under every moduleResolution
//	*.map           source maps
//	meta.json       as in dist/
//	README.md       generated from meta.json: modules, functions with their
//	                signatures and JSDoc, and how to use them
//	LICENSE         the workspace's license file, when it has one
//
// and the runtime's package, which the ES modules import, once: in
// npm/modc-runtime/<version>/ and npm/node_modules/<its name>/ (see
// RuntimeLinkDir), so that the packages of one frontend share one runtime.
//
// The license is "SEE LICENSE IN <file>" when the workspace's root has a
// LICENSE, LICENSE.md, LICENSE.txt or COPYING file, else "UNLICENSED".
package npm

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/bundle"
	"github.com/modc-dev/modc/compiler/internal/jsonpos"
	"github.com/modc-dev/modc/compiler/internal/runtime"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/compiler/model"
	"github.com/modc-dev/modc/internal/parallel"
)

// Options configures Build.
type Options struct {
	// Minify minifies the CommonJS build, as the bundles are (only used
	// should the bundle need esbuild to convert it).
	Minify bool
	// Cache, when set, keeps what Build makes for the next Build.
	Cache *Cache
	// Current maps a package to the version built from the work tree,
	// whose folder is also written as CurrentDir.
	Current map[string]string
	// NoRuntime leaves out the runtime's package (see Runtime), for a
	// caller that builds the folders a few at a time and adds it once.
	NoRuntime bool
	// License, when set, is what ReadLicense found, read once by such a
	// caller; else Build reads it.
	License *License
}

// CurrentDirName is the name of the folder holding the work tree's
// version of a package: npm/<package>/current.
const CurrentDirName = "current"

// CurrentDir returns the stable folder of a package's work tree version,
// relative to the output root: "npm/<package>/current".
func CurrentDir(pkg string) string { return Dir(pkg, CurrentDirName) }

// Dir returns the output directory of a package version's npm folder,
// relative to the output root: "npm/<package>/<version>".
func Dir(pkg, version string) string { return "npm/" + pkg + "/" + version }

// Name returns the npm name of a package (see model.NpmName).
func Name(scope, pkg string) string { return model.NpmName(scope, pkg) }

// scopeRE is what npm allows in a scope: URL-safe lowercase characters,
// not starting with "." or "_".
var scopeRE = regexp.MustCompile(`^@?[a-z0-9~-][a-z0-9._~-]*$`)

// semverRE is Semantic Versioning 2.0.0, which npm requires of versions.
var semverRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// CheckScope validates modc.json's npmScope. A scope npm would refuse is
// an error at its position in modc.json.
func CheckScope(ws *workspace.Workspace) diag.List {
	scope := ws.Config.NpmScope
	if scope == "" || (scopeRE.MatchString(scope) && len(Name(scope, "x")) <= 214) {
		return nil
	}
	loc := diag.Location{File: "modc.json"}
	if src := ws.Sources["modc.json"]; src != nil {
		if n, _ := jsonpos.ParseSource(src); n != nil {
			if v := n.Get("npmScope"); v != nil {
				loc = src.Span(v.Offset, v.End)
			}
		}
	}
	return diag.List{diag.Errorf("npm-bad-scope", loc, "\"npmScope\" %q is not a valid npm scope", scope).
		WithHint(`an npm scope is lowercase letters, digits, "-", ".", "_" and "~", not starting with "." or "_", such as "@acme"`)}
}

// licenseFiles are the names of a workspace's license file, in the order
// they are looked for.
var licenseFiles = []string{"LICENSE", "LICENSE.md", "LICENSE.txt", "COPYING"}

// License is the workspace's license file: its name and bytes, both
// empty when it has none.
type License struct {
	Name string
	Data []byte
}

// ReadLicense finds the workspace's license file (licenseFiles). A link
// that leads out of the workspace is an error: the license would be read
// from outside it.
func ReadLicense(ws *workspace.Workspace) (*License, *diag.Message) {
	for _, name := range licenseFiles {
		data, err := fs.ReadFile(ws.FS, name)
		if m, ok := workspace.LinkMessage(err); ok {
			return nil, &m
		}
		if err == nil {
			return &License{Name: name, Data: data}, nil
		}
	}
	return &License{}, nil
}

// Build makes the npm folder of every package version of outs (but the
// latest/ copies): it returns the files by path relative to the output
// root, "npm/<package>/<version>/…", each output's folder in the order of
// outs ("npm/<package>/<version>/", "" when it has none), and every
// problem found: an invalid npmScope is an error at its position in
// modc.json, and nothing is built then. It does not change outs.
func Build(ws *workspace.Workspace, outs []*bundle.Output, opts Options) (map[string][]byte, []string, diag.List) {
	dirs := make([]string, len(outs))
	msgs := CheckScope(ws)
	if msgs.HasErrors() {
		return nil, dirs, msgs
	}
	lic := opts.License
	if lic == nil {
		var m *diag.Message
		if lic, m = ReadLicense(ws); m != nil {
			return nil, dirs, append(msgs, *m)
		}
	}
	license, licenseData := lic.Name, lic.Data
	var folders []*folder
	var index []int // of each folder's output
	for i, o := range outs {
		pkg, version := o.Meta.Package, o.Meta.Version
		if o.Dir != bundle.Dir(pkg, version) {
			continue // latest/
		}
		if !semverRE.MatchString(version) {
			msgs.Add(diag.List{diag.Warningf("npm-not-semver", diag.Location{File: "modules/" + pkg}, "version %q of package %s is not a semantic version, so it gets no npm package", version, pkg)}.About(pkg)...)
			continue
		}
		shared := Shared(o)
		folders = append(folders, &folder{ws: ws, src: o, opts: opts, pkg: pkg, version: version, shared: shared,
			dst: Dir(pkg, version) + "/", license: license, licenseData: licenseData, out: map[string][]byte{}})
		index = append(index, i)
	}
	errs := make([]error, len(folders))
	parallel.Map(len(folders), 0, func(i int) {
		f := folders[i]
		inputs := []ident{identOf(f.licenseData)}
		for _, name := range sources(f.pkg) {
			inputs = append(inputs, identOf(f.src.Files[name]))
		}
		for _, name := range []string{f.pkg + ".mjs", f.pkg + ".mjs.map"} {
			inputs = append(inputs, identOf(f.src.Npm[name]))
		}
		key := fmt.Sprintf("%s\x00%s\x00%s\x00%v", Name(ws.Config.NpmScope, f.pkg), ws.Config.BaseURL, f.license, opts.Minify)
		if out, ok := opts.Cache.get(f.dst, key, inputs); ok {
			f.out = out
			return
		}
		if errs[i] = f.build(); errs[i] == nil {
			opts.Cache.put(f.dst, key, inputs, f.out)
		}
	})
	out := map[string][]byte{}
	shared := false
	for i, f := range folders {
		if errs[i] != nil {
			msgs.Add(diag.List{diag.Errorf("npm-failed", diag.Location{File: "modules/" + f.pkg}, "cannot make the npm package of %s %s: %v", f.pkg, f.version, errs[i])}.About(f.pkg)...)
			continue
		}
		maps.Copy(out, f.out)
		dirs[index[i]] = f.dst
		if opts.Current[f.pkg] == f.version {
			cur := CurrentDir(f.pkg) + "/"
			for p, data := range f.out {
				out[cur+strings.TrimPrefix(p, f.dst)] = data
			}
		}
		shared = shared || f.shared
	}
	if shared && !opts.NoRuntime {
		rt, ms := Runtime(ws, opts)
		msgs.Add(ms...)
		maps.Copy(out, rt)
	}
	msgs.Sort()
	return out, dirs, msgs
}

// Runtime returns the files of the runtime's package, which the folders'
// ES modules import (Output.Npm), by path relative to the output root: in
// its own folder, and in npm/node_modules/ for folders installed as links.
func Runtime(ws *workspace.Workspace, opts Options) (map[string][]byte, diag.List) {
	rt, err := opts.Cache.runtime(ws.Config.NpmScope, opts.Minify)
	if err != nil {
		return nil, diag.List{diag.Errorf("npm-failed", diag.Location{File: "modc.json"}, "cannot make the runtime's npm package: %v", err)}
	}
	out := make(map[string][]byte, 2*len(rt))
	for name, data := range rt {
		out[RuntimeDir(runtime.Version())+"/"+name] = data
		out[RuntimeLinkDir(ws.Config.NpmScope)+"/"+name] = data
	}
	return out, nil
}

// Shared reports whether the npm folder of o imports the runtime's
// package (see Runtime) rather than carrying a copy.
func Shared(o *bundle.Output) bool {
	return o.Npm[o.Meta.Package+".mjs"] != nil && o.Npm[o.Meta.Package+".mjs.map"] != nil
}

// sources are the files of a package version's output that go into the npm folder.
func sources(p string) []string {
	return []string{p + ".mjs", p + ".mjs.map", p + ".js", p + ".js.map", p + ".d.ts", "meta.json"}
}

// folder builds one package version's npm folder.
type folder struct {
	ws           *workspace.Workspace
	src          *bundle.Output
	opts         Options
	pkg, version string
	dst          string // "npm/p/v/"
	license      string
	licenseData  []byte
	out          map[string][]byte
	shared       bool // its ES module imports the runtime's package (Output.Npm)
}

func (f *folder) build() error {
	p := f.pkg
	files := f.src.Files
	mjs, dts := p+".mjs", p+".d.ts"
	var list []string
	add := func(name string, data []byte) {
		f.out[f.dst+name] = data
		list = append(list, name)
	}
	// The ES module that imports the runtime's package, when the build made
	// one; else the bundle's, which carries the runtime.
	esm, esmMap := files[mjs], files[mjs+".map"]
	if f.shared {
		esm, esmMap = f.src.Npm[mjs], f.src.Npm[mjs+".map"]
	}
	for _, name := range sources(p) {
		data, ok := files[name]
		if !ok {
			return fmt.Errorf("the build has no %s/%s", f.src.Dir, name)
		}
		switch name {
		case mjs:
			data = esm
		case mjs + ".map":
			data = esmMap
		}
		add(name, data)
	}
	// The same declarations serve ES module and CommonJS importers: they
	// import nothing, and their default export is the CommonJS build's
	// exports.default as much as the ES module's default.
	add(p+".d.mts", files[dts])
	add(p+".d.cts", files[dts])
	cjs, cjsMap, err := f.commonJS(esm, esmMap, f.shared)
	if err != nil {
		return err
	}
	add(p+".cjs", cjs)
	add(p+".cjs.map", cjsMap)
	if f.licenseData != nil {
		add(f.license, f.licenseData)
	}
	add("README.md", []byte(readme(f.src.Meta, Name(f.ws.Config.NpmScope, p))))
	sort.Strings(list)
	pj, err := f.packageJSON(list)
	if err != nil {
		return err
	}
	f.out[f.dst+"package.json"] = pj
	return nil
}

// esmTail matches the end of esbuild's ES module output: the one export
// statement, the legal comments esbuild moves to the end (a library's
// licence), then the source map comment.
var esmTail = regexp.MustCompile(`export\s*\{([^{}]*)\}\s*;\s*((?:/\*[\s\S]*?\*/\s*)*)//# sourceMappingURL=\S+\s*$`)

// commonJS converts the ES module bundle into CommonJS: the exports become
// properties of exports (the default export exports.default, with
// __esModule set, as bundlers expect). The module's code goes unchanged
// into a function, opened at the end of the banner line, so the ES
// module's source map serves the CommonJS file too; the import of the
// runtime's package (bundle.RuntimeImport) becomes a require call on its
// line. Should the bundle ever not have the expected shape, esbuild
// converts it instead.
func (f *folder) commonJS(esm, esmMap []byte, imports bool) ([]byte, []byte, error) {
	name := f.pkg + ".cjs"
	wrap := esm
	if imports {
		rt := RuntimeName(f.ws.Config.NpmScope)
		wrap = bytes.Replace(esm, []byte(bundle.RuntimeImport(rt)), []byte(bundle.RuntimeRequire(rt)), 1)
	}
	if code, ok := wrapCommonJS(wrap, name+".map"); ok && (!imports || !bytes.Equal(wrap, esm)) {
		return code, esmMap, nil
	}
	code := esmTail.ReplaceAllFunc(esm, func(m []byte) []byte { // keep the exports, drop the comment
		return m[:bytes.Index(m, []byte("//# sourceMappingURL="))]
	})
	code = append(code, "\n//# sourceMappingURL=data:application/json;base64,"...)
	code = append(code, base64.StdEncoding.EncodeToString(esmMap)...)
	res := api.Transform(string(code), api.TransformOptions{
		Loader:            api.LoaderJS,
		Format:            api.FormatCommonJS,
		Platform:          api.PlatformNeutral,
		Target:            api.ES2020,
		Sourcefile:        f.pkg + ".mjs",
		Sourcemap:         api.SourceMapExternal,
		SourcesContent:    api.SourcesContentInclude,
		MinifyWhitespace:  f.opts.Minify,
		MinifyIdentifiers: f.opts.Minify,
		MinifySyntax:      f.opts.Minify,
		Banner:            fmt.Sprintf("/* %s %s (CommonJS), built by modc */", f.pkg, f.version),
		Footer:            "//# sourceMappingURL=" + name + ".map",
		LogLevel:          api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		return nil, nil, fmt.Errorf("esbuild cannot convert %s to CommonJS: %s", f.pkg+".mjs", res.Errors[0].Text)
	}
	return res.Code, res.Map, nil
}

// wrapCommonJS turns the ES module bundle esm into CommonJS without moving
// any of its code to another line (see commonJS). It reports false when
// esm does not have the expected shape: a banner comment line, one export
// statement at the end, no import.meta.
func wrapCommonJS(esm []byte, mapName string) ([]byte, bool) {
	s := string(esm)
	nl := strings.IndexByte(s, '\n')
	loc := esmTail.FindStringSubmatchIndex(s)
	if nl < 0 || !strings.HasPrefix(s, "/*") || !strings.HasSuffix(s[:nl], "*/") || loc == nil || strings.Contains(s, "import.meta") {
		return nil, false
	}
	var names, locals []string
	for _, item := range strings.Split(s[loc[2]:loc[3]], ",") {
		switch f := strings.Fields(item); {
		case len(f) == 1:
			names, locals = append(names, f[0]), append(locals, f[0])
		case len(f) == 3 && f[1] == "as":
			names, locals = append(names, f[2]), append(locals, f[0])
		case len(f) == 0:
		default:
			return nil, false
		}
	}
	var out strings.Builder
	out.WriteString(s[:nl])
	out.WriteString(`"use strict";const __modc=(() => {`)
	out.WriteString(s[nl:loc[0]])
	out.WriteString("return {")
	for i := range names {
		fmt.Fprintf(&out, "%q: %s,", names[i], locals[i])
	}
	out.WriteString("};\n})();\nObject.defineProperty(exports, \"__esModule\", { value: true });\n")
	for _, n := range names {
		fmt.Fprintf(&out, "exports[%q] = __modc[%[1]q];\n", n)
	}
	out.WriteString(s[loc[4]:loc[5]]) // legal comments
	out.WriteString("//# sourceMappingURL=" + mapName + "\n")
	return []byte(out.String()), true
}

// member is one key of an ordered JSON object.
type member struct {
	key   string
	value any
}

// object is a JSON object that keeps its keys in order, as package.json's
// "exports" needs ("types" must come before "default").
type object []member

// MarshalJSON writes the members in order.
func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.key)
		v, err := marshal(m.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// packageJSON writes package.json; list is the package's other files.
func (f *folder) packageJSON(list []string) ([]byte, error) {
	p, m := f.pkg, f.src.Meta
	desc := m.Description
	if desc == "" {
		desc = "The modc package " + p + "."
	}
	license := "UNLICENSED"
	if f.license != "" {
		license = "SEE LICENSE IN " + f.license
	}
	pj := object{
		{"name", Name(f.ws.Config.NpmScope, p)},
		{"version", f.version},
		{"description", desc},
	}
	if len(m.Keywords) > 0 {
		pj = append(pj, member{"keywords", m.Keywords})
	}
	if base := f.ws.Config.BaseURL; strings.HasPrefix(base, "https://") || strings.HasPrefix(base, "http://") {
		pj = append(pj, member{"homepage", strings.TrimSuffix(base, "/") + "/packages/" + p + "/"})
	}
	pj = append(pj,
		member{"license", license},
		member{"main", "./" + p + ".cjs"},
		member{"module", "./" + p + ".mjs"},
		member{"types", "./" + p + ".d.ts"},
		member{"unpkg", "./" + p + ".js"},
		member{"jsdelivr", "./" + p + ".js"},
		member{"exports", object{
			{".", object{
				{"import", object{{"types", "./" + p + ".d.mts"}, {"default", "./" + p + ".mjs"}}},
				{"require", object{{"types", "./" + p + ".d.cts"}, {"default", "./" + p + ".cjs"}}},
			}},
			{"./iife", "./" + p + ".js"},
			{"./meta.json", "./meta.json"},
			{"./package.json", "./package.json"},
		}},
		// Only the classic script has an effect when loaded: it sets the global.
		member{"sideEffects", []string{"./" + p + ".js"}},
		member{"files", list},
	)
	if f.shared {
		pj = append(pj, member{"dependencies", object{{RuntimeName(f.ws.Config.NpmScope), runtime.Version()}}})
	}
	if m.Commit != "" {
		pj = append(pj, member{"gitHead", m.Commit})
	}
	pj = append(pj, member{"modc", object{{"package", p}, {"global", m.Global}}})
	return indentJSON(pj)
}

// indentJSON writes v as indented JSON with a final newline.
func indentJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	data, err := marshal(v)
	if err != nil {
		return nil, err
	}
	if err := json.Indent(&b, data, "", "  "); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}
