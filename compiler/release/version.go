package release

import (
	"errors"
	"fmt"
	"strings"

	"github.com/Masterminds/semver/v3"

	"github.com/modc-dev/modc/compiler/suggest"
)

// The bumps a release can ask for instead of an explicit version.
const (
	Patch = "patch"
	Minor = "minor"
	Major = "major"
)

// ErrSpec is wrapped by the errors of Next and ParseSpec for a version
// argument that is neither a bump nor a semver version (wrong usage).
var ErrSpec = errors.New("invalid version")

// ParseSpec checks a version argument: patch, minor, major, or an explicit
// semver version X.Y.Z[-PRE] with an optional leading v. It returns the
// explicit version, or nil for a bump.
func ParseSpec(spec string) (*semver.Version, error) {
	switch spec {
	case Patch, Minor, Major:
		return nil, nil
	}
	body := strings.TrimPrefix(spec, "v")
	v, err := semver.StrictNewVersion(body)
	if err != nil {
		if loose, lerr := semver.NewVersion(body); lerr == nil && looksNumeric(body) {
			return nil, fmt.Errorf("%w %q: write the full version %s", ErrSpec, spec, loose)
		}
		if s := suggest.Closest(strings.ToLower(spec), []string{Patch, Minor, Major}); s != "" {
			return nil, fmt.Errorf("%w %q: did you mean %s?", ErrSpec, spec, s)
		}
		return nil, fmt.Errorf("%w %q: give patch, minor, major or a version X.Y.Z (pre-releases like 1.0.0-rc.1 too)", ErrSpec, spec)
	}
	if v.Metadata() != "" {
		return nil, fmt.Errorf("%w %q: a release version has no build metadata (+%s)", ErrSpec, spec, v.Metadata())
	}
	return v, nil
}

// looksNumeric reports whether s starts with a digit (a version, not a word).
func looksNumeric(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// Next returns the version a release asks for, given the highest earlier
// release prev (nil when there is none). Bumps work as `npm version` does:
//
//   - from nothing: patch 0.0.1, minor 0.1.0, major 1.0.0;
//   - from a release: 1.2.3 → patch 1.2.4, minor 1.3.0, major 2.0.0;
//   - from a pre-release, a bump first finishes it when it can: 1.3.0-rc.1
//     → patch 1.3.0, minor 1.3.0 (its patch is 0), major 2.0.0 (its minor
//     is not); 2.0.0-rc.1 → major 2.0.0.
//
// An explicit version must be greater than prev (semver precedence, so
// 1.0.0-rc.1 < 1.0.0).
func Next(prev *semver.Version, spec string) (*semver.Version, error) {
	explicit, err := ParseSpec(spec)
	if err != nil {
		return nil, err
	}
	if explicit != nil {
		if prev != nil && !explicit.GreaterThan(prev) {
			return nil, fmt.Errorf("version %s is not greater than the last release %s", explicit, prev)
		}
		return explicit, nil
	}
	if prev == nil {
		switch spec {
		case Patch:
			return semver.New(0, 0, 1, "", ""), nil
		case Minor:
			return semver.New(0, 1, 0, "", ""), nil
		}
		return semver.New(1, 0, 0, "", ""), nil
	}
	pre := prev.Prerelease() != ""
	maj, mnr, pat := prev.Major(), prev.Minor(), prev.Patch()
	switch spec {
	case Patch:
		if !pre {
			pat++
		}
	case Minor:
		if !pre || pat != 0 {
			mnr++
		}
		pat = 0
	case Major:
		if !pre || mnr != 0 || pat != 0 {
			maj++
		}
		mnr, pat = 0, 0
	}
	return semver.New(maj, mnr, pat, "", ""), nil
}
