package docs

import (
	"bytes"
	"io/fs"
	"maps"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/model"
	"github.com/modc-dev/modc/internal/parallel"
)

// Renderer renders a workspace's docs site again and again, as the
// devserver does after each save, and re-renders only the pages whose
// inputs changed since its previous rendering; its output equals Render's
// on the same input, byte for byte and message for message (tested).
//
// A page is rendered again when
//   - it is a module page and its *model.Module is not the same pointer
//     as last time (a compiler.Session hands the same one while a change
//     did not touch the module's files, analysis or dry run);
//   - it is a package or module page and its package's bundle changed
//     (the package page's embed snippet shows the bundle's integrity hash,
//     and a theme may show it on module pages): then only its template is
//     executed again, with the markdown of the last rendering;
//   - it is a content page and its file's text changed;
//   - a file whose existence one of its messages tells of changed (a link
//     to a draft, or to a missing file);
//   - anything site-wide changed: the templates, the options or modc.json's
//     title, base URL and rawHTML, the set of pages and their titles and
//     sources, the sidebar (titles, weights, drafts, pages added or
//     removed), the packages and the modules' names, kinds, descriptions
//     and versions, the apps, or the names of the other output files.
//
// This assumes what the default theme does: a page's template reads the
// page and what Site says of the whole site, but not the documentation of
// other modules (their functions, READMEs and examples). Files of content/,
// templates/ and apps/ are read again only when changed names them (or a
// directory holding them). The anchors links point to are checked and the
// search index is assembled on every rendering, from what each page keeps.
// Unchanged output files keep the same []byte from one rendering to the
// next, which makes comparing outputs cheap.
//
// A Renderer is safe for concurrent use, though renderings run one at a
// time.
type Renderer struct {
	opts Options
	mu   sync.Mutex
	prev *state
	// pending is the rendering whose pages RenderFirst left for Later.
	pending *site
	// rendered and executed count the pages whose markdown the last call
	// rendered and whose template it executed (for tests).
	rendered, executed int
}

// NewRenderer returns a Renderer with opts.
func NewRenderer(opts Options) *Renderer { return &Renderer{opts: opts} }

// Render renders the docs site of r as the package-level Render does.
// changed holds the workspace-relative slash paths of the files that
// changed since the previous call (directories stand for everything in
// them); nil means that anything may have changed, as on the first call,
// and renders every page. The returned files are kept to compare with the
// next rendering: the caller must not modify them.
func (rd *Renderer) Render(r *compiler.Result, fsys fs.FS, changed []string) (map[string][]byte, diag.List) {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	s := rd.render(r, fsys, changed, false)
	return s.files, dedupe(s.msgs)
}

// RenderFirst is Render for the devserver, which tells pages to reload as
// soon as it can: the pages that differ from the previous rendering only
// by what their template shows of the package bundle (the embed snippet's
// integrity hashes, which change with every edit of a module of the
// package) are left out of files and listed in later, for Later to render.
// Their messages and anchors are taken to be those of their previous
// rendering (the hashes change neither in the default theme); Later reports
// it should a template disagree. The next RenderFirst or Render calls Later
// first when it was not called.
func (rd *Renderer) RenderFirst(r *compiler.Result, fsys fs.FS, changed []string) (files map[string][]byte, later []string, msgs diag.List) {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	s := rd.render(r, fsys, changed, true)
	for _, p := range s.later {
		delete(s.files, p.path()) // Later adds them to a copy: files is the caller's
		later = append(later, p.path())
	}
	if s.laterSearch {
		later = append(later, SearchIndexFile, SearchIndexJS)
	}
	if len(later) > 0 {
		rd.pending = s
		sort.Strings(later)
	}
	return s.files, later, dedupe(s.msgs)
}

// Later renders the pages the last RenderFirst left out, and returns them
// by output path with their messages (none unless a template shows the
// bundle's hashes in its anchors or fails on them: then the next rendering
// renders every page again). The output of RenderFirst with Later's files
// equals Render's (tested).
func (rd *Renderer) Later() (map[string][]byte, diag.List) {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	return rd.later()
}

func (rd *Renderer) later() (map[string][]byte, diag.List) {
	s := rd.pending
	if s == nil {
		return nil, nil
	}
	rd.pending = nil
	// The previous outputs, for execute to size its buffers.
	s.prev = &state{pages: make(map[string]*Page, len(s.later))}
	for _, p := range s.later {
		s.prev.pages[p.path()] = &Page{html: p.html}
	}
	defer func() { s.prev = nil }()
	parallel.Map(len(s.later), 0, func(i int) {
		p := s.later[i]
		ids := p.ids
		p.ids = nil
		s.execute(p)
		if len(p.msgs) > 0 {
			p.html = nil
		} else if ids != nil && !maps.Equal(ids, idsOf(p.html)) {
			p.msgs.Add(diag.Errorf("docs-anchors-changed", p.loc, "the anchors of %s changed with the bundle's integrity hash: rendering every page again", p.path()))
		}
		p.ids = ids
	})
	files := make(map[string][]byte, len(s.later)+2)
	var msgs diag.List
	for _, p := range s.later {
		msgs.Add(p.msgs...)
		if p.html != nil {
			files[p.path()] = p.html
		}
	}
	if s.laterSearch {
		// The pages left for Later kept their entries (restore).
		index := s.searchIndex()
		files[SearchIndexFile], files[SearchIndexJS] = index, searchScript(index)
		s.laterSearch = false
	}
	// The next rendering compares with the whole output; RenderFirst's
	// files, without these, are the caller's.
	rd.prev.files = make(map[string][]byte, len(s.files)+len(files))
	maps.Copy(rd.prev.files, s.files)
	maps.Copy(rd.prev.files, files)
	s.later = nil
	if len(msgs) > 0 {
		rd.prev.global = "" // what the pages showed was not what they are: start afresh
	}
	msgs.Sort()
	return files, dedupe(msgs)
}

// render runs one rendering; with later, it leaves pages for Later.
func (rd *Renderer) render(r *compiler.Result, fsys fs.FS, changed []string, later bool) *site {
	rd.later()
	s := newSite(r, fsys, rd.opts)
	s.prev, s.changed, s.deferEmbed = rd.prev, newChanges(changed), later
	s.run()
	rd.prev, rd.rendered, rd.executed = s.state(), s.rendered, s.executed
	s.prev = nil // what is kept must not hold every previous rendering
	s.msgs.Sort()
	return s
}

// state is what a rendering leaves for the next one.
type state struct {
	// global is what every page depends on (see site.globalKey); pages
	// are reused only when it did not change.
	global    string
	theme     *theme
	themeMsgs diag.List
	content   map[string]*contentEntry // by workspace path
	// contentPaths list content/ in walk order, contentMsgs the problems
	// listing it.
	contentPaths []string
	contentMsgs  diag.List
	appTitles    map[string]string // by app name
	pages        map[string]*Page  // by output path
	files        map[string][]byte // the output
}

// pageKey is what a page depends on besides the site-wide state: a module
// page's module, analysis and dry run, a content page's text.
type pageKey struct {
	module *model.Module
	old    bool
	text   string
	// embed is what the page shows of embedding its package (EmbedDoc.key).
	embed string
}

// markdown is what the page's markdown depends on: its key without what
// only its template shows (but whether the package has an embed snippet,
// which the table of contents lists).
func (k pageKey) markdown() pageKey {
	if k.embed != "" {
		k.embed = "\x00embed"
	}
	return k
}

// state returns what the next rendering may reuse.
func (s *site) state() *state {
	if s.theme == nil { // nothing was rendered: start afresh next time
		st := &state{}
		if s.prev != nil {
			st.files = s.prev.files
		}
		return st
	}
	st := &state{global: s.global, theme: s.theme, themeMsgs: s.themeMsgs, content: s.content,
		contentPaths: s.contentPaths, contentMsgs: s.contentMsgs, appTitles: s.appTitles, pages: make(map[string]*Page, len(s.pages)), files: s.files}
	for _, p := range s.pages {
		st.pages[p.path()] = p
	}
	return st
}

// useTheme returns the previous rendering's theme when templates/ did not
// change, else loads it.
func (s *site) useTheme() (*theme, diag.List) {
	if s.prev != nil && s.prev.theme != nil && !s.changed.within("templates") {
		s.themeMsgs = s.prev.themeMsgs
		return s.prev.theme, s.themeMsgs
	}
	th, msgs := loadTheme(s.fsys)
	s.themeMsgs = msgs
	return th, msgs
}

// reuse returns the previous rendering's output file p when it holds the
// same bytes as data, else data.
func (s *site) reuse(p string, data []byte) []byte {
	if s.prev != nil {
		if old, ok := s.prev.files[p]; ok && bytes.Equal(old, data) {
			return old
		}
	}
	return data
}

// reusableNav returns the previous rendering's nav.js when the global key
// did not change.
func (s *site) reusableNav() ([]byte, bool) {
	if !s.sameGlobal {
		return nil, false
	}
	old, ok := s.prev.files[NavScript]
	return old, ok
}

// What restore could reuse of a page.
const (
	restoredNone     = iota // nothing: the page is rendered again
	restoredMarkdown        // its markdown: its template is executed again
	restoredAll             // everything, its output included
	// restoredLater is restoredMarkdown with the template left for Later:
	// until then the page holds its previous output, anchors and messages.
	restoredLater
)

// restore gives p what the previous rendering made of it, as far as what
// it depends on did not change: all of it, or what its markdown gave when
// only what its template shows changed (the embed snippet).
func (s *site) restore(p *Page) int {
	if !s.sameGlobal {
		return restoredNone
	}
	old := s.prev.pages[p.path()]
	if old == nil || old.key.markdown() != p.key.markdown() || old.Kind != p.Kind {
		return restoredNone
	}
	for _, d := range old.deps {
		if s.changed.touches(d) {
			return restoredNone
		}
	}
	p.renderMsgs, p.refs, p.deps = old.renderMsgs, old.refs, old.deps
	if p.render != nil {
		p.Content, p.HasTitle, p.TOC = old.Content, old.HasTitle, old.TOC
	}
	if md := p.Module; md != nil && old.Module != nil {
		// Everything rendering filled in; the rest is this rendering's.
		pkg, versions, src := md.Package, md.Versions, md.src
		*md = *old.Module
		md.Package, md.Versions, md.src = pkg, versions, src
	}
	if old.key != p.key {
		if s.deferEmbed && old.html != nil && len(old.msgs) == 0 {
			p.html, p.ids, p.search = old.html, old.ids, old.search
			s.later = append(s.later, p)
			return restoredLater
		}
		return restoredMarkdown
	}
	p.html, p.msgs, p.ids, p.search = old.html, old.msgs, old.ids, old.search
	return restoredAll
}

// sameIDs gives a page rendered again the anchors found in its previous
// output when the output is the same.
func (s *site) sameIDs(p *Page) {
	if s.prev == nil || len(p.html) == 0 {
		return
	}
	if old := s.prev.pages[p.path()]; old != nil && len(old.html) == len(p.html) && &old.html[0] == &p.html[0] {
		p.ids = old.ids
	}
}

// globalKey serializes what every page may depend on besides itself (see
// Renderer): when it changes, every page is rendered again.
func (s *site) globalKey() string {
	var k keyWriter
	if s.prev != nil {
		k.prev = s.prev.global
	}
	o := s.opts
	k.add("options", o.BaseURL, o.Title, strconv.FormatBool(o.RawHTML))
	if r := s.info.Repository; r != nil {
		k.add("repository", r.URL, r.Branch, r.Dir, r.EditURL, r.SourceURL)
	}
	names := make([]string, 0, len(s.theme.files))
	for name := range s.theme.files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f := s.theme.files[name]
		k.add("template", name, strconv.FormatBool(f.override), f.src.Text)
	}
	pkgs := map[*PackageDoc]bool{}
	for _, p := range s.pages {
		k.add("page", p.path(), p.Kind, p.URL, p.Root, p.Title, p.Source)
		for _, l := range []*Link{p.Prev, p.Next} {
			if l != nil {
				k.add("link", l.Title, l.URL)
			} else {
				k.add("-")
			}
		}
		for _, l := range p.Breadcrumbs {
			k.add("crumb", l.Title, l.URL)
		}
		if p.Package != nil && !pkgs[p.Package] {
			pkgs[p.Package] = true
			k.pkg(p.Package)
		}
	}
	var sources []string
	for src := range s.sources {
		sources = append(sources, src)
	}
	sort.Strings(sources)
	for _, src := range sources {
		k.add("source", src, s.sources[src].path())
	}
	known := make([]string, 0, len(s.known))
	for f := range s.known {
		known = append(known, f)
	}
	sort.Strings(known)
	k.add(append([]string{"files"}, known...)...)
	k.nav(s.info.Nav, 0)
	for _, a := range s.info.Apps {
		k.add("app", a.Title, a.URL)
	}
	for _, pd := range s.info.Packages {
		k.add("package", pd.Name, pd.URL)
	}
	return k.String()
}

// keyWriter writes fields unambiguously, each prefixed by its length. As
// long as what it is given is the start of prev (the previous key), it only
// compares: an unchanged key is not copied.
type keyWriter struct {
	b    strings.Builder
	prev string
	n    int // the length of prev matched, or -1 once the key differs
}

func (k *keyWriter) add(fields ...string) {
	var num [20]byte
	for _, f := range fields {
		k.write(strconv.AppendInt(num[:0], int64(len(f)), 10), "")
		k.write(nil, ":")
		k.write(nil, f)
	}
	k.write(nil, "\n")
}

// write writes b, or s when b is nil.
func (k *keyWriter) write(b []byte, s string) {
	if k.n >= 0 {
		rest := k.prev[k.n:]
		if b != nil && len(b) <= len(rest) && rest[:len(b)] == string(b) {
			k.n += len(b)
			return
		}
		if b == nil && strings.HasPrefix(rest, s) {
			k.n += len(s)
			return
		}
		k.b.Grow(len(k.prev) + 4096)
		k.b.WriteString(k.prev[:k.n])
		k.n = -1
	}
	if b != nil {
		k.b.Write(b)
	} else {
		k.b.WriteString(s)
	}
}

// String returns the key written.
func (k *keyWriter) String() string {
	if k.n >= 0 {
		return k.prev[:k.n]
	}
	return k.b.String()
}

// pkg writes what pages show of a package: everything but its modules'
// rendered documentation.
func (k *keyWriter) pkg(pd *PackageDoc) {
	k.add("package", pd.Name, pd.Description, strings.Join(pd.Keywords, "\x00"), pd.URL, pd.Version,
		strconv.FormatBool(pd.Latest), strconv.FormatBool(pd.Released), pd.Status, pd.Bundle)
	for _, v := range pd.Versions {
		k.add("version", v.Label, v.URL, strconv.FormatBool(v.Current))
	}
	for _, r := range pd.Releases {
		k.add("release", r.Version, r.Tag, r.Commit, r.Date, r.Message, r.URL)
		for _, c := range r.Changes {
			k.add("change", c.Commit, c.Subject, c.Date)
		}
	}
	for _, c := range pd.Unreleased {
		k.add("unreleased", c.Commit, c.Subject, c.Date)
	}
	for _, md := range pd.Modules {
		k.add("module", md.Name, md.ID, md.Kind, md.Description, md.URL, md.Instance, md.AppSnippet, md.File)
		for _, v := range md.Versions {
			k.add("version", v.Label, v.URL, strconv.FormatBool(v.Current))
		}
	}
}

func (k *keyWriter) nav(items []*NavItem, depth int) {
	for _, it := range items {
		k.add("nav", strconv.Itoa(depth), it.Title, it.URL, strconv.Itoa(it.Weight), strconv.FormatBool(it.Section))
		k.nav(it.Children, depth+1)
	}
}

// changes are the workspace paths that changed since the previous rendering.
type changes struct {
	all bool // anything may have changed
	set map[string]bool
}

func newChanges(paths []string) changes {
	if paths == nil {
		return changes{all: true}
	}
	c := changes{set: make(map[string]bool, len(paths))}
	for _, p := range paths {
		p = strings.Trim(path.Clean("/"+p), "/")
		if p == "" {
			return changes{all: true}
		}
		c.set[p] = true
	}
	return c
}

// touches reports whether the file p, or a directory holding it, changed.
func (c changes) touches(p string) bool {
	if c.all {
		return true
	}
	for {
		if c.set[p] {
			return true
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			return false
		}
		p = p[:i]
	}
}

// within reports whether the directory dir or anything in it changed.
func (c changes) within(dir string) bool {
	if c.touches(dir) {
		return true
	}
	for p := range c.set {
		if strings.HasPrefix(p, dir+"/") {
			return true
		}
	}
	return false
}
