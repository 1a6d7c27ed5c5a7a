package jsmod

import (
	"fmt"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler/diag"
)

// errorHeavy is a main.js written as an Appsmith JS object pasted into a
// module: members that read widgets, other JS objects, libraries the module
// cannot see and misspelt runtime names, each many times.
func errorHeavy(members int) string {
	var b strings.Builder
	b.WriteString("export default {\n")
	for i := 0; i < members; i++ {
		fmt.Fprintf(&b, `  // Saves row %d of the table.
  save%d: async () => {
    const row = Table1.selectedRow;
    const name = Input1.text.trim();
    if (!Select1.selectedOptionValue) {
      showAlert("pick one", "error");
      return;
    }
    await JSObject1.persist(row, name, _.get(row, "id"));
    stroeValue("last", moment().format("DD/MM/YYYY"));
    return location.href + formatRow(row) + Api1.data.length;
  },
`, i, i)
	}
	b.WriteString("};\n")
	return b.String()
}

// BenchmarkAnalyzeErrors analyses a module where most identifiers are
// unknown: the cost of the "did you mean" hints.
func BenchmarkAnalyzeErrors(b *testing.B) {
	text := errorHeavy(50)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_, msgs := Analyze(diag.NewSource("modules/p/m/main.js", text), Env{Queries: []string{"api_getRows", "api_saveRow"}})
		if len(msgs) < 50 {
			b.Fatalf("%d messages", len(msgs))
		}
	}
}
