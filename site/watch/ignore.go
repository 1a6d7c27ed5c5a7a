package watch

import (
	"path"
	"strconv"
	"strings"
)

// ignoredNames are file and directory names never watched, wherever they are.
var ignoredNames = map[string]bool{
	".git":         true,
	".hg":          true,
	".svn":         true,
	"node_modules": true,
	".DS_Store":    true,
	"Thumbs.db":    true,
}

// ignoredSuffixes end the names of editors' backups and temporary files.
var ignoredSuffixes = []string{
	"~",            // vim, Emacs and many others: backups
	"___jb_tmp___", // JetBrains safe write
	"___jb_old___", // JetBrains safe write
	".bck",         // Helix backups
	".kate-swp",    // Kate
	".crswap",      // Chromium's file system access API
}

// ignoredPrefixes start the names of editors' temporary files.
var ignoredPrefixes = []string{
	".#",              // Emacs lock files
	".goutputstream-", // GNOME (gedit…)
}

// Ignored reports whether a file or directory name (a base name, not a
// path) is one that editors, version control or the OS write next to the
// files people edit, and that never concerns a build: vim's write test file
// 4913 and its swap files, ~ backups, Emacs locks and auto-saves, JetBrains
// safe-write files, GNOME's .goutputstream-*, Helix's .bck backups,
// .DS_Store, and the .git and node_modules directories.
func Ignored(name string) bool {
	if ignoredNames[name] {
		return true
	}
	for _, s := range ignoredSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	for _, p := range ignoredPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	if len(name) > 1 && name[0] == '#' && name[len(name)-1] == '#' {
		return true // Emacs auto-saves
	}
	if ext := path.Ext(name); len(ext) == 4 && strings.HasPrefix(ext, ".sw") && ext[3] >= 'a' && ext[3] <= 'z' {
		return true // vim swap files: .swp, .swo, .swn… and the .swx probe
	}
	return vimWriteTest(name)
}

// vimWriteTest reports whether name is one of the files vim creates and
// deletes to test that a directory is writable: 4913, then 4913+123k while
// the name is taken.
func vimWriteTest(name string) bool {
	if len(name) < 4 || len(name) > 9 || name[0] == '0' {
		return false
	}
	n, err := strconv.Atoi(name)
	return err == nil && n >= 4913 && (n-4913)%123 == 0
}
