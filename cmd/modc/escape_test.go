package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/modc-dev/modc/internal/golden"
	"github.com/modc-dev/modc/internal/treetest"
)

// TestTerminalEscapes: a workspace whose main.js has "\x1b[2J" (clear the
// screen) and a bidi override in a line with an error, and whose content/
// has a file named "\x1bevil.md" (refused: a page's address comes from its
// name), cannot write those characters to the terminal: paths, texts and
// code frames show them escaped (testdata/escapes*.golden), on a terminal
// and off it. check --json keeps them, escaped by encoding/json.
func TestTerminalEscapes(t *testing.T) {
	base := map[string]string{
		"modc.json":                   `{}`,
		"modules/p/modc-package.json": `{}`,
		"modules/p/m/module.json":     `{"kind": "js"}`,
		"modules/p/m/main.js":         "export default {\n  f() { return 1; },\n};\n",
		"content/_index.md":           "# Home\n",
	}
	// A workspace with an error in main.js stops before the docs, so the
	// content file's error is in a second one.
	mainJS := writeWorkspace(t, base, map[string]string{
		"modules/p/m/main.js": "export default {\n  f() { return \"\x1b[2J\u202e\" + nope; },\n};\n",
	})
	content := writeWorkspace(t, base, map[string]string{
		"content/\x1bevil.md": "---\ntitle: Evil\ntitel: \x1b[2J\n---\n# Evil\n",
	})
	for _, term := range []bool{false, true} {
		var got strings.Builder
		for _, ws := range []string{mainJS, content} {
			code, stdout, stderr := modc(t, term, "build", "--root", ws, "--out", filepath.Join(t.TempDir(), "out"))
			if code != 1 || stdout != "" {
				t.Fatalf("exit status %d, stdout %q, stderr:\n%s", code, stdout, stderr)
			}
			got.WriteString(strings.ReplaceAll(stderr, ws, "$WS"))
		}
		// Colour is modc's own escape sequences; nothing else is raw.
		plain := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(got.String(), "")
		for _, bad := range []string{"\x1b", "\u202e"} {
			if strings.Contains(plain, bad) {
				t.Errorf("term %v: %q printed raw:\n%q", term, bad, plain)
			}
		}
		name := "escapes.golden"
		if term {
			name = "escapes-term.golden"
		}
		golden.Check(t, filepath.Join("testdata", name), got.String())
	}

	code, stdout, _ := modc(t, false, "check", "--json", "--root", mainJS)
	var doc struct {
		Errors []struct{ Location struct{ LineText string } }
	}
	if err := json.Unmarshal([]byte(stdout), &doc); code != 1 || err != nil || len(doc.Errors) != 1 {
		t.Fatalf("--json: %d %v\n%s", code, err, stdout)
	}
	if line := doc.Errors[0].Location.LineText; !strings.Contains(line, "\"\x1b[2J\u202e\" + nope") || !strings.Contains(stdout, `\u001b[2J`) {
		t.Errorf("--json does not keep the line as it is: %q", line)
	}
}

// writeWorkspace writes the files of base, then those of extra, into a new
// directory.
func writeWorkspace(t *testing.T, base, extra map[string]string) string {
	t.Helper()
	ws := t.TempDir()
	treetest.Write(t, ws, base)
	treetest.Write(t, ws, extra)
	return ws
}
