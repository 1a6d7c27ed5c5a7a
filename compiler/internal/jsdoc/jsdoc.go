// Package jsdoc parses the JSDoc comment above a module member: its summary
// and the @param, @returns, @example and @deprecated tags modc documents.
package jsdoc

import (
	"strings"

	"github.com/modc-dev/modc/compiler/model"
)

// Doc is one parsed JSDoc comment (see model.Doc).
type Doc = model.Doc

// Param is one @param tag.
type Param = model.DocParam

// Returns is the @returns (or @return) tag.
type Returns = model.Returns

// Parse parses the text of a block comment, with or without the /** */ delimiters.
func Parse(comment string) *Doc {
	text := strings.TrimSpace(comment)
	text = strings.TrimPrefix(text, "/**")
	text = strings.TrimPrefix(text, "/*")
	text = strings.TrimSuffix(text, "*/")
	var lines []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, " \t\r")
		trimmed := strings.TrimLeft(line, " \t")
		if strings.HasPrefix(trimmed, "*") {
			trimmed = strings.TrimPrefix(trimmed, "*")
			trimmed = strings.TrimPrefix(trimmed, " ")
		}
		lines = append(lines, trimmed)
	}
	d := &Doc{}
	var summary []string
	var tag string
	var body []string
	flush := func() {
		if tag != "" {
			addTag(d, tag, body)
		}
		tag, body = "", nil
	}
	for _, line := range lines {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "@") {
			flush()
			name, rest, _ := strings.Cut(t[1:], " ")
			tag, body = name, []string{strings.TrimSpace(rest)}
			continue
		}
		if tag != "" {
			body = append(body, line)
		} else {
			summary = append(summary, t)
		}
	}
	flush()
	d.Summary = strings.TrimSpace(strings.Join(summary, "\n"))
	return d
}

func addTag(d *Doc, tag string, body []string) {
	first := body[0]
	rest := strings.TrimRight(strings.Join(body[1:], "\n"), "\n ")
	joined := strings.TrimSpace(strings.TrimSpace(first + "\n" + rest))
	switch tag {
	case "param", "arg", "argument":
		typ, after := braced(first)
		name, desc, _ := strings.Cut(strings.TrimSpace(after), " ")
		p := Param{Type: typ, Description: strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(desc+"\n"+rest), "- "))}
		if strings.HasPrefix(name, "[") && strings.HasSuffix(name, "]") {
			p.Optional = true
			name = strings.Trim(name, "[]")
			if n, def, ok := strings.Cut(name, "="); ok {
				name, p.Default = n, def
			}
		}
		if strings.HasSuffix(p.Type, "=") {
			p.Optional = true
			p.Type = strings.TrimSuffix(p.Type, "=")
		}
		p.Name = name
		p.Description = strings.TrimSpace(p.Description)
		d.Params = append(d.Params, p)
	case "returns", "return":
		typ, after := braced(first)
		d.Returns = &Returns{Type: typ, Description: strings.TrimSpace(strings.TrimSpace(after) + "\n" + rest)}
	case "type":
		d.Type, _ = braced(first)
	case "example":
		d.Examples = append(d.Examples, strings.Trim(strings.Join(body, "\n"), "\n"))
	case "deprecated":
		s := joined
		d.Deprecated = &s
	}
}

// braced splits a leading {type} off s, allowing nested braces.
func braced(s string) (typ, rest string) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "{") {
		return "", s
	}
	depth := 0
	for i, r := range s {
		switch r {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return strings.TrimSpace(s[1:i]), s[i+1:]
			}
		}
	}
	return "", s
}
