// Package sri makes the package bundles embeddable from a page with
// Subresource Integrity: Hash computes the integrity value of a file, and
// Build writes, next to every built package version's files,
// dist/<package>/<version>/embed.json — each file's URL, relative to the
// site root, and its integrity hash — so that a page can load a bundle
// with <script src=… integrity=… crossorigin="anonymous"> and the browser
// refuses it if one byte differs.
package sri

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/internal/parallel"
)

// Hash returns the Subresource Integrity value of data: "sha384-" and the
// base64 of its SHA-384 digest, as the integrity attribute takes it.
func Hash(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

// Name is the file Build writes into each package version's directory.
const Name = "embed.json"

// Embed is embed.json.
type Embed struct {
	Package string `json:"package"`
	// Version is the version the files are (for dist/<p>/latest/, the
	// release latest/ holds).
	Version string `json:"version"`
	// Global is the IIFE's global: the script sets
	// window[Global].packages[Package].
	Global string `json:"global"`
	// Script and Module name the IIFE bundle and the ES module in Files.
	Script string `json:"script"`
	Module string `json:"module"`
	// Files lists every other file of the directory by name.
	Files map[string]File `json:"files"`
}

// File is one embeddable file.
type File struct {
	// URL is the file's path relative to the site root:
	// "dist/auth/1.2.0/auth.js".
	URL string `json:"url"`
	// Integrity is its Subresource Integrity value (see Hash).
	Integrity string `json:"integrity"`
}

// meta is the part of meta.json that Build reads.
type meta struct {
	Package string `json:"package"`
	Version string `json:"version"`
	Global  string `json:"global"`
}

// Options configures Build.
type Options struct {
	// Cache, when set, keeps what Build makes for the next Build.
	Cache *Cache
}

// Build returns an embed.json for every package version directory among
// files (the build output, by slash path relative to the output root):
// every dist/<package>/<version>/ that holds a meta.json, latest/ included.
// It reads files and does not change them. A meta.json it cannot read is
// an error at that file.
func Build(files map[string][]byte, opts Options) (map[string][]byte, diag.List) {
	dirs := map[string][]string{} // the files of each version directory, by name
	for name := range files {
		dir, base := path.Split(name)
		if strings.Count(dir, "/") == 3 && strings.HasPrefix(dir, "dist/") {
			dirs[dir] = append(dirs[dir], base)
		}
	}
	var todo []string
	for dir, names := range dirs {
		if slices.Contains(names, "meta.json") {
			todo = append(todo, dir)
		}
	}
	sort.Strings(todo)
	results := make([][]byte, len(todo))
	errs := make([]error, len(todo))
	parallel.Map(len(todo), 0, func(i int) {
		dir := todo[i]
		names := dirs[dir]
		sort.Strings(names)
		inputs := identify(files, dir, names)
		if out, ok := opts.Cache.get(dir, inputs); ok {
			results[i] = out
			return
		}
		results[i], errs[i] = embedJSON(files, dir, names)
		if errs[i] == nil {
			opts.Cache.put(dir, inputs, results[i])
		}
	})
	out := map[string][]byte{}
	var msgs diag.List
	for i, dir := range todo {
		if errs[i] != nil {
			msgs.Add(diag.Errorf(diag.Location{File: dir + "meta.json"}, "cannot write %s: %v", Name, errs[i]))
			continue
		}
		out[dir+Name] = results[i]
	}
	return out, msgs
}

// readMeta reads the package, version and global of a meta.json, which
// come first: it stops before the modules.
func readMeta(data []byte) (meta, error) {
	var m meta
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return m, fmt.Errorf("not a JSON object")
	}
	for found := 0; found < 3 && dec.More(); {
		t, err := dec.Token()
		if err != nil {
			return m, err
		}
		var dst *string
		switch t {
		case "package":
			dst = &m.Package
		case "version":
			dst = &m.Version
		case "global":
			dst = &m.Global
		}
		if dst == nil {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return m, err
			}
			continue
		}
		if err := dec.Decode(dst); err != nil {
			return m, err
		}
		found++
	}
	return m, nil
}

// embedJSON builds the embed.json of the version directory dir, which holds names.
func embedJSON(files map[string][]byte, dir string, names []string) ([]byte, error) {
	m, err := readMeta(files[dir+"meta.json"])
	if err != nil {
		return nil, err
	}
	if m.Package == "" {
		return nil, fmt.Errorf("it names no package")
	}
	e := Embed{Package: m.Package, Version: m.Version, Global: m.Global, Files: map[string]File{}}
	for _, name := range names {
		if name != Name {
			e.Files[name] = File{URL: dir + name, Integrity: Hash(files[dir+name])}
		}
	}
	if _, ok := e.Files[m.Package+".js"]; ok {
		e.Script = m.Package + ".js"
	}
	if _, ok := e.Files[m.Package+".mjs"]; ok {
		e.Module = m.Package + ".mjs"
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(e); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
