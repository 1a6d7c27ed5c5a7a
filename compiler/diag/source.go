package diag

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Source is a file's text with a line index, turning byte offsets into
// locations with the line text filled in. The index is made when a
// location is first asked for: most files of a build that goes well never
// need one.
type Source struct {
	Path string
	Text string
	BOM  bool // the file began with a UTF-8 byte order mark, which Text leaves out

	once   sync.Once
	starts []int // byte offset of each line start; see lines
}

// NewSource returns the source of text, which was read from path
// (workspace-relative, slash-separated). A UTF-8 byte order mark at its
// start is dropped: an editor does not show it, so positions count from
// the character after it, and parsers (JSON, front matter, JS) get the
// text without it.
func NewSource(path, text string) *Source {
	text, bom := strings.CutPrefix(text, "\uFEFF")
	return &Source{Path: path, Text: text, BOM: bom}
}

// lines returns the byte offset of each line's start, indexing the text
// on the first call.
func (s *Source) lines() []int {
	s.once.Do(func() {
		s.starts = make([]int, 1, strings.Count(s.Text, "\n")+1)
		for i := 0; i < len(s.Text); i++ {
			if s.Text[i] == '\n' {
				s.starts = append(s.starts, i+1)
			}
		}
	})
	return s.starts
}

// Loc returns the location of the byte offset off (clamped to the text).
func (s *Source) Loc(off int) Location {
	if off < 0 {
		off = 0
	}
	if off > len(s.Text) {
		off = len(s.Text)
	}
	lines := s.lines()
	line := sort.Search(len(lines), func(i int) bool { return lines[i] > off }) - 1
	start := lines[line]
	return Location{
		File:     s.Path,
		Line:     line + 1,
		Column:   utf8.RuneCountInString(s.Text[start:off]) + 1,
		LineText: s.LineText(line + 1),
	}
}

// Span returns the location of off with Length set to the characters in [off, end).
func (s *Source) Span(off, end int) Location {
	l := s.Loc(off)
	if end > len(s.Text) {
		end = len(s.Text)
	}
	if end > off {
		l.Length = utf8.RuneCountInString(s.Text[off:end])
	}
	return l
}

// At returns the location of a 1-based line and column (column in characters).
func (s *Source) At(line, col int) Location {
	return Location{File: s.Path, Line: line, Column: col, LineText: s.LineText(line)}
}

// Offset converts a 1-based line and column (in characters) to a byte offset.
func (s *Source) Offset(line, col int) int {
	if line < 1 {
		return 0
	}
	lines := s.lines()
	if line > len(lines) {
		return len(s.Text)
	}
	off := lines[line-1]
	for c := 1; c < col && off < len(s.Text) && s.Text[off] != '\n'; c++ {
		_, size := utf8.DecodeRuneInString(s.Text[off:])
		off += size
	}
	return off
}

// LineText returns the text of 1-based line n without its line break.
func (s *Source) LineText(n int) string {
	lines := s.lines()
	if n < 1 || n > len(lines) {
		return ""
	}
	start := lines[n-1]
	end := len(s.Text)
	if n < len(lines) {
		end = lines[n] - 1
	}
	return strings.TrimSuffix(s.Text[start:end], "\r")
}
