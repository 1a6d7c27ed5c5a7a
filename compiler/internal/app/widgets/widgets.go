// Package widgets embeds the widget runtime of modc apps: mount.js mounts
// an app from its manifest and compiled bindings, widgets.js implements the
// widget types, app.css styles them. The app compiler bundles them with
// esbuild into each app's app.js. They use no eval, no new Function and
// no innerHTML.
//
// types.json is the one table of the widget types: per type its data
// properties, events, exposed values (with the properties each derives
// from), setters (with the property each sets) and whether it holds
// widgets, plus what every type has ("common"). The compiler checks apps
// against it; widgets.js imports it, so the runtime takes its setters from
// it and implements only behaviour (rendering, derived values).
package widgets

import (
	"embed"
	"io/fs"
)

//go:embed mount.js widgets.js types.json app.css docs.json
var files embed.FS

// Files returns the runtime's files: mount.js, widgets.js, types.json and app.css.
func Files() fs.FS { return files }

// Source returns the text of one of the runtime's files, or "" when there is none.
func Source(name string) string {
	data, err := fs.ReadFile(files, name)
	if err != nil {
		return ""
	}
	return string(data)
}
