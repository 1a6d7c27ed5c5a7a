// Package diag holds the messages modc reports: errors and warnings that
// carry a source location, optional notes, and know how to print themselves
// as "path:line:col: error: text" with a code frame, or as JSON.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says how bad a message is.
type Severity string

// The severities a message can have.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Location points into a workspace file. Line and Column are 1-based;
// Column counts Unicode characters. LineText is the whole source line, used
// for the code frame; it may be empty.
type Location struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Length   int    `json:"length,omitempty"`
	LineText string `json:"lineText,omitempty"`
}

// String formats the location as path:line:col (or just path without a line).
func (l Location) String() string {
	switch {
	case l.Line > 0 && l.Column > 0:
		return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column)
	case l.Line > 0:
		return fmt.Sprintf("%s:%d", l.File, l.Line)
	}
	return l.File
}

// Note is extra information attached to a message, such as a hint or the
// location of a previous definition.
type Note struct {
	Text     string    `json:"text"`
	Location *Location `json:"location,omitempty"`
}

// Message is one error or warning.
type Message struct {
	Severity Severity `json:"severity"`
	// ID names the kind of message, in kebab-case ("js-unknown-name"): a
	// stable code that tools and people can filter and look up without
	// reading the text. Every kind is listed, with its meaning, in IDs
	// (and on the docs page content/diagnostics.md made from it).
	ID       string   `json:"id"`
	Location Location `json:"location"`
	Text     string   `json:"text"`
	Notes    []Note   `json:"notes,omitempty"`
	// Package and Module say what the message is about, set by the stage
	// that made it (see List.About): the package's name, and the module's
	// ID "package/module" when it is about one module. Both are empty for
	// the workspace as a whole. Messages are routed by them, never by
	// their file's path.
	Package string `json:"package,omitempty"`
	Module  string `json:"module,omitempty"`
}

// Errorf makes an error message of the kind id (one of IDs) at loc.
func Errorf(id string, loc Location, format string, args ...any) Message {
	return Message{Severity: Error, ID: id, Location: loc, Text: fmt.Sprintf(format, args...)}
}

// Warningf makes a warning message of the kind id (one of IDs) at loc.
func Warningf(id string, loc Location, format string, args ...any) Message {
	return Message{Severity: Warning, ID: id, Location: loc, Text: fmt.Sprintf(format, args...)}
}

// WithHint returns m with a hint note appended.
func (m Message) WithHint(format string, args ...any) Message {
	m.Notes = append(append([]Note(nil), m.Notes...), Note{Text: fmt.Sprintf(format, args...)})
	return m
}

// WithNote returns m with a note pointing at another location.
func (m Message) WithNote(loc Location, format string, args ...any) Message {
	l := loc
	m.Notes = append(append([]Note(nil), m.Notes...), Note{Text: fmt.Sprintf(format, args...), Location: &l})
	return m
}

// Error implements the error interface with the one-line form, the ID
// in brackets at its end.
func (m Message) Error() string {
	return fmt.Sprintf("%s: %s: %s%s", m.Location, m.Severity, m.Text, idSuffix(m.ID))
}

// idSuffix is " [id]", or "" without an ID.
func idSuffix(id string) string {
	if id == "" {
		return ""
	}
	return " [" + id + "]"
}

// List is an ordered collection of messages.
type List []Message

// Add appends messages.
func (l *List) Add(m ...Message) { *l = append(*l, m...) }

// About marks the messages of l that say nothing of what they are about
// as about scope: a module's ID "package/module", or a package's name. It
// changes l in place and returns it.
func (l List) About(scope string) List {
	pkg, _, isModule := strings.Cut(scope, "/")
	for i := range l {
		m := &l[i]
		if m.Package != "" || m.Module != "" {
			continue
		}
		m.Package = pkg
		if isModule {
			m.Module = scope
		}
	}
	return l
}

// HasErrors reports whether any message is an error.
func (l List) HasErrors() bool {
	for _, m := range l {
		if m.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the error messages.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns only the warning messages.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, m := range l {
		if m.Severity == s {
			out = append(out, m)
		}
	}
	return out
}

// Sort orders messages by file, line, column, then text, so output is stable.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Location, l[j].Location
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if l[i].Text != l[j].Text {
			return l[i].Text < l[j].Text
		}
		return notesKey(l[i]) < notesKey(l[j])
	})
}

// notesKey orders messages that differ only in their notes.
func notesKey(m Message) string {
	var b strings.Builder
	for _, n := range m.Notes {
		b.WriteString(n.Text)
		if n.Location != nil {
			b.WriteString(n.Location.String())
		}
		b.WriteByte(0)
	}
	return b.String()
}

// String renders every message in the plain one-line form, one per line,
// notes indented below.
func (l List) String() string {
	var b strings.Builder
	for _, m := range l {
		b.WriteString(Format(m, FormatOptions{}))
	}
	return b.String()
}
