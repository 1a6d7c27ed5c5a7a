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

// Tag is what a tag name says about releases.
type Tag struct {
	// Package is the package the tag releases, "" when the tag is no release.
	Package string
	// Version is the released version.
	Version *semver.Version
	// Plain is set for a plain vX.Y.Z tag of a one-package workspace.
	Plain bool
}

// TagError says why a tag that looks like a release is not a valid one.
type TagError struct {
	Tag     string
	Problem string
	// Hint says what to do instead, "" when there is nothing to suggest.
	Hint string
}

func (e *TagError) Error() string { return fmt.Sprintf("tag %s %s", e.Tag, e.Problem) }

// ParseTag classifies a tag name (without refs/tags/) against the packages
// of the workspace it tags, the way modc's versions read tags:
//
//   - p/vX.Y.Z (strict semver, pre-releases allowed) is a release of package p;
//   - vX.Y.Z is a release of the only package of a one-package workspace;
//   - p/v1.2, p/vx, p/1.2.3, p/V1.2.3 are broken releases of a package p: a *TagError;
//   - q/v1.2.3 for a q that is not a package is a *TagError (a misspelt package);
//   - anything else (p/stable, release-2024, v1.2.3 with several packages) is no
//     release: a zero Tag and nil.
func ParseTag(name string, packages []string) (Tag, error) {
	pkg, ver := "", name
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		pkg, ver = name[:i], name[i+1:]
	}
	if pkg == "" {
		if len(packages) != 1 || !looksLikeVersion(ver) {
			return Tag{}, nil
		}
		v, err := parseTagVersion(name, ver, "")
		if err != nil {
			return Tag{}, err
		}
		return Tag{Package: packages[0], Version: v, Plain: true}, nil
	}
	known := false
	for _, p := range packages {
		known = known || p == pkg
	}
	if !known {
		if _, err := semver.StrictNewVersion(strings.TrimLeft(ver, "vV")); err != nil {
			return Tag{}, nil // not meant as a release of anything
		}
		e := &TagError{Tag: name, Problem: fmt.Sprintf("looks like a release of package %q, which is not in the workspace", pkg)}
		if s := closestPackage(pkg, packages); s != "" {
			e.Hint = fmt.Sprintf("did you mean %s/%s?", s, "v"+strings.TrimLeft(ver, "vV"))
		}
		return Tag{}, e
	}
	if ver == "" || !(ver[0] == 'v' || ver[0] == 'V' || looksLikeVersion(ver)) {
		return Tag{}, nil // p/stable, p/2024-01-01
	}
	v, err := parseTagVersion(name, ver, pkg+"/")
	if err != nil {
		return Tag{}, err
	}
	return Tag{Package: pkg, Version: v}, nil
}

// parseTagVersion parses the version part of a release tag: "v" and a
// strict semver version.
func parseTagVersion(tag, ver, prefix string) (*semver.Version, error) {
	body := ver
	if ver != "" && (ver[0] == 'v' || ver[0] == 'V') {
		body = ver[1:]
	}
	v, err := semver.StrictNewVersion(body)
	switch {
	case v != nil && ver[0] == 'v':
		return v, nil
	case v != nil && ver[0] == 'V':
		return nil, &TagError{Tag: tag, Problem: fmt.Sprintf("is not a release tag: %q starts with a capital V", ver), Hint: "name it " + prefix + "v" + body}
	case v != nil:
		return nil, &TagError{Tag: tag, Problem: fmt.Sprintf("is not a release tag: %q lacks the leading v", ver), Hint: "name it " + prefix + "v" + body}
	}
	if loose, lerr := semver.NewVersion(body); lerr == nil {
		return nil, &TagError{Tag: tag, Problem: fmt.Sprintf("is not a release tag: %q is not a full semver version X.Y.Z", ver), Hint: "name it " + prefix + "v" + loose.String()}
	}
	return nil, &TagError{Tag: tag, Problem: fmt.Sprintf("is not a release tag: %q is not a semver version (%v)", ver, err),
		Hint: fmt.Sprintf("release tags are %svX.Y.Z, e.g. %sv1.0.0 or %sv1.0.0-rc.1", prefix, prefix, prefix)}
}

// looksLikeVersion reports whether a tag name part is meant as a version:
// v or V and a digit, or digits, a dot and a digit.
func looksLikeVersion(s string) bool {
	if len(s) >= 2 && (s[0] == 'v' || s[0] == 'V') && isDigit(s[1]) {
		return true
	}
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i > 0 && i+1 < len(s) && s[i] == '.' && isDigit(s[i+1])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// closestPackage suggests the package a misspelt name meant.
func closestPackage(name string, packages []string) string {
	for _, p := range packages {
		if strings.EqualFold(p, name) {
			return p
		}
	}
	return suggest.Closest(strings.ToLower(name), packages)
}
