package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at link time: go build -ldflags "-X main.version=v1.2.3".
var version = ""

// versionString is the link-time version, else the module version `go
// install …@version` recorded, else "devel".
func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// commit is set at link time too (make dist): -X main.commit=<hash>.
var commit = ""

// commitString is the link-time commit, else the one go build recorded
// (vcs.revision, with "+dirty" for uncommitted changes), else "".
func commitString() string {
	if commit != "" {
		return commit
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch {
		case s.Key == "vcs.revision":
			rev = s.Value[:min(12, len(s.Value))]
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = "+dirty"
		}
	}
	if rev == "" {
		return ""
	}
	return rev + dirty
}

// versionDetails is the version line after "modc ": the version, the
// commit when known, Go's version and the platform.
func versionDetails() string {
	s := versionString()
	if c := commitString(); c != "" {
		s += " commit " + c
	}
	return fmt.Sprintf("%s %s %s/%s", s, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func (c *cli) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print modc's version (as modc --version does)",
		Long:    `Version prints modc's version, the commit it was built from when known, the Go version and the platform.`,
		Example: "  modc version\n  modc --version",
		Args:    args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(c.stdout, "modc %s\n", versionDetails())
			return nil
		},
	}
}
