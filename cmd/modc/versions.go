package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/model"
)

func (c *cli) versionsCommand() *cobra.Command {
	var (
		root, ref string
		jsonOut   bool
	)
	cmd := &cobra.Command{
		Use:   "versions",
		Short: "List each package's releases and working-tree version from git tags",
		Long: `Versions reads the workspace's git repository: each package's releases (tags
<package>/vX.Y.Z, or vX.Y.Z in a one-package repository) with their dates and
commits, the working tree's version (the last release when modules/<package> is
unchanged since it, else a pseudo-version X.Y.(Z+1)-dev.N+<commit>[.dirty]), and
the commits that changed the package since its last release.`,
		Example: "  modc versions\n  modc versions --json",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := c.findRoot(cmd, &root); err != nil {
				return err
			}
			versions, msgs := compiler.Versions(compiler.Options{Root: root, Ref: ref})
			msgs = c.relocate(root, msgs)
			c.report(msgs)
			if msgs.HasErrors() {
				return failed
			}
			if jsonOut {
				b, err := json.MarshalIndent(versionsJSON(versions), "", "  ")
				if err != nil {
					return failure(fmt.Errorf("encode versions: %w", err))
				}
				fmt.Fprintf(c.stdout, "%s\n", b)
				return nil
			}
			c.printVersions(versions)
			return nil
		},
	}
	cmd.Flags().StringVar(&root, "root", ".", "workspace `directory`")
	completeRoot(cmd)
	cmd.Flags().StringVar(&ref, "ref", "", "report as of git `revision` REV instead of the working tree")
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print JSON")
	return cmd
}

func (c *cli) printVersions(versions []model.PackageVersions) {
	for i, pv := range versions {
		if i > 0 {
			fmt.Fprintln(c.stdout)
		}
		state := "unreleased"
		switch {
		case pv.Released:
			state = "released"
		case pv.Base != "":
			state = fmt.Sprintf("%s since %s", plural(len(pv.Changed), "change"), diag.Escape(pv.Base))
		}
		if pv.Dirty {
			state += ", uncommitted changes"
		}
		fmt.Fprintf(c.stdout, "%s %s (%s)\n", pv.Package, pv.Current, state)
		for _, ch := range pv.Changed {
			fmt.Fprintf(c.stdout, "  * %s %s\n", ch.Commit[:min(12, len(ch.Commit))], diag.Escape(ch.Subject))
		}
		for _, rel := range pv.Releases {
			line := "  " + rel.Version.String()
			if !rel.Date.IsZero() {
				line += "  " + rel.Date.UTC().Format("2006-01-02")
			}
			if rel.Missing {
				line += "  (commit not in this shallow clone)"
			} else {
				line += "  " + rel.Commit[:min(12, len(rel.Commit))]
			}
			fmt.Fprintln(c.stdout, line)
			for _, ch := range rel.Changes {
				fmt.Fprintf(c.stdout, "      %s\n", diag.Escape(strings.TrimSpace(ch.Subject)))
			}
		}
	}
}

// versionJSON is the --json form of one package's versions.
type versionJSON struct {
	Package  string        `json:"package"`
	Current  string        `json:"current"`
	Released bool          `json:"released"`
	Base     string        `json:"base,omitempty"`
	Dirty    bool          `json:"dirty"`
	Shallow  bool          `json:"shallow,omitempty"`
	Commit   string        `json:"commit,omitempty"`
	TreeHash string        `json:"treeHash,omitempty"`
	Changed  []changeJSON  `json:"changed"`
	Releases []releaseJSON `json:"releases"`
}

type releaseJSON struct {
	Version string       `json:"version"`
	Tag     string       `json:"tag"`
	Commit  string       `json:"commit"`
	Date    string       `json:"date,omitempty"`
	Missing bool         `json:"missing,omitempty"`
	Changes []changeJSON `json:"changes"`
}

type changeJSON struct {
	Commit  string `json:"commit"`
	Subject string `json:"subject"`
	Date    string `json:"date"`
}

func versionsJSON(versions []model.PackageVersions) []versionJSON {
	out := make([]versionJSON, len(versions))
	changes := func(cs []model.Change) []changeJSON {
		r := make([]changeJSON, len(cs))
		for i, c := range cs {
			r[i] = changeJSON{Commit: c.Commit, Subject: c.Subject, Date: c.Date.UTC().Format("2006-01-02T15:04:05Z")}
		}
		return r
	}
	for i, pv := range versions {
		v := versionJSON{Package: pv.Package, Current: pv.Current, Released: pv.Released, Base: pv.Base, Dirty: pv.Dirty,
			Shallow: pv.Shallow, Commit: pv.Commit, TreeHash: pv.TreeHash, Changed: changes(pv.Changed), Releases: []releaseJSON{}}
		for _, rel := range pv.Releases {
			r := releaseJSON{Version: rel.Version.String(), Tag: rel.Tag, Commit: rel.Commit, Missing: rel.Missing, Changes: changes(rel.Changes)}
			if !rel.Date.IsZero() {
				r.Date = rel.Date.UTC().Format("2006-01-02T15:04:05Z")
			}
			v.Releases = append(v.Releases, r)
		}
		out[i] = v
	}
	return out
}
