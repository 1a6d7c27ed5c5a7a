package gitver

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/memory"
)

// genSpec sizes a synthetic repository.
type genSpec struct {
	Packages int
	Commits  int
	Tags     int
	// Loose writes the tags as loose refs (one file each, as git tag does
	// until git gc or git pack-refs) instead of packed-refs.
	Loose bool
}

// genRepo writes a repository with a checked-out work tree into dir, with
// go-git plumbing only: objects are built in memory and written as one
// packfile (as a cloned or gc'ed repository has them), refs as packed-refs
// with peeled values (as git pack-refs writes them).
//
// Commit 0 adds every package; commit i > 0 changes package (i-1) mod P.
// The tags are spread over the commits but the last 1.5×P, alternately
// annotated and lightweight, each package's releases alternating
// X.Y.Z-rc.1 and X.Y.Z; one tag in 500 is also given a broken twin
// (p/v1.N). So every package has hundreds of releases and is changed once
// or twice since its latest one. It returns the package names.
func genRepo(tb testing.TB, dir string, s genSpec) []string {
	tb.Helper()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		tb.Fatal(err)
	}
	mem := memory.NewStorage()
	put := func(enc interface {
		Encode(plumbing.EncodedObject) error
	}) plumbing.Hash {
		o := mem.NewEncodedObject()
		if err := enc.Encode(o); err != nil {
			tb.Fatal(err)
		}
		h, err := mem.SetEncodedObject(o)
		if err != nil {
			tb.Fatal(err)
		}
		return h
	}
	blob := func(content string) plumbing.Hash {
		o := mem.NewEncodedObject()
		o.SetType(plumbing.BlobObject)
		w, _ := o.Writer()
		w.Write([]byte(content))
		w.Close()
		h, err := mem.SetEncodedObject(o)
		if err != nil {
			tb.Fatal(err)
		}
		return h
	}
	tree := func(entries ...object.TreeEntry) plumbing.Hash {
		sort.Sort(object.TreeEntrySorter(entries))
		return put(&object.Tree{Entries: entries})
	}

	pkgs := make([]string, s.Packages)
	for i := range pkgs {
		pkgs[i] = fmt.Sprintf("p%03d", i)
	}
	manifest := `{"kind": "js", "description": "generated"}` + "\n"
	manifestBlob := blob(manifest)
	mainJS := func(p string, n int) string {
		return fmt.Sprintf("export default {\n  version: %d,\n  hello() { return %q }\n}\n", n, p)
	}
	pkgTree := func(p string, n int) plumbing.Hash {
		m := tree(
			object.TreeEntry{Name: "main.js", Mode: filemode.Regular, Hash: blob(mainJS(p, n))},
			object.TreeEntry{Name: "module.json", Mode: filemode.Regular, Hash: manifestBlob},
		)
		return tree(object.TreeEntry{Name: "m", Mode: filemode.Dir, Hash: m})
	}
	config := blob(`{"title": "generated"}` + "\n")
	gen := make([]int, s.Packages)
	subs := make([]object.TreeEntry, s.Packages)
	for i, p := range pkgs {
		subs[i] = object.TreeEntry{Name: p, Mode: filemode.Dir, Hash: pkgTree(p, 0)}
	}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	sig := func(i int) object.Signature {
		return object.Signature{Name: "Gen", Email: "gen@example.com", When: base.Add(time.Duration(i) * time.Minute)}
	}
	commits := make([]plumbing.Hash, s.Commits)
	changed := make([]int, s.Commits) // package changed by commit i (-1: all)
	for i := range commits {
		msg := "add all packages"
		changed[i] = -1
		if i > 0 {
			p := (i - 1) % s.Packages
			gen[p]++
			subs[p].Hash = pkgTree(pkgs[p], gen[p])
			changed[i] = p
			msg = fmt.Sprintf("%s: change %d", pkgs[p], gen[p])
		}
		mods := tree(append([]object.TreeEntry(nil), subs...)...)
		root := tree(
			object.TreeEntry{Name: "modc.json", Mode: filemode.Regular, Hash: config},
			object.TreeEntry{Name: "modules", Mode: filemode.Dir, Hash: mods},
		)
		c := &object.Commit{Author: sig(i), Committer: sig(i), Message: msg + "\n", TreeHash: root}
		if i > 0 {
			c.ParentHashes = []plumbing.Hash{commits[i-1]}
		}
		commits[i] = put(c)
	}

	refs := map[string]plumbing.Hash{"refs/heads/main": commits[len(commits)-1]}
	peeled := map[string]plumbing.Hash{}
	taggable := s.Commits - 1 - s.Packages*3/2
	if taggable < 1 {
		taggable = 1
	}
	released := make([]int, s.Packages)
	for t := 0; t < s.Tags; t++ {
		i := 1 + t*taggable/s.Tags
		if i >= s.Commits {
			i = s.Commits - 1
		}
		p := changed[i]
		if p < 0 {
			p = 0
		}
		r := released[p]
		released[p]++
		ver := fmt.Sprintf("1.%d.%d", r/2/10, r/2%10)
		if r%2 == 0 {
			ver += "-rc.1"
		}
		name := pkgs[p] + "/v" + ver
		target := commits[i]
		if t%2 == 0 {
			target = put(&object.Tag{Name: name, Tagger: sig(i), Message: "release " + name + "\n", TargetType: plumbing.CommitObject, Target: commits[i]})
			peeled["refs/tags/"+name] = commits[i]
		}
		refs["refs/tags/"+name] = target
		if t%500 == 0 {
			refs[fmt.Sprintf("refs/tags/%s/v1.%d", pkgs[p], r)] = commits[i]
		}
	}

	// Pack every object into the repository.
	hashes := make([]plumbing.Hash, 0, len(mem.Objects))
	for h := range mem.Objects {
		hashes = append(hashes, h)
	}
	st := repo.Storer.(*filesystem.Storage)
	w, err := st.PackfileWriter()
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := packfile.NewEncoder(w, mem, false).Encode(hashes, 10); err != nil {
		tb.Fatal(err)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	names := make([]string, 0, len(refs))
	for n := range refs {
		names = append(names, n)
	}
	sort.Strings(names)
	var pr strings.Builder
	pr.WriteString("# pack-refs with: peeled fully-peeled sorted \n")
	gitDir := filepath.Join(dir, ".git")
	for _, n := range names {
		if s.Loose {
			writeFile(tb, filepath.Join(gitDir, filepath.FromSlash(n)), refs[n].String()+"\n")
			continue
		}
		fmt.Fprintf(&pr, "%s %s\n", refs[n], n)
		if p, ok := peeled[n]; ok {
			fmt.Fprintf(&pr, "^%s\n", p)
		}
	}
	writeFile(tb, filepath.Join(gitDir, "packed-refs"), pr.String())
	writeFile(tb, filepath.Join(gitDir, "HEAD"), "ref: refs/heads/main\n")

	// Check out HEAD.
	writeFile(tb, filepath.Join(dir, "modc.json"), `{"title": "generated"}`+"\n")
	for i, p := range pkgs {
		writeFile(tb, filepath.Join(dir, "modules", p, "m", "main.js"), mainJS(p, gen[i]))
		writeFile(tb, filepath.Join(dir, "modules", p, "m", "module.json"), manifest)
	}
	return pkgs
}

func writeFile(tb testing.TB, path, content string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
}
