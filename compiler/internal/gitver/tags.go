package gitver

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/Masterminds/semver/v3"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"

	"github.com/modc-dev/modc/compiler/diag"
)

const tagRefPrefix = "refs/tags/"

// tagRef is one tag: its name without refs/tags/ and the object it names
// (a commit for a lightweight tag, a tag object for an annotated one).
type tagRef struct {
	name   string
	target plumbing.Hash
	// peeled is the commit an annotated tag points to, when packed-refs
	// says so; direct is set when packed-refs says target is no tag
	// object. Either spares reading the object to find the commit.
	peeled plumbing.Hash
	direct bool
}

// readTags lists every tag of the repository, sorted by name. References
// are read once (loose refs and packed-refs), plus the peeled values that
// git writes into packed-refs; no object is read.
func (r *Repo) readTags() ([]tagRef, error) {
	var tags []tagRef
	if dir := r.plainGitDir(); dir != "" {
		var err error
		if tags, err = readTagFiles(dir); err != nil {
			return nil, fmt.Errorf("read references: %w", err)
		}
	} else {
		iter, err := r.st.IterReferences()
		if err != nil {
			return nil, fmt.Errorf("read references: %w", err)
		}
		defer iter.Close()
		err = iter.ForEach(func(ref *plumbing.Reference) error {
			name := string(ref.Name())
			if ref.Type() == plumbing.HashReference && strings.HasPrefix(name, tagRefPrefix) {
				tags = append(tags, tagRef{name: name[len(tagRefPrefix):], target: ref.Hash()})
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read references: %w", err)
		}
		if peeled, fully := r.packedPeels(); peeled != nil {
			for i := range tags {
				p, ok := peeled[tags[i].name]
				if ok && p.target == tags[i].target { // else a loose ref overrides it
					tags[i].peeled, tags[i].direct = p.peeled, p.peeled.IsZero() && fully
				}
			}
		}
	}
	sort.Slice(tags, func(i, j int) bool { return tags[i].name < tags[j].name })
	return tags, nil
}

// plainGitDir is the git directory when it holds the refs itself (not a
// linked work tree sharing them), "" otherwise.
func (r *Repo) plainGitDir() string {
	fsst, ok := r.st.(*filesystem.Storage)
	if !ok {
		return ""
	}
	if _, linked := fsst.Filesystem().(*dotgit.RepositoryFilesystem); linked {
		return ""
	}
	return fsst.Filesystem().Root()
}

// readTagFiles reads the tags of packed-refs and the loose refs under
// refs/tags of gitDir directly: with thousands of loose refs this is
// several times faster than go-git's reference storage, which checks every
// path component of every file for symbolic links.
func readTagFiles(gitDir string) ([]tagRef, error) {
	tags := map[string]tagRef{}
	if data, err := os.ReadFile(filepath.Join(gitDir, "packed-refs")); err == nil {
		peeled, fully := parsePackedRefs(data)
		for name, p := range peeled {
			tags[name] = tagRef{name: name, target: p.target, peeled: p.peeled, direct: p.peeled.IsZero() && fully}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	root := filepath.Join(gitDir, "refs", "tags")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return nil
			}
			return err
		}
		if d.IsDir() || strings.HasSuffix(p, ".lock") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		line := strings.TrimSpace(string(data))
		if len(line) != 40 || !plumbing.IsHash(line) {
			return nil // a symbolic ref, or garbage
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		tags[name] = tagRef{name: name, target: plumbing.NewHash(line)}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]tagRef, 0, len(tags))
	for _, t := range tags {
		out = append(out, t)
	}
	return out, nil
}

// candidate is a tag that names a release of a package.
type candidate struct {
	pkg     int
	version *semver.Version
	tag     tagRef
	// plain is set for a plain vX.Y.Z tag of the only package.
	plain bool
	// dups are other tags naming the same version of the same package.
	dups []candidate
}

// packedPeel is one tag in packed-refs.
type packedPeel struct {
	target, peeled plumbing.Hash
}

// packedPeels reads the tags of packed-refs with their peeled values, nil
// when there is no packed-refs file.
func (r *Repo) packedPeels() (tags map[string]packedPeel, fully bool) {
	fsst, ok := r.st.(*filesystem.Storage)
	if !ok {
		return nil, false
	}
	f, err := fsst.Filesystem().Open("packed-refs")
	if err != nil {
		return nil, false
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, false
	}
	return parsePackedRefs(data)
}

// parsePackedRefs returns the tags of a packed-refs file with the commits
// annotated tags point to ("^hash" lines). fully is set when the file says
// every annotated tag has one ("fully-peeled").
func parsePackedRefs(data []byte) (tags map[string]packedPeel, fully bool) {
	tags = map[string]packedPeel{}
	last := ""
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimRight(line, "\r")
		switch {
		case len(line) == 0:
		case line[0] == '#':
			fully = fully || bytes.Contains(line, []byte(" fully-peeled"))
		case line[0] == '^':
			if p, ok := tags[last]; ok && len(line) >= 41 {
				p.peeled = plumbing.NewHash(string(line[1:41]))
				tags[last] = p
			}
		case len(line) > 41 && line[40] == ' ' && bytes.HasPrefix(line[41:], []byte(tagRefPrefix)):
			last = string(line[41+len(tagRefPrefix):])
			tags[last] = packedPeel{target: plumbing.NewHash(string(line[:40]))}
		default:
			last = ""
		}
	}
	return tags, fully
}

func tagLoc(name string) diag.Location { return diag.Location{File: tagRefPrefix + name} }

// classify sorts tags into release candidates per package (newest first,
// duplicates folded into the preferred tag) and warnings for tags that look
// like broken releases. It reads tag names only.
func classify(tags []tagRef, packages []string, idx map[string]int) ([][]candidate, diag.List) {
	var msgs diag.List
	perPkg := make([][]candidate, len(packages))
	unknown := map[string][]string{} // package part → tag names
	var unknownOrder []string
	for _, t := range tags {
		if !strings.Contains(t.name, "/") && len(packages) != 1 && looksLikeVersion(t.name) {
			m := diag.Warningf("release-tag-plain", tagLoc(t.name), "tag %s looks like a release, but a plain vX.Y.Z tag only counts when the workspace has exactly one package (it has %d); it is ignored", t.name, len(packages))
			if len(packages) > 0 {
				m = m.WithHint("tag a release of a package as PACKAGE/vX.Y.Z, e.g. %s/v%s", packages[0], strings.TrimLeft(t.name, "vV"))
			}
			msgs.Add(m)
			continue
		}
		tag, err := ParseTag(t.name, packages)
		var te *TagError
		switch {
		case errors.As(err, &te) && te.Unknown:
			if _, seen := unknown[te.Package]; !seen {
				unknownOrder = append(unknownOrder, te.Package)
			}
			unknown[te.Package] = append(unknown[te.Package], t.name)
		case te != nil:
			m := diag.Warningf("release-tag-invalid", tagLoc(t.name), "tag %s looks like a release of package %q, but %s; it is ignored", t.name, te.Package, te.Reason)
			msgs.Add(m.WithHint("%s", te.Hint()))
		case tag.Package != "":
			p := idx[tag.Package]
			perPkg[p] = append(perPkg[p], candidate{pkg: p, version: tag.Version, tag: t, plain: tag.Plain})
		}
	}
	for _, pkgPart := range unknownOrder {
		names := unknown[pkgPart]
		m := diag.Warningf("release-tag-unknown-package", tagLoc(names[0]), "tag %s looks like a release of package %q, which is not in this workspace; it is ignored", names[0], pkgPart)
		if len(names) > 1 {
			m.Text = fmt.Sprintf("tag %s and %d more tags look like releases of package %q, which is not in this workspace; they are ignored", names[0], len(names)-1, pkgPart)
		}
		if s := ClosestPackage(pkgPart, packages); s != "" {
			m = m.WithHint("did you mean %q? Release tags are %s/vX.Y.Z", s, s)
		}
		msgs.Add(m)
	}
	for p := range perPkg {
		perPkg[p] = sortCandidates(perPkg[p])
	}
	return perPkg, msgs
}

// parseVersion parses the version part of a release tag, "v" + strict
// semver. When it is not one, it says why and, if it can, what the tag
// should have been called.
func parseVersion(ver string) (v *semver.Version, problem, fix string) {
	body := ver
	if len(ver) > 0 && (ver[0] == 'v' || ver[0] == 'V') {
		body = ver[1:]
	}
	sv, strictErr := semver.StrictNewVersion(body)
	switch {
	case sv != nil && strings.HasPrefix(ver, "v"):
		return sv, "", ""
	case sv != nil && strings.HasPrefix(ver, "V"):
		return nil, fmt.Sprintf("%q starts with a capital V", ver), "v" + body
	case sv != nil:
		return nil, fmt.Sprintf("%q lacks the leading v", ver), "v" + body
	}
	if loose, err := semver.NewVersion(body); err == nil {
		return nil, fmt.Sprintf("%q is not a full semver version X.Y.Z", ver), "v" + loose.String()
	}
	return nil, fmt.Sprintf("%q is not a semver version (%v)", ver, strictErr), ""
}

// looksLikeVersion reports whether a tag name part is meant as a version:
// v or V followed by a digit, or digits, a dot and a digit.
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

// sortCandidates orders a package's releases newest first and folds tags
// naming the same version (differing only in build metadata, or a plain and
// a package tag) into one: the package tag without metadata wins, then the
// smallest name.
func sortCandidates(cs []candidate) []candidate {
	if len(cs) < 2 {
		return cs
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if c := cs[i].version.Compare(cs[j].version); c != 0 {
			return c > 0
		}
		return preferred(cs[i], cs[j])
	})
	out := cs[:1]
	for _, c := range cs[1:] {
		last := &out[len(out)-1]
		if c.version.Compare(last.version) == 0 {
			last.dups = append(last.dups, c)
			continue
		}
		out = append(out, c)
	}
	return out
}

// preferred reports whether a is the better tag for the same version than b.
func preferred(a, b candidate) bool {
	if a.plain != b.plain {
		return !a.plain
	}
	am, bm := a.version.Metadata() != "", b.version.Metadata() != ""
	if am != bm {
		return !am
	}
	return a.tag.name < b.tag.name
}
