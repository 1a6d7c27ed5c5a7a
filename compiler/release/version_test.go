package release

import (
	"errors"
	"strings"
	"testing"

	"github.com/Masterminds/semver/v3"
)

func TestNext(t *testing.T) {
	for _, tc := range []struct {
		prev, spec, want string // prev "" for no release; want "!text" for an error containing text
	}{
		{"", "patch", "0.0.1"},
		{"", "minor", "0.1.0"},
		{"", "major", "1.0.0"},
		{"", "0.3.0", "0.3.0"},
		{"", "v2.0.0", "2.0.0"},
		{"", "1.0.0-rc.1", "1.0.0-rc.1"},
		{"1.2.3", "patch", "1.2.4"},
		{"1.2.3", "minor", "1.3.0"},
		{"1.2.3", "major", "2.0.0"},
		{"0.1.0", "major", "1.0.0"},
		{"1.3.0-rc.1", "patch", "1.3.0"},
		{"1.3.0-rc.1", "minor", "1.3.0"},
		{"1.3.0-rc.1", "major", "2.0.0"},
		{"1.3.1-rc.1", "minor", "1.4.0"},
		{"2.0.0-rc.1", "major", "2.0.0"},
		{"2.0.0-rc.1", "minor", "2.0.0"},
		{"1.2.3", "1.2.4", "1.2.4"},
		{"1.2.3", "2.0.0-beta.1", "2.0.0-beta.1"},
		{"1.0.0-rc.1", "1.0.0-rc.2", "1.0.0-rc.2"},
		{"1.0.0-rc.1", "1.0.0", "1.0.0"},
		{"1.2.3", "1.2.3", "!not greater than the last release 1.2.3"},
		{"1.2.3", "1.2.2", "!not greater than the last release 1.2.3"},
		{"1.2.3", "1.2.3-rc.1", "!not greater"},
		{"", "pach", "!did you mean patch?"},
		{"", "1.2", "!write the full version 1.2.0"},
		{"", "1.0.0+build.5", "!no build metadata"},
		{"", "latest", "!give patch, minor, major or a version"},
		{"", "", "!give patch, minor, major or a version"},
	} {
		var prev *semver.Version
		if tc.prev != "" {
			prev = semver.MustParse(tc.prev)
		}
		got, err := Next(prev, tc.spec)
		if want, ok := strings.CutPrefix(tc.want, "!"); ok {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("Next(%s, %q) = %v, %v; want an error with %q", tc.prev, tc.spec, got, err, want)
			}
			continue
		}
		if err != nil || got.String() != tc.want {
			t.Errorf("Next(%s, %q) = %v, %v; want %s", tc.prev, tc.spec, got, err, tc.want)
		}
	}
}

func TestParseSpecUsageErrors(t *testing.T) {
	for _, spec := range []string{"pach", "1.2", "x", "1.0.0+meta", "V1.0.0"} {
		if _, err := ParseSpec(spec); !errors.Is(err, ErrSpec) {
			t.Errorf("ParseSpec(%q) = %v, want ErrSpec", spec, err)
		}
	}
	for _, spec := range []string{"patch", "minor", "major", "1.0.0", "v1.0.0", "1.0.0-rc.1"} {
		if _, err := ParseSpec(spec); err != nil {
			t.Errorf("ParseSpec(%q) = %v", spec, err)
		}
	}
}
