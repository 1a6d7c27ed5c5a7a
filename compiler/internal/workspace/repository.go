package workspace

import (
	"net/url"
	"path"
	"strings"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/jsonpos"
	"github.com/modc-dev/modc/compiler/model"
)

// Repository is modc.json's "repository" (see model.Repository).
type Repository = model.Repository

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
