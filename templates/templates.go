// Package templates embeds modc's default docs-site theme: the Go
// html/template files (*.html) and the static assets (assets/) that the docs
// renderer (site/docs) uses unless a workspace's own templates/ directory
// has a file of the same name.
package templates

import (
	"embed"
	"io/fs"
)

//go:embed *.html assets
var files embed.FS

// FS returns the default theme: the templates at its root, the assets under assets/.
func FS() fs.FS { return files }
