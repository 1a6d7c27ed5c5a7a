// Package schema holds the JSON Schemas of a workspace's files (modc.json,
// modc-package.json, module.json, queries/*.json, examples.json and
// app.json), for editors to complete and check them. The docs site
// publishes them under schema/, and `modc init` and `modc new` keep a copy
// in the workspace (Dir), which the files they write name in "$schema".
package schema

import (
	"embed"
	"maps"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed *.schema.json
var files embed.FS

// Dir is where a workspace keeps its copy of the schemas, relative to its
// root (a hidden directory, which modc does not read as workspace files).
const Dir = ".modc/schema"

// The schemas, by file name.
const (
	Modc     = "modc.schema.json"
	Package  = "modc-package.schema.json"
	Module   = "module.schema.json"
	Query    = "query.schema.json"
	Examples = "examples.schema.json"
	App      = "app.schema.json"
	// Defs holds the parts the others share (requests, mocks, origins).
	Defs = "defs.schema.json"
)

// All returns every schema by file name; app.json's is made from the
// widget table. The map is the caller's; the bytes are shared and must not
// be changed.
func All() map[string][]byte { return maps.Clone(all()) }

// all makes the schemas once: the docs site publishes them on every
// rendering, the devserver's too.
var all = sync.OnceValue(func() map[string][]byte {
	out := map[string][]byte{App: appSchema()}
	entries, _ := files.ReadDir(".")
	for _, e := range entries {
		data, err := files.ReadFile(e.Name())
		if err != nil {
			panic("embedded schema " + e.Name() + ": " + err.Error()) // embedded: cannot fail
		}
		out[e.Name()] = data
	}
	return out
})

// Names returns the file names of All, sorted.
func Names() []string {
	all := All()
	out := make([]string, 0, len(all))
	for n := range all {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Ref is the "$schema" value of a file at file (slash-separated, relative
// to the workspace root) that names the workspace's copy of the schema
// called name: a path relative to the file, as editors resolve it.
func Ref(file, name string) string {
	depth := strings.Count(path.Clean(file), "/")
	return strings.Repeat("../", depth) + Dir + "/" + name
}
