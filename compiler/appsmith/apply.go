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
	"slices"
)

// Written says what Apply did with each file of a plan.
type Written struct {
	// Created are the files that were not there, Updated those replaced
	// (generated files, and merged ones), Unchanged those that already
	// held the same bytes, Kept the user's files left as they were.
	Created, Updated, Unchanged, Kept []string
}

// Apply writes the plan's files into the workspace directory dir (made if
// missing), all or none: each is written to a staging directory inside
// dir first, then renamed into place; should a rename fail, the files
// already moved are put back as they were. A file marked Keep is written
// only when missing; a file with the same bytes is not touched.
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
	stage := ".modc-import-" + randomHex()
	if err := root.Mkdir(stage, 0o755); err != nil {
		return nil, fmt.Errorf("create a staging directory in the workspace: %w", err)
	}
	fail := func(err error) (*Written, error) {
		_ = root.RemoveAll(stage)
		if createdRoot {
			_ = os.RemoveAll(dir)
		}
		return nil, err
	}
	type move struct {
		file   *File
		staged string
		backup string // where the file it replaces went; "" when new
	}
	var moves []*move
	for i, f := range files {
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
		m := &move{file: f, staged: fmt.Sprintf("%s/%d", stage, i)}
		if err == nil {
			m.backup = m.staged + ".old"
		}
		if err := root.WriteFile(m.staged, f.Data, 0o644); err != nil {
			return fail(fmt.Errorf("write %s: %w", f.Path, err))
		}
		moves = append(moves, m)
	}
	// Directories the moves create, to remove again on failure.
	var madeDirs []string
	mkdirs := func(p string) error {
		var missing []string
		for d := path.Dir(p); d != "." && d != "/"; d = path.Dir(d) {
			if _, err := root.Stat(filepath.FromSlash(d)); err == nil {
				break
			}
			missing = append(missing, d)
		}
		slices.Reverse(missing)
		for _, d := range missing {
			if err := root.Mkdir(filepath.FromSlash(d), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				return err
			}
			madeDirs = append(madeDirs, d)
		}
		return nil
	}
	undo := func(done []*move) {
		for i := len(done) - 1; i >= 0; i-- {
			m := done[i]
			dst := filepath.FromSlash(m.file.Path)
			if m.backup != "" {
				_ = root.Rename(m.backup, dst)
			} else {
				_ = root.Remove(dst)
			}
		}
		for i := len(madeDirs) - 1; i >= 0; i-- {
			_ = root.Remove(filepath.FromSlash(madeDirs[i]))
		}
	}
	for i, m := range moves {
		dst := filepath.FromSlash(m.file.Path)
		err := mkdirs(m.file.Path)
		if err == nil && moveFault != nil {
			err = moveFault(m.file.Path)
		}
		if err == nil && m.backup != "" {
			err = root.Rename(dst, m.backup)
		}
		if err == nil {
			err = root.Rename(m.staged, dst)
			if err != nil && m.backup != "" {
				_ = root.Rename(m.backup, dst)
			}
		}
		if err != nil {
			undo(moves[:i])
			return fail(fmt.Errorf("move %s into place: %w", m.file.Path, err))
		}
	}
	_ = root.RemoveAll(stage)
	for _, m := range moves {
		if m.backup != "" {
			w.Updated = append(w.Updated, m.file.Path)
		} else {
			w.Created = append(w.Created, m.file.Path)
		}
	}
	return w, nil
}

// moveFault, set by tests, fails the move of a file into place.
var moveFault func(path string) error

func randomHex() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
