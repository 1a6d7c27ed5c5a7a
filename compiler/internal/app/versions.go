package app

import (
	"sort"
	"strings"

	"github.com/Masterminds/semver/v3"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/suggest"
)

// Workspace is the range that selects a package's working tree.
const Workspace = "workspace"

// resolveVersion picks the version of package p an app's range selects:
// the working tree's for "workspace", else the highest release that
// satisfies the range, else the working tree's version when it satisfies
// the range (so ranges work before a package has releases).
func (c *compiler) resolveVersion(p *pkgRef) (string, bool) {
	f := c.f
	if c.ws.Package(p.name) == nil {
		var names []string
		for _, wp := range c.ws.Packages {
			names = append(names, wp.Name)
		}
		m := diag.Errorf("unknown-package", f.keyLoc(p.field), "no package %q in the workspace", p.name)
		if s := suggest.Closest(p.name, names); s != "" {
			m = m.WithHint("did you mean %q?", s)
		} else if len(names) > 0 {
			m = m.WithHint("packages: %s", strings.Join(names, ", "))
		}
		f.msgs.Add(m)
		return "", false
	}
	tree := c.opts.version(p.name)
	if p.rng == Workspace {
		return tree, true
	}
	rng := strings.TrimSpace(p.rng)
	cons, err := semver.NewConstraint(rng)
	if err != nil || rng == "" {
		f.msgs.Add(diag.Errorf("app-bad-range", f.loc(p.node), "%q is not a semver range: %v", p.rng, errText(err)).
			WithHint(`write a range such as "^1.2.0", "~1.2", ">=1.0.0 <2.0.0", an exact version, or "workspace" for the working tree`))
		return "", false
	}
	var releases []*semver.Version
	for _, r := range c.opts.Releases[p.name] {
		if v, err := semver.NewVersion(r); err == nil {
			releases = append(releases, v)
		}
	}
	sort.Sort(sort.Reverse(semver.Collection(releases)))
	for _, v := range releases {
		if cons.Check(v) {
			return v.Original(), true
		}
	}
	if v, err := semver.NewVersion(tree); err == nil && cons.Check(v) {
		return tree, true
	}
	have := "no releases"
	if len(releases) > 0 {
		var list []string
		for _, v := range releases {
			list = append(list, v.Original())
		}
		have = "releases: " + strings.Join(list, ", ")
	}
	m := diag.Errorf("app-no-version", f.loc(p.node), "no version of package %q satisfies %q (%s; the working tree is %s)", p.name, p.rng, have, tree)
	if len(releases) == 0 {
		m = m.WithHint(`use "workspace" to build against the working tree, or release the package (modc release %s …)`, p.name)
	}
	f.msgs.Add(m)
	return "", false
}

func errText(err error) string {
	if err == nil {
		return "empty range"
	}
	return err.Error()
}

// version is the working tree's version of a package.
func (o *Options) version(pkg string) string {
	if v, ok := o.Versions[pkg]; ok {
		return v
	}
	if o.Version != "" {
		return o.Version
	}
	return "0.0.0-dev"
}
