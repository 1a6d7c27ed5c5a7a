package docs

import (
	"strings"

	"github.com/modc-dev/modc/compiler/model"
)

// EmbedDoc is what a package version's pages show of embedding its bundle
// in a web page (templates/embed.html). It comes from the build's
// embed.json, so it is nil when the build made no bundle (a site rendered
// from a check only).
type EmbedDoc struct {
	// Global is the global the classic script adds the package to:
	// window.<Global>.packages.<package>.
	Global string
	// Script and Module are the URLs of the classic script and of the ES
	// module under the site's base URL: "/dist/auth/1.2.0/auth.js".
	Script, Module string
	// ScriptIntegrity and ModuleIntegrity are their Subresource Integrity
	// values, "sha384-…".
	ScriptIntegrity, ModuleIntegrity string
	// EmbedJSON is embed.json's site-root-relative URL: every file of the
	// version with its integrity.
	EmbedJSON string
	// NpmName is the package's npm name ("@acme/auth") and NpmDir its npm
	// folder in the output ("npm/auth/1.2.0/"); both "" when the build made
	// no npm folder.
	NpmName, NpmDir string
}

// ScriptTag returns the script element that loads the classic script with
// its integrity checked, one attribute per line.
func (e *EmbedDoc) ScriptTag() string {
	return "<script src=\"" + e.Script + "\"\n        integrity=\"" + e.ScriptIntegrity + "\"\n        crossorigin=\"anonymous\"></script>"
}

// key is what a page shows of e, for the incremental Renderer.
func (e *EmbedDoc) key() string {
	if e == nil {
		return ""
	}
	return strings.Join([]string{e.Global, e.Script, e.ScriptIntegrity, e.Module, e.ModuleIntegrity, e.EmbedJSON, e.NpmName, e.NpmDir}, "\x00")
}

// embedDoc describes embedding pd's bundle, from what the build made of it.
func (s *site) embedDoc(pd *PackageDoc) *EmbedDoc {
	o := s.outputs[pd.Bundle]
	if o == nil || o.Embed == nil || o.Embed.Script == "" {
		return nil
	}
	e := o.Embed
	d := &EmbedDoc{Global: e.Global, EmbedJSON: pd.Bundle + model.EmbedName}
	if f, ok := e.Files[e.Script]; ok {
		d.Script, d.ScriptIntegrity = s.opts.BaseURL+f.URL, f.Integrity
	}
	if f, ok := e.Files[e.Module]; ok {
		d.Module, d.ModuleIntegrity = s.opts.BaseURL+f.URL, f.Integrity
	}
	if o.NpmDir != "" {
		d.NpmName, d.NpmDir = model.NpmName(s.ws.Config.NpmScope, pd.Name), o.NpmDir
	}
	return d
}
