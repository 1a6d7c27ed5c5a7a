package model

import "strings"

// DevVersion is the version of every package when there is no git history
// to read it from: outside a repository, or before the first commit.
const DevVersion = "0.0.0-dev"

// ShortHashLen is the number of hex digits of a commit hash in pseudo-versions.
const ShortHashLen = 12

// NpmName returns the npm name of a package: "@scope/pkg", or "pkg" without a
// scope. scope may be written with or without its "@".
func NpmName(scope, pkg string) string {
	if scope == "" {
		return pkg
	}
	return "@" + strings.TrimPrefix(scope, "@") + "/" + pkg
}

// VarName turns a module name into a JavaScript variable name for usage
// snippets: manage_tokens → manageTokens.
func VarName(module string) string {
	var b strings.Builder
	up := false
	for _, r := range module {
		if r == '_' {
			up = b.Len() > 0
			continue
		}
		if up && r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		up = false
		b.WriteRune(r)
	}
	if b.Len() == 0 || (b.String()[0] >= '0' && b.String()[0] <= '9') {
		return "m" + b.String()
	}
	return b.String()
}

// EmbedName is the file that lists, in each package version's directory of
// dist/, its embeddable files and their integrity hashes (see Embed).
const EmbedName = "embed.json"
