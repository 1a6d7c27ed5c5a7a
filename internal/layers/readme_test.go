package layers

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// layoutEntry matches a name the README's layout lists: a directory
// (ending in /, maybe several segments) or a file.
var layoutEntry = regexp.MustCompile(`^(?:[A-Za-z0-9_.-]+/)+$|^[A-Za-z0-9_-]+\.(?:go|json)$`)

// TestReadmeLayout checks README's "Repository layout" against the tree:
// every directory and file it lists (nested by indentation, two spaces a
// level) exists, and every Go package of the repository is in it, listed
// or named in a description ("jsonpos/", "app/widgets").
func TestReadmeLayout(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "## Repository layout\n\n```\n")
	block, _, ok2 := strings.Cut(rest, "\n```")
	if !ok || !ok2 {
		t.Fatal("README.md has no code block under \"## Repository layout\"")
	}

	listed := map[string]bool{}
	var parents []string // the path of the directory entry last seen at each depth
	for _, line := range strings.Split(block, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		depth := (len(line) - len(trimmed)) / 2
		names, _, _ := strings.Cut(trimmed, "  ") // the names, before the description
		fields := strings.Fields(names)
		if len(fields) == 0 || depth > len(parents) {
			continue
		}
		var first string
		for _, name := range fields {
			name = strings.TrimSuffix(name, ",")
			if !layoutEntry.MatchString(name) {
				first = "" // a description's continuation, not names
				break
			}
			p := path.Clean(name)
			if depth > 0 {
				p = path.Join(parents[depth-1], name)
			}
			if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(p))); err != nil {
				t.Errorf("README's layout lists %s (line %q), which is not in the tree", p, strings.TrimSpace(line))
			}
			listed[p] = true
			if first == "" && strings.HasSuffix(name, "/") {
				first = p
			}
		}
		if first != "" {
			parents = append(parents[:depth], first)
		}
	}

	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules" || name == "out" || name == "dist") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		pkg := filepath.ToSlash(rel)
		if pkg == "." || listed[pkg] {
			return nil
		}
		base := path.Base(pkg)
		named := base + "/"
		if dir := path.Dir(pkg); dir != "." {
			named = path.Base(dir) + "/" + base
		}
		if !strings.Contains(block, base+"/") && !strings.Contains(block, named) {
			t.Errorf("package %s is not in README's layout: list it (or name %q in its parent's description)", pkg, base+"/")
		}
		listed[pkg] = true // once per package
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
