package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"time"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/site/output"
)

// buildResult is modc build --json: what a script needs of a build.
type buildResult struct {
	OK bool `json:"ok"`
	// Out is the output directory as the summary line names it; "" when
	// nothing was written.
	Out string `json:"out"`
	// Files are the output's files, slash paths relative to Out, sorted.
	Files []string `json:"files"`
	// Packages are the working tree's version of each package.
	Packages []packageVersion `json:"packages"`
	// Versions are the package versions built, as in out/dist/.
	Versions []builtVersion `json:"versions"`
	Stats    buildStats     `json:"stats"`
	Errors   diag.List      `json:"errors"`
	Warnings diag.List      `json:"warnings"`
}

type packageVersion struct {
	Package  string `json:"package"`
	Version  string `json:"version"`
	Released bool   `json:"released"`
	Dirty    bool   `json:"dirty"`
}

type builtVersion struct {
	Package string `json:"package"`
	Version string `json:"version"`
	Dir     string `json:"dir"`           // dist/<package>/<version>
	Npm     string `json:"npm,omitempty"` // npm/<package>/<version>/
}

type buildStats struct {
	Packages   int                  `json:"packages"`
	Modules    int                  `json:"modules"`
	Examples   int                  `json:"examples"`
	Pages      int                  `json:"pages"`
	Apps       int                  `json:"apps"`
	Bindings   int                  `json:"bindings"`
	Files      int                  `json:"files"`
	DurationMS float64              `json:"durationMs"`
	Output     compiler.OutputStats `json:"output"`
	Phases     []phaseJSON          `json:"phases"`
}

type phaseJSON struct {
	Name       string  `json:"name"`
	DurationMS float64 `json:"durationMs"`
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// buildJSON encodes the result of a build, with msgs relocated as printed.
func (c *cli) buildJSON(res *compiler.Result, msgs diag.List) ([]byte, error) {
	s := stats(res)
	out := buildResult{
		OK: !res.Failed(), Files: []string{}, Packages: []packageVersion{}, Versions: []builtVersion{},
		Errors: msgs.Errors(), Warnings: msgs.Warnings(),
		Stats: buildStats{Packages: s.Packages, Modules: s.Modules, Examples: s.Examples, Pages: s.Pages, Apps: s.Apps,
			Bindings: s.Bindings, Files: s.Files, DurationMS: ms(s.Duration), Output: s.Output, Phases: []phaseJSON{}},
	}
	if out.Errors == nil {
		out.Errors = diag.List{}
	}
	if out.Warnings == nil {
		out.Warnings = diag.List{}
	}
	for _, p := range s.Phases {
		out.Stats.Phases = append(out.Stats.Phases, phaseJSON{Name: p.Name, DurationMS: ms(p.Duration)})
	}
	for _, v := range res.Versions {
		out.Packages = append(out.Packages, packageVersion{Package: v.Package, Version: v.Current, Released: v.Released, Dirty: v.Dirty})
	}
	for _, o := range res.Model().Outputs {
		if o.Package == "" {
			continue
		}
		out.Versions = append(out.Versions, builtVersion{Package: o.Package, Version: o.Version, Dir: o.Dir, Npm: o.NpmDir})
	}
	if res.OutDir != "" {
		out.Out = c.fromBase(absPath(res.OutDir))
		err := filepath.WalkDir(res.OutDir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(res.OutDir, p)
			if err != nil {
				return err
			}
			if rel != output.Marker {
				out.Files = append(out.Files, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("list the output: %w", err)
		}
		sort.Strings(out.Files)
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode the build's result: %w", err)
	}
	return b, nil
}

// absPath is p made absolute, or p when that fails.
func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}
