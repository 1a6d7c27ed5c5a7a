package appsmith

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/modc-dev/modc/internal/parallel"
)

// Written says what Apply did with each file of a plan.
type Written struct {
	// Created are the files that were not there, Updated those replaced
	// (generated files, and merged ones), Unchanged those that already
	// held the same bytes, Kept the user's files left as they were.
	Created, Updated, Unchanged, Kept []string
}

// Apply writes the plan's files into the workspace directory dir (made if
// missing), all or none. Every file is first written into a staging
// directory inside dir, in the layout it will have; then each directory
// the workspace does not have yet is renamed into place whole, and each
// file whose directory exists is renamed over the old one, which is kept
// aside until all moves are done. Should a move fail, the moves already
// made are undone and the old files put back. A file marked Keep is written
// only when missing; a file with the same bytes is not touched. The
// workspace is reached through an os.Root, so a symbolic link in it cannot
// lead a write outside it.
func Apply(dir string, files []*File) (*Written, error) {
	w := &Written{}
	createdRoot := false
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create the workspace directory: %w", err)
		}
		createdRoot = true
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open the workspace directory: %w", err)
	}
	defer root.Close()
	removeStale(root)
	stage := stagePrefix + randomHex()
	if err := root.Mkdir(stage, 0o755); err != nil {
		return nil, fmt.Errorf("create a staging directory in the workspace: %w", err)
	}
	// The staging directory is new and import's own: it is written with
	// plain paths, which costs a third of the system calls of the root's.
	stageDir := filepath.Join(dir, stage)
	fail := func(err error) (*Written, error) {
		_ = root.RemoveAll(stage)
		if createdRoot {
			_ = os.RemoveAll(dir)
		}
		return nil, err
	}

	// exists says whether a directory of the workspace exists, remembered.
	dirs := map[string]bool{".": true}
	var exists func(d string) (bool, error)
	exists = func(d string) (bool, error) {
		if e, ok := dirs[d]; ok {
			return e, nil
		}
		if up, err := exists(path.Dir(d)); err != nil || !up {
			dirs[d] = false
			return false, err
		}
		fi, err := root.Lstat(filepath.FromSlash(d))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			dirs[d] = false
		case err != nil:
			return false, err
		case !fi.IsDir():
			return false, fmt.Errorf("%s is not a directory", d)
		default:
			dirs[d] = true
		}
		return dirs[d], nil
	}
	// newTop is the highest directory above p that the workspace lacks;
	// "" when p's own directory exists.
	newTop := func(p string) (string, error) {
		top := ""
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			e, err := exists(d)
			if err != nil {
				return "", err
			}
			if e {
				break
			}
			top = d
		}
		return top, nil
	}

	// Stage every file that is new or changed.
	staged := map[string]bool{} // directories made in the stage
	mkStage := func(d string) error {
		if d == "." || staged[d] {
			return nil
		}
		if err := os.MkdirAll(filepath.Join(stageDir, filepath.FromSlash(d)), 0o755); err != nil {
			return err
		}
		for ; d != "."; d = path.Dir(d) {
			staged[d] = true
		}
		return nil
	}
	type move struct {
		path    string // in the workspace (a file, or a new directory)
		replace bool   // an old file is there
	}
	var moves []*move
	var toStage []*File
	newDirs := map[string][]*File{}
	for _, f := range files {
		top, err := newTop(f.Path)
		if err != nil {
			return fail(fmt.Errorf("%s: %w", f.Path, err))
		}
		if top != "" {
			newDirs[top] = append(newDirs[top], f)
		} else {
			old, err := root.ReadFile(filepath.FromSlash(f.Path))
			switch {
			case err == nil && f.Keep:
				w.Kept = append(w.Kept, f.Path)
				continue
			case err == nil && bytes.Equal(old, f.Data):
				w.Unchanged = append(w.Unchanged, f.Path)
				continue
			case err != nil && !errors.Is(err, fs.ErrNotExist):
				return fail(fmt.Errorf("read %s: %w", f.Path, err))
			}
			moves = append(moves, &move{path: f.Path, replace: err == nil})
		}
		if err := mkStage(path.Dir(f.Path)); err != nil {
			return fail(fmt.Errorf("stage %s: %w", f.Path, err))
		}
		toStage = append(toStage, f)
	}
	// The files are written on 32 goroutines: on a slow disk, the
	// kernel's work per new file is most of an import's time.
	errs := make([]error, len(toStage))
	parallel.Map(len(toStage), 32, func(i int) {
		f := toStage[i]
		errs[i] = os.WriteFile(filepath.Join(stageDir, filepath.FromSlash(f.Path)), f.Data, 0o644)
	})
	for i, err := range errs {
		if err != nil {
			return fail(fmt.Errorf("stage %s: %w", toStage[i].Path, err))
		}
	}
	for top := range newDirs {
		moves = append(moves, &move{path: top})
	}
	sort.Slice(moves, func(i, j int) bool { return moves[i].path < moves[j].path })

	// Move into place; old files go aside, under .old/ in the stage.
	const aside = ".old"
	undo := func(done []*move) {
		for i := len(done) - 1; i >= 0; i-- {
			m := done[i]
			p := filepath.FromSlash(m.path)
			if m.replace {
				_ = root.Rename(filepath.Join(stage, aside, p), p)
			} else {
				_ = root.Rename(p, filepath.Join(stage, p))
			}
		}
	}
	for i, m := range moves {
		p := filepath.FromSlash(m.path)
		var err error
		if moveFault != nil {
			err = moveFault(m.path)
		}
		if err == nil && m.replace {
			if err = os.MkdirAll(filepath.Join(stageDir, aside, filepath.Dir(p)), 0o755); err == nil {
				err = root.Rename(p, filepath.Join(stage, aside, p))
			}
		}
		if err == nil {
			err = root.Rename(filepath.Join(stage, p), p)
			if err != nil && m.replace {
				_ = root.Rename(filepath.Join(stage, aside, p), p)
			}
		}
		if err != nil {
			undo(moves[:i])
			return fail(fmt.Errorf("move %s into place: %w", m.path, err))
		}
	}
	_ = root.RemoveAll(stage)
	for _, m := range moves {
		switch {
		case m.replace:
			w.Updated = append(w.Updated, m.path)
		case newDirs[m.path] != nil:
			for _, f := range newDirs[m.path] {
				w.Created = append(w.Created, f.Path)
			}
		default:
			w.Created = append(w.Created, m.path)
		}
	}
	sort.Strings(w.Created)
	return w, nil
}

const stagePrefix = ".modc-import-"

// removeStale removes the staging directories of imports that were killed
// (older than an hour: an import that runs takes seconds).
func removeStale(root *os.Root) {
	f, err := root.Open(".")
	if err != nil {
		return
	}
	entries, _ := f.ReadDir(-1)
	f.Close()
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), stagePrefix) {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > time.Hour {
			_ = root.RemoveAll(e.Name())
		}
	}
}

// moveFault, set by tests, fails the move of a file or directory into place.
var moveFault func(path string) error

func randomHex() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
