package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "usage:"},
		{[]string{"bogus"}, 2, `unknown command "bogus"`},
		{[]string{"gen"}, 2, "gen takes one directory"},
		{[]string{"gen", "-pages", "x", "d"}, 2, "invalid value"},
		{[]string{"run", "-sizes", "10,zero"}, 2, `-sizes: "zero" is not a positive number`},
		{[]string{"run", "extra"}, 2, "run takes no arguments"},
		{[]string{"run", "-modc", "/nonexistent/modc", "-sizes", "10", "-no-go-bench"}, 1, "finding /nonexistent/modc"},
		{[]string{"help"}, 0, ""},
	} {
		var stdout, stderr strings.Builder
		code := run(c.args, &stdout, &stderr)
		if code != c.code || !strings.Contains(stdout.String()+stderr.String(), c.want) {
			t.Errorf("modcbench %q: exit %d, want %d with %q; printed:\n%s%s", c.args, code, c.code, c.want, stdout.String(), stderr.String())
		}
	}
}

func TestGen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	var stdout, stderr strings.Builder
	if code := run([]string{"gen", "-packages", "2", "-modules", "3", "-pages", "4", "-bindings", "5", "-seed", "9", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "2 packages × 3 modules, 4 pages, 5 bindings (seed 9)") {
		t.Errorf("printed %q", stdout.String())
	}
	for _, rel := range []string{"modc.json", "modules/pkg001/mod002/main.js", "content/pages/page-0003.md", "apps/bench/app.json"} {
		if _, err := os.Stat(filepath.Join(dir, rel)); err != nil {
			t.Error(err)
		}
	}
}
