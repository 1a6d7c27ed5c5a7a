package docs

import (
	"strings"
	"testing"

	"github.com/modc-dev/modc/internal/treetest"
)

// TestNonASCIINames: members named beyond ASCII keep their names in the
// module page's headings, ids, links and the search index.
func TestNonASCIINames(t *testing.T) {
	dir := t.TempDir()
	treetest.Write(t, dir, map[string]string{
		"modules/lang/modc-package.json":      `{}`,
		"modules/lang/formulaire/module.json": `{"kind": "js", "description": "Un formulaire"}`,
		"modules/lang/formulaire/main.js": "export default {\n" +
			"  /** L'état du formulaire. */\n  état: \"prêt\",\n" +
			"  // Le nombre d'articles.\n  数量: 2,\n" +
			"  /**\n   * L'année en cours.\n   * @returns {number}\n   */\n  année: () => new Date().getFullYear(),\n" +
			"  résumé() { return this.état + this.数量 + this.année(); },\n};\n",
	})
	files := render(t, dir, Options{})
	page := string(files["packages/lang/formulaire/index.html"])
	for _, want := range []string{
		`id="année"`, `<code>année()</code>`, `href="#ann%c3%a9e"`, `L'année en cours.`,
		`id="résumé"`, `<code>résumé()</code>`,
		`id="état"`, `<code>état</code>`, `L'état du formulaire.`,
		`id="数量"`, `<code>数量</code>`, `Le nombre d'articles.`,
		`{{JSModule_formulaire.année.data}}`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the module page lacks %s", want)
		}
	}
	if t.Failed() {
		t.Logf("page:\n%s", page)
	}
	index := string(files["search-index.json"])
	for _, want := range []string{`année`, `résumé`} {
		if !strings.Contains(index, want) {
			t.Errorf("search-index.json lacks %s", want)
		}
	}
}
