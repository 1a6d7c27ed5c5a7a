package jsmod

import (
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler/diag"
)

// TestBrowserGlobals: the standard and browser globals Appsmith JS objects
// use are no errors in module code (issue 14), document included (the dry
// run, not the analysis, says what it cannot do); the storage, dynamic
// code and node globals still are, at their position.
func TestBrowserGlobals(t *testing.T) {
	src := `export default {
	link(id) {
		const q = new URLSearchParams({ id, tab: "orders" });
		return new URL("/orders?" + q, window.location.href).href;
	},
	id: () => new URL(appsmith.URL.fullPath).searchParams.get("id"),
	csv: (text) => new Blob([text], { type: "text/csv" }).size,
	bytes: (s) => new TextEncoder().encode(s).length,
	text: (b) => new TextDecoder().decode(b),
	uuid: () => crypto.randomUUID() + crypto.getRandomValues(new Uint8Array(4)).length,
	copy: (v) => structuredClone(v),
	later: (f) => queueMicrotask(f),
	lang: () => navigator.language,
	ask: () => confirm("Delete?") && alert("Deleted"),
	el: () => document.getElementById("x"),
};
`
	m, msgs := Analyze(diag.NewSource("modules/p/m/main.js", src), Env{})
	if m == nil || len(msgs) > 0 {
		t.Fatalf("messages:\n%s", msgs)
	}

	bad := `export default {
	f() { return localStorage.getItem("k") + sessionStorage.x + require("fs") + process.env + eval("1") + new XMLHttpRequest(); },
};
`
	_, msgs = Analyze(diag.NewSource("modules/p/m/main.js", bad), Env{})
	got := msgs.String()
	for _, want := range []string{
		`main.js:2:15: error: "localStorage" is not available to modules`,
		`main.js:2:43: error: "sessionStorage" is not available to modules`,
		`main.js:2:62: error: "require" is not available to modules`,
		`main.js:2:78: error: "process" is not available to modules`,
		`main.js:2:92: error: "eval" is not available to modules`,
		`main.js:2:108: error: "XMLHttpRequest" is not available to modules`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in:\n%s", want, got)
		}
	}
}
