package app

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jsonpos"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/compiler/suggest"
)

// How an app looks: its theme, its own style sheet, and where each widget
// sits. app.json gives them; the manifest carries them to the runtime.

// Theme is app.json's "theme": values of the CSS custom properties the
// widget runtime's style sheet is written with, each checked to be a
// plain value (no "}" or ";" can leave the property).
type Theme struct {
	PrimaryColor    string `json:"primaryColor,omitempty"`
	BackgroundColor string `json:"backgroundColor,omitempty"`
	TextColor       string `json:"textColor,omitempty"`
	FontFamily      string `json:"fontFamily,omitempty"`
	BorderRadius    string `json:"borderRadius,omitempty"`
}

// Layout places a widget on its parent's grid, as Appsmith's fixed
// layout does: 64 columns across, rows of 10 pixels (at least), counted
// from 0; a widget spans [LeftColumn, RightColumn) and [TopRow, BottomRow).
// Widgets without it flow one under the other. On a narrow screen every
// widget takes the whole width, in the order of app.json.
type Layout struct {
	LeftColumn  *int `json:"leftColumn,omitempty"`
	RightColumn *int `json:"rightColumn,omitempty"`
	TopRow      *int `json:"topRow,omitempty"`
	BottomRow   *int `json:"bottomRow,omitempty"`
}

// gridColumns is how many columns the grid has (Appsmith's).
const gridColumns = 64

// layoutKeys are the keys of Layout, which every widget may have.
var layoutKeys = []string{"leftColumn", "rightColumn", "topRow", "bottomRow"}

// customCSS is the name of the app's own style sheet in its output.
const customCSS = "custom.css"

// maxCSS is the largest style sheet an app may bring.
const maxCSS = 1 << 20

var (
	cssColor  = regexp.MustCompile(`^(#[0-9A-Fa-f]{3,8}|[A-Za-z]+|(rgb|rgba|hsl|hsla)\([0-9.,%\s/]+\))$`)
	cssFont   = regexp.MustCompile(`^[\p{L}\p{N} ,'"_-]+$`)
	cssLength = regexp.MustCompile(`^(0|[0-9]+(\.[0-9]+)?(px|rem|em|%))$`)
)

// themeKeys are the keys of Theme, each with what its value must be.
var themeKeys = []struct {
	key  string
	re   *regexp.Regexp
	want string
	set  func(*Theme, string)
}{
	{"primaryColor", cssColor, `a CSS colour such as "#3b5bdb" or "rgb(59, 91, 219)"`, func(t *Theme, v string) { t.PrimaryColor = v }},
	{"backgroundColor", cssColor, `a CSS colour such as "#ffffff"`, func(t *Theme, v string) { t.BackgroundColor = v }},
	{"textColor", cssColor, `a CSS colour such as "#1d2330"`, func(t *Theme, v string) { t.TextColor = v }},
	{"fontFamily", cssFont, `font names, such as "Inter, system-ui, sans-serif"`, func(t *Theme, v string) { t.FontFamily = v }},
	{"borderRadius", cssLength, `a CSS length such as "6px" or "0.5rem"`, func(t *Theme, v string) { t.BorderRadius = v }},
}

// loadLook reads app.json's "theme" and "css".
func (f *file) loadLook(fsys fs.FS) {
	if n := f.root.Get("theme"); n != nil {
		f.theme = f.loadTheme(n)
	}
	n := f.root.Get("css")
	if n == nil {
		return
	}
	if n.Kind != jsonpos.String {
		f.errorf("json-wrong-type", f.loc(n), "\"css\" must be the path of a style sheet in the app's directory, not %s", n.Kind)
		return
	}
	rel := n.Str
	clean := path.Clean(rel)
	dir := path.Dir(f.path)
	switch {
	case rel == "" || path.IsAbs(rel) || clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(rel, "\\"):
		f.errorf("app-bad-css-path", f.loc(n), "\"css\" must be a path inside the app's directory, such as \"style.css\", not %q", rel)
		return
	case path.Ext(clean) != ".css":
		f.errorf("app-bad-css-path", f.loc(n), "\"css\" must name a .css file, not %q", rel)
		return
	}
	p := path.Join(dir, clean)
	data, err := fs.ReadFile(fsys, p)
	switch {
	case err != nil:
		if m, ok := workspace.LinkMessage(err); ok {
			f.msgs.Add(diag.Errorf("link-outside-workspace", f.loc(n), "%s", m.Text).WithNote(m.Location, "the link"))
			return
		}
		f.errorf("read-failed", f.loc(n), "cannot read the style sheet %s: %v", p, unwrapPath(err))
	case len(data) > maxCSS:
		f.errorf("app-css-too-large", f.loc(n), "the style sheet %s is %d bytes; an app's may be at most %d", p, len(data), maxCSS)
	default:
		f.css = data
	}
}

// unwrapPath drops the path an fs error repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (f *file) loadTheme(n *jsonpos.Node) *Theme {
	keys := make([]string, len(themeKeys))
	for i, k := range themeKeys {
		keys[i] = k.key
	}
	if !f.fields(n, "theme", keys...) {
		return nil
	}
	t := &Theme{}
	for _, k := range themeKeys {
		v := n.Get(k.key)
		if v == nil {
			continue
		}
		if v.Kind != jsonpos.String || !k.re.MatchString(strings.TrimSpace(v.Str)) {
			f.errorf("app-bad-theme", f.loc(v), "theme %q must be %s, not %s", k.key, k.want, v.Raw)
			continue
		}
		k.set(t, strings.TrimSpace(v.Str))
	}
	return t
}

// loadLayout reads a widget's grid position from its layout keys.
func (f *file) loadLayout(w *widget, fl *jsonpos.Field) {
	v := fl.Value
	var num int
	if v.Kind != jsonpos.Number || v.Decode(&num) != nil || num < 0 {
		f.errorf("app-bad-layout", f.loc(v), "%q of widget %s must be a whole number from 0, not %s", fl.Key, w.name, v.Raw)
		return
	}
	if w.layout == nil {
		w.layout = &Layout{}
	}
	switch fl.Key {
	case "leftColumn":
		w.layout.LeftColumn = &num
	case "rightColumn":
		w.layout.RightColumn = &num
	case "topRow":
		w.layout.TopRow = &num
	case "bottomRow":
		w.layout.BottomRow = &num
	}
}

// checkLayout reports a widget's grid position that is half given or
// that spans nothing.
func (f *file) checkLayout(w *widget) {
	l := w.layout
	if l == nil {
		return
	}
	pair := func(a, b *int, an, bn string, limit int) {
		switch {
		case a == nil && b == nil:
		case a == nil || b == nil:
			given, missing := an, bn
			if a == nil {
				given, missing = bn, an
			}
			f.errorf("app-bad-layout", f.loc(w.nameNode), "widget %s has %q but no %q", w.name, given, missing).
				Notes = []diag.Note{{Text: fmt.Sprintf("give both, or neither: a widget spans from %s to %s", an, bn)}}
		case *b <= *a:
			f.errorf("app-bad-layout", f.loc(w.nameNode), "widget %s spans nothing: %q (%d) must be greater than %q (%d)", w.name, bn, *b, an, *a)
		case limit > 0 && *b > limit:
			f.errorf("app-bad-layout", f.loc(w.nameNode), "widget %s ends at column %d; the grid has %d columns", w.name, *b, limit)
		}
	}
	pair(l.LeftColumn, l.RightColumn, "leftColumn", "rightColumn", gridColumns)
	pair(l.TopRow, l.BottomRow, "topRow", "bottomRow", 0)
}

// isLayoutKey reports whether key places a widget on the grid.
func isLayoutKey(key string) bool { return contains(layoutKeys, key) }

// closestKey suggests a key among allowed and the layout keys.
func closestKey(key string, allowed []string) string {
	return suggest.Closest(key, append(append([]string(nil), allowed...), layoutKeys...))
}
