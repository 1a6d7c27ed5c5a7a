package diag

// An IDDoc is one message ID and what it means, in one line.
type IDDoc struct {
	ID      string
	Meaning string
}

// An Area groups the message IDs of one part of modc.
type Area struct {
	Name string
	IDs  []IDDoc
}

// Areas lists every message ID, grouped by the part of modc that reports
// it. An ID names one kind of message wherever it is made; its text may
// vary (names, values), its ID does not. IDs are kebab-case and stable:
// an ID is never reused for another kind. The docs page
// content/diagnostics.md is made from this table (go test
// ./compiler/diag -update), and a test fails when a message is made in
// the repository's code without an ID from it.
var Areas = []Area{
	{"Workspace files", []IDDoc{
		{"json-syntax", "a JSON file does not parse"},
		{"json-wrong-type", "a JSON value has the wrong type or shape, such as a number where a string belongs"},
		{"json-unknown-field", "a JSON object has a field modc does not know (a typo?)"},
		{"json-missing-field", "a JSON object lacks a field it needs"},
		{"read-failed", "a file or directory of the workspace cannot be read"},
		{"write-failed", "an output file or directory cannot be written"},
		{"link-outside-workspace", "a symbolic link leads out of the workspace; modc reads no file outside it"},
		{"link-broken", "a symbolic link cannot be followed"},
		{"link-to-directory", "a symbolic link to a directory is skipped; modc follows links to files only"},
		{"workspace-bad-global", `modc.json's "global" is not a JavaScript identifier`},
		{"workspace-bad-repository", `modc.json's "repository" is not a repository's http(s) URL, or its branch, dir or link templates are wrong`},
		{"workspace-stray-file", "a file directly in modules/ is ignored: modules/ holds one directory per package"},
		{"unknown-package", "a package is named that is not in the workspace"},
		{"unknown-module", "a module is named that is not in the workspace"},
		{"unknown-app", "an app is named that is not in the workspace"},
		{"package-bad-name", "a package's directory name is not a valid package name"},
		{"package-empty", "a package has no modules"},
		{"module-bad-name", "a module's directory name is not a valid module name"},
		{"module-missing-file", "a module lacks a file it needs: module.json, or main.js for a JS module"},
		{"module-bad-kind", `module.json's "kind" is neither "js" nor "query"`},
		{"module-query-field", "module.json mixes the fields of JS modules and query modules"},
		{"module-query-main-js", "a query module has a main.js"},
		{"module-bad-input-name", "an input name in module.json is not a JavaScript identifier"},
		{"module-widget-not-input", `a name in "widgets" is not declared in "inputs"`},
		{"module-widget-twice", `"widgets" lists a name twice`},
		{"module-widget-hides-global", `a name in "widgets" would hide the global of that name`},
		{"settings-not-function", `"settings" configures a name that is not a function of the module`},
	}},
	{"Libraries", []IDDoc{
		{"library-bad-name", "a library's name in modc.json is not a JavaScript identifier"},
		{"library-built-in", "modc.json declares a built-in library, which needs no declaration"},
		{"library-not-installed", "a library's npm package is not installed in node_modules"},
		{"library-outside-workspace", "a library's code reads a file outside the workspace"},
		{"library-failed", "a library cannot be bundled (esbuild failed, or its package.json does not parse)"},
	}},
	{"JavaScript modules", []IDDoc{
		{"js-syntax", "main.js does not parse"},
		{"js-unsupported-syntax", "main.js uses syntax the dry-run engine does not run"},
		{"js-no-default-export", "main.js has no `export default { … }`"},
		{"js-named-export", "main.js has a named export; a module has only its default export"},
		{"js-many-default-exports", "main.js has more than one default export"},
		{"js-import", "main.js imports other code; modules cannot"},
		{"js-main-not-object", "the default export is not an object literal"},
		{"js-computed-member", "a member of the Main object has a computed name"},
		{"js-accessor", "the Main object has a getter or setter"},
		{"js-spread", "the Main object spreads another object into it"},
		{"js-duplicate-member", "the Main object defines a member twice"},
		{"js-unknown-name", "code reads a name that is not defined"},
		{"js-forbidden-name", "code reads a global that modules cannot use"},
		{"js-unknown-member", "code reads `this.x` where the Main object has no member x"},
		{"js-unknown-query-property", "code reads a property a query does not have"},
		{"js-this-outside-method", "`this` in an initializer or arrow function is the Main object only in Appsmith"},
		{"js-esbuild", "esbuild's message about a module's code, such as a duplicate case or a comparison with NaN"},
		{"esbuild-failed", "esbuild failed on a package, about no module's code in particular"},
	}},
	{"Queries", []IDDoc{
		{"query-bad-name", "a query's file name is not a JavaScript identifier"},
		{"query-bad-method", "a query's HTTP method is not one modc knows"},
		{"query-bad-status", `a mock's "status" is not an HTTP status code`},
		{"query-bad-binding", "a {{ }} binding in a query does not parse"},
		{"query-this", "a query binding reads something of this other than this.params"},
		{"query-unknown-input", "a query binding reads an input module.json does not declare"},
		{"query-unknown-name", "a query binding reads an unknown name"},
	}},
	{"Examples and dry runs", []IDDoc{
		{"example-duplicate-name", "two examples of a module have the same name"},
		{"example-checks-nothing", `an example has no "expect", "expectStore", "expectCalls" or "expectError"`},
		{"example-expect-and-error", `an example both "expect"s a result and "expectError"`},
		{"example-unknown-call", `"expectCalls" names a call that dry runs do not record`},
		{"example-not-function", `an example's "call" is not a function of the module`},
		{"example-failed", "an example ran, but its result, store or calls differ from what it expects"},
		{"example-threw", "an example's call threw, and the example expects no error"},
		{"dry-run-threw", "evaluating main.js, or a timer callback, threw"},
		{"dry-run-timeout", "a dry run did not finish within its time budget (--dry-run-timeout)"},
		{"dry-run-memory", "a dry run used more memory than it may"},
		{"dry-run-stack-overflow", "a dry run exceeded the call stack limit"},
		{"dry-run-stuck", "a dry run returned a promise that never settles, or a timer that never ends"},
		{"dry-run-failed", "a dry run failed for another reason"},
		{"dry-run-not-object", "the default export evaluates to something other than an object"},
		{"dry-run-initializer-threw", "the initial value of a variable threw; it starts undefined, as in Appsmith"},
		{"dry-run-unsupported", "the dry run cannot compile the module's code"},
		{"dry-run-worker-failed", "a dry-run worker process could not start or stopped"},
	}},
	{"Apps", []IDDoc{
		{"app-bad-name", "an app, widget or instance name is not a valid name"},
		{"app-no-app-json", "a directory in apps/ has no app.json, so it is not an app"},
		{"app-no-pages", "an app has no pages"},
		{"app-duplicate-page", "two pages of an app have the same name"},
		{"app-page-name-scheme", "a page name reads as a URL with a scheme, which navigateTo refuses"},
		{"app-duplicate-widget", "two widgets of an app have the same name"},
		{"app-duplicate-function", "an instance's list of functions names one twice"},
		{"app-name-taken", "a widget or instance name is already taken"},
		{"app-unknown-widget-type", "a widget's type is not one modc knows"},
		{"app-unknown-property", "a widget has a property its type does not have"},
		{"app-unknown-function", "an instance lists a name that is not a function of its module"},
		{"app-unknown-input", "an instance sets an input its module does not have"},
		{"app-package-not-listed", `an instance's package is not in the app's "packages"`},
		{"app-unused-package", `a package in the app's "packages" is used by no instance`},
		{"app-bad-range", "a package's version in app.json is not a semver range"},
		{"app-no-version", "no version of a package satisfies the app's range"},
		{"app-bundle-missing", "the bundle of a package version an app uses was not built"},
		{"app-binding-cycle", "bindings read each other in a cycle"},
		{"app-page-load-cycle", "the functions that run on page load need each other's results in a cycle"},
		{"app-nested-list", "a list widget is inside another list"},
		{"app-bad-theme", "a value of an app's \"theme\" is not one a theme accepts"},
		{"app-bad-layout", "a widget's grid position or size is invalid"},
		{"app-bad-css-path", "an app's \"css\" is not the path of a .css file inside the app's directory"},
		{"app-css-too-large", "an app's style sheet is larger than an app's may be"},
	}},
	{"Bindings", []IDDoc{
		{"binding-syntax", "a {{ }} binding or event handler does not parse"},
		{"binding-unclosed", `"{{" without a closing "}}": the text is not a binding`},
		{"binding-bad-handler", "an event handler is not exactly one {{ }} binding"},
		{"binding-this", "a binding uses `this`, which has no meaning there"},
		{"binding-unknown-name", "a binding reads an unknown name"},
		{"binding-forbidden-name", "a binding reads a name that is not available in bindings"},
		{"binding-unknown-member", "a binding reads a property or member that its widget, instance or query does not have"},
		{"binding-list-item", "a binding reads a widget of a list's items, or currentItem, from outside that list"},
		{"binding-side-effect", "a data property runs an action, which only event handlers may"},
	}},
	{"Bundles and npm", []IDDoc{
		{"bundle-bad-version", "a version cannot name an output directory"},
		{"npm-bad-scope", `"npmScope" is not a valid npm scope`},
		{"npm-not-semver", "a version is not semantic, so it gets no npm package"},
		{"npm-failed", "the npm package of a version cannot be made"},
	}},
	{"Docs site", []IDDoc{
		{"docs-front-matter", "a page's front matter is not closed or does not decode"},
		{"docs-markdown", "a page's markdown cannot be rendered"},
		{"docs-broken-link", "a link leads to no page or file"},
		{"docs-broken-anchor", "a link's #anchor is on no heading of its page"},
		{"docs-duplicate-page", "two files make the same page"},
		{"docs-bad-file-name", "a content file's name has a control or bidi character"},
		{"docs-not-utf8", "a content file is not UTF-8 text"},
		{"docs-overwrites-output", "a content page would overwrite a file of the build output"},
		{"docs-template", "a template of the theme fails to parse or to run"},
		{"docs-missing-template", "the theme lacks a template it needs"},
		{"docs-anchors-changed", "the anchors of a page changed with a bundle's hash, so every page is rendered again"},
	}},
	{"Git, versions and releases", []IDDoc{
		{"git-no-repository", "the workspace is not in a git repository, so every package is the development version"},
		{"git-no-commits", "the git repository has no commits yet"},
		{"git-shallow-clone", "the repository is a shallow clone: history before its boundary is unknown"},
		{"git-read-failed", "the git repository or one of its commits cannot be read"},
		{"git-unknown-revision", "--ref names no revision of the repository"},
		{"release-tag-invalid", "a tag looks like a release but does not parse as one; it is ignored"},
		{"release-tag-plain", "a plain vX.Y.Z tag in a workspace of more than one package; it is ignored"},
		{"release-tag-unknown-package", "a release tag names a package that is not in the workspace; it is ignored"},
		{"release-tag-not-commit", "a release tag names no commit"},
		{"release-tag-no-package", "a release tag's commit does not have its package; it is ignored"},
		{"release-tag-duplicate", "two tags name the same release on different commits; the first is used"},
		{"release-tag-missing-commit", "the commit of a release tag is not in the repository, so that release cannot be built"},
		{"release-not-built", "a release cannot be built from its commit"},
		{"release-bad-version", "modc release was given a version that is not valid, or not greater than the last release"},
		{"release-no-git", "modc release runs outside a git repository"},
		{"release-uncommitted", "the package to release has changes that are not committed"},
		{"release-package-not-committed", "the package to release is not in HEAD"},
		{"release-tag-exists", "the tag of the release exists already"},
		{"release-tag-failed", "the tag of the release cannot be created"},
		{"release-no-identity", "git does not know who you are, so it cannot sign the tag"},
		{"publish-tag-deleted", "a push deletes a release tag, so its version disappears from the published output"},
		{"publish-tag-moved", "a push moves a release tag; a published release does not change"},
		{"publish-version-released", "a pushed tag releases a version that another tag released already"},
		{"publish-version-twice", "a push releases one version as two tags"},
	}},
	{"Appsmith import", []IDDoc{
		{"import-not-export", "the source is not an Appsmith git export"},
		{"import-not-application", "the export is an Appsmith package or workflow, not an application"},
		{"import-newer-format", "the export's file format is newer than the import knows; what it does not recognise is left out"},
		{"import-unexpected-json", "an Appsmith file has a JSON value of another type than Appsmith writes"},
		{"import-bad-widget", "a widget in a page's layout does not read"},
		{"import-no-code", "a JS object has no code"},
		{"import-binding-object", "a JS object is a {{ }} binding, not a JS object"},
		{"import-duplicate-query", "a page has two queries of one name; the second is left out"},
		{"import-bad-query-name", "a query's name cannot name a private query; it is left out"},
		{"import-unknown-selection", "--pages or --objects names a page or JS object the export does not have"},
		{"import-module-clash", "two JS objects map to the same module"},
		{"import-would-replace", "importing would replace a module or app that no import made"},
		{"import-unknown-library", "a library's npm package cannot be told from the export; it is left out"},
		{"import-library-clash", "modc.json declares the app's library as another package; the app's is left out"},
		{"import-bad-modc-json", "modc.json does not parse, so the libraries cannot be added to it"},
	}},
	{"modc itself", []IDDoc{
		{"devserver-build-failed", "the devserver could not run a build"},
		{"internal-error", "something that should not happen happened: a bug in modc, please report it"},
	}},
}

// Meaning returns the meaning of the message ID id, and whether Areas
// lists it.
func Meaning(id string) (string, bool) {
	for _, a := range Areas {
		for _, d := range a.IDs {
			if d.ID == id {
				return d.Meaning, true
			}
		}
	}
	return "", false
}
