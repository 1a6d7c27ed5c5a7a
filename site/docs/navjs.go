package docs

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// NavScript is the sidebar's one shared file: every page's sidebar loads it
// (a script element, so that it works from file:// as well as http) and it
// writes the page's Guide and Packages lists, as Page.NavTree and
// Page.PackageTree would (navscript.js). The lists are thus written once
// per site rather than into each page, where they were a third of a module
// page's bytes. Without JavaScript a page keeps the short fallback lists of
// templates/sidebar.html.
const NavScript = "nav.js"

//go:embed navscript.js
var navRenderer string

// navScript returns nav.js: the site's Guide tree and package list as
// self.modcNav, then the renderer. A Guide entry is [title, url, section
// (1 or 0), children]; a package [name, url, modules], a module [name,
// url, kind]. URLs are site-root-relative.
func navScript(info *Site) ([]byte, error) {
	var guide func(items []*NavItem) []any
	guide = func(items []*NavItem) []any {
		out := make([]any, 0, len(items))
		for _, it := range items {
			section := 0
			if it.Section {
				section = 1
			}
			e := []any{it.Title, it.URL, section}
			if len(it.Children) > 0 {
				e = append(e, guide(it.Children))
			}
			out = append(out, e)
		}
		return out
	}
	pkgs := make([]any, 0, len(info.Packages))
	for _, pd := range info.Packages {
		mods := make([]any, 0, len(pd.Modules))
		for _, md := range pd.Modules {
			mods = append(mods, []any{md.Name, md.URL, md.Kind})
		}
		pkgs = append(pkgs, []any{pd.Name, pd.URL, mods})
	}
	data, err := json.Marshal(map[string][]any{"g": guide(info.Nav), "p": pkgs})
	if err != nil {
		return nil, fmt.Errorf("nav.js: %w", err)
	}
	out := make([]byte, 0, len(data)+len(navRenderer)+32)
	out = append(out, "self.modcNav = "...)
	out = append(out, data...)
	out = append(out, ";\n"...)
	return append(out, navRenderer...), nil
}
