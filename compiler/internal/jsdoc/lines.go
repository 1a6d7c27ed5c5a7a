package jsdoc

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lines returns the description that a run of // line comments above a
// member gives, or nil when the run holds no prose. Each element of comments
// is the text of one line after its "//".
//
// Not every run of // lines describes the member below it: Appsmith code is
// full of section banners ("// ===== Helpers =====", "// ----------") and of
// code that was commented out ("// const x = foo();", "//this.run()").
// Lines drops code lines and tool directives (eslint-disable, @ts-ignore,
// #region), and a banner ends the description: only the prose between the
// last banner and the member is kept.
func Lines(comments []string) *Doc {
	var prose []string
	for _, c := range comments {
		line := strings.TrimSpace(c)
		switch {
		case isBanner(line):
			prose = prose[:0]
		case isDirective(line), isCode(line):
			// Not a description, and no separator either: prose above a
			// commented-out line still belongs to the member.
		default:
			prose = append(prose, line)
		}
	}
	// Blank // lines separate paragraphs, never lead or trail.
	for len(prose) > 0 && prose[0] == "" {
		prose = prose[1:]
	}
	for len(prose) > 0 && prose[len(prose)-1] == "" {
		prose = prose[:len(prose)-1]
	}
	if len(prose) == 0 {
		return nil
	}
	return &Doc{Summary: strings.Join(prose, "\n")}
}

// isDecoration reports whether r is a character banners are drawn with.
func isDecoration(r rune) bool {
	switch r {
	case '-', '=', '*', '#', '~', '_', '+', '/', '<', '>', '|', '\\':
		return true
	}
	// Box drawing (─ ═ ━ …) and other symbols.
	return unicode.IsSymbol(r) || unicode.In(r, unicode.Pd)
}

// isBanner reports whether a comment line is a section banner: drawn only
// with decoration ("// ----------"), or a title between runs of at least
// three of the same decoration character ("// ==== Helpers ====",
// "// --- state"), or an editor's region marker.
func isBanner(line string) bool {
	if line == "" {
		return false
	}
	only := true
	for _, r := range line {
		if !isDecoration(r) && !unicode.IsSpace(r) {
			only = false
			break
		}
	}
	if only {
		return true
	}
	if run(line, false) >= 3 || run(line, true) >= 3 {
		return true
	}
	return regionMarker.MatchString(line)
}

// run returns how many times the decoration character at the start (or the
// end) of line repeats there.
func run(line string, end bool) int {
	first, size := utf8.DecodeRuneInString(line)
	if end {
		first, size = utf8.DecodeLastRuneInString(line)
	}
	if !isDecoration(first) {
		return 0
	}
	n := 0
	for line != "" {
		var r rune
		if end {
			r, size = utf8.DecodeLastRuneInString(line)
		} else {
			r, size = utf8.DecodeRuneInString(line)
		}
		if r != first {
			break
		}
		n++
		if end {
			line = line[:len(line)-size]
		} else {
			line = line[size:]
		}
	}
	return n
}

var regionMarker = regexp.MustCompile(`^#?(end)?region\b`)

// isDirective reports whether a comment line is an instruction to a tool.
func isDirective(line string) bool {
	for _, p := range []string{"eslint-", "eslint ", "@ts-", "prettier-ignore", "istanbul ", "c8 ", "jshint ", "global ", "globals ", "noinspection", "@formatter:", "sourceMappingURL=", "#sourceMappingURL"} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}

// Shapes of a line of JavaScript that prose does not take.
var (
	// const total = …, if (…), for (…), } else {, case "a":, return;, …
	codeStart = regexp.MustCompile(`^(?:(?:const|let|var)\s+(?:[\w$]+\s*=|[\[{])|(?:if|for|while|switch|catch|with)\s*\(|else\s*(?:\{|if\s*\(|$)|(?:try|finally|do)\s*\{|}\s*(?:else|catch|finally)\b|case\s+[\w$."'\x60-]+\s*:$|default\s*:$|return\s*;?$|return\s+[\w$]+(?:[(\[;]|\.[\w$]).*$|return\s+[\w$]+$|return\s*[({\["'\x60]|(?:break|continue)\s*;?$|throw\s+new\b|(?:async\s+)?function\b\s*[\w$]*\s*\(|import\s.*\sfrom\s|import\s*["'{*]|export\s+(?:default|const|let|var|function|async|class)\b)`)
	// this.run(), showAlert("Saved"), await Api1.run().then(r => r.id),
	// console.log(x); (no space before a call's parenthesis, as prose has)
	codeCall = regexp.MustCompile(`^(?:await\s+)?[\w$]+(?:\.[\w$]+|\[[^\]]*\])*` + args + `(?:\.[\w$]+(?:` + args + `)?)*\s*[;,]?$`)
	// total = price * qty, this.items[i] += 1, x++
	codeAssign = regexp.MustCompile(`^[\w$]+(?:\.[\w$]+|\[[^\]]*\])*\s*(?:[-+*/%]|\*\*|\|\||&&|\?\?)?=[^=]|^[\w$.]+(?:\+\+|--)\s*;?$`)
	// A member of an object literal: `name: value,`, `label: "Total"`,
	// `onDone: () => this.reset()`. "Note: important" is prose.
	codeMember = regexp.MustCompile(`^(?:[\w$]+|"[^"]*"|'[^']*')\s*:\s*(?:(?:[\w$.]+(?:` + args + `)?|-?\d[\d.]*|true|false|null)\s*,|(?:"[^"]*"|'[^']*'|\x60.*\x60|[\w$.]+` + args + `|(?:async\s*)?(?:\(.*\)|[\w$]+)\s*=>.*|(?:async\s+)?function\b.*)\s*,?)$`)
	// An arrow function or a strict comparison anywhere in the line.
	codeInside = regexp.MustCompile(`\)\s*=>|=>\s*\{|[\w$)\]]\s*(?:===|!==)\s*\S`)
)

// args matches a call's parentheses, with one level of parentheses inside.
const args = `\((?:[^()]|\([^()]*\))*\)`

// isCode reports whether a comment line looks like commented-out code.
func isCode(line string) bool {
	if line == "" {
		return false
	}
	// Only brackets and separators: "});", "},", "]".
	if strings.Trim(line, "(){}[];,") == "" {
		return true
	}
	// What a statement or an open block ends with. Prose ends with a full
	// stop, a colon, a word or a closing parenthesis, not these.
	if last, _ := utf8.DecodeLastRuneInString(line); last == ';' || last == '{' || last == '(' || last == '[' {
		return true
	}
	return codeStart.MatchString(line) || codeCall.MatchString(line) || codeAssign.MatchString(line) ||
		codeMember.MatchString(line) || codeInside.MatchString(line)
}
