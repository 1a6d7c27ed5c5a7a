package workspace

import (
	"fmt"
	"os"
	"path/filepath"
)

// ConfigFile is the file that marks a workspace's root.
const ConfigFile = "modc.json"

// NoWorkspaceError is FindRoot's error when no directory up from Dir has
// a modc.json.
type NoWorkspaceError struct {
	Dir string // absolute
}

func (e *NoWorkspaceError) Error() string {
	return fmt.Sprintf("no %s in %s or any parent directory", ConfigFile, e.Dir)
}

// FindRoot returns the root of the workspace start is in: start itself or
// the nearest parent directory with a modc.json, as git looks for .git.
// When named is set (start was given as --root), start is also a root when
// it has a modules/ directory and no modc.json: a workspace whose
// modc.json is left out. The root is returned as start when it is start,
// else as an absolute path.
func FindRoot(start string, named bool) (string, error) {
	abs, err := filepath.Abs(start)
	if err != nil {
		return "", fmt.Errorf("find the workspace of %s: %w", start, err)
	}
	// A directory that cannot be read (no permission, a file on the way)
	// has no workspace in it: the search goes on up, as git's does.
	has := func(dir, name string, wantDir bool) bool {
		fi, err := os.Stat(filepath.Join(dir, name))
		return err == nil && fi.IsDir() == wantDir
	}
	if named && has(abs, "modules", true) {
		return start, nil
	}
	for dir := abs; ; {
		if has(dir, ConfigFile, false) {
			if dir == abs {
				return start, nil
			}
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", &NoWorkspaceError{Dir: abs}
		}
		dir = parent
	}
}
