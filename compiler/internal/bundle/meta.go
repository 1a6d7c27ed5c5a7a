package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io/fs"
	"strings"

	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// Meta is meta.json: what a package version holds, for tools and the docs.
type Meta struct {
	Package     string   `json:"package"`
	Version     string   `json:"version"`
	Description string   `json:"description,omitempty"`
	Keywords    []string `json:"keywords,omitempty"`
	// Global is the IIFE bundle's global: window[Global].packages[Package].
	Global  string       `json:"global"`
	Modules []ModuleMeta `json:"modules"`
	// SourceHash is the sha256 of the package's source files (see SourceHash).
	SourceHash string `json:"sourceHash"`
	// TreeHash is the git tree hash of modules/<package>, when known.
	TreeHash string `json:"treeHash"`
	// Files maps each other output file's name to its sha256 (hex).
	Files map[string]string `json:"files"`
	GitMeta
}

// GitMeta is what git says of a package version: the commit it was built
// from and the changelog up to it.
type GitMeta struct {
	// Commit is the commit built (HEAD for a working-tree build).
	Commit string `json:"commit,omitempty"`
	// Released is set when Version is a release (a tag), not a pseudo-version.
	Released bool `json:"released,omitempty"`
	// Unreleased are the commits that changed the package since the last
	// release, newest first (working-tree builds only).
	Unreleased []ChangeMeta `json:"unreleased,omitempty"`
	// Changelog lists the releases up to this version, newest first.
	Changelog []ReleaseMeta `json:"changelog,omitempty"`
}

// ReleaseMeta is one release in a changelog.
type ReleaseMeta struct {
	Version string       `json:"version"`
	Tag     string       `json:"tag"`
	Commit  string       `json:"commit"`
	Date    string       `json:"date,omitempty"` // RFC 3339
	Changes []ChangeMeta `json:"changes,omitempty"`
}

// ChangeMeta is one commit that changed a package.
type ChangeMeta struct {
	Commit  string `json:"commit"`
	Subject string `json:"subject"`
	Date    string `json:"date,omitempty"` // RFC 3339
}

// ModuleMeta describes one module.
type ModuleMeta struct {
	Name        string             `json:"name"`
	Kind        string             `json:"kind"`
	Description string             `json:"description,omitempty"`
	Functions   []FunctionMeta     `json:"functions,omitempty"`
	Variables   []VariableMeta     `json:"variables,omitempty"`
	Queries     []QueryMeta        `json:"queries,omitempty"`
	Request     *QueryMeta         `json:"request,omitempty"` // a query module's own request
	Inputs      []InputMeta        `json:"inputs,omitempty"`
	Settings    map[string]Setting `json:"settings,omitempty"`
}

// FunctionMeta describes a function member of a JS module.
type FunctionMeta struct {
	Name       string       `json:"name"`
	Async      bool         `json:"async"`
	Params     []ParamMeta  `json:"params"`
	Returns    *ReturnsMeta `json:"returns,omitempty"`
	Summary    string       `json:"summary,omitempty"`
	Deprecated *string      `json:"deprecated,omitempty"`
	Line       int          `json:"line"`
	// Signature is the TypeScript type of the function, as in the .d.ts.
	Signature string `json:"signature"`
}

// ParamMeta is one parameter, with its JSDoc type.
type ParamMeta struct {
	Name        string `json:"name"`
	Type        string `json:"type,omitempty"` // as written in JSDoc
	Optional    bool   `json:"optional,omitempty"`
	Default     string `json:"default,omitempty"`
	Rest        bool   `json:"rest,omitempty"`
	Description string `json:"description,omitempty"`
}

// ReturnsMeta is a function's documented result.
type ReturnsMeta struct {
	Type        string `json:"type,omitempty"`
	Description string `json:"description,omitempty"`
}

// VariableMeta describes a variable member.
type VariableMeta struct {
	Name    string `json:"name"`
	Type    string `json:"type,omitempty"` // @type as written
	Init    string `json:"init,omitempty"`
	Summary string `json:"summary,omitempty"`
	Line    int    `json:"line"`
}

// QueryMeta is a query's request line.
type QueryMeta struct {
	Name   string `json:"name,omitempty"`
	Method string `json:"method"`
	URL    string `json:"url"`
}

// InputMeta is a declared input with its default.
type InputMeta struct {
	Name    string          `json:"name"`
	Default json.RawMessage `json:"default"`
}

// Setting is a function's settings from module.json.
type Setting struct {
	RunOnPageLoad     bool `json:"runOnPageLoad,omitempty"`
	ConfirmBeforeCall bool `json:"confirmBeforeCall,omitempty"`
}

// SourceHash is the sha256 (hex) of a package's source files: every file
// under its directory except hidden and editor files, each hashed with its
// path, in path order. What the workspace loader listed and read (snap) is
// taken from it, a file's byte order mark put back, not read again.
func SourceHash(fsys fs.FS, dir string, snap workspace.Snapshot) (string, error) {
	h := sha256.New()
	var file hash.Hash
	// chunk carries a text into file: sha256 takes bytes, and converting
	// each file's whole text would copy it (55 MB at 5,000 modules).
	var chunk [8 << 10]byte
	var walk func(dir string) error
	walk = func(dir string) error {
		entries, ok := snap.ReadDir(dir)
		if !ok {
			var err error
			if entries, err = fs.ReadDir(fsys, dir); err != nil {
				return err
			}
		}
		for _, d := range entries {
			name := d.Name()
			if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || strings.HasSuffix(name, "~") {
				continue
			}
			p := dir + "/" + name
			if d.IsDir() {
				if err := walk(p); err != nil {
					return err
				}
				continue
			}
			var sum [sha256.Size]byte
			if text, ok := snap.Text(p); ok {
				if file == nil {
					file = sha256.New()
				}
				file.Reset()
				for text != "" {
					n := copy(chunk[:], text)
					file.Write(chunk[:n])
					text = text[n:]
				}
				file.Sum(sum[:0])
			} else {
				if d.Type()&fs.ModeSymlink != 0 {
					// Hashed as its target when it leads to a file inside the
					// workspace; links to directories are not followed.
					if fi, err := fs.Stat(fsys, p); err != nil {
						return err
					} else if fi.IsDir() {
						continue
					}
				}
				data, err := fs.ReadFile(fsys, p)
				if err != nil {
					return err
				}
				sum = sha256.Sum256(data)
			}
			fmt.Fprintf(h, "%s\x00%x\n", p, sum)
		}
		return nil
	}
	if err := walk(dir); err != nil {
		return "", fmt.Errorf("hashing %s: %w", dir, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// meta builds meta.json over the files already in out (under dir).
func (b *builder) meta(out map[string][]byte) (*Meta, []byte, error) {
	p := b.pkg
	m := &Meta{
		Package: p.Name, Version: b.version, Description: p.Description, Keywords: p.Keywords,
		Global: b.opts.Global, Modules: []ModuleMeta{}, TreeHash: b.opts.TreeHashes[p.Name], Files: map[string]string{}, GitMeta: b.opts.Git[p.Name],
	}
	var err error
	if m.SourceHash, err = SourceHash(b.ws.FS, p.Dir, b.ws.Snapshot()); err != nil {
		return nil, nil, err
	}
	for _, mod := range p.Modules {
		m.Modules = append(m.Modules, b.moduleMeta(mod))
	}
	for name, data := range out {
		sum := sha256.Sum256(data)
		m.Files[name] = hex.EncodeToString(sum[:])
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	// Compact: meta.json is for tools, and indenting it made it 1.8 times
	// as large (one per package version, in dist/ and the npm folders).
	if err := enc.Encode(m); err != nil {
		return nil, nil, err
	}
	return m, buf.Bytes(), nil
}

func (b *builder) moduleMeta(mod *workspace.Module) ModuleMeta {
	mm := ModuleMeta{Name: mod.Name, Kind: mod.Kind, Description: mod.Description}
	for _, in := range mod.Inputs {
		// A copy: in.Default is a slice of module.json's whole text, and
		// the meta outlives the workspace (the docs read it).
		mm.Inputs = append(mm.Inputs, InputMeta{Name: in.Name, Default: bytes.Clone(in.Default)})
	}
	for _, s := range mod.Settings {
		if mm.Settings == nil {
			mm.Settings = map[string]Setting{}
		}
		mm.Settings[s.Function] = Setting{RunOnPageLoad: s.RunOnPageLoad, ConfirmBeforeCall: s.Confirm}
	}
	if mod.Request != nil {
		mm.Request = &QueryMeta{Method: mod.Request.Method, URL: mod.Request.URL}
	}
	for _, q := range mod.Queries {
		if q.Request != nil {
			mm.Queries = append(mm.Queries, QueryMeta{Name: q.Name, Method: q.Request.Method, URL: q.Request.URL})
		}
	}
	main := b.mains[mod.ID()]
	if main == nil {
		return mm
	}
	for _, mem := range main.Members {
		summary := ""
		if mem.Doc != nil {
			summary = mem.Doc.Summary
		}
		if mem.Kind != jsmod.Function {
			v := VariableMeta{Name: mem.Name, Init: mem.Init, Summary: summary, Line: mem.Line}
			if mem.Doc != nil {
				v.Type = mem.Doc.Type
			}
			mm.Variables = append(mm.Variables, v)
			continue
		}
		sig, _ := functionType(mem)
		f := FunctionMeta{Name: mem.Name, Async: mem.Async, Params: []ParamMeta{}, Summary: summary, Line: mem.Line, Signature: sig}
		for _, prm := range mem.Params {
			pm := ParamMeta{Name: prm.Name, Default: prm.Default, Rest: prm.Rest, Optional: prm.Default != ""}
			if jp := mem.Doc.Param(prm.Name); jp != nil {
				pm.Type, pm.Description = jp.Type, jp.Description
				pm.Optional = pm.Optional || jp.Optional
				if pm.Default == "" {
					pm.Default = jp.Default
				}
			}
			f.Params = append(f.Params, pm)
		}
		if mem.Doc != nil {
			if r := mem.Doc.Returns; r != nil {
				f.Returns = &ReturnsMeta{Type: r.Type, Description: r.Description}
			}
			f.Deprecated = mem.Doc.Deprecated
		}
		mm.Functions = append(mm.Functions, f)
	}
	return mm
}
