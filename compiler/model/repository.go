package model

import (
	"net/url"
	"path"
	"strconv"
	"strings"
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
