package docs

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/site/docs/htmltrim"
	"github.com/modc-dev/modc/templates"
)

// pageKinds are the page templates: each defines "main", which the layout
// (layout.html) calls. Every other .html file is a partial, called by its
// file name: {{template "function.html" .}}.
var pageKinds = []string{"home", "page", "packages", "package", "module", "404"}

// theme is the parsed templates and the assets of the theme in use.
type theme struct {
	kinds  map[string]*template.Template
	assets map[string][]byte // by output path, "assets/site.css"
	// files maps a template's file name to its source, for positions.
	files map[string]*themeFile
}

type themeFile struct {
	src      *diag.Source
	override bool // from the workspace's templates/, not the default theme
}

// loadTheme reads the default theme and the workspace's templates/ over
// it, and parses the templates. It returns nil when a template does not
// parse.
func loadTheme(ws fs.FS) (*theme, diag.List) {
	base := templates.FS()
	th := &theme{kinds: map[string]*template.Template{}, assets: map[string][]byte{}, files: map[string]*themeFile{}}
	var msgs diag.List
	read := func(fsys fs.FS, root string, override bool) {
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == root {
					return fs.SkipAll
				}
				if m, ok := compiler.LinkMessage(err); ok {
					msgs.Add(m)
					return nil
				}
				return err
			}
			rel := strings.TrimPrefix(strings.TrimPrefix(p, root), "/")
			if d.IsDir() || rel == "" || strings.HasPrefix(d.Name(), ".") || strings.HasSuffix(d.Name(), "~") {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// Followed when it leads to a file inside the workspace.
				if file, m := compiler.FollowLink(fsys, p); !file {
					msgs.Add(*m)
					return nil
				}
			}
			inAssets := strings.HasPrefix(rel, "assets/")
			if !inAssets && (strings.Contains(rel, "/") || path.Ext(rel) != ".html") {
				return nil // not part of a theme (such as the Go files of package templates)
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				if m, ok := compiler.LinkMessage(err); ok {
					msgs.Add(m)
					return nil
				}
				return err
			}
			if inAssets {
				th.assets[rel] = data
			} else {
				th.files[rel] = &themeFile{src: diag.NewSource("templates/"+rel, string(data)), override: override}
			}
			return nil
		})
		if err != nil {
			msgs.Add(diag.Errorf("read-failed", diag.Location{File: "templates"}, "cannot read the templates: %v", err))
		}
	}
	read(base, ".", false)
	read(ws, "templates", true)
	if _, ok := th.assets[syntaxCSSPath]; !ok {
		th.assets[syntaxCSSPath] = syntaxCSS()
	}

	var partials []string
	for name := range th.files {
		if !isKind(name) {
			partials = append(partials, name)
		}
	}
	sort.Strings(partials)
	for _, kind := range pageKinds {
		name := kind + ".html"
		if th.files[name] == nil {
			msgs.Add(diag.Errorf("docs-missing-template", diag.Location{File: "templates/" + name}, "the theme has no template %s", name))
			continue
		}
		t := template.New("theme:" + kind).Funcs(funcs).Option("missingkey=error")
		for _, n := range append(append([]string{}, partials...), name) {
			if _, err := t.New(n).Parse(th.files[n].src.Text); err != nil {
				msgs.Add(th.diagnose(err, nil))
				break
			}
		}
		if t.Lookup("layout.html") == nil {
			msgs.Add(diag.Errorf("docs-missing-template", diag.Location{File: "templates/layout.html"}, "the theme has no template layout.html"))
		}
		th.kinds[kind] = t
	}
	if msgs.HasErrors() {
		return nil, dedupe(msgs)
	}
	return th, msgs
}

func isKind(name string) bool {
	for _, k := range pageKinds {
		if k+".html" == name {
			return true
		}
	}
	return false
}

// execute renders a page with the layout and the template of its kind.
func (th *theme) execute(w io.Writer, p *Page) error {
	t := th.kinds[p.Kind]
	if t == nil {
		return fmt.Errorf("no template for pages of kind %q", p.Kind)
	}
	p.headed = make([]bool, len(p.TOC))
	bufs := pageBufs.get()
	defer pageBufs.put(bufs)
	executed := bytes.NewBuffer(bufs[0][:0])
	err := t.ExecuteTemplate(executed, "layout.html", p)
	bufs[0] = executed.Bytes()
	if err != nil {
		return err
	}
	// The page without its HTML's indentation: a tenth of a module page.
	bufs[1] = htmltrim.Append(bufs[1][:0], bufs[0])
	if _, err := w.Write(bufs[1]); err != nil {
		return err
	}
	for i, e := range p.TOC {
		if e.section && !p.headed[i] {
			// At the page's template's first line: the section is missing
			// from it, or from a template it runs.
			return fmt.Errorf("template: %s.html:1:0: the page's \"On this page\" lists the section %q, which the templates do not render: render its heading with {{.Heading %q}} (or its element's id with {{.Anchor %q}})", p.Kind, e.ID, e.ID, e.ID)
		}
	}
	return nil
}

// pageBufs holds the pairs of buffers pages are executed into before
// htmltrim.
var pageBufs = newFreeList(func() *[2][]byte { return new([2][]byte) },
	func(b *[2][]byte) bool { return cap(b[0]) <= keepBytes && cap(b[1]) <= keepBytes })

// templateError matches the position in text/template and html/template
// errors: "template: module.html:12:5: executing …", "html/template:page.html:3: …".
var templateError = regexp.MustCompile(`^(?:html/)?template: ?([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// diagnose turns a template error into a message at the template file and
// line; p, when set, is the page being rendered.
func (th *theme) diagnose(err error, p *Page) diag.Message {
	text := err.Error()
	loc := diag.Location{File: "templates"}
	var tf *themeFile
	if m := templateError.FindStringSubmatch(text); m != nil {
		name := m[1]
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		text = m[4]
		if tf = th.files[name]; tf != nil {
			loc = tf.src.At(line, col)
			if col == 0 {
				loc.Column = 0
			}
		} else {
			loc = diag.Location{File: "templates/" + name, Line: line, Column: col}
		}
	}
	msg := diag.Errorf("docs-template", loc, "template error: %s", text)
	if strings.HasSuffix(text, "unexpected EOF") {
		msg = msg.WithHint("an {{if}}, {{range}}, {{with}}, {{block}} or {{define}} is missing its {{end}}")
	}
	if p != nil {
		msg = msg.WithHint("while rendering the page /%s", p.URL)
	}
	if tf != nil && !tf.override {
		msg = msg.WithHint("this template is modc's default theme")
	}
	return msg
}

// funcs are the functions templates may call besides the built-in ones.
var funcs = template.FuncMap{
	"dict":      dict,
	"hasPrefix": strings.HasPrefix,
	"highlight": func(lang, code string) template.HTML { return highlight(code, lang) },
	"join":      strings.Join,
	"wbr":       wbr,
	"lower":     strings.ToLower,
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + many
	},
}

// dict makes a map of its key, value arguments, to pass several values to a template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs pairs of keys and values, not %d arguments", len(kv))
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict keys must be strings, not %T", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// wbr escapes a type or a value for HTML and lets it break after | and ,
// (long union types in narrow table cells).
func wbr(s string) template.HTML {
	e := template.HTMLEscapeString(s)
	e = strings.ReplaceAll(e, "|", "|<wbr>")
	e = strings.ReplaceAll(e, ",", ",<wbr>")
	return template.HTML(e)
}
