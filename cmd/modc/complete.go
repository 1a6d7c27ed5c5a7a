package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/modc-dev/modc/compiler"
)

// The shell completion script comes from cobra's default "completion"
// command (bash, zsh, fish, powershell); what follows completes the
// workspace's names in it, cheaply: one directory read.

// packageNames lists the packages of the workspace cmd runs on (its --root,
// found as commands find it), nil when there is none.
func packageNames(cmd *cobra.Command) []string {
	start := "."
	named := false
	if f := cmd.Flags().Lookup("root"); f != nil && f.Changed {
		start, named = f.Value.String(), true
	}
	root, err := compiler.FindRoot(start, named)
	if err != nil {
		return nil
	}
	entries, err := os.ReadDir(filepath.Join(root, "modules"))
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() && compiler.IsName(e.Name()) {
			names = append(names, e.Name())
		}
	}
	return names
}

// completePackage completes the first argument with a package name.
func completePackage(cmd *cobra.Command, a []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(a) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return packageNames(cmd), cobra.ShellCompDirectiveNoFileComp
}

// completeRelease completes modc release's PACKAGE, then its bump.
func completeRelease(cmd *cobra.Command, a []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(a) == 1 {
		return []string{"patch", "minor", "major"}, cobra.ShellCompDirectiveNoFileComp
	}
	return completePackage(cmd, a, toComplete)
}

// completeModulePath completes PACKAGE/ of a new module's PACKAGE/NAME.
func completeModulePath(cmd *cobra.Command, a []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(a) > 0 || strings.Contains(toComplete, "/") {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	names := packageNames(cmd)
	for i, n := range names {
		names[i] = n + "/"
	}
	return names, cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
}

// completeRoot makes --root complete directories only.
func completeRoot(cmd *cobra.Command) {
	_ = cmd.MarkFlagDirname("root")
}
