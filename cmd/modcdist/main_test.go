package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestUsage: wrong flags stop modcdist before it builds anything.
func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{}, 2, "-version is required"},
		{[]string{"-version", "v1.0.0", "-targets", "linux"}, 2, `target "linux": want os/arch`},
		{[]string{"-version", "v1.0.0", "-date", "yesterday"}, 2, "-date:"},
		{[]string{"-version", "v1.0.0", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"-version", "../x", "-out", t.TempDir()}, 1, `version "../x"`},
	} {
		var stderr bytes.Buffer
		if code := run(tc.args, &stderr); code != tc.code || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("modcdist %s: status %d, want %d with %q:\n%s", strings.Join(tc.args, " "), code, tc.code, tc.want, stderr.String())
		}
	}
}
