package dryrun

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jslib"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// job is one module as the parent hands it to a worker process (codec.go):
// the parts of an Input the dry run reads, without pointers but for Main,
// so the examples and mocks travel as structs that say what is set:
// `"expectError": ""` (any error) is not the same as no expectError.
type job struct {
	Seq                      uint64        // the job's number in its worker
	ReplyDelay               time.Duration // how long the worker may hold the reply (replyDelay)
	Opts                     Options
	Package, Name, Kind, Dir string
	Inputs                   []workspace.Input
	Mock                     jobMock
	Queries                  []jobQuery
	Examples                 []jobExample
	Requests                 map[string]string
	// Main is main.js and where its parts are; nil for a query module or a
	// main.js that did not analyse.
	Main *jobMain
	// Libraries are the libraries the module reads; Source is set for a
	// workspace library only (a built-in one is in the worker's binary).
	Libraries []jobLibrary
}

type jobLibrary struct {
	Global, Package, Version, Source string
}

type jobMain struct {
	Path, Text                                        string
	ExportOffset, DefaultEnd, ObjectOffset, ObjectEnd int
	Members                                           []jobMember
	Platform, Widgets                                 []string
	GlobalReads                                       [][2]int
}

type jobMember struct {
	Name     string
	Loc      diag.Location
	Value    [2]int
	Computed bool
	Body     [2]int
}

type jobQuery struct {
	Name, Path string
	Mock       jobMock
}

// jobMock is a *workspace.Mock: Set is false for nil.
type jobMock struct {
	Set     bool
	Status  int
	Data    json.RawMessage
	Headers map[string]string
}

func newJobMock(m *workspace.Mock) jobMock {
	if m == nil {
		return jobMock{}
	}
	return jobMock{Set: true, Status: m.Status, Data: m.Data, Headers: m.Headers}
}

func (m jobMock) mock() *workspace.Mock {
	if !m.Set {
		return nil
	}
	return &workspace.Mock{Status: m.Status, Data: m.Data, Headers: m.Headers}
}

// jobExample is a workspace.Example; HasExpectError says ExpectError is set.
type jobExample struct {
	Name, Call                 string
	Args                       []json.RawMessage
	Store, Inputs, ExpectStore map[string]json.RawMessage
	Expect, ExpectCalls        json.RawMessage
	Fetch                      map[string]jobMock
	ExpectError                string
	HasExpectError             bool
	Loc, CallLoc               diag.Location
}

func newJobExample(e *workspace.Example) jobExample {
	j := jobExample{Name: e.Name, Call: e.Call, Args: e.Args, Store: e.Store, Inputs: e.Inputs, ExpectStore: e.ExpectStore,
		Expect: e.Expect, ExpectCalls: e.ExpectCalls, Loc: e.Loc, CallLoc: e.CallLoc}
	for url, m := range e.Fetch {
		if j.Fetch == nil {
			j.Fetch = map[string]jobMock{}
		}
		j.Fetch[url] = newJobMock(m)
	}
	if e.ExpectError != nil {
		j.ExpectError, j.HasExpectError = *e.ExpectError, true
	}
	return j
}

func (j jobExample) example() *workspace.Example {
	e := &workspace.Example{Name: j.Name, Call: j.Call, Args: j.Args, Store: j.Store, Inputs: j.Inputs, ExpectStore: j.ExpectStore,
		Expect: j.Expect, ExpectCalls: j.ExpectCalls, Loc: j.Loc, CallLoc: j.CallLoc}
	for url, m := range j.Fetch {
		if e.Fetch == nil {
			e.Fetch = map[string]*workspace.Mock{}
		}
		e.Fetch[url] = m.mock()
	}
	if j.HasExpectError {
		e.ExpectError = &j.ExpectError
	}
	return e
}

// reply is what a worker sends back: one with Ready set when it has
// started, then one per job with Done set.
type reply struct {
	Ready    bool
	Done     bool
	OK       bool
	Examples []ExampleResult
	Members  []MemberValue
	Msgs     diag.List
}

// checkpoint is what a worker's progress file says of a job: the
// evaluation under way (Phase: -1 for the top level, else the example's
// index) and the results before it; in the file, each record holds what is
// new since the previous one (see progressLog).
type checkpoint struct {
	Phase    int `json:"-"`
	OK       bool
	Examples []ExampleResult
	Members  []MemberValue
	Msgs     diag.List
}

// newJob packs in for a worker.
func newJob(in *Input, opts *Options) *job {
	mod := in.Module
	j := &job{
		Opts: *opts, ReplyDelay: replyDelay, Package: mod.Package, Name: mod.Name, Kind: mod.Kind, Dir: mod.Dir,
		Inputs: mod.Inputs, Mock: newJobMock(mod.Mock), Requests: in.Requests,
	}
	for _, e := range mod.Examples {
		j.Examples = append(j.Examples, newJobExample(e))
	}
	for _, q := range mod.Queries {
		j.Queries = append(j.Queries, jobQuery{Name: q.Name, Path: q.Path, Mock: newJobMock(q.Mock)})
	}
	for _, l := range in.Libraries {
		jl := jobLibrary{Global: l.Global, Package: l.Package, Version: l.Version}
		if jslib.Builtin(l.Global) != l {
			jl.Source = l.Source()
		}
		j.Libraries = append(j.Libraries, jl)
	}
	if m := in.Main; m != nil {
		src := m.Source
		if src == nil {
			src = mod.Main
		}
		if src != nil {
			jm := &jobMain{Path: src.Path, Text: src.Text, ExportOffset: m.ExportOffset, DefaultEnd: m.DefaultEnd, ObjectOffset: m.ObjectOffset, ObjectEnd: m.ObjectEnd, Platform: m.Platform, Widgets: m.Widgets, GlobalReads: m.GlobalReads}
			for _, mem := range m.Members {
				jm.Members = append(jm.Members, jobMember{Name: mem.Name, Loc: mem.Loc, Value: mem.Value, Computed: mem.Computed, Body: mem.Body})
			}
			j.Main = jm
		}
	}
	return j
}

// input unpacks a job in the worker.
func (j *job) input() *Input {
	mod := &workspace.Module{
		Package: j.Package, Name: j.Name, Kind: j.Kind, Dir: j.Dir,
		Inputs: j.Inputs, Mock: j.Mock.mock(),
	}
	for _, e := range j.Examples {
		mod.Examples = append(mod.Examples, e.example())
	}
	for _, q := range j.Queries {
		mod.Queries = append(mod.Queries, &workspace.Query{Name: q.Name, Path: q.Path, Mock: q.Mock.mock()})
	}
	in := &Input{Module: mod, Requests: j.Requests}
	for _, jl := range j.Libraries {
		if jl.Source == "" {
			if l := jslib.Builtin(jl.Global); l != nil {
				in.Libraries = append(in.Libraries, l)
			}
			continue
		}
		in.Libraries = append(in.Libraries, workspaceLibrary(jl))
	}
	if jm := j.Main; jm != nil {
		src := diag.NewSource(jm.Path, jm.Text)
		mod.Main = src
		m := &jsmod.Main{Source: src, ExportOffset: jm.ExportOffset, DefaultEnd: jm.DefaultEnd, ObjectOffset: jm.ObjectOffset, ObjectEnd: jm.ObjectEnd, Platform: jm.Platform, Widgets: jm.Widgets, GlobalReads: jm.GlobalReads}
		for _, mem := range jm.Members {
			m.Members = append(m.Members, &jsmod.Member{Name: mem.Name, Loc: mem.Loc, Value: mem.Value, Computed: mem.Computed, Body: mem.Body})
		}
		in.Main = m
	}
	return in
}

// workspaceLibraries keeps the workspace libraries a worker has seen, by
// their source, so each is compiled once per worker.
var workspaceLibraries sync.Map // jobLibrary → *jslib.Library

func workspaceLibrary(jl jobLibrary) *jslib.Library {
	if l, ok := workspaceLibraries.Load(jl); ok {
		return l.(*jslib.Library)
	}
	l, _ := workspaceLibraries.LoadOrStore(jl, jslib.New(jl.Global, jl.Package, jl.Version, jl.Source))
	return l.(*jslib.Library)
}
