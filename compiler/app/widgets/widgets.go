// Package widgets embeds the widget runtime of modc apps: mount.js mounts
// an app from its manifest and compiled bindings, widgets.js implements the
// widget types, app.css styles them. The app compiler bundles them with
// esbuild into each app's app.js. They use no eval, no new Function and
// no innerHTML.
package widgets

import (
	"embed"
	"io/fs"
)

//go:embed mount.js widgets.js app.css
var files embed.FS

// Files returns the runtime's files: mount.js, widgets.js and app.css.
func Files() fs.FS { return files }

// Source returns the text of one of the runtime's files, or "" when there is none.
func Source(name string) string {
	data, err := fs.ReadFile(files, name)
	if err != nil {
		return ""
	}
	return string(data)
}
