package compiler

import (
	"bytes"
	"encoding/json"
	"sync"

	"github.com/modc-dev/modc/compiler/internal/dryrun"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/compiler/model"
)

// Model returns what r knows as plain data (package model), made on the
// first call. A Session's results share their modules' models while a
// module's files, analysis and dry run stay the same pointers. The model
// of a release (a Result in Released) holds its own package only.
func (r *Result) Model() *model.Build {
	r.modelOnce.Do(func() {
		mc := r.models
		if mc == nil {
			mc = &modelCache{}
		}
		r.model = mc.build(r)
	})
	return r.model
}

// modelCache hands out one *model.Module per state of a module (its
// loaded files, its analysis and its dry run), so that renderers may key
// their caches on the pointer. It keeps only the states of the last build.
type modelCache struct {
	mu      sync.Mutex
	modules map[moduleKey]*model.Module
}

type moduleKey struct {
	m    *workspace.Module
	main *jsmod.Main
	dry  *dryrun.Result
}

// build converts r.
func (c *modelCache) build(r *Result) *model.Build {
	b := &model.Build{Versions: r.Versions}
	for _, o := range r.Outputs {
		mo := &model.Output{Embed: o.Embed, NpmDir: o.NpmDir}
		if o.Output != nil {
			mo.Dir = o.Dir
			if o.Meta != nil {
				mo.Package, mo.Version = o.Meta.Package, o.Meta.Version
			}
		}
		b.Outputs = append(b.Outputs, mo)
	}
	ws := r.Workspace
	if ws == nil {
		return b
	}
	cfg := ws.Config
	b.Workspace = &model.Workspace{Config: model.Config{Title: cfg.Title, BaseURL: cfg.BaseURL, RawHTML: cfg.RawHTML,
		NpmScope: cfg.NpmScope, Repository: cfg.Repository}}
	c.mu.Lock()
	defer c.mu.Unlock()
	kept := make(map[moduleKey]*model.Module, len(c.modules))
	for _, p := range ws.Packages {
		if r.only != "" && p.Name != r.only {
			continue
		}
		mp := &model.Package{Name: p.Name, Dir: p.Dir, Description: p.Description, Keywords: p.Keywords}
		for _, m := range p.Modules {
			k := moduleKey{m: m, main: r.Mains[m.ID()], dry: r.DryRuns[m.ID()]}
			mm := c.modules[k]
			if mm == nil {
				mm = moduleModel(k)
			}
			kept[k] = mm
			mp.Modules = append(mp.Modules, mm)
		}
		b.Workspace.Packages = append(b.Workspace.Packages, mp)
	}
	c.modules = kept
	return b
}

// moduleModel converts one module. The model outlives the workspace as
// loaded (Result.Compact drops it), so it copies the JSON values it keeps:
// each is a slice of its whole file's text (the analysis's members own
// their text already, see jsmod.Member).
func moduleModel(k moduleKey) *model.Module {
	m := k.m
	mm := &model.Module{Package: m.Package, Name: m.Name, Kind: m.Kind, Dir: m.Dir, Description: m.Description,
		README: m.README, Request: requestModel(m.Request), Mock: mockModel(m.Mock)}
	for _, in := range m.Inputs {
		mm.Inputs = append(mm.Inputs, model.Input{Name: in.Name, Default: bytes.Clone(in.Default)})
	}
	for _, st := range m.Settings {
		mm.Settings = append(mm.Settings, model.Setting{Function: st.Function, RunOnPageLoad: st.RunOnPageLoad, Confirm: st.Confirm})
	}
	for _, q := range m.Queries {
		mq := &model.Query{Name: q.Name, Path: q.Path, Request: requestModel(q.Request), Mock: mockModel(q.Mock)}
		if q.Source != nil {
			mq.Text = q.Source.Text
		}
		mm.Queries = append(mm.Queries, mq)
	}
	for _, ex := range m.Examples {
		mm.Examples = append(mm.Examples, &model.Example{Name: ex.Name, Call: ex.Call, Store: cloneRaws(ex.Store)})
	}
	if k.main != nil {
		mm.Main = &model.Main{}
		for _, mem := range k.main.Members {
			mm.Main.Members = append(mm.Main.Members, &model.Member{Name: mem.Name, Kind: mem.Kind, Async: mem.Async,
				Generator: mem.Generator, Params: mem.Params, Line: mem.Line, Doc: mem.Doc, Init: mem.Init, Loc: mem.Loc})
		}
	}
	if d := k.dry; d != nil {
		mm.DryRun = &model.DryRun{Examples: d.Examples, Members: d.Members, OK: d.OK}
	}
	return mm
}

func cloneRaws(m map[string]json.RawMessage) map[string]json.RawMessage {
	if m == nil {
		return nil
	}
	c := make(map[string]json.RawMessage, len(m))
	for k, v := range m {
		c[k] = bytes.Clone(v)
	}
	return c
}

func requestModel(r *workspace.Request) *model.Request {
	if r == nil {
		return nil
	}
	mr := &model.Request{Method: r.Method, URL: r.URL}
	for _, h := range r.Headers {
		mr.Headers = append(mr.Headers, model.Header{Name: h.Name, Value: h.Value})
	}
	if r.Body != nil {
		mr.Body = bytes.Clone(r.Body.Raw)
	}
	return mr
}

func mockModel(m *workspace.Mock) *model.Mock {
	if m == nil {
		return nil
	}
	return &model.Mock{Status: m.Status, Data: bytes.Clone(m.Data), Headers: m.Headers}
}

// Compact keeps of r what its model and its writer read, for a build no
// run follows (site.Build): it makes r.Model() and its releases' models,
// then drops what only a Session's next run reads — the workspace as
// loaded (r.Workspace keeps its FS and Config), the analyses (Mains), the
// dry runs (DryRuns), the session's model cache and the outputs' typed
// meta.json (their files stay, for the writer). At 5,000 modules that
// is ~80 MB of the live heap the docs would otherwise render beside.
func (r *Result) Compact() {
	r.Model()
	r.models = nil
	r.Mains, r.DryRuns = nil, nil
	// The outputs' meta.json as read (~12 MB at 5,000 modules): the model
	// has what the docs read of it.
	for i, o := range r.Outputs {
		if o.Output != nil && o.Meta != nil {
			c, b := *o, *o.Output
			b.Meta = nil
			c.Output = &b
			r.Outputs[i] = &c
		}
	}
	if ws := r.Workspace; ws != nil {
		r.Workspace = &workspace.Workspace{FS: ws.FS, Config: ws.Config}
	}
	for _, byVersion := range r.Released {
		for _, rel := range byVersion {
			rel.Compact()
		}
	}
}
