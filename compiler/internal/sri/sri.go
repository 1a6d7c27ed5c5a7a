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

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/bundle"
	"github.com/modc-dev/modc/compiler/model"
	"github.com/modc-dev/modc/internal/parallel"
)

// Hash returns the Subresource Integrity value of data: "sha384-" and the
// base64 of its SHA-384 digest, as the integrity attribute takes it.
func Hash(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

// Name is the file Build writes into each package version's directory.
const Name = model.EmbedName

// Embed is embed.json (see model.Embed).
type Embed = model.Embed

// File is one embeddable file.
type File = model.EmbedFile

// Options configures Build.
type Options struct {
	// Cache, when set, keeps what Build makes for the next Build.
	Cache *Cache
}

// Build makes the embed.json of every package version of outs (latest/
// included): it returns each one's Embed, in the order of outs (nil for
// one that failed), and the files by path relative to the output root,
// "dist/<package>/<version>/embed.json". It does not change outs. A
// version whose meta names no package is an error at its meta.json.
func Build(outs []*bundle.Output, opts Options) ([]*Embed, map[string][]byte, diag.List) {
	embeds := make([]*Embed, len(outs))
	data := make([][]byte, len(outs))
	errs := make([]error, len(outs))
	parallel.Map(len(outs), 0, func(i int) {
		o := outs[i]
		inputs := identify(o)
		if e, d, ok := opts.Cache.get(o.Dir, inputs); ok {
			embeds[i], data[i] = e, d
			return
		}
		embeds[i], data[i], errs[i] = embedJSON(o)
		if errs[i] == nil {
			opts.Cache.put(o.Dir, inputs, embeds[i], data[i])
		}
	})
	files := map[string][]byte{}
	var msgs diag.List
	for i, o := range outs {
		if errs[i] != nil {
			msgs.Add(diag.Errorf("write-failed", diag.Location{File: o.Dir + "/meta.json"}, "cannot write %s: %v", Name, errs[i]))
			embeds[i] = nil
			continue
		}
		files[o.Dir+"/"+Name] = data[i]
	}
	return embeds, files, msgs
}

// embedJSON makes the embed.json of o.
func embedJSON(o *bundle.Output) (*Embed, []byte, error) {
	m := o.Meta
	if m == nil || m.Package == "" {
		return nil, nil, fmt.Errorf("it names no package")
	}
	e := &Embed{Package: m.Package, Version: m.Version, Global: m.Global, Files: map[string]File{}}
	for name, data := range o.Files {
		if name != Name {
			e.Files[name] = File{URL: o.Dir + "/" + name, Integrity: Hash(data)}
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
		return nil, nil, err
	}
	return e, buf.Bytes(), nil
}
