package gitver

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// commitInfo is what versions need of one commit, read once per reader.
type commitInfo struct {
	hash   plumbing.Hash
	tree   plumbing.Hash
	parent plumbing.Hash // first parent; zero for a root commit
	// boundary is set for a shallow clone's boundary commits, whose parents
	// are not in the repository.
	boundary   bool
	subject    string
	author     string
	authorDate time.Time
	commitDate time.Time
	// subs holds the tree hash of each package's directory (zero when the
	// package does not exist in the commit); nil until computed.
	subs []plumbing.Hash
}

// reader reads commits and trees for one Versions call, caching what it
// reads: a commit is decoded once, a modules/ tree is split once.
type reader struct {
	r    *Repo
	pkgs []string
	idx  map[string]int
	// modPath is the path from the repository root to modules/.
	modPath []string
	commits map[plumbing.Hash]*commitInfo
	modSubs map[plumbing.Hash][]plumbing.Hash
	buf     []byte
	noSubs  []plumbing.Hash
}

func newReader(r *Repo, pkgs []string) *reader {
	rd := &reader{
		r:       r,
		pkgs:    pkgs,
		idx:     make(map[string]int, len(pkgs)),
		commits: map[plumbing.Hash]*commitInfo{},
		modSubs: map[plumbing.Hash][]plumbing.Hash{},
		noSubs:  make([]plumbing.Hash, len(pkgs)),
	}
	for i, p := range pkgs {
		rd.idx[p] = i
	}
	if r.prefix != "" {
		rd.modPath = strings.Split(r.prefix, "/")
	}
	rd.modPath = append(rd.modPath, "modules")
	return rd
}

// errMissing says an object is not in the repository (shallow clone).
var errMissing = errors.New("object not in the repository")

// raw reads an object's content into the reader's buffer; the result is
// valid until the next call.
func (rd *reader) raw(t plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	obj, err := rd.r.st.EncodedObject(t, h)
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return nil, fmt.Errorf("%s %s: %w", t, h, errMissing)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s %s: %w", t, h, err)
	}
	rc, err := obj.Reader()
	if err != nil {
		return nil, fmt.Errorf("read %s %s: %w", t, h, err)
	}
	defer rc.Close()
	n := int(obj.Size())
	if cap(rd.buf) < n {
		rd.buf = make([]byte, n)
	}
	rd.buf = rd.buf[:n]
	if _, err := io.ReadFull(rc, rd.buf); err != nil {
		return nil, fmt.Errorf("read %s %s: %w", t, h, err)
	}
	return rd.buf, nil
}

// commit returns the commit h, reading it on first use. A commit that is not
// in the repository gives an error wrapping errMissing.
func (rd *reader) commit(h plumbing.Hash) (*commitInfo, error) {
	if ci := rd.commits[h]; ci != nil {
		return ci, nil
	}
	obj, err := rd.r.st.EncodedObject(plumbing.CommitObject, h)
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return nil, fmt.Errorf("commit %s: %w", h, errMissing)
	}
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", h, err)
	}
	return rd.decodeCommit(obj)
}

// decodeCommit decodes and caches a commit object.
func (rd *reader) decodeCommit(obj plumbing.EncodedObject) (*commitInfo, error) {
	h := obj.Hash()
	if ci := rd.commits[h]; ci != nil {
		return ci, nil
	}
	var c object.Commit
	if err := c.Decode(obj); err != nil {
		return nil, fmt.Errorf("decode commit %s: %w", h, err)
	}
	ci := &commitInfo{
		hash:       h,
		tree:       c.TreeHash,
		subject:    subject(c.Message),
		author:     c.Author.Name,
		authorDate: c.Author.When,
		commitDate: c.Committer.When,
	}
	if len(c.ParentHashes) > 0 {
		ci.parent = c.ParentHashes[0]
		ci.boundary = rd.r.shallow[h]
	}
	rd.commits[h] = ci
	return ci, nil
}

// subject is the first line of a commit message.
func subject(msg string) string {
	msg = strings.TrimLeft(msg, "\n")
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return strings.TrimSpace(msg)
}

// packageTrees returns the tree hash of every package directory in commit
// ci (zero where a package is absent).
func (rd *reader) packageTrees(ci *commitInfo) ([]plumbing.Hash, error) {
	if ci.subs != nil {
		return ci.subs, nil
	}
	h := ci.tree
	for _, name := range rd.modPath {
		next, err := rd.dirEntry(h, name)
		if err != nil {
			return nil, fmt.Errorf("commit %s: %w", ci.hash, err)
		}
		if next.IsZero() {
			ci.subs = rd.noSubs
			return ci.subs, nil
		}
		h = next
	}
	subs, err := rd.split(h)
	if err != nil {
		return nil, fmt.Errorf("commit %s: %w", ci.hash, err)
	}
	ci.subs = subs
	return subs, nil
}

// dirEntry returns the hash of the subdirectory name of tree h, zero if
// there is none.
func (rd *reader) dirEntry(h plumbing.Hash, name string) (plumbing.Hash, error) {
	data, err := rd.raw(plumbing.TreeObject, h)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	var found plumbing.Hash
	err = eachEntry(data, func(mode filemode.FileMode, n []byte, eh []byte) bool {
		if mode == filemode.Dir && string(n) == name {
			copy(found[:], eh)
			return false
		}
		return true
	})
	return found, err
}

// split returns the tree hash of each package directory in the modules/
// tree h.
func (rd *reader) split(h plumbing.Hash) ([]plumbing.Hash, error) {
	if subs, ok := rd.modSubs[h]; ok {
		return subs, nil
	}
	data, err := rd.raw(plumbing.TreeObject, h)
	if err != nil {
		return nil, err
	}
	subs := make([]plumbing.Hash, len(rd.pkgs))
	err = eachEntry(data, func(mode filemode.FileMode, n []byte, eh []byte) bool {
		if mode == filemode.Dir {
			if i, ok := rd.idx[string(n)]; ok {
				copy(subs[i][:], eh)
			}
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	rd.modSubs[h] = subs
	return subs, nil
}

// eachEntry calls fn for each entry of a raw tree object until fn returns
// false. Name and hash alias data.
func eachEntry(data []byte, fn func(mode filemode.FileMode, name, hash []byte) bool) error {
	for len(data) > 0 {
		sp := indexByte(data, ' ')
		if sp < 0 {
			return errors.New("malformed tree: no mode terminator")
		}
		var mode uint32
		for _, c := range data[:sp] {
			if c < '0' || c > '7' {
				return errors.New("malformed tree: bad mode")
			}
			mode = mode<<3 | uint32(c-'0')
		}
		data = data[sp+1:]
		nul := indexByte(data, 0)
		if nul < 0 || len(data) < nul+1+20 {
			return errors.New("malformed tree: truncated entry")
		}
		name, hash := data[:nul], data[nul+1:nul+21]
		data = data[nul+21:]
		if !fn(canonicalMode(mode), name, hash) {
			return nil
		}
	}
	return nil
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// canonicalMode maps a raw tree mode to the modes git writes.
func canonicalMode(mode uint32) filemode.FileMode {
	switch mode & 0o170000 {
	case 0o040000:
		return filemode.Dir
	case 0o100000:
		if mode&0o111 != 0 {
			return filemode.Executable
		}
		return filemode.Regular
	case 0o120000:
		return filemode.Symlink
	}
	return filemode.Submodule
}

// tagInfo is what a tag reference resolves to.
type tagInfo struct {
	commit    plumbing.Hash
	annotated bool
	date      time.Time // tagger date, zero for lightweight tags
	message   string
	// ci is the commit, nil when it is not in the repository.
	ci *commitInfo
}

// resolveTag follows a tag reference through annotated tag objects to its
// commit and reads the commit. A missing object gives an error wrapping
// errMissing (with commit set when known); a tag of a tree or blob gives
// errNotCommit.
func (rd *reader) resolveTag(target plumbing.Hash) (tagInfo, error) {
	var ti tagInfo
	h := target
	for depth := 0; depth < 10; depth++ {
		if ci := rd.commits[h]; ci != nil {
			ti.commit, ti.ci = h, ci
			return ti, nil
		}
		obj, err := rd.r.st.EncodedObject(plumbing.AnyObject, h)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			ti.commit = h
			return ti, fmt.Errorf("object %s: %w", h, errMissing)
		}
		if err != nil {
			return ti, fmt.Errorf("read object %s: %w", h, err)
		}
		switch obj.Type() {
		case plumbing.CommitObject:
			ci, err := rd.decodeCommit(obj)
			if err != nil {
				return ti, err
			}
			ti.commit, ti.ci = h, ci
			return ti, nil
		case plumbing.TagObject:
			var t object.Tag
			if err := t.Decode(obj); err != nil {
				return ti, fmt.Errorf("decode tag %s: %w", h, err)
			}
			if !ti.annotated {
				ti.annotated, ti.date, ti.message = true, t.Tagger.When, strings.TrimSpace(t.Message)
			}
			h = t.Target
		default:
			return ti, fmt.Errorf("%w (it is a %s)", errNotCommit, obj.Type())
		}
	}
	return ti, fmt.Errorf("tag %s: too many nested tags", target)
}

var errNotCommit = errors.New("the tag does not point to a commit")
