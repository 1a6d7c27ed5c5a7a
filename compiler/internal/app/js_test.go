package app

import (
	"fmt"
	"strings"
	"testing"
)

func showRefs(s *snippet) string {
	var parts []string
	for _, r := range s.refs {
		var b strings.Builder
		if r.this {
			b.WriteString("this:")
		}
		b.WriteString(fmt.Sprintf("%s@%d", r.name, r.offset))
		for _, m := range r.chain {
			b.WriteString(fmt.Sprintf(".%s@%d", m.name, m.offset))
		}
		if r.called >= 0 {
			b.WriteString(fmt.Sprintf("()%d", r.called))
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, " ")
}

func TestParseJS(t *testing.T) {
	tests := []struct {
		code  string
		stmts bool
		want  string
	}{
		{"X.fn.data", false, "X@0.fn@2.data@5"},
		{"X.fn()", false, "X@0.fn@2()1"},
		{"storeValue('a', 1)", false, "storeValue@0()0"},
		{"X.fn.data.map(r => r.id)", false, "X@0.fn@2.data@5.map@10()3"},
		{"X?.fn?.()", false, "X@0.fn@3()1"},
		{`X["fn"].data`, false, "X@0.fn@3.data@8"},
		{"X[k]", false, "X@0 k@2"},
		{"{a: Input1.text}", false, "Input1@4.text@11"},
		{"({a: Input1.text})", false, "Input1@5.text@12"},
		{"await X.fn(); Y.q.run()", true, "X@6.fn@8()1 Y@14.q@16.run@18()2"},
		{"const a = 1; a + B", true, "B@17"},
		{"this.x", false, "this:x@0"},
		{"(() => { const Input1 = 1; return Input1 })()", false, ""},
		{"`${A.b}` + C", false, "A@3.b@5 C@11"},
	}
	for _, tt := range tests {
		s, err := parseJS(tt.code, tt.stmts)
		if err != nil {
			if tt.want != "" {
				t.Errorf("%q: %v", tt.code, err)
			}
			continue
		}
		if got := showRefs(s); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.code, got, tt.want)
		}
	}
}
