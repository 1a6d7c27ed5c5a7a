package app

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"path"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/app/widgets"
	"github.com/modc-dev/modc/compiler/internal/binding"
	"github.com/modc-dev/modc/compiler/internal/runtime"
)

const namespace = "modc"

// emitWith writes the app's files, keyed by output path, against the
// package bundles (their bytes, or their sums when written already: see
// Emit); code, when set, holds app.js and the other files that do not
// depend on the bundles from an earlier call (and gets them), and sums
// caches the sha256 of bundle files by their data.
func (a *compiled) emitWith(bundles map[string][]byte, written map[string]string, opts Options, code *appCode, sums *sumCache) (map[string][]byte, diag.List) {
	var msgs diag.List
	f := a.f
	dir := "apps/" + f.name + "/"
	m := a.manifest
	for name, p := range m.Packages {
		mod := DistModule(name, p.Version)
		if bundles[mod] == nil && written[mod] == "" {
			loc := diag.Location{File: f.path}
			if ref := f.pkg(name); ref != nil {
				loc = f.loc(ref.node)
			}
			msgs.Add(diag.Errorf("app-bundle-missing", loc, "the bundle of package %s %s was not built (%s)", name, p.Version, mod))
			continue
		}
		prefix := path.Dir(mod) + "/"
		clear(p.Files)
		for file, data := range bundles {
			if strings.HasPrefix(file, prefix) {
				p.Files[file] = sums.sum(data)
			}
		}
		for file, sum := range written {
			if strings.HasPrefix(file, prefix) {
				p.Files[file] = sum
			}
		}
	}
	if msgs.HasErrors() {
		return nil, msgs
	}
	if code == nil || code.files == nil {
		files, ms := a.code(opts)
		if code != nil {
			code.files, code.msgs = files, ms
		}
		msgs.Add(ms...)
		if files == nil {
			return nil, msgs
		}
		if code == nil {
			code = &appCode{files: files}
		}
	} else {
		msgs.Add(code.msgs...)
	}
	files := make(map[string][]byte, len(code.files)+1)
	for k, v := range code.files {
		files[k] = v
	}
	data, err := code.manifest.marshal(m)
	if err != nil {
		msgs.Add(diag.Errorf("internal-error", diag.Location{File: f.path}, "%v", err))
		return nil, msgs
	}
	files[dir+"manifest.json"] = data
	return files, msgs
}

// appCode is what emit makes that does not depend on the bundles.
type appCode struct {
	files map[string][]byte
	msgs  diag.List
	// manifest keeps what manifest.json holds besides the bundles' hashes.
	manifest manifestJSON
}

// code makes app.js, its source map, app.css and index.html, and records
// their hashes in the manifest.
func (a *compiled) code(opts Options) (map[string][]byte, diag.List) {
	var msgs diag.List
	f := a.f
	dir := "apps/" + f.name + "/"
	m := a.manifest
	entry, srcMap := a.entry()
	code, sm, ms := a.esbuild(entry+"//# sourceMappingURL=data:application/json;base64,"+base64.StdEncoding.EncodeToString(srcMap)+"\n", opts.Minify)
	msgs.Add(ms...)
	if ms.HasErrors() {
		return nil, msgs
	}
	css := []byte(widgets.Source("app.css"))
	html, err := a.index()
	if err != nil {
		msgs.Add(diag.Errorf("write-failed", diag.Location{File: f.path}, "writing index.html: %v", err))
		return nil, msgs
	}
	files := map[string][]byte{
		dir + "app.js":     code,
		dir + "app.js.map": sm,
		dir + "app.css":    css,
		dir + "index.html": html,
	}
	if f.css != nil {
		files[dir+customCSS] = f.css
	}
	for k, v := range files {
		m.Files[path.Base(k)] = sha256Hex(v)
	}
	return files, msgs
}

// sumCache keeps the sha256 of bundle files by their data, so that the
// files of a package not rebuilt (the same []byte) are not hashed again.
type sumCache struct {
	prev, cur map[*byte]sumEntry
}

type sumEntry struct {
	n   int
	sum string
}

func (c *sumCache) sum(data []byte) string {
	if c == nil || len(data) == 0 {
		return sha256Hex(data)
	}
	key := &data[0]
	if e, ok := c.cur[key]; ok && e.n == len(data) {
		return e.sum
	}
	if e, ok := c.prev[key]; ok && e.n == len(data) {
		c.cur[key] = e
		return e.sum
	}
	e := sumEntry{len(data), sha256Hex(data)}
	c.cur[key] = e
	return e.sum
}

// next starts a new emit: what it does not use is forgotten after it.
func (c *sumCache) next() {
	c.prev, c.cur = c.cur, map[*byte]sumEntry{}
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// entry generates the app's entry module and a source map from it to app.json.
func (a *compiled) entry() (string, []byte) {
	var b strings.Builder
	var points []mapPoint
	b.WriteString("import { mount, start } from \"modc:widgets/mount.js\";\n")
	// Only the widget types the app uses go into its bundle.
	used := a.f.usedTypes()
	b.WriteString("import {")
	for i, t := range used {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, " %s as w%d", t, i)
	}
	b.WriteString(" } from \"modc:widgets/widgets.js\";\n")
	names := sortedKeys(a.manifest.Packages)
	for i, name := range names {
		fmt.Fprintf(&b, "import * as p%d from %s;\n", i, binding.Quote(a.manifest.Packages[name].Module))
	}
	b.WriteString(binding.Helper + "\n")
	b.WriteString("const bindings = {\n")
	for _, bd := range a.bindings {
		points = append(points, mapPoint{b.Len(), bd.node.Offset})
		fmt.Fprintf(&b, "  %s: (%s) => {", bd.id, envName)
		if len(bd.names) > 0 {
			fmt.Fprintf(&b, " const { %s } = %s;", strings.Join(bd.names, ", "), envName)
		}
		if bd.event {
			b.WriteString(" return async () => {")
		} else {
			b.WriteString(" return () => ")
		}
		start := b.Len()
		b.WriteString(bd.js)
		if bd.event {
			b.WriteString("\n};")
		} else {
			b.WriteString(";")
		}
		b.WriteString(" },\n")
		for _, p := range bd.pieces {
			points = append(points, tokenPoints(bd, p, start)...)
		}
	}
	b.WriteString("};\nconst packages = {")
	for i, name := range names {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, " %s: p%d", binding.Quote(name), i)
	}
	b.WriteString(" };\nconst types = {\n")
	for i, t := range used {
		wt := widgetTypes[t]
		set := map[string]string{}
		for k, v := range commonSetters {
			set[k] = v
		}
		for k, v := range wt.setters {
			set[k] = v
		}
		js, _ := json.Marshal(set)
		fmt.Fprintf(&b, "  %s: { ...w%d, setters: %s, value: %s", binding.Quote(t), i, js, binding.Quote(wt.value))
		if wt.template {
			b.WriteString(", template: true")
		}
		if len(wt.collected) > 0 {
			js, _ := json.Marshal(wt.collected)
			fmt.Fprintf(&b, ", collected: %s", js)
		}
		b.WriteString(" },\n")
	}
	b.WriteString("};\n")
	b.WriteString(`/**
 * mountApp renders this app into element, with the app's manifest (the
 * parsed manifest.json). options: mock, fetch, storage, user, url,
 * confirm(message), onAlert(message, style), onNavigate(target, params, where).
 * It returns { ready, page(name), unmount() }.
 */
export function mountApp(manifest, element, options) {
  return mount(manifest, element, options, bindings, packages, types);
}
start(mountApp, (manifest, element, options, pkgs) => mount(manifest, element, options, bindings, pkgs, types));
`)
	return b.String(), a.sourceMap(b.String(), points)
}

// mapPoint ties a byte offset of the entry to a byte offset of app.json.
type mapPoint struct{ gen, src int }

// tokenPoints maps the start of every token of a binding's code (a piece
// of bd.js, which starts at entry offset start) to where it is in app.json.
func tokenPoints(bd *bnd, p piece, start int) []mapPoint {
	var out []mapPoint
	code := bd.js[p.js:]
	if p.n >= 0 && p.n <= len(code) {
		code = code[:p.n]
	}
	word := false
	for i := 0; i < len(code); i++ {
		c := code[i]
		w := c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
		space := c == ' ' || c == '\t' || c == '\n' || c == '\r'
		if !space && (!w || !word) && utf8.RuneStart(c) {
			out = append(out, mapPoint{start + p.js + i, p.node.StringOffset(p.start + i)})
		}
		word = w
	}
	return out
}

// sourceMap writes a source map (version 3) of the entry with the given points.
func (a *compiled) sourceMap(gen string, points []mapPoint) []byte {
	sort.SliceStable(points, func(i, j int) bool { return points[i].gen < points[j].gen })
	src := a.f.src
	var mappings strings.Builder
	col, k := 0, 0
	prevGenCol, prevSrcLine, prevSrcCol := 0, 0, 0
	first := true
	for i := 0; i <= len(gen); {
		for k < len(points) && points[k].gen == i {
			loc := src.Loc(points[k].src)
			srcLine, srcCol := loc.Line-1, utf16Len(src.Text[src.Offset(loc.Line, 1):min(points[k].src, len(src.Text))])
			if !first {
				mappings.WriteByte(',')
			}
			first = false
			vlq(&mappings, col-prevGenCol)
			vlq(&mappings, 0)
			vlq(&mappings, srcLine-prevSrcLine)
			vlq(&mappings, srcCol-prevSrcCol)
			prevGenCol, prevSrcLine, prevSrcCol = col, srcLine, srcCol
			k++
		}
		if i == len(gen) {
			break
		}
		r, size := utf8.DecodeRuneInString(gen[i:])
		i += size
		if r == '\n' {
			mappings.WriteByte(';')
			col, prevGenCol, first = 0, 0, true
			continue
		}
		col += len(utf16.Encode([]rune{r}))
	}
	data, _ := json.Marshal(map[string]any{
		"version":        3,
		"sources":        []string{"../../" + a.f.path},
		"sourcesContent": []string{src.Text},
		"names":          []string{},
		"mappings":       mappings.String(),
	})
	return data
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += len(utf16.Encode([]rune{r}))
	}
	return n
}

const vlqChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// vlq writes n as a source map base64 VLQ.
func vlq(b *strings.Builder, n int) {
	v := n << 1
	if n < 0 {
		v = (-n << 1) | 1
	}
	for {
		digit := v & 31
		v >>= 5
		if v > 0 {
			digit |= 32
		}
		b.WriteByte(vlqChars[digit])
		if v == 0 {
			return
		}
	}
}

// runtimeFiles are the files of the widget runtime as app.js imports them,
// by path in the modc namespace.
func runtimeFiles() map[string]string {
	return map[string]string{
		"runtime.js":         runtime.Source(),
		"widgets/mount.js":   widgets.Source("mount.js"),
		"widgets/widgets.js": widgets.Source("widgets.js"),
		"widgets/types.json": widgets.Source("types.json"),
	}
}

// filesPlugin serves files to esbuild in the modc namespace: an entry point
// "modc:name", "modc:…" and "./…" imports between the files (.json files
// as JSON), and the package bundles "../../dist/…" left as imports.
func filesPlugin(files map[string]string) api.Plugin {
	return api.Plugin{
		Name: "modc-app",
		Setup: func(pb api.PluginBuild) {
			pb.OnResolve(api.OnResolveOptions{Filter: `.*`}, func(r api.OnResolveArgs) (api.OnResolveResult, error) {
				p := r.Path
				switch {
				case strings.HasPrefix(p, "../../dist/"):
					return api.OnResolveResult{Path: p, External: true}, nil
				case strings.HasPrefix(p, namespace+":"):
					return api.OnResolveResult{Path: strings.TrimPrefix(p, namespace+":"), Namespace: namespace}, nil
				case strings.HasPrefix(p, "./") && r.Namespace == namespace:
					return api.OnResolveResult{Path: path.Join(path.Dir(r.Importer), p), Namespace: namespace}, nil
				}
				return api.OnResolveResult{Errors: []api.Message{{Text: fmt.Sprintf("cannot import %q", p)}}}, nil
			})
			pb.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: namespace}, func(l api.OnLoadArgs) (api.OnLoadResult, error) {
				text, ok := files[l.Path]
				if !ok {
					return api.OnLoadResult{}, fmt.Errorf("no file %s", l.Path)
				}
				loader := api.LoaderJS
				if path.Ext(l.Path) == ".json" {
					loader = api.LoaderJSON
				}
				return api.OnLoadResult{Contents: &text, Loader: loader}, nil
			})
		},
	}
}

// esbuild bundles the entry with the widget runtime into app.js.
func (a *compiled) esbuild(entry string, minify bool) ([]byte, []byte, diag.List) {
	var msgs diag.List
	f := a.f
	files := runtimeFiles()
	files["entry.js"] = entry
	res := api.Build(api.BuildOptions{
		EntryPoints:       []string{namespace + ":entry.js"},
		Bundle:            true,
		Write:             false,
		Format:            api.FormatESModule,
		Platform:          api.PlatformBrowser,
		Target:            api.ES2020,
		Outfile:           "/modc/out/app.js",
		AbsWorkingDir:     "/modc",
		Sourcemap:         api.SourceMapLinked,
		MinifyWhitespace:  minify,
		MinifyIdentifiers: minify,
		MinifySyntax:      minify,
		Banner:            map[string]string{"js": fmt.Sprintf("/* app %s, built by modc */", f.name)},
		LogLevel:          api.LogLevelSilent,
		LogOverride:       map[string]api.LogLevel{"direct-eval": api.LogLevelError},
		Plugins:           []api.Plugin{filesPlugin(files)},
	})
	for _, m := range res.Errors {
		msgs.Add(a.message(m))
	}
	if len(res.Errors) > 0 {
		return nil, nil, msgs
	}
	var code, sm []byte
	for _, out := range res.OutputFiles {
		switch path.Base(out.Path) {
		case "app.js":
			code = out.Contents
		case "app.js.map":
			sm = out.Contents
		}
	}
	if code == nil || sm == nil {
		msgs.Add(diag.Errorf("internal-error", diag.Location{File: f.path}, "esbuild wrote no app.js"))
		return nil, nil, msgs
	}
	sm, err := renameSources(sm)
	if err != nil {
		msgs.Add(diag.Errorf("internal-error", diag.Location{File: f.path}, "source map of app.js: %v", err))
		return nil, nil, msgs
	}
	return code, sm, msgs
}

// message turns an esbuild error about generated code into one about the
// app: the bindings were parsed already, so this should not happen.
func (a *compiled) message(m api.Message) diag.Message {
	out := diag.Errorf("internal-error", diag.Location{File: a.f.path}, "bundling app %s: %s", a.f.name, m.Text)
	if m.Location != nil {
		out = out.WithHint("in %s:%d: %s", m.Location.File, m.Location.Line, strings.TrimSpace(m.Location.LineText))
	}
	return out
}

// renameSources drops the "modc:" namespace from the source map's sources,
// so the widget runtime's files show as widgets/mount.js and so on.
func renameSources(sm []byte) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(sm, &m); err != nil {
		return nil, err
	}
	var sources []string
	if err := json.Unmarshal(m["sources"], &sources); err != nil {
		return nil, err
	}
	for i, s := range sources {
		sources[i] = strings.TrimPrefix(s, namespace+":")
	}
	data, err := json.Marshal(sources)
	if err != nil {
		return nil, err
	}
	m["sources"] = data
	return json.Marshal(m)
}

var indexTemplate = template.Must(template.New("index.html").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<link rel="stylesheet" href="app.css">
{{with .CSS}}<link rel="stylesheet" href="{{.}}">
{{end}}{{range .Modules}}<link rel="modulepreload" href="{{.}}">
{{end}}<script type="module" src="app.js"></script>
</head>
<body>
<div data-modc-app="manifest.json"><noscript>{{.Title}} is an app: it needs JavaScript.</noscript></div>
</body>
</html>
`))

// index renders index.html: the page that loads app.js, which mounts the
// app described by manifest.json in the element that names it.
func (a *compiled) index() ([]byte, error) {
	var modules []string
	for _, name := range sortedKeys(a.manifest.Packages) {
		modules = append(modules, a.manifest.Packages[name].Module)
	}
	var buf bytes.Buffer
	err := indexTemplate.Execute(&buf, struct {
		Title   string
		CSS     string
		Modules []string
	}{a.manifest.Title, a.manifest.CSS, modules})
	return buf.Bytes(), err
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
