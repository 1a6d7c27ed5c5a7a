package gitver

import (
	"errors"
	"strings"
	"testing"
)

func TestParseTag(t *testing.T) {
	two := []string{"auth", "format"}
	one := []string{"auth"}
	for _, tc := range []struct {
		name     string
		packages []string
		want     string // "pkg version", "" for no release, "!text" for a TagError containing text
	}{
		{"auth/v1.2.0", two, "auth 1.2.0"},
		{"auth/v1.0.0-rc.1", two, "auth 1.0.0-rc.1"},
		{"format/v0.0.1", two, "format 0.0.1"},
		{"auth/stable", two, ""},
		{"auth/2024-01-01", two, ""},
		{"release-2024", two, ""},
		{"v1.2.3", two, ""},
		{"v1.2.3", one, "auth 1.2.3 plain"},
		{"v1.2", one, "!not a full semver version"},
		{"stable", one, ""},
		{"auth/v1.2", two, "!name it auth/v1.2.0"},
		{"auth/vx", two, "!is not a semver version"},
		{"auth/1.2.3", two, "!lacks the leading v"},
		{"auth/V1.2.3", two, "!capital V"},
		{"auht/v1.2.3", two, "!did you mean auth/v1.2.3?"},
		{"Auth/v1.2.3", two, "!did you mean auth/v1.2.3?"},
		{"ci/v2", two, ""},
		{"nested/auth/v1.0.0", two, "!not in the workspace"},
	} {
		tag, err := ParseTag(tc.name, tc.packages)
		if want, ok := strings.CutPrefix(tc.want, "!"); ok {
			var te *TagError
			if !errors.As(err, &te) || !strings.Contains(te.Error()+" "+te.Hint(), want) {
				t.Errorf("ParseTag(%q) = %+v, %v; want a TagError with %q", tc.name, tag, err, want)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseTag(%q): %v", tc.name, err)
			continue
		}
		got := ""
		if tag.Package != "" {
			got = tag.Package + " " + tag.Version.String()
			if tag.Plain {
				got += " plain"
			}
		}
		if got != tc.want {
			t.Errorf("ParseTag(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}
