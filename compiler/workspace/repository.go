package workspace

import (
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/jsonpos"
)

// Repository is modc.json's "repository": where the workspace's files are
// on a git host, for the docs site's "Edit this page" and source links.
// modc.json gives it as the repository's URL, or as an object.
type Repository struct {
	// URL is the repository's web page, e.g. "https://github.com/acme/mods"
	// (without a trailing slash).
	URL string `json:"url"`
	// Branch is the branch links point to (default "main").
	Branch string `json:"branch,omitempty"`
	// Dir is the workspace's directory in the repository ("" for its root).
	Dir string `json:"dir,omitempty"`
	// EditURL and SourceURL are the links' templates, with {url},
	// {branch}, {path} (the file's path in the repository) and, in
	// SourceURL, {line}. The defaults are GitHub's, and GitLab's for a host
	// named gitlab.*: {url}/edit/{branch}/{path} and
	// {url}/blob/{branch}/{path}#L{line}.
	EditURL   string `json:"editURL,omitempty"`
	SourceURL string `json:"sourceURL,omitempty"`
}

// Edit returns the URL of the page that edits the workspace file p (a
// slash path such as "content/cli.md"), or "" when r is nil.
func (r *Repository) Edit(p string) string {
	if r == nil {
		return ""
	}
	return r.expand(r.EditURL, "", p, 0)
}

// Source returns the URL that shows the workspace file p at line (none
// when 0) at the git ref (a tag such as "auth/v1.2.0"; "" for the
// branch), or "" when r is nil.
func (r *Repository) Source(ref, p string, line int) string {
	if r == nil {
		return ""
	}
	return r.expand(r.SourceURL, ref, p, line)
}

// escapeSegments escapes each segment of a slash path for a URL.
func escapeSegments(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

func (r *Repository) expand(tmpl, ref, p string, line int) string {
	if line <= 0 {
		// Leave out the fragment that holds the line.
		if i := strings.LastIndexByte(tmpl, '#'); i >= 0 && strings.Contains(tmpl[i:], "{line}") {
			tmpl = tmpl[:i]
		}
	}
	full := p
	if r.Dir != "" {
		full = path.Join(r.Dir, p)
	}
	if ref == "" {
		ref = r.Branch
	}
	return strings.NewReplacer("{url}", r.URL, "{branch}", escapeSegments(ref), "{path}", escapeSegments(full),
		"{line}", strconv.Itoa(line)).Replace(tmpl)
}

// repositoryHint is the note of every error about "repository".
const repositoryHint = `"repository" is the repository's URL, "https://github.com/acme/mods", or {"url": …, "branch": "main", "dir": …, "editURL": …, "sourceURL": …}`

// repository reads modc.json's "repository".
func (l *loader) repository(src *diag.Source, n *jsonpos.Node) {
	r := &Repository{Branch: "main"}
	urlNode := n
	switch n.Kind {
	case jsonpos.String:
		r.URL = n.Str
	case jsonpos.Object:
		if !l.fields(src, n, `"repository"`, "url", "branch", "dir", "editURL", "sourceURL") {
			return
		}
		urlNode = n.Get("url")
		if urlNode == nil {
			l.errorf("workspace-bad-repository", src.Loc(n.Offset), `"repository" has no "url"`).Notes = []diag.Note{{Text: repositoryHint}}
			return
		}
		for key, dst := range map[string]*string{"url": &r.URL, "branch": &r.Branch, "dir": &r.Dir, "editURL": &r.EditURL, "sourceURL": &r.SourceURL} {
			if v := n.Get(key); v != nil {
				if v.Kind != jsonpos.String {
					l.errorf("json-wrong-type", src.Loc(v.Offset), "%q must be a string, not %s", key, v.Kind)
					return
				}
				*dst = v.Str
			}
		}
		if v := n.Get("branch"); v != nil && (r.Branch == "" || strings.ContainsAny(r.Branch, " \t\n~^:?*[\\")) {
			l.errorf("workspace-bad-repository", src.Loc(v.Offset), "%q is not a git branch name", r.Branch)
			return
		}
		if v := n.Get("dir"); v != nil {
			r.Dir = strings.Trim(r.Dir, "/")
			if d := path.Clean(r.Dir); d == ".." || strings.HasPrefix(d, "../") || strings.HasPrefix(v.Str, "/") || d != r.Dir && r.Dir != "" {
				l.errorf("workspace-bad-repository", src.Loc(v.Offset), `"dir" must be the workspace's directory in the repository, a relative path such as "docs/mods", not %q`, v.Str)
				return
			}
		}
		for key, tmpl := range map[string]string{"editURL": r.EditURL, "sourceURL": r.SourceURL} {
			if v := n.Get(key); v != nil && (!httpURL(strings.NewReplacer("{url}", "https://h", "{branch}", "b", "{path}", "p", "{line}", "1").Replace(tmpl)) || !strings.Contains(tmpl, "{path}")) {
				l.errorf("workspace-bad-repository", src.Loc(v.Offset), "%q must be an http(s) URL with {path} in it, not %q", key, tmpl).Notes =
					[]diag.Note{{Text: `for example "https://git.example.com/acme/mods/src/branch/{branch}/{path}#L{line}"; {url}, {branch}, {path} and {line} are replaced`}}
				return
			}
		}
	default:
		l.errorf("json-wrong-type", src.Loc(n.Offset), `"repository" must be a string or an object, not %s`, n.Kind).Notes = []diag.Note{{Text: repositoryHint}}
		return
	}
	if !httpURL(r.URL) {
		l.errorf("workspace-bad-repository", src.Loc(urlNode.Offset), "the repository's URL must be an absolute http(s) URL, not %q", r.URL).Notes = []diag.Note{{Text: repositoryHint}}
		return
	}
	r.URL = strings.TrimSuffix(r.URL, "/")
	if r.EditURL == "" || r.SourceURL == "" {
		edit, source := "{url}/edit/{branch}/{path}", "{url}/blob/{branch}/{path}#L{line}"
		if u, _ := url.Parse(r.URL); strings.HasPrefix(u.Hostname(), "gitlab.") {
			edit, source = "{url}/-/edit/{branch}/{path}", "{url}/-/blob/{branch}/{path}#L{line}"
		}
		if r.EditURL == "" {
			r.EditURL = edit
		}
		if r.SourceURL == "" {
			r.SourceURL = source
		}
	}
	l.ws.Config.Repository = r
}

// httpURL reports whether s is an absolute http or https URL with a host.
func httpURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(s, " \t\n")
}
