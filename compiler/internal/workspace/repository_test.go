package workspace

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestRepository reads modc.json's "repository" in each form and checks
// the links it makes, and the located error of each bad value.
func TestRepository(t *testing.T) {
	load := func(repo string) (*Repository, string) {
		ws, msgs := Load(fstest.MapFS{"modc.json": {Data: []byte("{\n  \"repository\": " + repo + "\n}\n")}})
		return ws.Config.Repository, msgs.String()
	}
	for _, c := range []struct {
		repo, edit, source, release string
	}{
		{`"https://github.com/acme/mods/"`,
			"https://github.com/acme/mods/edit/main/content/cli.md",
			"https://github.com/acme/mods/blob/main/modules/auth/tok/main.js#L12",
			"https://github.com/acme/mods/blob/auth/v1.2.0/modules/auth/tok/main.js"},
		{`{"url": "https://gitlab.com/acme/mods", "branch": "trunk", "dir": "web/mods"}`,
			"https://gitlab.com/acme/mods/-/edit/trunk/web/mods/content/cli.md",
			"https://gitlab.com/acme/mods/-/blob/trunk/web/mods/modules/auth/tok/main.js#L12",
			"https://gitlab.com/acme/mods/-/blob/auth/v1.2.0/web/mods/modules/auth/tok/main.js"},
		{`{"url": "https://git.acme.io/mods", "editURL": "{url}/_edit/{branch}/{path}", "sourceURL": "{url}/src/branch/{branch}/{path}#L{line}"}`,
			"https://git.acme.io/mods/_edit/main/content/cli.md",
			"https://git.acme.io/mods/src/branch/main/modules/auth/tok/main.js#L12",
			"https://git.acme.io/mods/src/branch/auth/v1.2.0/modules/auth/tok/main.js"},
	} {
		r, msgs := load(c.repo)
		if msgs != "" || r == nil {
			t.Errorf("%s: %s", c.repo, msgs)
			continue
		}
		if got := r.Edit("content/cli.md"); got != c.edit {
			t.Errorf("%s: edit %s, want %s", c.repo, got, c.edit)
		}
		if got := r.Source("", "modules/auth/tok/main.js", 12); got != c.source {
			t.Errorf("%s: source %s, want %s", c.repo, got, c.source)
		}
		if got := r.Source("auth/v1.2.0", "modules/auth/tok/main.js", 0); got != c.release {
			t.Errorf("%s: release source %s, want %s", c.repo, got, c.release)
		}
	}
	if r, msgs := load(`null`); r != nil || msgs != "" {
		t.Errorf("null: %+v %s", r, msgs)
	}
	if got := (*Repository)(nil).Edit("content/x.md"); got != "" {
		t.Errorf("no repository: edit link %q", got)
	}
	for repo, want := range map[string]string{
		`"github.com/acme/mods"`: `modc.json:2:17: error: the repository's URL must be an absolute http(s) URL, not "github.com/acme/mods" [workspace-bad-repository]`,
		`42`:                     `modc.json:2:17: error: "repository" must be a string or an object, not number [json-wrong-type]`,
		`{"branch": "main"}`:     `modc.json:2:17: error: "repository" has no "url" [workspace-bad-repository]`,
		`{"url": "https://x.io/a", "brnach": "main"}`:   `modc.json:2:43: error: unknown field "brnach" in "repository" [json-unknown-field]`,
		`{"url": "https://x.io/a", "branch": "a b"}`:    `modc.json:2:53: error: "a b" is not a git branch name [workspace-bad-repository]`,
		`{"url": "https://x.io/a", "dir": "../up"}`:     `modc.json:2:50: error: "dir" must be the workspace's directory in the repository, a relative path such as "docs/mods", not "../up" [workspace-bad-repository]`,
		`{"url": "https://x.io/a", "editURL": "{url}"}`: `modc.json:2:54: error: "editURL" must be an http(s) URL with {path} in it, not "{url}" [workspace-bad-repository]`,
	} {
		if _, msgs := load(repo); !strings.Contains(msgs, want) {
			t.Errorf("%s: got\n%s\nwant %s", repo, msgs, want)
		}
	}
}
