package docs

import (
	"strings"
	"testing"
)

// splitLines is splitFrontMatter written the plain way, line by line, to
// check it against.
func splitLines(text string) (yml string, body, state int) {
	lines := strings.SplitAfter(text, "\n")
	trim := func(l string) string { return strings.TrimRight(strings.TrimSuffix(l, "\n"), "\r") }
	if trim(lines[0]) != "---" {
		return "", 0, frontMatterNone
	}
	off := len(lines[0])
	for _, l := range lines[1:] {
		if t := trim(l); t == "---" || t == "..." {
			return text[len(lines[0]):off], off + len(l), frontMatterClosed
		}
		off += len(l)
	}
	return "", 0, frontMatterOpen
}

// FuzzSplitFrontMatter checks splitFrontMatter against splitLines, which
// content pages are read twice with (the second time, a RenderTo only
// looks for where the markdown starts).
func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{
		"", "---", "---\n", "---\n---", "---\n---\n", "---\r\ntitle: A\r\n---\r\n# A\r\n",
		"---\ntitle: A\n...\nbody", "---\ntitle: A\n", "# no front matter\n---\n",
		"---\n----\n--- \n---\n", "--- \ntitle: x\n---\n", "\n---\n---\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		yml, body, state := splitFrontMatter(text)
		wantYML, wantBody, wantState := splitLines(text)
		if yml != wantYML || body != wantBody || state != wantState {
			t.Fatalf("splitFrontMatter(%q) = %q, %d, %d; want %q, %d, %d", text, yml, body, state, wantYML, wantBody, wantState)
		}
		if body > len(text) {
			t.Fatalf("body %d past the end of %q", body, text)
		}
	})
}
