package gitver

import (
	"fmt"
	"strings"

	"github.com/Masterminds/semver/v3"

	"github.com/modc-dev/modc/compiler/suggest"
)

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
	Tag string
	// Package is the package the tag seems to release; Unknown is set when
	// the workspace has no such package.
	Package string
	Unknown bool
	// Reason says what is wrong with the version part, such as `"1.2" is
	// not a full semver version X.Y.Z` ("" when Unknown).
	Reason string
	// Fix is the tag name it should have had, "" when there is no guess.
	Fix string
}

func (e *TagError) Error() string {
	if e.Unknown {
		return fmt.Sprintf("tag %s looks like a release of package %q, which is not in the workspace", e.Tag, e.Package)
	}
	return fmt.Sprintf("tag %s is not a release tag: %s", e.Tag, e.Reason)
}

// Hint says what to do instead.
func (e *TagError) Hint() string {
	switch {
	case e.Unknown && e.Fix != "":
		return "did you mean " + e.Fix + "?"
	case e.Fix != "":
		return "name it " + e.Fix
	case e.Unknown:
		return ""
	}
	prefix := e.Package + "/"
	if e.Package == "" || !strings.Contains(e.Tag, "/") {
		prefix = ""
	}
	return fmt.Sprintf("release tags are %svX.Y.Z with a semver version, e.g. %sv1.0.0 or %sv1.0.0-rc.1", prefix, prefix, prefix)
}

// ParseTag classifies a tag name (without refs/tags/) against the packages
// of the workspace it tags; it is the one rule set for release tags:
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
		v, reason, fix := parseVersion(ver)
		if v == nil {
			return Tag{}, &TagError{Tag: name, Package: packages[0], Reason: reason, Fix: fix}
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
		e := &TagError{Tag: name, Package: pkg, Unknown: true}
		if s := ClosestPackage(pkg, packages); s != "" {
			e.Fix = s + "/v" + strings.TrimLeft(ver, "vV")
		}
		return Tag{}, e
	}
	if ver == "" || !(ver[0] == 'v' || ver[0] == 'V' || looksLikeVersion(ver)) {
		return Tag{}, nil // p/stable, p/2024-01-01: not meant as releases
	}
	v, reason, fix := parseVersion(ver)
	if v == nil {
		if fix != "" {
			fix = pkg + "/" + fix
		}
		return Tag{}, &TagError{Tag: name, Package: pkg, Reason: reason, Fix: fix}
	}
	return Tag{Package: pkg, Version: v}, nil
}

// ClosestPackage suggests the package a misspelt name meant: the same name
// in another case, else the nearest by edit distance, else "".
func ClosestPackage(name string, packages []string) string {
	for _, p := range packages {
		if strings.EqualFold(p, name) {
			return p
		}
	}
	return suggest.Closest(strings.ToLower(name), packages)
}
