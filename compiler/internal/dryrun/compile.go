package dryrun

import (
	_ "embed"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"
	"github.com/go-sourcemap/sourcemap"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/binding"
	"github.com/modc-dev/modc/compiler/internal/dryrun/uregexp"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
)

//go:embed runtime.js
var runtimeJS string

// runtimeName is the file name of runtime.js in stack traces.
const runtimeName = "modc:dryrun/runtime.js"

// runtimeProgram is runtime.js compiled once; programs are immutable and
// shared by every VM.
var runtimeProgram = sync.OnceValues(func() (*goja.Program, error) {
	return goja.Compile(runtimeName, runtimeJS, true)
})

// code is a module's main.js, compiled to run as a factory function, with
// what it takes to map positions in it back to main.js.
type code struct {
	prog *goja.Program
	name string // the program's file name in stack frames
	main *jsmod.Main
	// prefix is how many bytes the compiled text adds before main.js's
	// first line; objectLine is the line that holds the end of the
	// exported object, after which the factory inserts one ")".
	prefix, objectLine int
	// smap maps positions of esbuild's output back to the factory; nil when
	// goja ran the factory as it is.
	smap *sourcemap.Consumer
	// init says the factory evaluates initializers with jsmod.InitName.
	init bool
}

// compileMain compiles the factory of main.js. goja runs nearly all modern
// syntax itself, so the factory is compiled as it is, keeping every line
// and column; only when goja rejects it (async generators) is it lowered
// with esbuild first, and positions go back through esbuild's source map.
func compileMain(path string, m *jsmod.Main, queries []string) (*code, *diag.Message) {
	factory := "(" + m.Factory(jsmod.Env{Queries: queries}) + ")"
	c := &code{name: path, main: m, init: strings.Contains(factory, jsmod.InitName)}
	c.objectLine = m.Source.Loc(m.ObjectEnd).Line
	c.prefix = lineLen(factory) - lineLen(m.Source.Text)
	if c.objectLine == 1 {
		c.prefix-- // the ")" after the object
	}
	prog, err := uregexp.Compile(path, factory, true)
	if err == nil {
		c.prog = prog
		return c, nil
	}
	r := api.Transform(factory, api.TransformOptions{
		Loader:     api.LoaderJS,
		Target:     api.ESNext,
		Supported:  map[string]bool{"async-generator": false, "for-await": false},
		Sourcemap:  api.SourceMapExternal,
		Sourcefile: path,
		LogLevel:   api.LogLevelSilent,
	})
	if len(r.Errors) > 0 {
		msg := jsmod.FromEsbuild(m.Source, r.Errors[0])
		if l := r.Errors[0].Location; l != nil {
			msg.Location = c.loc(l.Line, l.Column+1, false)
		}
		return nil, &msg
	}
	smap, serr := sourcemap.Parse(path+".map", r.Map)
	prog, err2 := uregexp.Compile(path, string(r.Code), true)
	if serr != nil || err2 != nil {
		msg := diag.Errorf("dry-run-unsupported", m.Source.Loc(m.ExportOffset), "the dry run cannot run this module: %s", firstLine(err.Error()))
		return nil, &msg
	}
	c.prog, c.smap = prog, smap
	return c, nil
}

func lineLen(s string) int {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return i
	}
	return len(s)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// loc maps a 1-based line and byte column of the compiled program (or of
// the factory, when mapped is false) to a location in main.js.
func (c *code) loc(line, col int, mapped bool) diag.Location {
	src := c.main.Source
	if mapped && c.smap != nil {
		_, _, l, cl, ok := c.smap.Source(line, col-1)
		if !ok {
			return src.Loc(c.main.ExportOffset)
		}
		line, col = l, cl+1
	}
	start := src.Offset(line, 1)
	off := start + col - 1
	if line == 1 {
		off -= c.prefix
	}
	if line == c.objectLine && off > c.main.ObjectEnd {
		off--
	}
	end := len(src.Text)
	if i := strings.IndexByte(src.Text[start:], '\n'); i >= 0 {
		end = start + i
	}
	off = max(start, min(off, end))
	return src.Loc(off)
}

// frameLoc returns the location of the innermost frame in main.js.
func (c *code) frameLoc(frames []goja.StackFrame) (diag.Location, bool) {
	for i := range frames {
		f := &frames[i]
		if f.SrcName() != c.name {
			continue
		}
		p := f.Position()
		if p.Line > 0 {
			return c.loc(p.Line, p.Column, true), true
		}
	}
	return diag.Location{}, false
}

// stackFrame matches a frame of a goja Error's stack property:
// "at name (file:line:col(pc))" or "at file:line:col(pc)".
var stackFrame = regexp.MustCompile(`at (?:[^\n(]*\()?([^\n()]+):(\d+):(\d+)\(\d+\)`)

// stackLoc returns the location of the innermost main.js frame of an
// Error's stack property.
func (c *code) stackLoc(stack string) (diag.Location, bool) {
	for _, m := range stackFrame.FindAllStringSubmatch(stack, -1) {
		if m[1] != c.name {
			continue
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		if line > 0 {
			return c.loc(line, col, true), true
		}
	}
	return diag.Location{}, false
}

// compileRequest compiles a query's request function src (see
// Input.Requests) into a program that evaluates to a function of the
// helper (binding.HelperName) returning the request function: the helper
// is compiled once (helperProgram) and made once per VM, rather than with
// and in each request (about half of a request's compiling).
func compileRequest(name, src string) (*goja.Program, error) {
	p, err := uregexp.Compile(name, "(function ("+binding.HelperName+") { return ("+src+"); })", true)
	if err != nil {
		return nil, fmt.Errorf("compiling the request of %s: %w", name, err)
	}
	return p, nil
}

// helperProgram evaluates to the requests' helper function.
var helperProgram = sync.OnceValues(func() (*goja.Program, error) {
	return goja.Compile("modc:dryrun/helper.js", "(function () { "+binding.Helper+" return "+binding.HelperName+"; })()", true)
})
