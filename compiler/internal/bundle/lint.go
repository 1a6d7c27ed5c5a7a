package bundle

import (
	"fmt"
	"path"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/internal/parallel"
)

// Lint returns what esbuild says of the code each module of mods adds to
// its package's bundle — its main.js factory and its compiled requests —
// located as Build locates it: esbuild's warnings (a duplicate case, a
// typeof compared with a misspelt type…) and its errors; one list per
// module, in order. mains holds the analysed main.js of the JS modules by
// ID (a module without one, which did not parse, has only its requests
// linted). modc check reports these, so that it shows every warning modc
// build does, without bundling.
//
// esbuild's start-up costs more than parsing a module, so the code of the
// modules of a package goes to esbuild as one file, one package a call; a
// file with errors is linted again one module a file, as an error stops
// esbuild's parse of the rest.
func Lint(mods []*workspace.Module, mains map[string]*jsmod.Main) []diag.List {
	out := make([]diag.List, len(mods))
	var chunks [][]int // indices in mods, one package a chunk
	for i, m := range mods {
		if i > 0 && m.Package == mods[i-1].Package {
			chunks[len(chunks)-1] = append(chunks[len(chunks)-1], i)
		} else {
			chunks = append(chunks, []int{i})
		}
	}
	parallel.Map(len(chunks), 0, func(c int) {
		msgs, failed := lintChunk(mods, mains, chunks[c])
		if failed && len(chunks[c]) > 1 {
			for _, i := range chunks[c] {
				one, _ := lintChunk(mods, mains, []int{i})
				out[i] = one[0]
			}
			return
		}
		for k, i := range chunks[c] {
			out[i] = msgs[k]
		}
	})
	return out
}

// lintRegion is the lines of a lint file that hold one virtual file of a
// module's builder.
type lintRegion struct {
	first, last int // 1-based lines in the lint file
	mod         int // index in the chunk
	vpath       string
}

// lintChunk lints the modules mods[i] for i in chunk in one esbuild
// transform; it returns their messages in chunk order, and whether
// esbuild reported errors.
func lintChunk(mods []*workspace.Module, mains map[string]*jsmod.Main, chunk []int) ([]diag.List, bool) {
	out := make([]diag.List, len(chunk))
	builders := make([]*builder, len(chunk))
	var text strings.Builder
	var regions []lintRegion
	line := 1
	add := func(k int, vpath, code string) {
		text.WriteString(code)
		n := strings.Count(code, "\n")
		regions = append(regions, lintRegion{first: line, last: line + n, mod: k, vpath: vpath})
		line += n
	}
	for k, i := range chunk {
		m := mods[i]
		b := &builder{
			pkg:          &workspace.Package{Name: m.Package, Dir: path.Dir(m.Dir)},
			files:        map[string]string{},
			origins:      map[string]origin{},
			sharedHelper: true, // requests compiled as the bundle compiles them
		}
		builders[k] = b
		if main := mains[m.ID()]; m.Kind == workspace.KindJS && main != nil && main.Source != nil {
			vpath := b.factory(m, main, false) // lints the code, not the libraries
			code := fmt.Sprintf("export const m%d = %s", k, strings.TrimPrefix(b.files[vpath], "export default "))
			o := b.origins[vpath]
			o.shift = firstLineShift(code, main.Source.Text)
			b.origins[vpath] = o
			add(k, vpath, code)
		}
		// The requests, declared as the package entry declares them.
		if m.Kind == workspace.KindQuery && m.Request != nil {
			b.request(fmt.Sprintf("m%dr", k), m.Request, "the request of query module "+m.ID(), m.ID())
		}
		for j, q := range m.Queries {
			if q.Request != nil {
				b.request(fmt.Sprintf("m%dq%d", k, j), q.Request, "the request of query "+q.Name, m.ID())
			}
		}
		if b.decls.Len() > 0 {
			vpath := "modc/" + m.ID() + "/requests.js"
			b.origins[vpath] = origin{loc: diag.Location{File: b.pkg.Dir}, what: "the generated package entry"}
			add(k, vpath, b.decls.String())
		}
	}
	if text.Len() == 0 {
		return out, false
	}
	res := api.Transform(text.String(), api.TransformOptions{
		Sourcefile:  "lint.js",
		Loader:      api.LoaderJS,
		Format:      api.FormatESModule,
		Platform:    api.PlatformBrowser,
		Target:      api.ES2020,
		LogLevel:    api.LogLevelSilent,
		LogOverride: logOverride(),
	})
	// locate moves a position in the lint file to its region's virtual file.
	locate := func(l *api.Location) (int, bool) {
		if l == nil {
			return 0, false
		}
		for _, r := range regions {
			if l.Line >= r.first && l.Line <= r.last {
				l.File, l.Line = namespace+":"+r.vpath, l.Line-r.first+1
				return r.mod, true
			}
		}
		return 0, false
	}
	report := func(msgs []api.Message, sev diag.Severity) {
		for _, m := range msgs {
			k, ok := locate(m.Location)
			if !ok { // about no module's code: esbuild itself failed
				for k := range out {
					out[k].Add(diag.Message{Severity: sev, ID: "esbuild-failed", Text: "esbuild: " + m.Text, Location: diag.Location{File: builders[k].pkg.Dir}})
				}
				continue
			}
			for j := range m.Notes {
				if _, ok := locate(m.Notes[j].Location); !ok {
					m.Notes[j].Location = nil
				}
			}
			out[k].Add(builders[k].message(m, sev))
		}
	}
	report(res.Errors, diag.Error)
	report(res.Warnings, diag.Warning)
	return out, len(res.Errors) > 0
}
