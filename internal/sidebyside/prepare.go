package sidebyside

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/modc-dev/modc/compiler/gen"
)

// hugoTheme is a Hugo site doing for a content page what modc's default
// theme does: a layout with a sidebar of the section's pages, the page's
// table of contents, prev/next links, highlighted code, and a JSON search
// index of every page.
//
//go:embed all:hugo
var hugoTheme embed.FS

// modulesPerPackage is how the generator splits a size into packages, as
// SPEC 11 does (50 × 20 = 1,000).
const modulesPerPackage = 20

// Workspace is one generated workspace and its counterparts for the other
// tools: the same main.js files as esbuild entry points (one per package)
// and the same markdown pages as a Hugo site.
type Workspace struct {
	Size     int         // modules, pages and bindings
	Gen      gen.Options // what the generator wrote
	Dir      string      // the modc workspace, a git repository
	Packages []string    // its packages
	Entries  []string
	HugoSite string

	original []byte // the edited main.js before its first edit
}

// genOptions sizes the workspace of size modules.
func genOptions(size int, seed uint64) gen.Options {
	o := gen.Options{Packages: size / modulesPerPackage, Modules: modulesPerPackage, Pages: size, Bindings: size, Seed: seed}
	if size < modulesPerPackage {
		o.Packages, o.Modules = 1, size
	}
	return o
}

// prepare writes the workspace of size under work: the modc workspace,
// committed; the esbuild entry points; and the Hugo site.
func prepare(work string, size int, seed uint64) (*Workspace, error) {
	o := genOptions(size, seed)
	w := &Workspace{
		Size:     size,
		Gen:      o,
		Dir:      filepath.Join(work, fmt.Sprintf("modc-%d", size)),
		HugoSite: filepath.Join(work, fmt.Sprintf("hugo-%d", size)),
	}
	if err := gen.Write(w.Dir, o); err != nil {
		return nil, err
	}
	git := [][]string{
		{"init", "-q", "-b", "main"},
		{"add", "-A"},
		{"-c", "gc.auto=0", "commit", "-q", "-m", "generated workspace"},
	}
	// Packed, as a real repository is, and so that no background
	// `git gc --auto` runs beside the measured builds.
	git = append(git, []string{"gc", "-q"})
	for _, args := range git {
		if err := run(w.Dir, "git", args...); err != nil {
			return nil, err
		}
	}

	entries := filepath.Join(work, fmt.Sprintf("esbuild-%d", size))
	for i := range o.Packages {
		w.Packages = append(w.Packages, gen.PackageName(i))
		var b strings.Builder
		for j := range o.Modules {
			fmt.Fprintf(&b, "export { default as %s } from %q;\n", gen.ModuleName(j), filepath.Join(w.Dir, "modules", gen.PackageName(i), gen.ModuleName(j), "main.js"))
		}
		p := filepath.Join(entries, gen.PackageName(i)+".js")
		if err := writeFile(p, []byte(b.String())); err != nil {
			return nil, err
		}
		w.Entries = append(w.Entries, p)
	}

	if err := HugoSite(w.HugoSite, filepath.Join(w.Dir, "content")); err != nil {
		return nil, err
	}
	return w, nil
}

// editedModule is the main.js the edit runs change, and the statement
// whose string they change.
const (
	editedModule = "main.js"
	editFrom     = "await api_get.run({ id });"
	editTo       = "await api_get.run({ id, tag: \"edit %d\" });"
)

// edit changes a string in the first module's main.js: the n-th edit
// writes "edit n".
func (w *Workspace) edit(n int) error {
	p := filepath.Join(w.Dir, "modules", gen.PackageName(0), gen.ModuleName(0), editedModule)
	if w.original == nil {
		data, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("editing a module: %w", err)
		}
		if !bytes.Contains(data, []byte(editFrom)) {
			return fmt.Errorf("editing a module: %s has no %q", p, editFrom)
		}
		w.original = data
	}
	data := bytes.Replace(w.original, []byte(editFrom), fmt.Appendf(nil, editTo, n), 1)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("editing a module: %w", err)
	}
	return nil
}

// unedit puts back the main.js edit changed.
func (w *Workspace) unedit() error {
	if w.original == nil {
		return nil
	}
	p := filepath.Join(w.Dir, "modules", gen.PackageName(0), gen.ModuleName(0), editedModule)
	if err := os.WriteFile(p, w.original, 0o644); err != nil {
		return fmt.Errorf("restoring the edited module: %w", err)
	}
	return nil
}

// release tags every package v1.0.0 at HEAD, as a published workspace
// is: builds then also build each release (or take it from the cache) and
// its versioned docs pages.
func (w *Workspace) release() error {
	for _, p := range w.Packages {
		if err := run(w.Dir, "git", "tag", p+"/v1.0.0"); err != nil {
			return err
		}
	}
	return nil
}

// HugoSite writes a Hugo site at dir with the theme `make bench` compares
// modc's docs with, and the markdown pages of the workspace content
// directory content.
func HugoSite(dir, content string) error {
	theme, err := fs.Sub(hugoTheme, "hugo")
	if err != nil {
		return err
	}
	err = fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		return writeFile(filepath.Join(dir, filepath.FromSlash(p)), data)
	})
	if err != nil {
		return fmt.Errorf("writing the Hugo theme: %w", err)
	}
	return filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, err := filepath.Rel(content, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return writeFile(filepath.Join(dir, "content", rel), data)
	})
}

func writeFile(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// run runs a command in dir, with its output in the error when it fails.
func run(dir, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GIT_AUTHOR_NAME=modc bench", "GIT_AUTHOR_EMAIL=bench@example.com",
		"GIT_COMMITTER_NAME=modc bench", "GIT_COMMITTER_EMAIL=bench@example.com",
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, tail(string(out), 2000))
	}
	return nil
}
