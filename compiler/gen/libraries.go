package gen

import "fmt"

// summaryBodies are the body of summary(rows): the same result computed in
// plain JavaScript and with the built-in libraries _ and moment.
var summaryBodies = map[Summary]string{
	SummaryPlain:     `const groups = {}; for (const r of rows) (groups[r.k] = groups[r.k] || []).push(r); return Object.keys(groups).length + " " + new Date(Date.UTC(2024, 1, 29)).toISOString().slice(0, 10);`,
	SummaryLibraries: `return _.size(_.groupBy(rows, "k")) + " " + moment.utc("2024-02-29").format("YYYY-MM-DD");`,
}

// summaryExample is the dry-run example of summary(rows).
const summaryExample = `{ "name": "summarizes", "call": "summary", "args": [[{ "k": "a" }, { "k": "b" }, { "k": "a" }]], "expect": "2 2024-02-29" }`

// summaryJS is the summary member of a synthetic module's main.js.
func summaryJS(s Summary) string {
	return `
  /**
   * Counts the groups of rows by k, with a date.
   * @param {Array<{k: string}>} rows the rows
   * @returns {string}
   */
  summary(rows) {
    ` + summaryBodies[s] + `
  },
`
}

// WriteMinimal writes the smallest workspace of the libraries benchmark
// (issue 14) under dir: one package, libs, of 20 JS modules whose only
// function is summary(rows) and whose only example calls it (see
// Summary), so that a dry run is little more than loading the libraries.
func WriteMinimal(dir string, summary Summary) error {
	w := &writer{dir: dir}
	w.file("modc.json", `{ "title": "Libraries" }`+"\n")
	w.file("modules/libs/modc-package.json", "{}\n")
	for i := range 20 {
		m := fmt.Sprintf("modules/libs/m%02d/", i)
		w.file(m+"module.json", `{ "kind": "js" }`+"\n")
		w.file(m+"main.js", "export default {\n  summary(rows) {\n    "+summaryBodies[summary]+"\n  },\n};\n")
		w.file(m+"examples.json", "["+summaryExample+"]\n")
	}
	return w.err
}

// LibraryCase is one workspace of the libraries benchmarks: Name, as
// "synthetic/none", and the function that writes it under a directory.
type LibraryCase struct {
	Name  string
	Write func(dir string) error
}

// LibraryCases are the workspaces of the libraries benchmarks (compiler's
// and site's BenchmarkLibraries), each without and with the libraries: the
// package of SPEC 11's synthetic modules plus summary, and the minimal
// one (WriteMinimal), the worst case.
func LibraryCases() []LibraryCase {
	sides := []struct {
		name    string
		summary Summary
	}{{"none", SummaryPlain}, {"moment+lodash", SummaryLibraries}}
	var out []LibraryCase
	for _, s := range sides {
		out = append(out, LibraryCase{"synthetic/" + s.name, func(dir string) error {
			return Write(dir, Options{Packages: 1, Modules: 20, Summary: s.summary})
		}})
	}
	for _, s := range sides {
		out = append(out, LibraryCase{"minimal/" + s.name, func(dir string) error { return WriteMinimal(dir, s.summary) }})
	}
	return out
}
