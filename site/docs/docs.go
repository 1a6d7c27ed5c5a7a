// Package docs renders a compiled workspace as a static documentation site
// (SPEC 8): content pages from content/**/*.md, a page per package and per
// module generated from the code, pages per released version, a client-side
// search index, and the theme's assets.
//
// Pages are Go html/templates. The default theme is package templates
// (embedded in the binary); a workspace's own templates/ directory replaces
// any of its files by name, templates and assets alike. Templates get a
// *Page as dot; its fields, documented below, are the theme's contract.
//
// Every link in markdown (content pages and module READMEs) is checked:
// a link to a page or file that the site does not have, or to an anchor
// the target page does not have, is an error at the link's position. Links
// to .md files are rewritten to the pages they become, and every internal
// link is written relative to the page, so the site works under any base
// path. The output depends only on the input: same input, same bytes.
package docs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/model"
	"github.com/modc-dev/modc/internal/parallel"
)

// Options configures Render. The zero value takes everything from the
// workspace's modc.json.
type Options struct {
	// BaseURL is the URL the site is served under (default: modc.json's
	// baseURL, else "/"). Pages link to each other relatively and do not
	// need it; it is used where relative links cannot work (404.html) and
	// for canonical links when it is an absolute http(s) URL.
	BaseURL string
	// Title is the site's title (default: modc.json's title).
	Title string
	// RawHTML lets markdown hold raw HTML (default: modc.json's rawHTML).
	// Without it raw HTML is left out of the page.
	RawHTML bool
	// Versions are the packages' versions from git (default: the result's
	// Versions). Without any, every package is shown at the working tree's
	// version, 0.0.0-dev, unreleased.
	Versions []model.PackageVersions
	// Released holds, by package and then by version (as in
	// Versions[i].Releases[j].Version.String(), e.g. "1.2.0"), the result of
	// checking the workspace at that release's commit. Each gets pages
	// under packages/<package>/<version>/, and a version switcher links
	// them. A release without an entry here is listed without pages.
	// Default: the result's Released.
	Released map[string]map[string]*compiler.Result
}

// Render renders the docs site of the checked workspace r. fsys is the
// workspace (content/ and templates/ are read from it). It returns the
// output files by slash path relative to the output root, e.g.
// "index.html", "packages/auth/index.html", "search-index.json",
// "assets/site.css", and every problem found. Pages with errors are left
// out of the files; the caller should write nothing when the list has
// errors. (To render again and again after edits, use a Renderer.)
func Render(r *compiler.Result, fsys fs.FS, opts Options) (map[string][]byte, diag.List) {
	return NewRenderer(opts).Render(r, fsys, nil)
}

// RenderTo renders as Render does, but hands every output file to write as
// soon as it is made instead of returning them all, so that a large site is
// never held in memory whole. write may be called from several goroutines
// at once, and must not keep data. The first error write returns stops the
// writing (the rendering goes on, for its messages) and is returned.
func RenderTo(r *compiler.Result, fsys fs.FS, opts Options, write func(path string, data []byte) error) (diag.List, error) {
	s := newSite(r, fsys, opts)
	s.sink = write
	s.run()
	s.msgs.Sort()
	return dedupe(s.msgs), s.sinkErr
}

// site is one rendering.
type site struct {
	res *compiler.Result
	// ws is the model of res's workspace, which the pages describe.
	ws *model.Workspace
	// outputs are the build's package versions, by directory "dist/p/v/".
	outputs map[string]*model.Output

	fsys  fs.FS
	opts  Options
	theme *theme
	md    goldmark.Markdown

	// prev is the previous rendering's state (nil for none), changed what
	// changed since: see Renderer.
	prev    *state
	changed changes

	msgs  diag.List // problems that belong to no page; pages have their own
	mu    sync.Mutex
	files map[string][]byte

	// sink, when set, takes every output file as it is made (RenderTo),
	// instead of files; pages then drop their HTML once written, keeping
	// the anchors of those that links point to (needIDs; nil for all, while
	// the content pages stream).
	sink    func(path string, data []byte) error
	sinkErr error
	needIDs map[string]bool

	info   *Site
	pages  []*Page          // every HTML page, in output order
	byPath map[string]*Page // by output path
	// sources maps a workspace .md file to the page it becomes.
	sources map[string]*Page
	// known holds every output path besides pages (assets, bundles, files
	// copied from content/).
	known map[string]bool

	// What the next rendering may reuse: see state.
	themeMsgs    diag.List
	content      map[string]*contentEntry
	contentPaths []string  // the files of content/, in walk order
	contentMsgs  diag.List // problems listing content/
	appTitles    map[string]string
	global       string
	// sameGlobal is set when the previous rendering had the same global key.
	sameGlobal bool
	// rendered and executed count the pages whose markdown was rendered
	// and whose template was executed (for tests).
	rendered, executed int // pages rendered, not restored (for tests)
	// deferEmbed leaves the pages whose only change is the embed snippet in
	// later (see Renderer.RenderFirst).
	deferEmbed bool
	later      []*Page
	// laterSearch leaves the search index for Later: it is made of every
	// page's entry (2 MB at 2,000 pages), and no page needs it to reload.
	laterSearch bool
}

func newSite(r *compiler.Result, fsys fs.FS, opts Options) *site {
	mod := r.Model()
	cfg := mod.Workspace.Config
	if opts.BaseURL == "" {
		opts.BaseURL = cfg.BaseURL
	}
	if opts.BaseURL == "" {
		opts.BaseURL = "/"
	}
	if !strings.HasSuffix(opts.BaseURL, "/") {
		opts.BaseURL += "/"
	}
	if opts.Title == "" {
		opts.Title = cfg.Title
	}
	opts.RawHTML = opts.RawHTML || cfg.RawHTML
	if opts.Versions == nil {
		opts.Versions = mod.Versions
	}
	if opts.Released == nil {
		opts.Released = r.Released
	}
	outputs := make(map[string]*model.Output, len(mod.Outputs))
	for _, o := range mod.Outputs {
		outputs[o.Dir+"/"] = o
	}
	return &site{
		res: r, ws: mod.Workspace, fsys: fsys, opts: opts, md: newMarkdown(opts.RawHTML), outputs: outputs,
		files:   map[string][]byte{},
		byPath:  map[string]*Page{},
		sources: map[string]*Page{},
		known:   map[string]bool{},
		info:    &Site{Title: opts.Title, BaseURL: opts.BaseURL, Repository: cfg.Repository},
	}
}

func (s *site) errorf(id string, loc diag.Location, format string, args ...any) {
	s.mu.Lock()
	s.msgs.Add(diag.Errorf(id, loc, format, args...))
	s.mu.Unlock()
}

func (s *site) run() {
	th, msgs := s.useTheme()
	s.msgs.Add(msgs...)
	if th == nil {
		return
	}
	s.theme = th
	for p, data := range th.assets {
		s.emit(p, s.reuse(p, data))
		s.known[p] = true
	}
	for p := range s.res.Files {
		s.known[p] = true
	}
	s.known[SearchIndexFile] = true
	s.known[SearchIndexJS] = true
	s.known[NavScript] = true
	if s.absoluteBase() {
		s.known[SitemapFile] = true
	}
	// The JSON Schemas of the workspace's files, for editors ("$schema").
	for name, data := range compiler.Schemas() {
		p := "schema/" + name
		s.emit(p, s.reuse(p, data))
		s.known[p] = true
	}

	content := s.loadContent()
	s.referencePages()
	s.contentPages(content)
	s.nav(content)
	s.info.Packages = s.packageDocs()
	s.info.Apps = s.apps()

	// Pages whose inputs did not change since the previous rendering keep
	// what it made; the others are rendered: markdown first (it needs
	// every page's path to resolve links), then templates. Then the
	// anchors every link points to are checked, on every page.
	if s.sink == nil { // a RenderTo has no next rendering to compare with
		s.global = s.globalKey()
	}
	s.sameGlobal = s.prev != nil && !s.changed.all && s.prev.global == s.global
	// nav.js is made of what the global key holds: the guide's items and
	// every package's name, URL and modules.
	if old, ok := s.reusableNav(); ok {
		s.emit(NavScript, old)
	} else if nav, err := navScript(s.info); err != nil {
		s.errorf("internal-error", diag.Location{File: NavScript}, "%v", err)
	} else {
		s.emit(NavScript, s.reuse(NavScript, nav))
	}
	var dirty, execute []*Page
	for _, p := range s.pages {
		switch s.restore(p) {
		case restoredNone:
			dirty = append(dirty, p)
			execute = append(execute, p)
		case restoredMarkdown:
			execute = append(execute, p)
		}
	}
	if s.sink != nil {
		execute = s.stream(dirty, execute)
	} else {
		parallel.Map(len(dirty), 0, func(i int) {
			if p := dirty[i]; p.render != nil {
				p.render(s)
			}
		})
	}
	parallel.Map(len(execute), 0, func(i int) { s.execute(execute[i]) })
	s.rendered, s.executed = len(dirty), len(execute)
	for _, p := range s.pages {
		s.msgs.Add(p.renderMsgs...)
		s.msgs.Add(p.msgs...)
		if p.html != nil {
			s.files[p.path()] = p.html
		}
	}
	s.checkLinks()
	// The search index waits for Later after a module edit (the first
	// rendering is whole), or with pages that wait: then the reload is
	// sent anyway, and the paths it lists count the index as changed.
	if s.deferEmbed && s.prev != nil && (len(s.later) > 0 || s.changed.within("modules")) {
		s.laterSearch = true
	} else {
		index := s.searchIndex()
		s.emit(SearchIndexFile, s.reuse(SearchIndexFile, index))
		s.emit(SearchIndexJS, s.reuse(SearchIndexJS, searchScript(index)))
	}
	if s.absoluteBase() {
		s.emit(SitemapFile, s.reuse(SitemapFile, s.sitemap()))
	}
}

// stream renders the dirty pages of a build that streams its output (a
// sink) and executes its content pages, each right after its markdown, so
// that a page's HTML is held from its rendering to its writing only, not
// until every page is rendered (at 5,000 pages, ~40 MB of the peak heap).
// The other pages are rendered first: any template may read the packages'
// and modules' docs (Site.Packages) that rendering their pages fills in,
// while no template reads a content page's. It returns the pages of
// execute left to execute, and sets needIDs for them; the content pages
// keep all their ids (executeTo), since links to them are not all known
// while they run.
func (s *site) stream(dirty, execute []*Page) []*Page {
	var content, other []*Page
	for _, p := range dirty {
		switch {
		case p.content && p.render != nil:
			content = append(content, p)
		case p.render != nil:
			other = append(other, p)
		}
	}
	parallel.Map(len(other), 0, func(i int) { other[i].render(s) })
	s.needIDs = nil // every id
	parallel.Map(len(content), 0, func(i int) {
		p := content[i]
		p.render(s)
		s.execute(p)
		// Nothing renders it again (no next rendering compares keys):
		// let its markdown go too.
		p.render, p.key = nil, pageKey{}
	})
	if s.prev == nil {
		for _, p := range content {
			if e := s.content[p.Source]; e != nil {
				e.cf = nil
			}
		}
	}
	s.needIDs = map[string]bool{}
	for _, p := range s.pages {
		for _, ref := range p.refs {
			if ref.anchor != "" {
				s.needIDs[ref.target] = true
			}
		}
	}
	streamed := make(map[*Page]bool, len(content))
	for _, p := range content {
		streamed[p] = true
	}
	rest := execute[:0:0]
	for _, p := range execute {
		if !streamed[p] {
			rest = append(rest, p)
		}
	}
	return rest
}

// emit adds an output file: to files, or through the sink.
func (s *site) emit(p string, data []byte) {
	if s.sink == nil {
		s.files[p] = data
		return
	}
	s.mu.Lock()
	failed := s.sinkErr != nil
	s.mu.Unlock()
	if failed {
		return
	}
	if err := s.sink(p, data); err != nil {
		s.mu.Lock()
		if s.sinkErr == nil {
			s.sinkErr = err
		}
		s.mu.Unlock()
	}
}

// addPage registers a page at its URL ("" is the home page, "a/b/" a directory).
func (s *site) addPage(p *Page) *Page {
	p.Site, p.site = s.info, s
	p.Root = rootOf(p.URL)
	if prev := s.byPath[p.path()]; prev != nil {
		s.errorf("docs-duplicate-page", p.loc, "%s and %s are both the page %s", prev.Source, p.Source, "/"+p.URL)
		return prev
	}
	s.byPath[p.path()] = p
	s.pages = append(s.pages, p)
	return p
}

// execute runs the page's template into its output file.
func (s *site) execute(p *Page) {
	if s.sink != nil {
		s.executeTo(p)
		return
	}
	var buf bytes.Buffer
	if s.prev != nil {
		if old := s.prev.pages[p.path()]; old != nil {
			buf.Grow(len(old.html) + len(old.html)/8)
		}
	}
	if err := s.theme.execute(&buf, p); err != nil {
		p.msgs.Add(s.theme.diagnose(err, p))
		return
	}
	p.html = s.reuse(p.path(), buf.Bytes())
	s.sameIDs(p)
}

// pageOut holds the buffers executeTo hands pages to the sink in.
var pageOut = newBufferList()

// executeTo runs the page's template into a reused buffer, takes from the
// output what the rest of the rendering needs (the search entries, and the
// anchors if links point to the page), and hands it to the sink.
func (s *site) executeTo(p *Page) {
	buf := pageOut.get()
	defer func() {
		buf.Reset()
		pageOut.put(buf)
	}()
	if err := s.theme.execute(buf, p); err != nil {
		p.msgs.Add(s.theme.diagnose(err, p))
		return
	}
	p.html = buf.Bytes()
	if s.needIDs == nil || s.needIDs[p.path()] {
		p.ids = idsOf(p.html)
	}
	p.search = encodeDoc(searchDocOf(p))
	p.html = nil
	p.Content = "" // written; no later rendering reuses it
	s.emit(p.path(), buf.Bytes())
}

// apps lists the apps among the build's files, titled by their app.json
// (read again only when it changed).
func (s *site) apps() []Link {
	var out []Link
	s.appTitles = map[string]string{}
	for p := range s.res.Files {
		name, ok := strings.CutSuffix(strings.TrimPrefix(p, "apps/"), "/index.html")
		if !ok || !strings.HasPrefix(p, "apps/") || strings.Contains(name, "/") {
			continue
		}
		file := "apps/" + name + "/app.json"
		title, cached := "", false
		if s.prev != nil && !s.changed.touches(file) {
			title, cached = s.prev.appTitles[name]
		}
		if !cached {
			title = name
			if data, err := fs.ReadFile(s.fsys, file); err == nil {
				var app struct {
					Title string `json:"title"`
				}
				if json.Unmarshal(bytes.TrimPrefix(data, []byte("\uFEFF")), &app) == nil && app.Title != "" {
					title = app.Title
				}
			}
		}
		s.appTitles[name] = title
		out = append(out, Link{Title: title, URL: "apps/" + name + "/"})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
}

// rootOf returns the relative path from a page's URL to the site root.
func rootOf(url string) string {
	n := strings.Count(url, "/")
	if n == 0 {
		return "./"
	}
	return strings.Repeat("../", n)
}

// dedupe drops repeated messages (a template error is found on every page
// the template renders).
func dedupe(l diag.List) diag.List {
	var out diag.List
	seen := map[string]bool{}
	for _, m := range l {
		key := fmt.Sprintf("%s|%s|%s", m.Severity, m.Location, m.Text)
		if !seen[key] {
			seen[key] = true
			out = append(out, m)
		}
	}
	return out
}

// Site is what every page knows about the whole site.
type Site struct {
	Title   string
	BaseURL string // ends with "/"
	// Nav is the content pages as a tree, ordered by weight, then title.
	Nav []*NavItem
	// Packages are the workspace's packages at the working tree's version.
	Packages []*PackageDoc
	// Apps link the apps the build made (apps/<app>/index.html), by title.
	Apps []Link
	// Repository is modc.json's "repository" (nil without one): where
	// Page.EditURL and Page.SourceURL link to.
	Repository *model.Repository
}

// NavItem is one entry of the sidebar: a content page or a section
// (a directory of content/, whose page is its _index.md).
type NavItem struct {
	Title    string
	URL      string // site-root-relative; "" for the home page
	Weight   int
	Children []*NavItem
	// Section is set for a directory of content/.
	Section bool
}

// Link is a titled site-root-relative URL.
type Link struct {
	Title string
	URL   string
}

// TOCEntry is a heading of the page, for "On this page".
type TOCEntry struct {
	Level int
	ID    string
	Text  string
	// Code is set when the heading is one code span (## `storeValue`):
	// the search indexes it as an API's entry.
	Code bool
	// section marks the headings of the page's template (Usage,
	// Functions…), which the template renders from this entry (Page.Heading,
	// Page.Anchor); the others are the headings of its markdown.
	section bool
}

// section is the TOC entry of a heading the page's template renders.
func section(level int, id, text string) TOCEntry {
	return TOCEntry{Level: level, ID: id, Text: text, section: true}
}

// Heading renders the heading of the page's section id — level, id and
// text as its "On this page" entry says, so the two cannot differ. A
// section that is not on the list is an error, and so is one on the list
// that the template does not render.
func (p *Page) Heading(id string) (template.HTML, error) {
	e, err := p.section(id)
	if err != nil {
		return "", err
	}
	return template.HTML(fmt.Sprintf(`<h%d id="%s">%s</h%d>`, e.Level, template.HTMLEscapeString(e.ID), template.HTMLEscapeString(e.Text), e.Level)), nil
}

// Anchor returns the id of the page's section id, for an element that
// holds the section's heading itself (a function's).
func (p *Page) Anchor(id string) (string, error) {
	e, err := p.section(id)
	if err != nil {
		return "", err
	}
	return e.ID, nil
}

// section finds the section id among the page's TOC entries and notes
// that the template rendered it.
func (p *Page) section(id string) (*TOCEntry, error) {
	for i := range p.TOC {
		if e := &p.TOC[i]; e.section && e.ID == id {
			if i < len(p.headed) {
				p.headed[i] = true
			}
			return e, nil
		}
	}
	return nil, fmt.Errorf("the page has no section %q (its sections: %s)", id, strings.Join(p.sections(), ", "))
}

// sections lists the ids of the page's sections.
func (p *Page) sections() []string {
	var ids []string
	for _, e := range p.TOC {
		if e.section {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// Page is the data every template executes with.
type Page struct {
	// Kind is "home", "page" (a content page), "packages" (the package
	// index), "package", "module" or "404".
	Kind        string
	Title       string
	Description string
	// URL is the page's site-root-relative URL: "" for the home page,
	// "getting-started/", "packages/auth/manage_tokens/".
	URL string
	// Root is the relative path from the page to the site root ("./",
	// "../../"): templates write links as {{.Root}}{{.Other.URL}}. On the
	// 404 page it is the base URL, since that page is served at any path.
	Root string
	// Content is the page's rendered markdown (content pages).
	Content template.HTML
	// HasTitle is set when Content starts with its own level-1 heading.
	HasTitle bool
	// TOC lists the page's level-2 and level-3 headings.
	TOC []TOCEntry
	// Prev and Next link the content pages in sidebar order.
	Prev, Next *Link
	// Breadcrumbs lead from the site root to the page's parent.
	Breadcrumbs []Link
	// Package is the package shown (package and module pages).
	Package *PackageDoc
	// Module is the module shown (module pages).
	Module *ModuleDoc
	// Source is the workspace file the page comes from, e.g.
	// "content/cli.md" or "modules/auth/manage_tokens".
	Source string
	Site   *Site

	loc    diag.Location
	site   *site
	file   string // the output file when it is not URL/index.html
	render func(*site)
	// content is set on a page made from a markdown file of content/:
	// no other page's template reads what rendering it makes.
	content bool
	html    []byte

	// What rendering the page found, and what it depends on (see state).
	key        pageKey
	renderMsgs diag.List // problems found rendering the page's markdown
	msgs       diag.List // problems found executing its template
	refs       []linkRef // links to check for their anchors
	deps       []string  // workspace files whose existence the messages tell of
	ids        map[string]bool
	search     []byte // the page's entries of the search index, encoded
	headed     []bool // which TOC entries the template rendered (Heading, Anchor)
}

// path is the page's output file.
func (p *Page) path() string {
	if p.file != "" {
		return p.file
	}
	return p.URL + "index.html"
}

// EditURL returns the link that edits the page's markdown file on its git
// host, from modc.json's "repository"; "" without one, and for pages not
// made from a file of content/.
func (p *Page) EditURL() string {
	if p.site == nil || p.site.sources[p.Source] != p || !strings.HasPrefix(p.Source, "content/") {
		return ""
	}
	return p.Site.Repository.Edit(p.Source)
}

// SourceURL returns the link to the workspace file at line (0 for none)
// on its git host, from modc.json's "repository", at the page's release
// tag on a released version's page; "" without a repository.
func (p *Page) SourceURL(file string, line int) string {
	ref := ""
	if pd := p.Package; pd != nil && !pd.Latest && pd.Released {
		ref = pd.Name + "/v" + pd.Version
	}
	return p.Site.Repository.Source(ref, file, line)
}

// Canonical returns the page's absolute URL when the base URL is an absolute http(s) URL.
func (p *Page) Canonical() string {
	b := p.Site.BaseURL
	if strings.HasPrefix(b, "http://") || strings.HasPrefix(b, "https://") {
		return b + p.URL
	}
	return ""
}

// NavTree returns the sidebar's tree of content pages (Site.Nav) as HTML:
// nested lists of links, the sections holding the page open, the page's own
// link marked aria-current="page". A list longer than 50 entries (at any
// level) shows only a window of 21 around the entry that is or holds the
// page (its first 21 when it holds neither); each run of hidden entries
// becomes one "… N more" entry linking to the hidden entry next to the
// window, so that a page's sidebar does not grow with the size of the site.
// (A theme may render Site.Nav itself instead.)
func (p *Page) NavTree() template.HTML {
	var b strings.Builder
	navList(&b, p.Site.Nav, p.Root, p.URL, "pages")
	return template.HTML(b.String())
}

// The sidebar's window on long lists: lists of up to navLong entries are
// shown whole, longer ones navWindow entries around the current one.
const (
	navLong   = 50
	navWindow = 21
)

// navWindowOf returns the window [lo, hi) of a list of n entries shown
// when the entry at cur (-1 for none) is the current one.
func navWindowOf(n, cur int) (lo, hi int) {
	if n <= navLong {
		return 0, n
	}
	lo = max(0, min(cur-navWindow/2, n-navWindow))
	return lo, lo + navWindow
}

// navMore writes the entry standing for n hidden entries (what: "pages")
// of a list, before or after its window; it links to the hidden entry next
// to the window (title, href).
func navMore(b *strings.Builder, n int, what, where, title, href string) {
	fmt.Fprintf(b, `<li class="nav-more"><a href="%s" aria-label="%d more %s %s; go to %s">… %d more</a></li>`,
		template.HTMLEscapeString(href), n, what, where, template.HTMLEscapeString(title), n)
}

// navList writes items as a nested list for the page at url; the children
// of sections that hold the page are listed.
func navList(b *strings.Builder, items []*NavItem, root, url, what string) {
	cur := -1
	for i, it := range items {
		if it.URL == url || it.Section && strings.HasPrefix(url, it.URL) {
			cur = i
			break
		}
	}
	lo, hi := navWindowOf(len(items), cur)
	b.WriteString("<ul>\n")
	if lo > 0 {
		navMore(b, lo, what, "before", items[lo-1].Title, root+items[lo-1].URL)
		b.WriteString("\n")
	}
	for _, it := range items[lo:hi] {
		if it.Section {
			b.WriteString(`<li class="section">`)
		} else {
			b.WriteString("<li>")
		}
		b.WriteString(`<a href="` + template.HTMLEscapeString(root+it.URL) + `"`)
		if it.URL == url {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteString(">" + template.HTMLEscapeString(it.Title) + "</a>")
		if len(it.Children) > 0 && strings.HasPrefix(url, it.URL) {
			b.WriteString("\n")
			navList(b, it.Children, root, url, what)
		}
		b.WriteString("</li>\n")
	}
	if hi < len(items) {
		navMore(b, len(items)-hi, what, "after", items[hi].Title, root+items[hi].URL)
		b.WriteString("\n")
	}
	b.WriteString("</ul>")
}

// PackageTree returns the sidebar's list of packages (Site.Packages) as
// HTML: a link to each package, and the modules of the package the page is
// in, the page's own link marked aria-current="page". Long lists are
// windowed as in NavTree.
func (p *Page) PackageTree() template.HTML {
	var b strings.Builder
	pkgs := p.Site.Packages
	b.Grow(80 * (min(len(pkgs), navLong) + 2))
	cur := -1
	for i, pd := range pkgs {
		if p.InSection(pd.URL) {
			cur = i
			break
		}
	}
	link := func(url string) {
		b.WriteString(`<a href="` + template.HTMLEscapeString(p.Root+url) + `"`)
		if url == p.URL {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteString(">")
	}
	more := func(indent string, n int, what, where, title, url string) {
		b.WriteString("\n" + indent)
		navMore(&b, n, what, where, title, p.Root+url)
	}
	lo, hi := navWindowOf(len(pkgs), cur)
	b.WriteString("<ul>")
	if lo > 0 {
		more("    ", lo, "packages", "before", pkgs[lo-1].Name, pkgs[lo-1].URL)
	}
	for i, pd := range pkgs[lo:hi] {
		b.WriteString("\n    <li>\n      ")
		link(pd.URL)
		b.WriteString(template.HTMLEscapeString(pd.Name) + "</a>")
		if lo+i == cur {
			mods := pd.Modules
			b.Grow(120 * (min(len(mods), navLong) + 2))
			b.WriteString("\n      <ul>")
			mcur := -1
			for j, md := range mods {
				if md.URL == p.URL {
					mcur = j
					break
				}
			}
			mlo, mhi := navWindowOf(len(mods), mcur)
			if mlo > 0 {
				more("        ", mlo, "modules", "before", mods[mlo-1].Name, mods[mlo-1].URL)
			}
			for _, md := range mods[mlo:mhi] {
				b.WriteString("\n        <li>")
				link(md.URL)
				kind := "Q"
				if md.Kind == "js" {
					kind = "JS"
				}
				b.WriteString(`<span class="kind kind-` + template.HTMLEscapeString(md.Kind) + `">` + kind + "</span>" + template.HTMLEscapeString(md.Name) + "</a></li>")
			}
			if mhi < len(mods) {
				more("        ", len(mods)-mhi, "modules", "after", mods[mhi].Name, mods[mhi].URL)
			}
			b.WriteString("\n      </ul>")
		}
		b.WriteString("\n    </li>")
	}
	if hi < len(pkgs) {
		more("    ", len(pkgs)-hi, "packages", "after", pkgs[hi].Name, pkgs[hi].URL)
	}
	b.WriteString("\n  </ul>")
	return template.HTML(b.String())
}

// InSection reports whether the page is url or below it (for the sidebar).
func (p *Page) InSection(url string) bool {
	if url == "" {
		return p.URL == ""
	}
	return strings.HasPrefix(p.URL, url)
}

// sortNav orders items by weight, then title, then URL, recursively.
func sortNav(items []*NavItem) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.URL < b.URL
	})
	for _, it := range items {
		sortNav(it.Children)
	}
}
